package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {
    private static final RetryPolicy QUICK_RETRIES =
            new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofHours(1));
    private static final DeliverySettings SETTINGS = new DeliverySettings(true, "node-a", 4, 2, Duration.ofMillis(50),
            Duration.ofMinutes(1), Duration.ofSeconds(10));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Clock clock = Clock.systemUTC();
    private final PartnerDirectory partners = new PartnerDirectory(List.of(
            QueueFixture.partner("id", QUICK_RETRIES), QueueFixture.partner("th", QUICK_RETRIES)));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private GatewayConfig.Database dbSettings;
    private Database db;
    private QueueFixture fixture;
    private OutboundQueue queue;

    @BeforeEach
    void openQueue() {
        dbSettings = TestDatabases.fresh();
        db = Database.open(dbSettings);
        fixture = new QueueFixture(db);
        queue = new OutboundQueue(db, clock, new Backoff(new Random(7)), partners);
    }

    @AfterEach
    void stopWorkersAndCloseDatabase() {
        workers.forEach(DeliveryWorker::stop);
        db.close();
    }

    @Test
    void aTransmissionThatFailsTwiceIsDeliveredOnTheThirdAttemptWithItsWholeHistory() {
        String id = fixture.enqueue("id", clock.instant());
        start(SETTINGS, (t, p) -> call(t) <= 2
                ? SendOutcome.retryable(503, null, "service unavailable")
                : SendOutcome.delivered(200, "<receipt/>".getBytes()));

        awaitState(id, TransmissionState.DELIVERED);

        assertThat(queue.attempts(id)).extracting(OutboundQueue.AttemptRecord::outcome)
                .containsExactly("RETRYABLE", "RETRYABLE", "DELIVERED");
        assertThat(fixture.history(id)).extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("SENDING", "RETRY_WAIT", "SENDING", "RETRY_WAIT", "SENDING", "DELIVERED");
        assertThat(fixture.transmission(id).attempts()).isEqualTo(3);
    }

    @Test
    void aPermanentRefusalEndsRejectedAfterOneAttempt() {
        String id = fixture.enqueue("id", clock.instant());
        start(SETTINGS, (t, p) -> {
            call(t);
            return SendOutcome.permanent(500, "EBMS:0004", "the partner refuses the document");
        });

        awaitState(id, TransmissionState.REJECTED);

        assertThat(queue.attempts(id)).hasSize(1);
        assertThat(calls.get(fixture.transmission(id).messageId())).hasValue(1);
    }

    @Test
    void aSenderThatThrowsIsRecordedAsARetryableFailureAndTheWorkerCarriesOn() {
        String first = fixture.enqueue("id", clock.instant());
        String second = fixture.enqueue("th", clock.instant());
        start(SETTINGS, (t, p) -> {
            if (call(t) == 1) {
                throw new IllegalStateException("keystore unreadable");
            }
            return SendOutcome.delivered(200, null);
        });

        awaitState(first, TransmissionState.DELIVERED);
        awaitState(second, TransmissionState.DELIVERED);

        assertThat(queue.attempts(first)).first().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("RETRYABLE");
            assertThat(a.reason()).contains("keystore unreadable");
        });
    }

    @Test
    void aPartnerThatHangsHoldsOnlyItsOwnPlacesAndTheOtherPartnersAreServed() {
        List<String> toSlowPartner = enqueue("th", 4);
        List<String> toOthers = enqueue("id", 6);
        CountDownLatch partnerAnswers = new CountDownLatch(1);
        try {
            start(SETTINGS, (t, p) -> {
                if (p.id().equals("th")) {
                    awaitUninterruptibly(partnerAnswers);
                }
                return SendOutcome.delivered(200, null);
            });

            awaitAll(toOthers, TransmissionState.DELIVERED);

            assertThat(toSlowPartner).extracting(id -> fixture.transmission(id).state())
                    .containsOnly(TransmissionState.SENDING, TransmissionState.QUEUED)
                    .filteredOn(TransmissionState.SENDING::equals).hasSize(SETTINGS.perPartnerLimit());
        } finally {
            partnerAnswers.countDown();
        }
        awaitAll(toSlowPartner, TransmissionState.DELIVERED);
    }

    @Test
    void twoNodesOnOneDatabaseSendEveryTransmissionExactlyOnce() {
        List<String> ids = enqueue("id", 30);
        ids.addAll(enqueue("th", 30));
        TransmissionSender countingSender = (t, p) -> {
            call(t);
            return SendOutcome.delivered(200, null);
        };
        try (Database secondPool = Database.open(dbSettings)) {
            OutboundQueue secondQueue = new OutboundQueue(secondPool, clock, new Backoff(new Random(8)), partners);
            DeliveryWorker nodeB = new DeliveryWorker(secondQueue, countingSender, partners,
                    new DeliverySettings(true, "node-b", 4, 2, Duration.ofMillis(50), Duration.ofMinutes(1),
                            Duration.ofSeconds(10)), registry);
            nodeB.start();
            start(SETTINGS, countingSender);
            try {
                awaitAll(ids, TransmissionState.DELIVERED);
            } finally {
                nodeB.stop();
            }
        }

        assertThat(calls).hasSize(ids.size()).allSatisfy((messageId, count) -> assertThat(count).hasValue(1));
    }

    @Test
    void stopWaitsForTheSendInFlightToRecordItsOutcome() {
        String id = fixture.enqueue("id", clock.instant());
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch partnerAnswers = new CountDownLatch(1);
        start(SETTINGS, (t, p) -> {
            sending.countDown();
            awaitUninterruptibly(partnerAnswers);
            return SendOutcome.delivered(200, null);
        });
        awaitUninterruptibly(sending);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(workers.get(0)::stop);
        partnerAnswers.countDown();
        stopping.join();

        assertThat(fixture.transmission(id).state()).isEqualTo(TransmissionState.DELIVERED);
    }

    @Test
    void onRestartItResumesTheTransmissionsThisNodeWasSending() {
        List<String> interrupted = enqueue("id", 2);
        // the node claimed them, then died before recording an outcome; the lease is far from over
        assertThat(queue.claimDue(SETTINGS.nodeId(), 10, Duration.ofHours(1))).hasSize(2);

        start(SETTINGS, (t, p) -> SendOutcome.delivered(200, null));

        awaitAll(interrupted, TransmissionState.DELIVERED);
        assertThat(queue.attempts(interrupted.get(0))).extracting(OutboundQueue.AttemptRecord::outcome)
                .containsExactly("ABANDONED", "DELIVERED");
        assertThat(fixture.history(interrupted.get(0))).anyMatch(line -> line.contains("restarted while sending"));
    }

    @Test
    void aNewSubmissionIsSentAtOnceWhenTheWorkerIsWokenUpNotAtTheNextPoll() {
        DeliverySettings hourlyPolls = new DeliverySettings(true, "node-a", 4, 2, Duration.ofHours(1),
                Duration.ofMinutes(1), Duration.ofSeconds(10));
        start(hourlyPolls, (t, p) -> SendOutcome.delivered(200, null));
        await().atMost(WAIT).until(() -> registry.counter("cogateway.delivery.polls").count() >= 1);

        String id = fixture.enqueue("id", clock.instant());
        workers.get(0).wakeUp();

        awaitState(id, TransmissionState.DELIVERED);
    }

    private void start(DeliverySettings settings, TransmissionSender sender) {
        DeliveryWorker worker = new DeliveryWorker(queue, sender, partners, settings, registry);
        workers.add(worker);
        worker.start();
    }

    private int call(ClaimedTransmission t) {
        return calls.computeIfAbsent(t.messageId(), k -> new AtomicInteger()).incrementAndGet();
    }

    private List<String> enqueue(String partnerId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(fixture.enqueue(partnerId, clock.instant()));
        }
        return ids;
    }

    private void awaitState(String id, TransmissionState state) {
        await().atMost(WAIT).until(() -> fixture.transmission(id).state() == state);
    }

    private void awaitAll(List<String> ids, TransmissionState state) {
        await().atMost(WAIT).until(() -> fixture.countIn(state, ids) == ids.size());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
