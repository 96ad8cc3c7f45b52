package org.cogateway.delivery;

import java.time.Duration;
import org.cogateway.partner.Partner;

/**
 * How one node's delivery worker runs.
 *
 * @param enabled         false on a node that serves the back-office and partners but leaves sending
 *                        to the other nodes sharing its database
 * @param nodeId          this node's name in leases; unique among the nodes sharing a database and
 *                        the same across restarts, so that a restarted node resumes its own sends
 * @param workers         sends in flight at once on this node (the worker pool)
 * @param perPartnerLimit sends in flight at once to any one partner, so that a slow or failing
 *                        partner holds at most this many workers and the others keep going
 * @param pollInterval    how often the queue is read when nothing wakes the worker
 * @param leaseMargin     added to a partner's worst-case send time to make the lease
 * @param stopGrace       how long {@link DeliveryWorker#stop()} waits for sends in flight
 */
public record DeliverySettings(boolean enabled, String nodeId, int workers, int perPartnerLimit, Duration pollInterval,
                               Duration leaseMargin, Duration stopGrace) {

    public DeliverySettings {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 64) {
            throw new IllegalArgumentException("a node id of 1 to 64 characters is needed");
        }
        if (workers < 1 || perPartnerLimit < 1) {
            throw new IllegalArgumentException("workers and the per-partner limit must be at least 1");
        }
    }

    public static DeliverySettings defaults(String nodeId) {
        return new DeliverySettings(true, nodeId, 8, 4, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    /**
     * The lease for one attempt to {@code partner}: twice the longest a send can take (connect plus
     * read timeout, which the sender enforces) plus the margin. A send that ends normally always
     * records its outcome within its lease, so no heartbeat is needed; a send that somehow outlives
     * it loses the row to another node, whose resend the partner deduplicates by message id, and
     * its own late outcome is refused.
     */
    public Duration leaseFor(Partner partner) {
        return partner.connectTimeout().plus(partner.readTimeout()).multipliedBy(2).plus(leaseMargin);
    }
}
