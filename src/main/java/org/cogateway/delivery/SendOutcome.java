package org.cogateway.delivery;

/**
 * What one attempt to send a transmission came to, as the sender classified it at the boundary.
 *
 * @param kind           DELIVERED (a valid receipt came back), RETRYABLE (the partner may take it
 *                       later: down, slow, 5xx, a transient ebMS error), PERMANENT (sending the
 *                       same message again cannot help) or ALREADY_RECEIVED (a signed ebMS error
 *                       saying the partner already has this MessageId, instead of its receipt)
 * @param httpStatus     the partner's HTTP status, null when no response came
 * @param ebmsErrorCode  the ebMS error code the partner signalled (e.g. {@code EBMS:0004}), or null
 * @param reason         a short human-readable cause; null only for DELIVERED
 * @param answer         the partner's answer exactly as received (the signed receipt, or an ebMS error
 *                       signal), kept for non-repudiation; null when no answer came
 * @param signedRequest  the message exactly as sent (signed and encrypted MIME body), kept for
 *                       non-repudiation; null when it could not be built
 */
public record SendOutcome(Kind kind, Integer httpStatus, String ebmsErrorCode, String reason, byte[] answer,
                          byte[] signedRequest) {

    public enum Kind { DELIVERED, RETRYABLE, PERMANENT, ALREADY_RECEIVED }

    public SendOutcome {
        if (kind == null) {
            throw new IllegalArgumentException("an outcome needs a kind");
        }
        if (kind != Kind.DELIVERED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a failed attempt needs a reason");
        }
    }

    public static SendOutcome delivered(int httpStatus, byte[] receipt) {
        return new SendOutcome(Kind.DELIVERED, httpStatus, null, null, receipt, null);
    }

    public static SendOutcome retryable(Integer httpStatus, String ebmsErrorCode, String reason) {
        return new SendOutcome(Kind.RETRYABLE, httpStatus, ebmsErrorCode, reason, null, null);
    }

    public static SendOutcome permanent(Integer httpStatus, String ebmsErrorCode, String reason) {
        return new SendOutcome(Kind.PERMANENT, httpStatus, ebmsErrorCode, reason, null, null);
    }

    /** Whether another attempt with the same message could succeed (phase4's isRetryFeasible). */
    public boolean delivered() {
        return kind == Kind.DELIVERED;
    }

    public boolean retryFeasible() {
        return kind == Kind.RETRYABLE;
    }

    /**
     * A permanent failure the partner itself signalled with an ebMS error: the partner refused this
     * message, so it ends REJECTED. A permanent failure on this side (no error signal: the message
     * could not be built, signed or addressed) ends FAILED, which an operator can resend once fixed.
     */
    public boolean refusedByPartner() {
        return kind == Kind.PERMANENT && ebmsErrorCode != null;
    }
}
