package org.cogateway.delivery;

import java.time.Instant;

/**
 * Where a transmission goes after one attempt: the state, when it is due again (RETRY_WAIT only),
 * the error it keeps, and the line for its history.
 */
record AfterAttempt(TransmissionState state, Instant nextAttemptAt, String lastError, String detail) {

    static AfterAttempt decide(ClaimedTransmission claim, SendOutcome outcome, RetryBudget budget, Backoff backoff,
                               Instant now) {
        String attempt = label(claim);
        return switch (outcome.kind()) {
            case DELIVERED -> new AfterAttempt(TransmissionState.DELIVERED, null, null,
                    "delivered, receipt received (" + attempt + ")");
            case PERMANENT -> outcome.refusedByPartner()
                    ? new AfterAttempt(TransmissionState.REJECTED, null, describe(outcome),
                            "refused by the partner: " + describe(outcome) + " (" + attempt + ")")
                    : new AfterAttempt(TransmissionState.FAILED, null, describe(outcome),
                            "cannot be sent: " + describe(outcome) + " (" + attempt + ")");
            case RETRYABLE -> afterFailure(claim, outcome,
                    backoff.decide(budget.policy(), budget.attemptsMade(), budget.since(), now));
        };
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
