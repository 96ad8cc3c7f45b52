package org.cogateway.delivery;

import org.cogateway.document.DocumentKind;
import java.time.Instant;

/**
 * A transmission this node has claimed for one attempt: what to send, and the lease it holds
 * ({@code leaseOwner}, {@code rowVersion}) which {@link OutboundQueue#recordOutcome} compares before
 * writing, so that an attempt whose lease another node took over cannot overwrite that node's result.
 *
 * @param id        the tracking id
 * @param agreement the trade agreement of the certificate, the ebMS AgreementRef
 * @param attempt   the number of this attempt, 1 for the first
 * @param createdAt when the transmission was queued; the retry policy's maximum age counts from it
 * @param claimedAt when this attempt was claimed, i.e. when it started
 */
public record ClaimedTransmission(
        String id,
        String partnerId,
        DocumentKind kind,
        String messageId,
        String conversationId,
        String refToMessageId,
        String agreement,
        String payload,
        int attempt,
        Instant createdAt,
        Instant claimedAt,
        String leaseOwner,
        int rowVersion) {
}
