package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cogateway.testing.MariadbServer;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TwoNodeCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB server restarts while two JP nodes (separate JVMs) are sending to the ID partner
 * (which stores on the same server): the nodes' pools reconnect, outcomes that could not be
 * recorded during the outage are resent when their leases expire, and every CO is delivered once.
 * The server restarted is the test's own ({@link MariadbServer}), never the machine's.
 */
@Tag("crash")
class DatabaseRestartTest {
    private static final int COS = 30;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void everyCoIsDeliveredOnceAcrossADatabaseRestart() throws Exception {
        assumeTrue(TestDatabases.mariadb(), "runs in the MariaDB pass");
        assumeTrue(MariadbServer.installed(), "needs the MariaDB server programs (mariadbd, mariadb-install-db)");
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        try (MariadbServer server = MariadbServer.start();
             TwoNodeCluster cluster = new TwoNodeCluster(() -> TestDatabases.freshOn(server.url()), 0.0,
                     Duration.ofMillis(300), 2, (node, p) -> {
            p.setProperty("delivery.workers", "4");
            // the outage may cost a transmission an attempt or two; it must not run out of them
            p.setProperty("partner.ID.retry.maxAttempts", "20");
        })) {
            submitAll(cluster, run);
            await().atMost(WAIT).until(() -> cluster.states().getOrDefault("DELIVERED", 0L) >= 3);
            long deliveredBefore = cluster.states().getOrDefault("DELIVERED", 0L);
            long firstPid = server.pid();
            server.stop();
            assertThat(server.answers()).isFalse();
            Thread.sleep(3_000);
            server.restart();
            assertThat(server.pid()).isNotEqualTo(firstPid);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> cluster.undelivered() == 0);

            assertThat(deliveredBefore).isLessThan(COS);
            assertThat(cluster.states()).containsExactly(Map.entry("DELIVERED", (long) COS));
            assertThat(cluster.inboundCertificates()).isEqualTo(COS);
            assertThat(cluster.duplicatesAtPartner()).isZero();
            assertThat(cluster.inboundMessages()).isEqualTo(cluster.distinctInboundMessageIds()).isEqualTo(COS);
            assertThat(cluster.node(0).alive()).isTrue();
            assertThat(cluster.node(1).alive()).isTrue();
            System.out.printf("database restart: %d of %d delivered before the restart; attempts by outcome %s;"
                    + " %d user messages forwarded to ID for %d stored%n", deliveredBefore, COS,
                    cluster.jp().rows("SELECT outcome, COUNT(*) FROM transmission_attempt GROUP BY outcome"),
                    cluster.proxy().forwarded(), cluster.inboundMessages());
        }
    }

    private static void submitAll(TwoNodeCluster cluster, String run) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> submitted = new ArrayList<>();
            for (int i = 0; i < COS; i++) {
                int n = i;
                submitted.add(clients.submit(() -> cluster.submit(n % 2, "JP-DBR-" + run + "-" + n)));
            }
            for (Future<String> f : submitted) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
