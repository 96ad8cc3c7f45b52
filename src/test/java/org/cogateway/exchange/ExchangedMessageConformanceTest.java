package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.testing.TestGateways.queryLong;
import static org.cogateway.testing.TestGateways.queryRow;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The messages two gateways actually exchanged, read back from their databases (what JP sent and the
 * receipt it got, as stored for non-repudiation; the acknowledgement ID sent back), checked with
 * XPath against the ebMS 3.0 core and the eDelivery AS4 common profile for one-way push. The OASIS
 * schema is not part of this repository; each assertion names the profile item (P-Mode parameter
 * or core section) it checks.
 */
class ExchangedMessageConformanceTest {
    private static final String EB = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    private static final String SWA = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#";
    private static final String UM = "/S12:Envelope/S12:Header/eb:Messaging/eb:UserMessage";
    private static final String SEC = "/S12:Envelope/S12:Header/wsse:Security";
    private static final String SIGNED_INFO = SEC + "/ds:Signature/ds:SignedInfo";

    private static TestGateways.Pair pair;
    private static Map<String, Object> transmission;
    private static Wire certificate;
    private static Document receipt;
    private static Wire acknowledgement;
    private static XPath xpath;

    /** A message as it went over the wire: the SOAP envelope and the MIME attachments. */
    private record Wire(String rootType, Document envelope, MimeMultipart parts) {
    }

