package org.cogateway.as4;

import java.time.Duration;

/**
 * What one attempt to deliver a message achieved, classified where it happened (STYLE.md §5).
 *
 * @param status         DELIVERED only with a verified receipt for this very message
 * @param httpStatus     the partner's HTTP status, null when no answer arrived
 * @param ebmsErrorCode  the partner's ebMS error code (e.g. EBMS:0004), null otherwise
 * @param reason         a short human-readable reason, no stack trace
 * @param receipt        the answer's bytes as received (receipt or error), null when none
 * @param signedRequest  the signed and encrypted request as sent (MIME body), null if it could not be built
 * @param roundTrip      time from sending the request to reading the answer
 */
public record SendOutcome(Status status, Integer httpStatus, String ebmsErrorCode, String reason, byte[] receipt,
                          byte[] signedRequest, Duration roundTrip) {

    public enum Status { DELIVERED, RETRYABLE, PERMANENT }

    public boolean delivered() {
        return status == Status.DELIVERED;
    }

    /** Whether sending the same message again might succeed (false once delivered). */
    public boolean retryFeasible() {
        return status == Status.RETRYABLE;
    }
}
