package org.cogateway.delivery;

import org.cogateway.partner.Partner;

/**
 * Sends one claimed transmission to its partner, once, and says what came of it. Implemented by
 * the AS4 sender; the delivery worker calls it from its pool, one call per attempt, always with the
 * transmission's fixed message id. An implementation should classify every failure it can into a
 * {@link SendOutcome} rather than throw; whatever it throws anyway is recorded as a retryable failure.
 */
public interface TransmissionSender {
    SendOutcome send(ClaimedTransmission transmission, Partner partner);
}
