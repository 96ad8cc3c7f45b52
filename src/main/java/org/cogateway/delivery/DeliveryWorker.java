package org.cogateway.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.cogateway.logging.LogFields;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbound queue holds: one poll thread claims due transmissions, partner by
 * partner, only as many as there are free workers and free places for that partner; a bounded
 * pool sends them and records each outcome. A partner that hangs or keeps failing therefore holds
 * at most its own places, never the whole pool, and rows that cannot be started at once are never
 * claimed (a claim costs an attempt and a lease, so none is taken only to be given back).
 *
 * <p>The worker starts once and stops once. On start it first releases the leases this node still
 * holds from before a restart, so those transmissions are sent again at once.
 */
public final class DeliveryWorker {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** After the stop grace: how long interrupted sends get to note themselves. */
    private static final Duration INTERRUPTED_SENDS_WAIT = Duration.ofSeconds(2);

    private final OutboundQueue queue;
    private final TransmissionSender sender;
    private final List<Partner> partners;
    private final DeliverySettings settings;
    private final Semaphore freeWorkers;
    private final Map<String, Semaphore> freePerPartner;
    private final Semaphore wakeUps = new Semaphore(0);
    private final ExecutorService pool;
    private final Thread poller;
    private final DeliveryMetrics metrics;
    private volatile boolean running;
    private int rotation;

    public DeliveryWorker(OutboundQueue queue, TransmissionSender sender, PartnerDirectory partners,
                          DeliverySettings settings, MeterRegistry registry) {
        this.queue = queue;
        this.sender = sender;
        this.partners = partners.all();
        this.settings = settings;
        this.freeWorkers = new Semaphore(settings.workers());
        this.freePerPartner = this.partners.stream().collect(Collectors.toUnmodifiableMap(Partner::id,
                p -> new Semaphore(settings.perPartnerLimit())));
        this.pool = Executors.newFixedThreadPool(settings.workers(), named("delivery-send-"));
        this.poller = named("delivery-poll-").newThread(this::pollUntilStopped);
        this.metrics = new DeliveryMetrics(registry, () -> settings.workers() - freeWorkers.availablePermits());
    }

    public synchronized void start() {
        if (poller.getState() != Thread.State.NEW) {
            throw new IllegalStateException("the delivery worker starts once");
        }
        running = true;
        poller.start();
        log.info("delivery worker started on node {}: {} workers, {} per partner", settings.nodeId(),
                settings.workers(), settings.perPartnerLimit());
    }

    /** Claims due transmissions now instead of at the next poll, e.g. after a new submission. */
    public void wakeUp() {
        wakeUps.release();
    }

    /**
     * Stops claiming, then waits up to the stop grace for the sends in flight to record their
     * outcome. Sends still running after that are interrupted, each noted in one line; they keep
     * their leases, which this node releases when it starts again, or which expire for another node
     * to take over (the partner drops a copy it already has, by MessageId).
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        long deadline = System.nanoTime() + settings.stopGrace().toNanos();
        try {
            poller.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            pool.shutdown();
            if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("delivery worker on node {}: {} send(s) still in flight after {}: interrupting them; "
                                + "their leases stay", settings.nodeId(), settings.workers() - freeWorkers.availablePermits(),
                        settings.stopGrace());
                pool.shutdownNow();
                // the interrupted sends note themselves before the caller closes the database
                pool.awaitTermination(INTERRUPTED_SENDS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("delivery worker stopped on node {}", settings.nodeId());
    }

    /** Whether this send was cut short by {@link #stop()}: then it is noted, not recorded. */
    private boolean interruptedByStop() {
        return !running && Thread.currentThread().isInterrupted();
    }

    private void noteInterrupted(ClaimedTransmission claim, Partner partner) {
        log.warn("send of message {} (transmission {}, attempt {}) to {} interrupted by the stop; sent again with "
                + "the same MessageId when its lease is released or ends", claim.messageId(), claim.id(),
                claim.attempt(), partner.id());
    }

