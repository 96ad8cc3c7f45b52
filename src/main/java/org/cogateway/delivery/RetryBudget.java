package org.cogateway.delivery;

import java.time.Instant;
import org.cogateway.partner.RetryPolicy;

/**
 * What a transmission may still spend of its partner's retry policy.
 *
 * @param attemptsMade attempts made so far, counted from the last operator resend
 * @param since        when the count started: the transmission's creation, or its last resend
 */
record RetryBudget(RetryPolicy policy, int attemptsMade, Instant since) {
}
