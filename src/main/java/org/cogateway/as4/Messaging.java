package org.cogateway.as4;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes and reads the eb:Messaging header of ebMS 3.0 (core §5) in a SOAP 1.2 envelope, for
 * user messages, receipts (with ebbp:NonRepudiationInformation, AS4 profile §5.1.8) and errors.
 */
final class Messaging {
    private Messaging() {
    }

    /** Thrown when a received envelope is not an ebMS message we can read. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    static Document userMessage(UserMessageHeader h) {
        Element messaging = newEnvelope();
        Element um = Xml.append(messaging, Ebms.NS, "eb:UserMessage", null);
        messageInfo(um, h.timestamp(), h.messageId(), h.refToMessageId());
        Element partyInfo = Xml.append(um, Ebms.NS, "eb:PartyInfo", null);
        party(Xml.append(partyInfo, Ebms.NS, "eb:From", null), h.from());
        party(Xml.append(partyInfo, Ebms.NS, "eb:To", null), h.to());
        Element collab = Xml.append(um, Ebms.NS, "eb:CollaborationInfo", null);
        if (h.agreementRef() != null) {
            Xml.append(collab, Ebms.NS, "eb:AgreementRef", h.agreementRef());
        }
        Element service = Xml.append(collab, Ebms.NS, "eb:Service", h.service());
        if (h.serviceType() != null) {
            service.setAttribute("type", h.serviceType());
        }
        Xml.append(collab, Ebms.NS, "eb:Action", h.action());
        Xml.append(collab, Ebms.NS, "eb:ConversationId", h.conversationId());
        properties(Xml.append(um, Ebms.NS, "eb:MessageProperties", null), h.properties());
        Element payloadInfo = Xml.append(um, Ebms.NS, "eb:PayloadInfo", null);
        for (UserMessageHeader.PartInfo p : h.parts()) {
            Element partInfo = Xml.append(payloadInfo, Ebms.NS, "eb:PartInfo", null);
            partInfo.setAttribute("href", p.href());
            properties(Xml.append(partInfo, Ebms.NS, "eb:PartProperties", null), p.properties());
        }
        return normalised(messaging.getOwnerDocument());
    }

    /** A receipt whose NonRepudiationInformation holds a copy of each given ds:Reference. */
    static Document receipt(Instant timestamp, String messageId, String refToMessageId, List<Element> references) {
        Element messaging = newEnvelope();
        Element signal = Xml.append(messaging, Ebms.NS, "eb:SignalMessage", null);
        messageInfo(signal, timestamp, messageId, refToMessageId);
        Element receipt = Xml.append(signal, Ebms.NS, "eb:Receipt", null);
        Element nri = Xml.append(receipt, Ebms.EBBP_NS, "ebbp:NonRepudiationInformation", null);
        for (Element reference : references) {
            Element part = Xml.append(nri, Ebms.EBBP_NS, "ebbp:MessagePartNRInformation", null);
            part.appendChild(messaging.getOwnerDocument().importNode(reference, true));
        }
        return normalised(messaging.getOwnerDocument());
    }

    static Document error(Instant timestamp, String messageId, String refToMessageId, EbmsError error,
                          String description) {
        Element messaging = newEnvelope();
        Element signal = Xml.append(messaging, Ebms.NS, "eb:SignalMessage", null);
        messageInfo(signal, timestamp, messageId, refToMessageId);
        Element e = Xml.append(signal, Ebms.NS, "eb:Error", null);
        e.setAttribute("errorCode", error.code());
        e.setAttribute("severity", "failure");
        e.setAttribute("category", error.category());
        e.setAttribute("origin", error.origin());
        e.setAttribute("shortDescription", error.shortDescription());
        if (refToMessageId != null) {
            e.setAttribute("refToMessageInError", refToMessageId);
        }
        Element d = Xml.append(e, Ebms.NS, "eb:Description", description);
        d.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en");
        return normalised(messaging.getOwnerDocument());
    }

