package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claim SQL on the database this build runs (H2 in MariaDB mode, or MariaDB): rows locked elsewhere are skipped. */
class ClaimConcurrencyTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private Database db;
    private QueueFixture fixture;
    private OutboundQueue queue;

    @BeforeEach
    void openQueue() {
        db = Database.open(TestDatabases.fresh());
        fixture = new QueueFixture(db);
        queue = new OutboundQueue(db, Clock.fixed(NOW, ZoneOffset.UTC), new Backoff(() -> 0L),
                new PartnerDirectory(List.of(QueueFixture.partner("id", RetryPolicy.DEFAULT))));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void aClaimSkipsARowAnotherTransactionHoldsInsteadOfWaitingForIt() throws Exception {
        String held = fixture.enqueue("id", NOW.minusSeconds(1));
        String free = fixture.enqueue("id", NOW);
        try (Connection other = db.dataSource().getConnection();
             PreparedStatement lock = other.prepareStatement("SELECT id FROM transmission WHERE id = ? FOR UPDATE")) {
            lock.setString(1, held);
            lock.executeQuery().close();

            CompletableFuture<List<ClaimedTransmission>> claim =
                    CompletableFuture.supplyAsync(() -> queue.claimDue("node-a", 10, LEASE));

            await().atMost(Duration.ofSeconds(10)).until(claim::isDone);
            assertThat(claim.get()).extracting(ClaimedTransmission::id).containsExactly(free);
            other.rollback();
        }
        assertThat(fixture.transmission(held).state()).isEqualTo(TransmissionState.QUEUED);
    }

    @Test
    void nodesClaimingAtOnceGetDisjointRowsAndEveryRowExactlyOnce() throws Exception {
        int rows = 120;
        Set<String> queued = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            queued.add(fixture.enqueue("id", NOW.minusSeconds(i)));
        }
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            String nodeId = "node-" + n;
            results.add(pool.submit(() -> {
                start.await();
                return claimUntilNothingIsLeft(nodeId);
            }));
        }
        start.countDown();

        List<String> claimed = new ArrayList<>();
        for (Future<List<String>> result : results) {
            claimed.addAll(result.get());
        }
        pool.shutdown();

        assertThat(claimed).hasSize(rows).doesNotHaveDuplicates();
        assertThat(new HashSet<>(claimed)).isEqualTo(queued);
        assertThat(queued).allSatisfy(id -> assertThat(fixture.transmission(id).attempts()).isEqualTo(1));
    }

    /**
     * A node that finds nothing stops; rows it skipped are held by a node that found some, and that
     * node asks again, so together they drain the queue.
     */
    private List<String> claimUntilNothingIsLeft(String nodeId) {
        List<String> mine = new ArrayList<>();
        List<ClaimedTransmission> batch;
        do {
            batch = queue.claimDue(nodeId, 5, LEASE);
            batch.forEach(c -> mine.add(c.id()));
        } while (!batch.isEmpty());
        return mine;
    }
}
