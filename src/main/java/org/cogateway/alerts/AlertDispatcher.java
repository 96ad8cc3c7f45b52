package org.cogateway.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cogateway.alerts.AlertChannel.AlertSendException;
import org.cogateway.alerts.AlertStore.Delivery;
import org.cogateway.delivery.Backoff;
import org.cogateway.partner.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the alert outbox: claims one due row at a time under a lease (so two nodes never send the
 * same row at once), sends it, and records the outcome; a failed send is due again after an
 * exponential backoff, until the alert is {@code alert.retry.maxAge} old. The outbox is in the
 * database, so what a stopped node had not sent is sent after its restart, or by another node.
 */
final class AlertDispatcher {
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final AlertStore store;
    private final Map<String, AlertChannel> channels;
    private final RetryPolicy retry;
    private final Backoff backoff;
    private final Duration lease;
    private final Clock clock;
    private final String nodeId;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running;

    /** @param lease how long a claimed row is this node's: longer than one send can take */
    AlertDispatcher(AlertStore store, Map<String, AlertChannel> channels, AlertSettings.Retry retry, Backoff backoff,
                    Duration lease, Clock clock, String nodeId) {
        this.store = store;
        this.channels = Map.copyOf(channels);
        // no limit on the number of attempts: an alert is retried until it is too old to matter
        this.retry = new RetryPolicy(Integer.MAX_VALUE, retry.initialBackoff(), retry.maxBackoff(), retry.maxAge());
        this.backoff = backoff;
        this.lease = lease;
        this.clock = clock;
        this.nodeId = nodeId;
        this.thread = new Thread(this::runUntilStopped, "alert-dispatch");
        thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    void wakeUp() {
        wakeUps.release();
    }

    /** Stops after the send in flight, waiting for it at most {@code grace}. */
    void stop(Duration grace) {
        running = false;
        wakeUp();
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUntilStopped() {
        try {
            int released = store.inTransaction(c -> store.releaseLeases(c, nodeId));
            if (released > 0) {
                log.info("{} alert deliveries claimed before this node restarted are due again", released);
            }
        } catch (RuntimeException e) {
            log.warn("alert outbox: cannot release this node's leases ({}); they expire instead", e.getMessage());
        }
        while (running) {
            try {
                sendDue();
            } catch (RuntimeException e) {
                // the database may be away for a while: the outbox is read again at the next poll
                log.warn("alert outbox: {}", e.getMessage());
            }
            try {
                wakeUps.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void sendDue() {
        while (running) {
            Instant now = now();
            Optional<Delivery> claimed = store.inTransaction(c -> store.claimDelivery(c, nodeId, now, now.plus(lease)));
            if (claimed.isEmpty()) {
                return;
            }
            send(claimed.get());
        }
    }

    private void send(Delivery d) {
        AlertChannel channel = channels.get(d.channel());
        try {
            if (channel == null) {
                throw new AlertSendException("no " + d.channel() + " channel is configured on node " + nodeId);
            }
            channel.send(d.alert(), d.receiver());
            Instant now = now();
            if (!store.inTransaction(c -> store.delivered(c, d, nodeId, now))) {
                log.warn("alert {} to {}: sent, but this node's lease ended first", d.alert().id(), d.receiver());
            }
            log.info("alert {} {} sent to {} (attempt {})", d.alert().id(), d.alert().kind(), d.receiver(), d.attempts());
        } catch (AlertSendException e) {
            Instant now = now();
            Backoff.Decision next = backoff.decide(retry, d.attempts(), d.createdAt(), now);
            Instant retryAt = next instanceof Backoff.RetryAt at ? at.at().truncatedTo(ChronoUnit.MICROS) : null;
            store.inTransaction(c -> store.failed(c, d, nodeId, e.getMessage(), retryAt));
            if (retryAt != null) {
                log.warn("alert {} to {} not sent (attempt {}): {}; next attempt at {}", d.alert().id(), d.receiver(),
                        d.attempts(), e.getMessage(), retryAt);
            } else {
                log.error("alert {} {} to {} given up after {} attempts, {}: {}", d.alert().id(), d.alert().kind(),
                        d.receiver(), d.attempts(), ((Backoff.GiveUp) next).why(), e.getMessage());
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
