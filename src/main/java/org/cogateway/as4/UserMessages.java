package org.cogateway.as4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;

/** Turns an outbound message into an unsigned ebMS UserMessage with its gzip-compressed payload part. */
final class UserMessages {
    private final GatewayConfig.Identity own;

    UserMessages(GatewayConfig.Identity own) {
        this.own = own;
    }

    UserMessageHeader header(OutboundMessage m, Partner to, Instant timestamp, boolean compressed) {
        Map<String, String> partProperties = new LinkedHashMap<>();
        partProperties.put("MimeType", Ebms.PAYLOAD_MIME_TYPE);
        if (compressed) {
            partProperties.put("CompressionType", Ebms.GZIP);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        // AS4 profile four-corner properties; the gateways are both corners here
        properties.put("originalSender", own.partyId());
        properties.put("finalRecipient", to.partyId());
        return new UserMessageHeader(timestamp, m.messageId(), m.refToMessageId(),
                new UserMessageHeader.Party(own.partyId(), own.partyIdType(), Ebms.ROLE_INITIATOR),
                new UserMessageHeader.Party(to.partyId(), to.partyIdType(), Ebms.ROLE_RESPONDER),
                m.agreementRef(), m.service(), Actions.serviceType(m.service()), m.action(), m.conversationId(),
                properties, List.of(new UserMessageHeader.PartInfo("cid:" + payloadId(m.messageId()), partProperties)));
    }

    /** The payload's Content-ID, derived from the MessageId so that a resend signs the same reference. */
    static String payloadId(String messageId) {
        return "payload-" + messageId.replaceAll("[^A-Za-z0-9.@_-]", "_");
    }

    /** An unsigned message: header plus the payload part, gzip-compressed when {@code compressed}. */
    SoapMessage unsigned(OutboundMessage m, Partner to, Instant timestamp, boolean compressed) {
        UserMessageHeader header = header(m, to, timestamp, compressed);
        // AS4 profile §3.1: a compressed part is typed application/gzip, its original type is the MimeType property
        Part part = compressed ? new Part(payloadId(m.messageId()), Ebms.GZIP, gzip(m.payloadXml()))
                : new Part(payloadId(m.messageId()), Ebms.PAYLOAD_MIME_TYPE, m.payloadXml());
        return new SoapMessage(Messaging.userMessage(header), List.of(part));
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
