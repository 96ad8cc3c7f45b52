package org.cogateway.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.cogateway.admin.LogFilter;
import org.cogateway.admin.MessageLog;
import org.cogateway.config.GatewayConfig;
import org.cogateway.store.Database;
import org.cogateway.testing.TestDatabases;

/**
 * The message log on big tables (issue 9, "Speed"): loads N transmissions (each with its
 * certificate, two invoices, three attempts and three history events) into a fresh database of the
 * tests' MariaDB (or H2 with -Dtest.db=h2), then times the log's first page, a filtered page, a deep
 * keyset page and a certificate's timeline, and prints p50 / p99 / max. A program, not a test:
 * {@code scripts/log-benchmark.sh --transmissions 1000000}.
 */
public final class LogBenchmark {
    private static final String[] STATES = {"DELIVERED", "ACKNOWLEDGED", "ACKNOWLEDGED", "ACKNOWLEDGED", "FAILED",
            "RETRY_WAIT", "REJECTED"};
    private static final String[] PARTNERS = {"ID", "TH", "VN", "MY"};

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int n = 1_000_000;
        int runs = 200;
        int loaders = 2;
        int purge = 0;
        int gauges = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--transmissions" -> n = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--loaders" -> loaders = Integer.parseInt(args[i + 1]);
                case "--purge" -> purge = Integer.parseInt(args[i + 1]);
                case "--gauges" -> gauges = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.setProperty("test.db", System.getProperty("test.db", "mariadb"));
        GatewayConfig.Database settings = TestDatabases.fresh();
        try (Database db = Database.open(settings)) {
            long start = System.nanoTime();
            load(db, n, loaders);
            System.out.printf("loaded %,d transmissions, %,d attempts, %,d events, %,d certificates on %s in %d s"
                            + " (%d loader connections)%n", n, 3L * n, 3L * n, n, TestDatabases.mariadb() ? "MariaDB" : "H2",
                    Duration.ofNanos(System.nanoTime() - start).toSeconds(), loaders);
            analyze(db);
            if (gauges >= 0) {
                org.cogateway.admin.GaugeBenchmark.run(db, List.of(PARTNERS), gauges, Math.min(runs, 50));
                return;
            }
            MessageLog log = new MessageLog(db.dataSource());
            Random random = new Random(7);
            int total = n;
            String deepCursor = deepCursor(log, 20);
            measure("log page (newest 50)", runs, () -> log.outbound(LogFilter.NONE, null, 50));
            measure("filtered page (state=FAILED, partner=TH)", runs, () -> log.outbound(
                    new LogFilter("FAILED", "TH", null, null, null, null, null, null), null, 50));
            measure("filtered page (certificate number)", runs, () -> log.outbound(new LogFilter(null, null, null,
                    number(random.nextInt(total)), null, null, null, null), null, 50));
            measure("filtered page (invoice number)", runs, () -> log.outbound(new LogFilter(null, null, null, null,
                    "INV-" + random.nextInt(total) + "-A", null, null, null), null, 50));
            measure("page 21 by cursor", runs, () -> log.outbound(LogFilter.NONE, org.cogateway.admin.Keyset.Cursor.decode(deepCursor), 50));
            measure("timeline of one certificate", runs, () -> log.timeline(number(random.nextInt(total)), null));
            if (purge > 0) {
                purge(db, purge, log, runs);
            }
        }
    }

    /**
     * Retention on the loaded tables: a clock set so that the oldest {@code count} transmissions are 30 days
     * older than the cut-off, purged in the default batches of 500 while a reader pages the log; prints the
     * rate, the longest batch (how long its rows stay locked), the reader's figures and the log's afterwards.
     */
    private static void purge(Database db, int count, MessageLog log, int runs) {
        Instant cutoff = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(count * 20L);
        java.time.Clock clock = java.time.Clock.fixed(cutoff.plus(Duration.ofDays(30)), ZoneOffset.UTC);
        org.cogateway.admin.Retention retention = new org.cogateway.admin.Retention(new GatewayConfig.Retention(
                Duration.ofDays(30), Duration.ofDays(1), 500), db.dataSource(),
                new org.cogateway.admin.AuditLog(db.dataSource(), clock), clock, "bench");
        // a reader of the log page while the purge runs: what an operator sees meanwhile
        java.util.concurrent.atomic.AtomicBoolean purging = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Long> during = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (purging.get()) {
                long t = System.nanoTime();
                log.outbound(new LogFilter("DELIVERED", null, null, null, null, null, null, null), null, 50);
                during.add((System.nanoTime() - t) / 1000);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "reader");
        long start = System.nanoTime();
        reader.start();
        org.cogateway.admin.Retention.Outcome outcome = retention.run(true);
        double seconds = (System.nanoTime() - start) / 1e9;
        purging.set(false);
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] micros = during.stream().mapToLong(Long::longValue).sorted().toArray();
        if (micros.length > 0) {
            System.out.printf("%-45s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d runs)%n",
                    "filtered page (state=DELIVERED) during purge", micros[micros.length / 2] / 1000.0,
                    micros[(int) Math.ceil(micros.length * 0.99) - 1] / 1000.0, micros[micros.length - 1] / 1000.0,
                    micros.length);
        }
        System.out.printf("retention purge: %,d transmissions (%,d attempts) in %.1f s = %,.0f transmissions/s;"
                        + " %,d batches of up to 500, longest %d ms; outcome %s%n", outcome.transmissions(),
                3 * outcome.transmissions(), seconds, outcome.transmissions() / seconds, outcome.batches(),
                outcome.longestBatchMs(), outcome.message());
        measure("log page (newest 50) after the purge", runs, () -> log.outbound(LogFilter.NONE, null, 50));
        measure("timeline of a purged certificate", runs, () -> log.timeline(number(count / 2), null));
        retention.close();
    }

    private static String deepCursor(MessageLog log, int pages) {
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            cursor = log.outbound(LogFilter.NONE, org.cogateway.admin.Keyset.Cursor.decode(cursor), 50).next();
        }
        return cursor;
    }

    private static String number(int i) {
        return "BM-" + i;
    }

    private static void measure(String what, int runs, Supplier<Object> query) {
        for (int i = 0; i < Math.min(20, runs); i++) {
            query.get();
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            query.get();
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%-45s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d runs)%n", what, micros[runs / 2] / 1000.0,
                micros[(int) Math.ceil(runs * 0.99) - 1] / 1000.0, micros[runs - 1] / 1000.0, runs);
    }

    private static void analyze(Database db) throws SQLException {
        if (!TestDatabases.mariadb()) {
            return;
        }
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            for (String table : List.of("certificate", "certificate_invoice", "transmission", "transmission_attempt",
                    "transmission_event")) {
                s.execute("ANALYZE TABLE " + table);
            }
            c.commit();
        }
    }

    /**
     * Loads rows [0, n) over {@code loaders} connections, each a contiguous slice: the inserts are bound by
     * the database's index maintenance and log flushes, not by the client, so a second connection keeps the
     * server busy while the first waits on a commit. Foreign-key and unique checks are off for the loading
     * sessions only (the generated rows are consistent by construction); the schema and the queries measured
     * are the gateway's own.
     */
    private static void load(Database db, int n, int loaders) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        for (int l = 0; l < loaders; l++) {
            int from = (int) ((long) n * l / loaders);
            int to = (int) ((long) n * (l + 1) / loaders);
            Thread t = new Thread(() -> {
                try {
                    load(db, from, to, done);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "loader-" + l);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("loading failed", failures.get(0));
        }
    }

    private static void load(Database db, int from, int to, java.util.concurrent.atomic.AtomicInteger done)
            throws SQLException {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        Random random = new Random(42 + from);
        int batch = 2000;
        try (Connection c = db.dataSource().getConnection()) {
            if (TestDatabases.mariadb()) {
                try (var s = c.createStatement()) {
                    s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement cert = c.prepareStatement("INSERT INTO certificate (id, direction, issuing_country,"
                    + " certificate_number, version, import_country, agreement, exporter_name, status, owner, partner_id,"
                    + " content_sha256, document, received_at) VALUES (?, 'OUTBOUND', 'JP', ?, 1, ?, 'RCEP', 'Exporter',"
                    + " 'ISSUED', 'jp-chamber', ?, ?, '<co/>', ?)");
                 PreparedStatement invoice = c.prepareStatement(
                         "INSERT INTO certificate_invoice (certificate_id, invoice_number) VALUES (?, ?)");
                 PreparedStatement tx = c.prepareStatement("INSERT INTO transmission (id, kind, certificate_id, partner_id,"
                         + " message_id, conversation_id, agreement, state, attempts, next_attempt_at, created_at,"
                         + " updated_at, row_version, last_error) VALUES (?, 'CERTIFICATE', ?, ?, ?, ?, 'RCEP', ?,"
                         + " 3, ?, ?, ?, 0, ?)");
                 PreparedStatement payload = c.prepareStatement(
                         "INSERT INTO transmission_payload (transmission_id, payload) VALUES (?, '<co/>')");
                 PreparedStatement attempt = c.prepareStatement("INSERT INTO transmission_attempt (transmission_id,"
                         + " attempt, node_id, started_at, duration_ms, outcome, http_status, ebms_error_code, reason)"
                         + " VALUES (?, ?, 'bench', ?, 120, ?, ?, ?, ?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO transmission_event (transmission_id, at, state,"
                         + " detail) VALUES (?, ?, ?, 'benchmark')")) {
                for (int i = from; i < to; i++) {
                    LocalDateTime at = LocalDateTime.ofInstant(base.plusSeconds(i * 20L), ZoneOffset.UTC);
                    String partner = PARTNERS[random.nextInt(PARTNERS.length)];
                    String state = STATES[random.nextInt(STATES.length)];
                    String id = UUID.randomUUID().toString();
                    cert.setLong(1, i + 1);
                    cert.setString(2, number(i));
                    cert.setString(3, partner);
                    cert.setString(4, partner);
                    cert.setString(5, "0".repeat(64));
                    cert.setObject(6, at);
                    cert.addBatch();
                    for (String suffix : new String[] {"-A", "-B"}) {
                        invoice.setLong(1, i + 1);
                        invoice.setString(2, "INV-" + i + suffix);
                        invoice.addBatch();
                    }
                    tx.setString(1, id);
                    tx.setLong(2, i + 1);
                    tx.setString(3, partner);
                    tx.setString(4, id + "@JP-GW");
                    tx.setString(5, "conv-" + i);
                    tx.setString(6, state);
                    tx.setObject(7, at);
                    tx.setObject(8, at);
                    tx.setObject(9, at.plusSeconds(30));
                    tx.setString(10, state.equals("FAILED") ? "cannot connect" : null);
                    tx.addBatch();
                    payload.setString(1, id);
                    payload.addBatch();
                    for (int a = 1; a <= 3; a++) {
                        boolean last = a == 3 && !state.equals("FAILED") && !state.equals("RETRY_WAIT");
                        attempt.setString(1, id);
                        attempt.setInt(2, a);
                        attempt.setObject(3, at.plusSeconds(a * 5L));
                        attempt.setString(4, last ? "DELIVERED" : "RETRYABLE");
                        attempt.setObject(5, last ? 200 : 503);
                        attempt.setString(6, last ? null : (a == 2 ? "EBMS:0004" : null));
                        attempt.setString(7, last ? null : "HTTP 503");
                        attempt.addBatch();
                        event.setString(1, id);
                        event.setObject(2, at.plusSeconds(a * 5L));
                        event.setString(3, a == 1 ? "QUEUED" : a == 2 ? "SENDING" : state);
                        event.addBatch();
                    }
                    if ((i + 1 - from) % batch == 0 || i == to - 1) {
                        for (PreparedStatement s : new PreparedStatement[] {cert, invoice, tx, payload, attempt, event}) {
                            s.executeBatch();
                        }
                        c.commit();
                        int loaded = done.addAndGet((i - from) % batch + 1);
                        if (loaded / 100_000 != (loaded - ((i - from) % batch + 1)) / 100_000) {
                            System.out.printf("  %,d loaded%n", loaded / 100_000 * 100_000);
                        }
                    }
                }
            }
            if (TestDatabases.mariadb()) {
                // the connection goes back to the pool the measured queries use
                try (var s = c.createStatement()) {
                    s.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1");
                }
            }
        }
    }
}