    /**
     * The document as a parser would build it from its serialised form: every namespace declared
     * by an xmlns attribute, which canonicalisation needs to digest what the recipient will see
     * (a DOM built element by element, or with imported nodes, lacks some of them).
     */
    private static Document normalised(Document built) {
        try {
            Document doc = Xml.parse(Xml.bytes(built));
            setId(messagingElement(doc), Ebms.MESSAGING_ID);
            setId(body(doc), Ebms.BODY_ID);
            return doc;
        } catch (java.io.IOException | MalformedException e) {
            throw new IllegalStateException("a message we built cannot be read back", e);
        }
    }

    private static Element newEnvelope() {
        Document doc = Xml.newDocument();
        Element envelope = doc.createElementNS(Ebms.SOAP12_NS, "S12:Envelope");
        envelope.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:eb", Ebms.NS);
        envelope.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", Ebms.WSU_NS);
        doc.appendChild(envelope);
        Element header = Xml.append(envelope, Ebms.SOAP12_NS, "S12:Header", null);
        Element body = Xml.append(envelope, Ebms.SOAP12_NS, "S12:Body", null);
        setId(body, Ebms.BODY_ID);
        Element messaging = Xml.append(header, Ebms.NS, "eb:Messaging", null);
        messaging.setAttributeNS(Ebms.SOAP12_NS, "S12:mustUnderstand", "true");
        setId(messaging, Ebms.MESSAGING_ID);
        return messaging;
    }

    /** A wsu:Id that the signature's same-document references resolve to. */
    static void setId(Element element, String id) {
        element.setAttributeNS(Ebms.WSU_NS, "wsu:Id", id);
        element.setIdAttributeNS(Ebms.WSU_NS, "Id", true);
    }

