package org.cogateway.as4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;

/** Turns an outbound message into an unsigned ebMS UserMessage with its gzip-compressed payload parts. */
final class UserMessages {
    private final GatewayConfig.Identity own;

    UserMessages(GatewayConfig.Identity own) {
        this.own = own;
    }

    UserMessageHeader header(OutboundMessage m, Partner to, Instant timestamp, boolean compressed) {
        Map<String, String> properties = new LinkedHashMap<>();
        // AS4 profile four-corner properties; the gateways are both corners here
        properties.put("originalSender", own.partyId());
        properties.put("finalRecipient", to.partyId());
        List<UserMessageHeader.PartInfo> parts = new ArrayList<>();
        parts.add(new UserMessageHeader.PartInfo("cid:" + payloadId(m.messageId()),
                partProperties(Ebms.PAYLOAD_MIME_TYPE, compressed)));
        for (int i = 0; i < m.documents().size(); i++) {
            parts.add(new UserMessageHeader.PartInfo("cid:" + documentId(m.messageId(), i + 1),
                    partProperties(m.documents().get(i).mimeType(), compressed)));
        }
        return new UserMessageHeader(timestamp, m.messageId(), m.refToMessageId(),
                new UserMessageHeader.Party(own.partyId(), own.partyIdType(), Ebms.ROLE_INITIATOR),
                new UserMessageHeader.Party(to.partyId(), to.partyIdType(), Ebms.ROLE_RESPONDER),
                m.agreementRef(), m.service(), Actions.serviceType(m.service()), m.action(), m.conversationId(),
                properties, parts);
    }

    private static Map<String, String> partProperties(String mimeType, boolean compressed) {
        Map<String, String> partProperties = new LinkedHashMap<>();
        partProperties.put("MimeType", mimeType);
        if (compressed) {
            partProperties.put("CompressionType", Ebms.GZIP);
        }
        return partProperties;
    }

    /** The Content-ID of the n-th (from 1) further document, fixed by the MessageId like the payload's. */
    static String documentId(String messageId, int n) {
        return "document-" + n + "-" + messageId.replaceAll("[^A-Za-z0-9.@_-]", "_");
    }

    /** The payload's Content-ID, derived from the MessageId so that a resend signs the same reference. */
    static String payloadId(String messageId) {
        return "payload-" + messageId.replaceAll("[^A-Za-z0-9.@_-]", "_");
    }

    /** An unsigned message: header plus the payload part and any documents, gzip-compressed when {@code compressed}. */
    SoapMessage unsigned(OutboundMessage m, Partner to, Instant timestamp, boolean compressed) {
        UserMessageHeader header = header(m, to, timestamp, compressed);
        List<Part> parts = new ArrayList<>();
        parts.add(part(payloadId(m.messageId()), Ebms.PAYLOAD_MIME_TYPE, m.payloadXml(), compressed));
        for (int i = 0; i < m.documents().size(); i++) {
            DocumentPart d = m.documents().get(i);
            parts.add(part(documentId(m.messageId(), i + 1), d.mimeType(), d.content(), compressed));
        }
        return new SoapMessage(Messaging.userMessage(header), parts);
    }

    // AS4 profile §3.1: a compressed part is typed application/gzip, its original type is the MimeType property
    private static Part part(String contentId, String mimeType, byte[] content, boolean compressed) {
        return compressed ? new Part(contentId, Ebms.GZIP, gzip(content)) : new Part(contentId, mimeType, content);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