    @BeforeAll
    static void exchange() throws Exception {
        pair = TestGateways.pair();
        CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);
        String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-C-001")))
                .getReceipt().getTrackingId();
        awaitState(jpChamber, trackingId, TransmissionStateType.DELIVERED);
        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-C-001", 1),
                AcknowledgementStatusType.ACCEPTED, null));
        String ackSent = "select count(*) from transmission_attempt a join transmission t on t.id = a.transmission_id"
                + " where t.kind = 'ACKNOWLEDGEMENT' and a.outcome = 'DELIVERED'";
        await().atMost(Tracking.TIMEOUT).until(() -> queryLong(pair.id(), ackSent) == 1);

        transmission = queryRow(pair.jp(), "select * from transmission where id = ?", trackingId);
        Map<String, Object> attempt = queryRow(pair.jp(),
                "select sent_message, answer from transmission_attempt where transmission_id = ?", trackingId);
        certificate = wire((byte[]) attempt.get("sent_message"));
        receipt = parse((byte[]) attempt.get("answer"));
        acknowledgement = wire((byte[]) queryRow(pair.id(), "select a.sent_message from transmission_attempt a"
                + " join transmission t on t.id = a.transmission_id where t.kind = 'ACKNOWLEDGEMENT'").get("sent_message"));
        xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new Namespaces(Map.of("S12", "http://www.w3.org/2003/05/soap-envelope", "eb", EB,
                "ebbp", "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0", "ds", "http://www.w3.org/2000/09/xmldsig#",
                "wsse", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
                "wsu", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
                "xenc", "http://www.w3.org/2001/04/xmlenc#", "xenc11", "http://www.w3.org/2009/xmlenc11#")));
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    @Test
    void theCertificateIsASoap12UserMessageWithThePartiesAndTheCollaboration() throws Exception {
        Document d = certificate.envelope();
        // PMode[1].Protocol.SOAPVersion = 1.2: SOAP 1.2 envelope as the root part of a multipart/related message
        assertThat(certificate.rootType()).startsWith("application/soap+xml");
        assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2003/05/soap-envelope");
        // core §5.2.1: eb:Messaging must be understood; one UserMessage per message (AS4 profile: no bundling)
        assertThat(value(d, "/S12:Envelope/S12:Header/eb:Messaging/@S12:mustUnderstand")).isIn("true", "1");
        assertThat(count(d, "/S12:Envelope/S12:Header/eb:Messaging/*")).isEqualTo(1);
        assertThat(count(d, UM)).isEqualTo(1);
        // core §5.2.2.1 MessageInfo: UTC Timestamp, the transmission's MessageId; no RefToMessageId on a first message
        assertThat(value(d, UM + "/eb:MessageInfo/eb:Timestamp")).endsWith("Z");
        assertThat(value(d, UM + "/eb:MessageInfo/eb:MessageId")).isEqualTo(transmission.get("message_id"));
        assertThat(count(d, UM + "/eb:MessageInfo/eb:RefToMessageId")).isZero();
        // eDelivery AS4 PartyInfo: exactly one PartyId per side, with a type attribute
        for (String side : new String[] {"From", "To"}) {
            assertThat(count(d, UM + "/eb:PartyInfo/eb:" + side + "/eb:PartyId")).as(side).isEqualTo(1);
            assertThat(value(d, UM + "/eb:PartyInfo/eb:" + side + "/eb:PartyId/@type")).as(side).isNotBlank();
        }
        assertThat(value(d, UM + "/eb:PartyInfo/eb:From/eb:PartyId")).isEqualTo("JP-GW");
        assertThat(value(d, UM + "/eb:PartyInfo/eb:To/eb:PartyId")).isEqualTo("ID-GW");
        // PMode.Initiator.Role / PMode.Responder.Role: the ebMS default role URIs
        assertThat(value(d, UM + "/eb:PartyInfo/eb:From/eb:Role")).isEqualTo(EB + "initiator");
        assertThat(value(d, UM + "/eb:PartyInfo/eb:To/eb:Role")).isEqualTo(EB + "responder");
        // PMode.Agreement: AgreementRef, here the certificate's trade agreement
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:AgreementRef")).isEqualTo(transmission.get("agreement"))
                .isEqualTo("JIEPA");
        // PMode[1].BusinessInfo.Service with its type; PMode[1].BusinessInfo.Action
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:Service")).isNotBlank();
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:Service/@type")).isNotBlank();
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:Action")).isNotBlank();
        // core §5.2.2.8 ConversationId: the certificate's conversation
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:ConversationId")).isEqualTo(transmission.get("conversation_id"));
        // eDelivery AS4 four-corner topology: MessageProperties originalSender and finalRecipient, once each
        assertThat(count(d, UM + "/eb:MessageProperties/eb:Property[@name='originalSender']")).isEqualTo(1);
        assertThat(count(d, UM + "/eb:MessageProperties/eb:Property[@name='finalRecipient']")).isEqualTo(1);
        assertThat(value(d, UM + "/eb:MessageProperties/eb:Property[@name='originalSender']")).isNotBlank();
        assertThat(value(d, UM + "/eb:MessageProperties/eb:Property[@name='finalRecipient']")).isNotBlank();
    }

    @Test
    void thePayloadIsOneCompressedAttachmentDescribedInPartInfo() throws Exception {
        Document d = certificate.envelope();
        String part = UM + "/eb:PayloadInfo/eb:PartInfo";
        // eDelivery AS4: payloads travel as MIME attachments, the SOAP Body stays empty
        assertThat(count(d, "/S12:Envelope/S12:Body/*")).isZero();
        assertThat(count(d, part)).isEqualTo(1);
        assertThat(certificate.parts().getCount()).isEqualTo(2);
        // core §5.2.2.13: PartInfo/@href is a cid: reference to the attachment's Content-ID
        assertThat(value(d, part + "/@href")).isEqualTo("cid:" + contentId(certificate.parts().getBodyPart(1)));
        // PMode[1].PayloadService.CompressionType (AS4 §3.1): gzip, with the original MimeType kept
        assertThat(value(d, part + "/eb:PartProperties/eb:Property[@name='MimeType']")).isEqualTo("application/xml");
        assertThat(value(d, part + "/eb:PartProperties/eb:Property[@name='CompressionType']"))
                .isEqualTo("application/gzip");
    }

    @Test
    void theCertificateIsSignedAndItsAttachmentEncryptedWithTheAs4Algorithms() throws Exception {
        Document d = certificate.envelope();
        String cid = "cid:" + contentId(certificate.parts().getBodyPart(1));
        assertThat(value(d, SEC + "/@S12:mustUnderstand")).isIn("true", "1");
        // PMode[1].Security.X509.Sign: the signing certificate as an X.509 BinarySecurityToken the signature refers to
        assertThat(value(d, SEC + "/wsse:BinarySecurityToken/@ValueType")).endsWith("#X509v3");
        assertThat(value(d, SEC + "/wsse:BinarySecurityToken/@EncodingType")).endsWith("#Base64Binary");
        String bst = value(d, SEC + "/wsse:BinarySecurityToken/@wsu:Id");
        assertThat(value(d, SEC + "/ds:Signature/ds:KeyInfo/wsse:SecurityTokenReference/wsse:Reference/@URI"))
                .isEqualTo("#" + bst);
        // PMode[1].Security.X509.Signature.Algorithm = rsa-sha256; exclusive c14n
        assertThat(value(d, SIGNED_INFO + "/ds:SignatureMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        assertThat(value(d, SIGNED_INFO + "/ds:CanonicalizationMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2001/10/xml-exc-c14n#");
        // PMode[1].Security.X509.Signature.HashFunction = sha256, on every reference
        int references = count(d, SIGNED_INFO + "/ds:Reference");
        assertThat(count(d, SIGNED_INFO + "/ds:Reference/ds:DigestMethod[@Algorithm='http://www.w3.org/2001/04/xmlenc#sha256']"))
                .isEqualTo(references);
        // eDelivery AS4: the signature covers eb:Messaging, the SOAP Body and every attachment (SwA profile transform)
        String messaging = value(d, "/S12:Envelope/S12:Header/eb:Messaging/@wsu:Id");
        String body = value(d, "/S12:Envelope/S12:Body/@wsu:Id");
        assertThat(messaging).isNotBlank();
        assertThat(body).isNotBlank();
        assertThat(count(d, SIGNED_INFO + "/ds:Reference[@URI='#" + messaging + "']")).isEqualTo(1);
        assertThat(count(d, SIGNED_INFO + "/ds:Reference[@URI='#" + body + "']")).isEqualTo(1);
        assertThat(value(d, SIGNED_INFO + "/ds:Reference[@URI='" + cid + "']/ds:Transforms/ds:Transform/@Algorithm"))
                .isEqualTo(SWA + "Attachment-Content-Signature-Transform");
        // PMode[1].Security.X509.Encryption.Algorithm = aes128-gcm, on the attachment (content only)
        String data = SEC + "/xenc:EncryptedData[xenc:CipherData/xenc:CipherReference/@URI='" + cid + "']";
        assertThat(count(d, data)).isEqualTo(1);
        assertThat(value(d, data + "/xenc:EncryptionMethod/@Algorithm")).isEqualTo("http://www.w3.org/2009/xmlenc11#aes128-gcm");
        assertThat(value(d, data + "/@Type")).isEqualTo(SWA + "Attachment-Content-Only");
        // eDelivery AS4 key transport: RSA-OAEP (xmlenc11) with MGF1-SHA256 and SHA-256, naming the encrypted data
        String key = SEC + "/xenc:EncryptedKey";
        assertThat(value(d, key + "/xenc:EncryptionMethod/@Algorithm")).isEqualTo("http://www.w3.org/2009/xmlenc11#rsa-oaep");
        assertThat(value(d, key + "/xenc:EncryptionMethod/xenc11:MGF/@Algorithm"))
                .isEqualTo("http://www.w3.org/2009/xmlenc11#mgf1sha256");
        assertThat(value(d, key + "/xenc:EncryptionMethod/ds:DigestMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
        assertThat(value(d, key + "/xenc:ReferenceList/xenc:DataReference/@URI")).isEqualTo("#" + value(d, data + "/@Id"));
        // the encrypted attachment is opaque on the wire
        assertThat(new ContentType(certificate.parts().getBodyPart(1).getContentType()).getBaseType())
                .isEqualTo("application/octet-stream");
    }

    @Test
    void theReceiptIsASignedSignalCarryingEveryReferenceTheSenderSigned() throws Exception {
        String signal = "/S12:Envelope/S12:Header/eb:Messaging/eb:SignalMessage";
        // PMode[1].Protocol.SOAPVersion = 1.2 for the signal too; one SignalMessage, no UserMessage
        assertThat(receipt.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2003/05/soap-envelope");
        assertThat(count(receipt, signal)).isEqualTo(1);
        assertThat(count(receipt, "//eb:UserMessage")).isZero();
        // core §5.2.3.3: the receipt refers to the acknowledged message
        assertThat(value(receipt, signal + "/eb:MessageInfo/eb:RefToMessageId")).isEqualTo(transmission.get("message_id"));
        assertThat(value(receipt, signal + "/eb:MessageInfo/eb:MessageId")).isNotBlank()
                .isNotEqualTo(transmission.get("message_id"));
        assertThat(value(receipt, signal + "/eb:MessageInfo/eb:Timestamp")).endsWith("Z");
        // PMode[1].Security.SendReceipt.NonRepudiation = true: ebbp:NonRepudiationInformation with one
        // MessagePartNRInformation/ds:Reference per reference of the UserMessage's signature, same URI and digest
        String nri = signal + "/eb:Receipt/ebbp:NonRepudiationInformation/ebbp:MessagePartNRInformation/ds:Reference";
        assertThat(digests(receipt, nri)).isEqualTo(digests(certificate.envelope(), SIGNED_INFO + "/ds:Reference"))
                .hasSizeGreaterThanOrEqualTo(3);
        // PMode[1].Security.SendReceipt.ReplyPattern = response, signed: the receipt's signature covers its eb:Messaging
        String messaging = value(receipt, "/S12:Envelope/S12:Header/eb:Messaging/@wsu:Id");
        assertThat(count(receipt, SIGNED_INFO + "/ds:Reference[@URI='#" + messaging + "']")).isEqualTo(1);
        assertThat(value(receipt, SIGNED_INFO + "/ds:SignatureMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    }

    @Test
    void theAcknowledgementGoesBackInTheSameConversationReferringToTheCertificate() throws Exception {
        Document d = acknowledgement.envelope();
        // core §5.2.2.1 RefToMessageId on an answer; §5.2.2.8 the same ConversationId
        assertThat(value(d, UM + "/eb:MessageInfo/eb:RefToMessageId")).isEqualTo(transmission.get("message_id"));
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:ConversationId")).isEqualTo(transmission.get("conversation_id"));
        assertThat(value(d, UM + "/eb:PartyInfo/eb:From/eb:PartyId")).isEqualTo("ID-GW");
        assertThat(value(d, UM + "/eb:PartyInfo/eb:To/eb:PartyId")).isEqualTo("JP-GW");
        assertThat(value(d, UM + "/eb:CollaborationInfo/eb:Action"))
                .isNotEqualTo(value(certificate.envelope(), UM + "/eb:CollaborationInfo/eb:Action"));
        assertThat(count(d, SIGNED_INFO + "/ds:Reference[starts-with(@URI, 'cid:')]")).isEqualTo(1);
        assertThat(count(d, SEC + "/xenc:EncryptedData")).isEqualTo(1);
    }

    private static Map<String, String> digests(Document doc, String references) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(references, doc, XPathConstants.NODESET);
        Map<String, String> byUri = new TreeMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element ref = (Element) nodes.item(i);
            byUri.put(ref.getAttribute("URI"), xpath.evaluate("ds:DigestValue", ref).strip());
        }
        return byUri;
    }

    private static String contentId(BodyPart part) throws Exception {
        String id = part.getHeader("Content-ID")[0].strip();
        return id.startsWith("<") ? id.substring(1, id.length() - 1) : id;
    }

    private static Wire wire(byte[] bytes) throws Exception {
        String boundary = new String(bytes, StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow().substring(2);
        MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(bytes,
                "multipart/related; boundary=\"" + boundary + "\""));
        BodyPart root = parts.getBodyPart(0);
        return new Wire(root.getContentType(), parse(root.getInputStream().readAllBytes()), parts);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String value(Document doc, String expression) throws Exception {
        return xpath.evaluate(expression, doc);
    }

    private static int count(Document doc, String expression) throws Exception {
        return ((NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET)).getLength();
    }

    private record Namespaces(Map<String, String> byPrefix) implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return byPrefix.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String uri) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return null;
        }
    }
}