    private static void messageInfo(Element parent, Instant timestamp, String messageId, String refTo) {
        Element info = Xml.append(parent, Ebms.NS, "eb:MessageInfo", null);
        // AS4 profile §5.1.7: the Timestamp in UTC, with the "Z" designator
        Xml.append(info, Ebms.NS, "eb:Timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
        Xml.append(info, Ebms.NS, "eb:MessageId", messageId);
        if (refTo != null) {
            Xml.append(info, Ebms.NS, "eb:RefToMessageId", refTo);
        }
    }

    private static void party(Element side, UserMessageHeader.Party party) {
        Element id = Xml.append(side, Ebms.NS, "eb:PartyId", party.partyId());
        if (party.partyIdType() != null) {
            id.setAttribute("type", party.partyIdType());
        }
        Xml.append(side, Ebms.NS, "eb:Role", party.role());
    }

    private static void properties(Element parent, Map<String, String> properties) {
        properties.forEach((name, value) -> Xml.append(parent, Ebms.NS, "eb:Property", value).setAttribute("name", name));
    }

    static Element messagingElement(Document envelope) throws MalformedException {
        Element root = envelope.getDocumentElement();
        if (!Ebms.SOAP12_NS.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw new MalformedException("not a SOAP 1.2 envelope");
        }
        Element header = Xml.child(root, Ebms.SOAP12_NS, "Header")
                .orElseThrow(() -> new MalformedException("no SOAP header"));
        List<Element> messaging = Xml.children(header, Ebms.NS, "Messaging");
        if (messaging.size() != 1) {
            throw new MalformedException(messaging.size() + " eb:Messaging headers, expected one");
        }
        return messaging.get(0);
    }

    static Element body(Document envelope) throws MalformedException {
        return Xml.child(envelope.getDocumentElement(), Ebms.SOAP12_NS, "Body")
                .orElseThrow(() -> new MalformedException("no SOAP body"));
    }

    static UserMessageHeader readUserMessage(Document envelope) throws MalformedException {
        List<Element> ums = Xml.children(messagingElement(envelope), Ebms.NS, "UserMessage");
        if (ums.size() != 1) {
            throw new MalformedException(ums.size() + " eb:UserMessage elements, expected one");
        }
        Element um = ums.get(0);
        Element info = required(um, "MessageInfo");
        Element partyInfo = required(um, "PartyInfo");
        Element collab = required(um, "CollaborationInfo");
        Element service = required(collab, "Service");
        List<UserMessageHeader.PartInfo> parts = new ArrayList<>();
        for (Element payloadInfo : Xml.children(um, Ebms.NS, "PayloadInfo")) {
            for (Element p : Xml.children(payloadInfo, Ebms.NS, "PartInfo")) {
                Map<String, String> props = Xml.child(p, Ebms.NS, "PartProperties").map(Messaging::readProperties)
                        .orElse(Map.of());
                parts.add(new UserMessageHeader.PartInfo(p.hasAttribute("href") ? p.getAttribute("href") : null, props));
            }
        }
        return new UserMessageHeader(
                timestamp(requiredText(info, "Timestamp")),
                requiredText(info, "MessageId"),
                Xml.text(info, Ebms.NS, "RefToMessageId"),
                readParty(required(partyInfo, "From")),
                readParty(required(partyInfo, "To")),
                Xml.text(collab, Ebms.NS, "AgreementRef"),
                service.getTextContent().trim(),
                service.hasAttribute("type") ? service.getAttribute("type") : null,
                requiredText(collab, "Action"),
                requiredText(collab, "ConversationId"),
                Xml.child(um, Ebms.NS, "MessageProperties").map(Messaging::readProperties).orElse(Map.of()),
                parts);
    }

    static Signal readSignal(Document envelope) throws MalformedException {
        List<Element> signals = Xml.children(messagingElement(envelope), Ebms.NS, "SignalMessage");
        if (signals.size() != 1) {
            throw new MalformedException(signals.size() + " eb:SignalMessage elements, expected one");
        }
        Element signal = signals.get(0);
        Element info = required(signal, "MessageInfo");
        List<Element> references = new ArrayList<>();
        var receipt = Xml.child(signal, Ebms.NS, "Receipt");
        receipt.flatMap(r -> Xml.child(r, Ebms.EBBP_NS, "NonRepudiationInformation")).ifPresent(nri -> {
            for (Element part : Xml.children(nri, Ebms.EBBP_NS, "MessagePartNRInformation")) {
                references.addAll(Xml.children(part, Ebms.DS_NS, "Reference"));
            }
        });
        List<Signal.Error> errors = new ArrayList<>();
        for (Element e : Xml.children(signal, Ebms.NS, "Error")) {
            errors.add(new Signal.Error(e.getAttribute("errorCode"), e.getAttribute("severity"),
                    e.getAttribute("shortDescription"), Xml.text(e, Ebms.NS, "Description"),
                    Xml.text(e, Ebms.NS, "ErrorDetail"), e.getAttribute("refToMessageInError")));
        }
        return new Signal(requiredText(info, "MessageId"), Xml.text(info, Ebms.NS, "RefToMessageId"),
                receipt.isPresent(), references, errors);
    }

    private static UserMessageHeader.Party readParty(Element side) throws MalformedException {
        List<Element> ids = Xml.children(side, Ebms.NS, "PartyId");
        if (ids.size() != 1) {
            // AS4 profile: exactly one PartyId per side
            throw new MalformedException(side.getLocalName() + " has " + ids.size() + " PartyId elements, expected one");
        }
        Element id = ids.get(0);
        return new UserMessageHeader.Party(id.getTextContent().trim(),
                id.hasAttribute("type") ? id.getAttribute("type") : null, requiredText(side, "Role"));
    }

    private static Map<String, String> readProperties(Element parent) {
        Map<String, String> props = new LinkedHashMap<>();
        for (Element p : Xml.children(parent, Ebms.NS, "Property")) {
            props.put(p.getAttribute("name"), p.getTextContent().trim());
        }
        return props;
    }

    private static Element required(Element parent, String localName) throws MalformedException {
        return Xml.child(parent, Ebms.NS, localName)
                .orElseThrow(() -> new MalformedException("eb:" + localName + " missing in eb:" + parent.getLocalName()));
    }

    private static String requiredText(Element parent, String localName) throws MalformedException {
        String text = required(parent, localName).getTextContent().trim();
        if (text.isEmpty()) {
            throw new MalformedException("eb:" + localName + " is empty");
        }
        return text;
    }

    private static Instant timestamp(String value) throws MalformedException {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedException("eb:Timestamp '" + value + "' is not a UTC date-time");
        }
    }
}
