package org.cogateway.partner;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of the link to one partner, judged by the partner's {@code quietAfter}: what an officer
 * needs to tell "this CO does not exist" from "it cannot have arrived".
 *
 * @param lastReceivedAt the last message the partner delivered here
 * @param lastSuccessAt  the last send or ping to it that got its receipt
 * @param lastFailureAt  the last send or ping to it that did not reach it
 */
public record LinkState(Partner partner, Condition condition, Instant lastReceivedAt, Instant lastSuccessAt,
                        Instant lastFailureAt, String lastFailure) {

    public enum Condition {
        /** Something succeeded within quietAfter and nothing failed after it. */
        UP,
        /** The newest attempt to reach the partner failed. */
        DOWN,
        /** Nothing at all within quietAfter: not known. */
        QUIET
    }

    public static LinkState judge(Partner partner, Instant lastReceivedAt, Instant lastSuccessAt,
                                  Instant lastFailureAt, String lastFailure, Instant now) {
        Instant lastGood = lastReceivedAt == null ? lastSuccessAt
                : lastSuccessAt == null || lastReceivedAt.isAfter(lastSuccessAt) ? lastReceivedAt : lastSuccessAt;
        Condition condition;
        if (lastFailureAt != null && (lastGood == null || lastFailureAt.isAfter(lastGood))) {
            condition = Condition.DOWN;
        } else if (lastGood != null && Duration.between(lastGood, now).compareTo(partner.quietAfter()) <= 0) {
            condition = Condition.UP;
        } else {
            condition = Condition.QUIET;
        }
        return new LinkState(partner, condition, lastReceivedAt, lastSuccessAt, lastFailureAt, lastFailure);
    }

    public boolean healthy() {
        return condition == Condition.UP;
    }
}