    private void pollUntilStopped() {
        boolean recovered = false;
        while (running) {
            try {
                if (!recovered) {
                    int released = queue.releaseOwnLeases(settings.nodeId());
                    recovered = true;
                    if (released > 0) {
                        log.info("node {} resumes {} transmission(s) it was sending before it stopped",
                                settings.nodeId(), released);
                    }
                }
                claimAndDispatch();
            } catch (RuntimeException e) {
                // the database is away or refused the claim: nothing was claimed, try again at the next poll
                log.warn("delivery worker on node {} cannot read the queue: {}", settings.nodeId(), e.toString());
            }
            awaitWakeUpOrPollInterval();
        }
    }

    /** One poll: each partner in turn, starting with a different one each time, up to its free places. */
    private void claimAndDispatch() {
        int first = rotation++;
        for (int i = 0; i < partners.size() && running; i++) {
            Partner partner = partners.get(Math.floorMod(first + i, partners.size()));
            Semaphore partnerPlaces = freePerPartner.get(partner.id());
            int free = Math.min(freeWorkers.availablePermits(), partnerPlaces.availablePermits());
            if (free > 0) {
                for (ClaimedTransmission claim : queue.claimDue(settings.nodeId(), partner.id(), free,
                        settings.leaseFor(partner))) {
                    // only this thread takes places, so the places just counted are still free
                    freeWorkers.acquireUninterruptibly();
                    partnerPlaces.acquireUninterruptibly();
                    pool.execute(() -> deliver(claim, partner, partnerPlaces));
                }
            }
        }
        metrics.polled();
    }

    private void deliver(ClaimedTransmission claim, Partner partner, Semaphore partnerPlaces) {
        try (LogFields fields = LogFields.of(LogFields.MESSAGE_ID, claim.messageId(), LogFields.TRACKING_ID, claim.id(),
                LogFields.PARTNER, partner.id(),
                LogFields.CERTIFICATE_NUMBER, LogFields.certificateNumber(claim.conversationId()))) {
            SendOutcome outcome = send(claim, partner);
            if (interruptedByStop()) {
                noteInterrupted(claim, partner);
                return;
            }
            metrics.attempted(partner, outcome);
            record(claim, outcome, partner);
        } finally {
            partnerPlaces.release();
            freeWorkers.release();
            // a place is free again: take the next due transmission now
            wakeUp();
        }
    }

    /** The edge of the sender: whatever it throws becomes a retryable failure with a reason. */
    private SendOutcome send(ClaimedTransmission claim, Partner partner) {
        try {
            SendOutcome outcome = sender.send(claim, partner);
            return outcome != null ? outcome : SendOutcome.retryable(null, null, "the sender returned no outcome");
        } catch (Throwable e) {
            log.error("sending message {} (transmission {}, attempt {}) to {} failed unexpectedly", claim.messageId(),
                    claim.id(), claim.attempt(), partner.id(), e);
            return SendOutcome.retryable(null, null, "unexpected failure in the sender: " + e);
        }
    }

    private void record(ClaimedTransmission claim, SendOutcome outcome, Partner partner) {
        try {
            if (!queue.recordOutcome(claim, outcome)) {
                log.warn("outcome {} of message {} attempt {} did not change its state: the partner's answer closed"
                                + " it first (the attempt is kept), or its lease was taken over by another node",
                        outcome.kind(), claim.messageId(), claim.attempt());
            }
        } catch (RuntimeException e) {
            if (interruptedByStop()) {
                noteInterrupted(claim, partner);
                return;
            }
            log.error("cannot record outcome {} of message {} attempt {}; it will be sent again when its lease ends",
                    outcome.kind(), claim.messageId(), claim.attempt(), e);
        }
    }

    private void awaitWakeUpOrPollInterval() {
        try {
            wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + settings.nodeId() + "-" + count.incrementAndGet());
            // a stop() the composition root forgot must not keep the JVM alive
            thread.setDaemon(true);
            return thread;
        };
    }
}
