package org.cogateway.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cogateway.background.BackgroundThreads;
import org.cogateway.config.Durations;
import org.cogateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (issue 9, item 7): purges the raw bodies of messages older than {@code retention.olderThan}
 * — a transmission's payload, each attempt's message as sent and the error signals received, an inbound
 * message as received — and keeps everything else: the row, its states and history, every attempt's
 * outcome, the receipts (the delivering attempt's answer and the receipt sent for an inbound message:
 * they carry the NRR digests) and the certificate itself. A purged message shows "purged on" its date.
 *
 * <p>One node at a time: a run holds the lease in {@code retention_run} (renewed after every batch;
 * a node that dies leaves it to expire), and the row's {@code next_run_at} makes every node wait for
 * the same next run. Work goes in batches of {@code retention.batchSize} messages, each its own short
 * transaction, so the tables are never locked for long. Outbound transmissions are purged only in a
 * state no send needs the body for (DELIVERED, ACKNOWLEDGED, FAILED, REJECTED) and last changed before
 * the cut-off; the rows are locked while purged, so a resend either happens first (and the row is
 * skipped) or finds the body purged and refuses (OutboundQueue#resend).
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final String JOB = "bodies";
    /** A batch takes well under a second; a lease this long survives a slow database, not a dead node for long. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** The nodes look this often whether the next run is due, so a run's time does not hang on one node's schedule. */
    static final Duration TICK = Duration.ofMinutes(1);
    private static final List<String> PURGEABLE = List.of("DELIVERED", "ACKNOWLEDGED", "FAILED", "REJECTED");

    private final GatewayConfig.Retention settings;
    private final Jdbc jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final String nodeId;
    private final ScheduledExecutorService scheduler;

    /** What one call to {@link #run} did: ran and purged, or found another node running, or was not due. */
    public record Outcome(boolean ran, String node, Instant cutoff, long transmissions, long inbound, String message,
                          long batches, long longestBatchMs) {
    }

    /** What the console and the API show: the settings, the last run, the next, and who runs now. */
    public record Status(boolean enabled, String olderThan, int batchSize, String interval, Instant nextRun,
                         String runningOn, Instant lastStarted, Instant lastFinished, String lastNode,
                         Instant lastCutoff, Long lastTransmissions, Long lastInbound, String lastOutcome,
                         long totalTransmissions, long totalInbound) {
    }

    public Retention(GatewayConfig.Retention settings, DataSource dataSource, AuditLog audit, Clock clock,
                     String nodeId) {
        this.settings = settings;
        this.jdbc = new Jdbc(dataSource);
        this.audit = audit;
        this.clock = clock;
        this.nodeId = nodeId;
        this.scheduler = BackgroundThreads.single("retention");
    }

    /** Starts looking for due runs (nothing when retention is off). */
    public void start() {
        if (!settings.enabled()) {
            log.info("retention off (retention.olderThan=0): message bodies are kept");
            return;
        }
        long tick = Math.min(TICK.toMillis(), settings.interval().toMillis());
        scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        log.info("retention: bodies older than {} purged every {} in batches of {}",
                Durations.format(settings.olderThan()), Durations.format(settings.interval()), settings.batchSize());
    }

    private void tick() {
        try {
            run(false);
        } catch (RuntimeException e) {
            // a database away now is tried again at the next tick; the lease, if taken, expires
            log.warn("retention run failed on node {}: {}", nodeId, e.getMessage());
        }
    }

    /**
     * Runs now if this node gets the lease: when the next run is due, or at once with {@code now}
     * (an operator's "purge now"). Returns without purging when retention is off, not due, or another
     * node holds the lease.
     */
    public Outcome run(boolean now) {
        if (!settings.enabled()) {
            return new Outcome(false, null, null, 0, 0, "retention is off (retention.olderThan=0)", 0, 0);
        }
        Instant started = now();
        Optional<String> holder = acquire(started, now);
        if (holder.isPresent()) {
            return new Outcome(false, holder.get(), null, 0, 0, holder.get().isEmpty() ? "not due yet"
                    : "node " + holder.get() + " is purging now", 0, 0);
        }
        Instant cutoff = started.minus(settings.olderThan());
        long transmissions = 0;
        long inbound = 0;
        String outcome = "ok";
        Batches batches = new Batches();
        try {
            transmissions = purgeTransmissions(cutoff, batches);
            inbound = purgeInbound(cutoff, batches);
        } catch (LeaseLost e) {
            outcome = "stopped: " + e.getMessage();
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getMessage();
            log.warn("retention run on node {} failed after {} transmissions, {} inbound messages: {}", nodeId,
                    transmissions, inbound, e.toString());
        }
        finish(started, cutoff, transmissions, inbound, outcome);
        String detail = transmissions + " transmissions, " + inbound + " inbound messages purged (bodies older than "
                + Durations.format(settings.olderThan()) + ", before " + cutoff.truncatedTo(ChronoUnit.SECONDS) + ")";
        if (transmissions + inbound > 0 || !outcome.equals("ok")) {
            audit.record("retention", nodeId, "retention-purge", "message bodies", outcome.equals("ok") ? "ok"
                    : "failed", outcome.equals("ok") ? detail : detail + "; " + outcome);
        }
        log.info("retention run on node {}: {}{}", nodeId, detail, outcome.equals("ok") ? "" : "; " + outcome);
        return new Outcome(true, nodeId, cutoff, transmissions, inbound, outcome, batches.count, batches.longestMs);
    }

    /** @return empty when this node holds the lease now; else who does ("" when nobody: not due) */
    private Optional<String> acquire(Instant at, boolean now) {
        return jdbc.transaction(c -> {
            int taken = Jdbc.update(c, "UPDATE retention_run SET lease_owner = ?, lease_until = ?, last_started_at = ?"
                            + " WHERE job = ? AND (lease_owner IS NULL OR lease_until < ?)"
                            + (now ? "" : " AND (next_run_at IS NULL OR next_run_at <= ?)"),
                    now ? new Object[] {nodeId, at.plus(LEASE), at, JOB, at}
                            : new Object[] {nodeId, at.plus(LEASE), at, JOB, at, at});
            if (taken == 1) {
                return Optional.<String>empty();
            }
            return Optional.of(Jdbc.query(c, "SELECT lease_owner, lease_until FROM retention_run WHERE job = ?",
                    rs -> rs.getString("lease_owner") != null && Jdbc.instant(rs, "lease_until").isAfter(at)
                            ? rs.getString("lease_owner") : "", JOB).stream().findFirst().orElse(""));
        });
    }

    private void renew() {
        Instant at = now();
        int renewed = jdbc.transaction(c -> Jdbc.update(c, "UPDATE retention_run SET lease_until = ?"
                + " WHERE job = ? AND lease_owner = ?", at.plus(LEASE), JOB, nodeId));
        if (renewed != 1) {
            throw new LeaseLost("the lease passed to another node");
        }
    }

    private void finish(Instant started, Instant cutoff, long transmissions, long inbound, String outcome) {
        Instant at = now();
        jdbc.transaction(c -> Jdbc.update(c, "UPDATE retention_run SET lease_owner = NULL, lease_until = NULL,"
                        + " next_run_at = ?, last_finished_at = ?, last_node = ?, last_cutoff = ?,"
                        + " last_transmissions = ?, last_inbound = ?, last_outcome = ?,"
                        + " total_transmissions = total_transmissions + ?, total_inbound = total_inbound + ?"
                        + " WHERE job = ? AND lease_owner = ?", started.plus(settings.interval()), at, nodeId, cutoff,
                transmissions, inbound, outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome,
                transmissions, inbound, JOB, nodeId));
    }

    /**
     * Oldest first by keyset on (created_at, id) over the unpurged rows, so each batch reads only what
     * it may purge and what is still in flight. Each batch locks its rows, re-checks them under the lock
     * and purges them in one transaction.
     */
    /** How many purge transactions a run made and the longest one: how long it held its rows' locks. */
    private static final class Batches {
        long count;
        long longestMs;

        void took(long startNanos) {
            count++;
            longestMs = Math.max(longestMs, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    private long purgeTransmissions(Instant cutoff, Batches batches) {
        long purged = 0;
        Instant afterAt = null;
        String afterId = null;
        String states = String.join(", ", Collections.nCopies(PURGEABLE.size(), "?"));
        while (true) {
            List<Object> args = new ArrayList<>(List.of(cutoff));
            String keyset = "";
            if (afterAt != null) {
                keyset = " AND (created_at > ? OR (created_at = ? AND id > ?))";
                args.addAll(List.of(afterAt, afterAt, afterId));
            }
            args.add(settings.batchSize());
            List<Object[]> batch = jdbc.query("SELECT id, created_at FROM transmission WHERE body_purged_at IS NULL"
                    + " AND created_at < ?" + keyset + " ORDER BY created_at, id LIMIT ?",
                    rs -> new Object[] {rs.getString("id"), Jdbc.instant(rs, "created_at")}, args.toArray());
            if (batch.isEmpty()) {
                return purged;
            }
            Object[] last = batch.get(batch.size() - 1);
            afterId = (String) last[0];
            afterAt = (Instant) last[1];
            List<String> ids = batch.stream().map(row -> (String) row[0]).toList();
            Instant at = now();
            long start = System.nanoTime();
            purged += jdbc.transaction(c -> purgeTransmissions(c, ids, cutoff, states, at));
            batches.took(start);
            renew();
        }
    }

    private static int purgeTransmissions(Connection c, List<String> candidates, Instant cutoff, String states,
                                          Instant at) throws SQLException {
        String in = String.join(", ", Collections.nCopies(candidates.size(), "?"));
        List<Object> args = new ArrayList<>(candidates);
        args.addAll(PURGEABLE);
        args.add(cutoff);
        List<String> ids = Jdbc.query(c, "SELECT id FROM transmission WHERE id IN (" + in + ") AND body_purged_at IS NULL"
                + " AND state IN (" + states + ") AND updated_at < ? FOR UPDATE", rs -> rs.getString(1), args.toArray());
        if (ids.isEmpty()) {
            return 0;
        }
        String locked = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Object[] lockedIds = ids.toArray();
        Jdbc.update(c, "DELETE FROM transmission_payload WHERE transmission_id IN (" + locked + ")", lockedIds);
        // the delivering attempt's answer is the receipt: its NRR digests are what the record shows
        Jdbc.update(c, "UPDATE transmission_attempt SET sent_message = NULL, answer = CASE WHEN outcome = 'DELIVERED'"
                + " THEN answer ELSE NULL END WHERE transmission_id IN (" + locked + ")", lockedIds);
        List<Object> update = new ArrayList<>(List.of(at));
        update.addAll(ids);
        return Jdbc.update(c, "UPDATE transmission SET body_purged_at = ? WHERE id IN (" + locked + ")", update.toArray());
    }

    private long purgeInbound(Instant cutoff, Batches batches) {
        long purged = 0;
        while (true) {
            // purged rows leave the index range (body_purged_at IS NULL), so each batch starts at the oldest left
            List<Long> ids = jdbc.query("SELECT id FROM inbound_message WHERE body_purged_at IS NULL AND received_at < ?"
                    + " ORDER BY received_at, id LIMIT ?", rs -> rs.getLong(1), cutoff, settings.batchSize());
            if (ids.isEmpty()) {
                return purged;
            }
            Instant at = now();
            List<Object> args = new ArrayList<>(List.of(new byte[0], at));
            args.addAll(ids);
            // raw_message is NOT NULL (V3): an empty body, with body_purged_at saying why
            long start = System.nanoTime();
            purged += jdbc.transaction(c -> Jdbc.update(c, "UPDATE inbound_message SET raw_message = ?,"
                    + " body_purged_at = ? WHERE body_purged_at IS NULL AND id IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", args.toArray()));
            batches.took(start);
            renew();
        }
    }

    /** The audit log this node writes to; the admin face shares it. */
    public AuditLog audit() {
        return audit;
    }

    public Status status() {
        Instant at = now();
        return jdbc.query("SELECT * FROM retention_run WHERE job = ?", rs -> {
            Instant leaseUntil = Jdbc.instant(rs, "lease_until");
            String owner = rs.getString("lease_owner");
            return new Status(settings.enabled(), Durations.format(settings.olderThan()), settings.batchSize(),
                    Durations.format(settings.interval()), settings.enabled() ? Jdbc.instant(rs, "next_run_at") : null,
                    owner != null && leaseUntil != null && leaseUntil.isAfter(at) ? owner : null,
                    Jdbc.instant(rs, "last_started_at"), Jdbc.instant(rs, "last_finished_at"), rs.getString("last_node"),
                    Jdbc.instant(rs, "last_cutoff"), rs.getObject("last_transmissions", Long.class),
                    rs.getObject("last_inbound", Long.class), rs.getString("last_outcome"),
                    rs.getLong("total_transmissions"), rs.getLong("total_inbound"));
        }, JOB).stream().findFirst().orElseThrow(() -> new IllegalStateException("retention_run has no row (V8)"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        BackgroundThreads.stop(scheduler);
    }

    private static final class LeaseLost extends RuntimeException {
        LeaseLost(String message) {
            super(message);
        }
    }
}
