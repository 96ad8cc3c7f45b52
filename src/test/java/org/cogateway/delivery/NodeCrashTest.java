package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TwoNodeCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two JP gateway nodes as separate JVMs on one MariaDB database, sending to the ID gateway through a
 * slow line (500 ms per request, so that sends are in flight when a node dies). A node killed with
 * SIGKILL mid-send loses nothing: restarted, it resumes its own sends at once; left dead, its leases
 * expire and the other node takes its sends over. The partner stores every CO once, though it
 * may receive a message twice (the MessageId is the same, the MSH answers the duplicate with its
 * stored receipt).
 */
@Tag("crash")
class NodeCrashTest {
    private static final int COS = 40;
    private static final int WAVE = COS / 2;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void onlyOnMariadb() {
        assumeTrue(TestDatabases.mariadb(), "separate JVMs cannot share the embedded H2 database");
    }

    @Test
    void noCoIsLostOrStoredTwiceWhenNodesAreKilledMidSend() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        try (TwoNodeCluster cluster = new TwoNodeCluster(0.0, Duration.ofMillis(500), 1,
                NodeCrashTest::nodeSettings)) {
            List<String> tracking = new ArrayList<>(submitAll(cluster, run + "-1"));

            // jp-a dies mid-send and comes straight back: it resumes its own sends at once
            // the figure the wait saw: read again, the sends in flight may just have finished (failed once so)
            java.util.concurrent.atomic.AtomicLong seenInFlight = new java.util.concurrent.atomic.AtomicLong();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                seenInFlight.set(cluster.inFlight("jp-a"));
                return seenInFlight.get() > 0;
            });
            long inFlightAtKill = seenInFlight.get();
            cluster.node(0).kill();
            cluster.node(0).start();

            tracking.addAll(submitAll(cluster, run + "-2"));
            // jp-b dies mid-send and stays away past its leases: jp-a takes its sends over
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> cluster.inFlight("jp-b") > 0);
            cluster.node(1).kill();
            await().atMost(WAIT).until(() -> cluster.inFlight("jp-b") == 0);
            cluster.node(1).start();

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> cluster.undelivered() == 0);

            assertThat(inFlightAtKill).isPositive();
            assertThat(cluster.states()).as("every transmission delivered").containsExactly(
                    java.util.Map.entry("DELIVERED", (long) COS));
            assertThat(cluster.jp().count("SELECT COUNT(DISTINCT id) FROM transmission")).isEqualTo(tracking.size());
            assertThat(cluster.inboundCertificates()).as("each CO once at the partner").isEqualTo(COS);
            assertThat(cluster.duplicatesAtPartner()).isZero();
            assertThat(cluster.inboundMessages()).isEqualTo(cluster.distinctInboundMessageIds()).isEqualTo(COS);

            List<String> restarted = cluster.jp().column("SELECT detail FROM transmission_event"
                    + " WHERE detail LIKE 'node jp-a restarted while sending%'");
            List<String> takenOver = cluster.jp().column("SELECT detail FROM transmission_event"
                    + " WHERE detail LIKE 'lease of node jp-b expired%resumed by node jp-a%'");
            assertThat(restarted).as("jp-a resumed its own sends after its restart").isNotEmpty();
            assertThat(takenOver).as("jp-a took over jp-b's sends when their leases expired").isNotEmpty();
            assertThat(cluster.jp().count("SELECT COUNT(*) FROM transmission_attempt WHERE outcome = 'ABANDONED'"))
                    .isEqualTo(restarted.size() + takenOver.size());

            String resumed = cluster.jp().column("SELECT transmission_id FROM transmission_event"
                    + " WHERE detail LIKE 'lease of node jp-b expired%' ORDER BY id").get(0);
            List<String> history = cluster.jp().column("SELECT CONCAT(state, ' ', COALESCE(detail, ''))"
                    + " FROM transmission_event WHERE transmission_id = ? ORDER BY id", resumed);
            assertThat(history.get(0)).startsWith("QUEUED");
            assertThat(history).anySatisfy(h -> assertThat(h).startsWith("SENDING claimed by node jp-b for attempt"));
            assertThat(history).anySatisfy(h -> assertThat(h).matches(
                    "SENDING lease of node jp-b expired at .*; resumed by node jp-a for attempt \\d+"));
            assertThat(history.get(history.size() - 1)).startsWith("DELIVERED delivered, receipt received");
            long forwarded = cluster.proxy().forwarded();
            System.out.printf("crash test: %d COs, %d user messages forwarded to ID, %d stored: %d MSH-level duplicates"
                    + " eliminated; jp-a resumed %d on restart, took over %d of jp-b's; history of %s:%n  %s%n",
                    COS, forwarded, cluster.inboundMessages(), forwarded - cluster.inboundMessages(), restarted.size(),
                    takenOver.size(), resumed, String.join("\n  ", history));
        }
    }

    /**
     * Four workers per node. jp-a leases for 46 s (2 x (1 s connect + 2 s read) + 40 s), longer than
     * a node takes to restart, so its restart finds its own sends still leased; jp-b leases for 7 s,
     * so its sends are taken over soon after it dies.
     */
    private static void nodeSettings(String node, java.util.Properties p) {
        p.setProperty("delivery.workers", "4");
        p.setProperty("delivery.leaseMargin", node.equals("jp-a") ? "40s" : "1s");
    }

    /** Half a wave of COs at each node, from four client threads. */
    private static List<String> submitAll(TwoNodeCluster cluster, String run) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> submitted = new ArrayList<>();
            for (int i = 0; i < WAVE; i++) {
                int n = i;
                submitted.add(clients.submit(() -> cluster.submit(n % 2, "JP-CRASH-" + run + "-" + n)));
            }
            List<String> tracking = new ArrayList<>();
            for (Future<String> f : submitted) {
                tracking.add(f.get());
            }
            return tracking;
        } finally {
            clients.shutdownNow();
        }
    }
}
