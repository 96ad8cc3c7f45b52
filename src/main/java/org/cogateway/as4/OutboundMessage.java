package org.cogateway.as4;

import org.cogateway.document.DocumentKind;
import java.time.Instant;

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
 */
public record OutboundMessage(String messageId, String conversationId, String refToMessageId, String service,
                              String action, String agreementRef, byte[] payloadXml, Instant created) {

    public OutboundMessage(String messageId, String conversationId, String refToMessageId, String service,
                           String action, String agreementRef, byte[] payloadXml) {
        this(messageId, conversationId, refToMessageId, service, action, agreementRef, payloadXml, null);
    }

    /** A CO-service message of the given kind. */
    public static OutboundMessage of(DocumentKind kind, String messageId, String conversationId,
                                     String refToMessageId, String agreementRef, byte[] payloadXml, Instant created) {
        return new OutboundMessage(messageId, conversationId, refToMessageId, Actions.SERVICE, Actions.action(kind),
                agreementRef, payloadXml, created);
    }
}
