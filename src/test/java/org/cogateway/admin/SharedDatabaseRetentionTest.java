package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import org.cogateway.Gateway;
import org.cogateway.testing.SharedDatabaseNodes;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two JP nodes on one database, each with its own retention schedule (every 300 ms, bodies older than
 * 2 s): a transmission that FAILED (the partner, a WireMock, answers 503) is purged once, by one of them,
 * and when the node that ran it leaves, the other takes the schedule over through the lease.
 */
class SharedDatabaseRetentionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SharedDatabaseNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void twoNodesPurgeAFailedTransmissionOnceAndTheOtherTakesOverWhenOneLeaves() throws Exception {
        nodes = new SharedDatabaseNodes(p -> {
            p.setProperty("partner.ID.retry.maxAttempts", "1");
            p.setProperty("retention.olderThan", "2s");
            p.setProperty("retention.interval", "300ms");
        });
        Gateway a = nodes.node("jp-a");
        String trackingId = nodes.submit("JP-RTN-" + System.currentTimeMillis() % 100_000);

        await().atMost(WAIT).until(() -> TestGateways.queryRow(a, "SELECT body_purged_at FROM transmission WHERE id = ?",
                trackingId).get("body_purged_at") != null);
        assertThat(TestGateways.queryRow(a, "SELECT state FROM transmission WHERE id = ?", trackingId).get("state"))
                .isEqualTo("FAILED");
        assertThat(TestGateways.queryLong(a, "SELECT COUNT(*) FROM transmission_payload")).isZero();

        // which node runs is whichever claims the lease first; when it leaves, the other takes over the schedule
        String first = await().atMost(WAIT).until(
                () -> (String) TestGateways.queryRow(a, "SELECT last_node FROM retention_run").get("last_node"),
                Objects::nonNull);
        assertThat(first).isIn("jp-a", "jp-b");
        Gateway remaining = nodes.leave(first);
        String other = first.equals("jp-a") ? "jp-b" : "jp-a";
        await().atMost(WAIT).until(() -> other.equals(
                TestGateways.queryRow(remaining, "SELECT last_node FROM retention_run").get("last_node")));
        // purged once: one audit entry for one transmission, whichever node ran it
        assertThat(TestGateways.queryLong(remaining, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention-purge'"))
                .isEqualTo(1);
        assertThat(TestGateways.queryRow(remaining, "SELECT detail FROM audit_log WHERE action = 'retention-purge'")
                .get("detail").toString()).startsWith("1 transmissions, 0 inbound messages purged");
        assertThat(TestGateways.queryLong(remaining, "SELECT total_transmissions FROM retention_run")).isEqualTo(1);
    }
}
