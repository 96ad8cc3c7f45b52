package org.cogateway.delivery;

import java.time.Instant;

/**
 * Where a transmission goes after one attempt: the state, when it is due again (RETRY_WAIT only),
 * the error it keeps, and the line for its history.
 *
 * <p>A retry reuses the MessageId, so an answer to attempt 2 or later may be about an earlier
 * attempt that reached the partner although its receipt was lost. "Already have it" then means
 * delivered, without a receipt to prove it (kept as the last error, so it stays visible); any other
 * refusal goes to an operator (FAILED) rather than reporting a business rejection of a CO the
 * partner may hold.
 */
record AfterAttempt(TransmissionState state, Instant nextAttemptAt, String lastError, String detail) {

    static AfterAttempt decide(ClaimedTransmission claim, SendOutcome outcome, RetryBudget budget, Backoff backoff,
                               Instant now) {
        String attempt = label(claim);
        return switch (outcome.kind()) {
            case DELIVERED -> new AfterAttempt(TransmissionState.DELIVERED, null, null,
                    "delivered, receipt received (" + attempt + ")");
            case ALREADY_RECEIVED -> retry(claim)
                    ? new AfterAttempt(TransmissionState.DELIVERED, null, "no receipt: " + describe(outcome),
                            "delivered without a receipt: the partner answered the retry as a duplicate: "
                                    + describe(outcome) + " (" + attempt + ")")
                    : new AfterAttempt(TransmissionState.FAILED, null, describe(outcome),
                            "the partner calls a first attempt a duplicate, an operator decides: "
                                    + describe(outcome) + " (" + attempt + ")");
            case PERMANENT -> afterPermanent(claim, outcome);
            case RETRYABLE -> afterFailure(claim, outcome,
                    backoff.decide(budget.policy(), budget.attemptsMade(), budget.since(), now));
        };
    }

    private static AfterAttempt afterPermanent(ClaimedTransmission claim, SendOutcome outcome) {
        String attempt = label(claim);
        if (!outcome.refusedByPartner()) {
            return new AfterAttempt(TransmissionState.FAILED, null, describe(outcome),
                    "cannot be sent: " + describe(outcome) + " (" + attempt + ")");
        }
        if (retry(claim)) {
            return new AfterAttempt(TransmissionState.FAILED, null, describe(outcome),
                    "refused by the partner on a retry (an earlier attempt may have reached it), an operator"
                            + " decides: " + describe(outcome) + " (" + attempt + ")");
        }
        return new AfterAttempt(TransmissionState.REJECTED, null, describe(outcome),
                "refused by the partner: " + describe(outcome) + " (" + attempt + ")");
    }

    private static AfterAttempt afterFailure(ClaimedTransmission claim, SendOutcome outcome, Backoff.Decision decision) {
        String attempt = label(claim);
        if (decision instanceof Backoff.RetryAt retry) {
            return new AfterAttempt(TransmissionState.RETRY_WAIT, retry.at(), describe(outcome),
                    describe(outcome) + "; next attempt at " + retry.at() + " (" + attempt + ")");
        }
        String why = ((Backoff.GiveUp) decision).why();
        return new AfterAttempt(TransmissionState.FAILED, null, describe(outcome),
                "gave up, " + why + "; last error: " + describe(outcome) + " (" + attempt + ")");
    }

    /** Whether an earlier attempt with this MessageId was made, whose answer may have been lost. */
    private static boolean retry(ClaimedTransmission claim) {
        return claim.attempt() > 1;
    }

    private static String label(ClaimedTransmission claim) {
        return "attempt " + claim.attempt() + " by node " + claim.leaseOwner();
    }

    /** The reason with the HTTP status and ebMS error code, as an operator reads it. */
    static String describe(SendOutcome outcome) {
        StringBuilder text = new StringBuilder(outcome.reason());
        if (outcome.httpStatus() != null) {
            text.append(" [HTTP ").append(outcome.httpStatus()).append(']');
        }
        if (outcome.ebmsErrorCode() != null) {
            text.append(" [").append(outcome.ebmsErrorCode()).append(']');
        }
        return text.toString();
    }
}
