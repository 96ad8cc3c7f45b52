package org.cogateway.as4;

import org.cogateway.document.DocumentKind;
import java.time.Instant;
import java.util.List;

/**
 * A business message to send to a partner.
 *
 * @param messageId      ebMS MessageId, kept across resends so the partner deduplicates
 * @param refToMessageId the message this one answers, or null
 * @param service        ebMS Service, normally {@link Actions#SERVICE}
 * @param action         ebMS Action, e.g. {@link Actions#action}
 * @param agreementRef   the trade agreement (must be one the partner allows), or null
 * @param payloadXml     the business document; sent gzip-compressed as a MIME attachment
 * @param created        the MessageInfo Timestamp; pass the same value on every resend so the
 *                       partner's receipt for an earlier attempt still matches (see
 *                       {@link As4Client#send}); null means "now"
 * @param documents      further payload parts after the business document, in order (often none)
 */
public record OutboundMessage(String messageId, String conversationId, String refToMessageId, String service,
                              String action, String agreementRef, byte[] payloadXml, Instant created,
                              List<DocumentPart> documents) {

    public OutboundMessage {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    public OutboundMessage(String messageId, String conversationId, String refToMessageId, String service,
                           String action, String agreementRef, byte[] payloadXml, Instant created) {
        this(messageId, conversationId, refToMessageId, service, action, agreementRef, payloadXml, created, List.of());
    }

    public OutboundMessage(String messageId, String conversationId, String refToMessageId, String service,
                           String action, String agreementRef, byte[] payloadXml) {
        this(messageId, conversationId, refToMessageId, service, action, agreementRef, payloadXml, null, List.of());
    }

    /** A CO-service message of the given kind. */
    public static OutboundMessage of(DocumentKind kind, String messageId, String conversationId,
                                     String refToMessageId, String agreementRef, byte[] payloadXml, Instant created) {
        return of(kind, messageId, conversationId, refToMessageId, agreementRef, payloadXml, created, List.of());
    }

    /** A CO-service message of the given kind with further documents as payload parts. */
    public static OutboundMessage of(DocumentKind kind, String messageId, String conversationId,
                                     String refToMessageId, String agreementRef, byte[] payloadXml, Instant created,
                                     List<DocumentPart> documents) {
        return new OutboundMessage(messageId, conversationId, refToMessageId, Actions.SERVICE, Actions.action(kind),
                agreementRef, payloadXml, created, documents);
    }
}
