package org.cogateway.benchmark;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cogateway.admin.PartnerStatus;
import org.cogateway.delivery.Backoff;
import org.cogateway.delivery.ClaimedTransmission;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.testing.TestDatabases;

/**
 * What the outbound queue's SQL costs per CO as the queue gets deeper (issue 12, backlog): for each
 * depth, a fresh database of the tests' MariaDB (or H2 with -Dtest.db=h2) gets that many QUEUED
 * transmissions (each with its document, ~4 KB, and its QUEUED event, as a submission leaves them), then
 * the first {@code --cos} of them are claimed in batches of {@code --batch} and their DELIVERED outcome
 * recorded with a message as sent and a receipt as received of realistic size, as the delivery worker
 * does, on one thread. Prints the wall time and the CPU (this JVM, which holds H2; and the MariaDB
 * server's own process when it runs on this machine) per CO, and the time of one sample of the queue
 * gauges. No crypto, no HTTP: only the queue, so that a cost growing with the depth shows. A program,
 * not a test: {@code scripts/queue-benchmark.sh --depths 0,20000,100000}.
 */
public final class QueueBenchmark {
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final String PARTNER = "ID";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<Integer> depths = List.of(0, 20_000);
        int cos = 2000;
        int batch = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--depths" -> depths = java.util.Arrays.stream(args[i + 1].split(",")).map(String::trim)
                        .map(Integer::parseInt).toList();
                case "--cos" -> cos = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.setProperty("test.db", System.getProperty("test.db", "mariadb"));
        String db = TestDatabases.mariadb() ? "MariaDB" : "H2";
        System.out.printf("queue benchmark on %s: %d COs claimed (batches of %d) and delivered at each depth; load %s%n",
                db, cos, batch, loadAverage());
        for (int depth : depths) {
            run(Math.max(depth, cos), cos, batch);
        }
    }

    private static void run(int depth, int cos, int batch) throws SQLException {
        try (Database db = Database.open(TestDatabases.fresh())) {
            long loadStart = System.nanoTime();
            load(db, depth);
            long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
            RetryPolicy policy = new RetryPolicy(12, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(2));
            Partner partner = new Partner(PARTNER, "Indonesia", "ID", "ID-GW",
                    "urn:oasis:names:tc:ebcore:partyid-type:unregistered", URI.create("http://127.0.0.1:9/as4"),
                    Set.of("JIEPA"), "id", "id", policy, Duration.ofSeconds(2), Duration.ofSeconds(5));
            PartnerDirectory partners = new PartnerDirectory(List.of(partner));
            // the queue's clock is after every due time, as after an outage
            Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START.plus(Duration.ofDays(1))));
            OutboundQueue queue = new OutboundQueue(db, clock, new Backoff(() -> 0L), partners);
            PartnerStatus status = new PartnerStatus(db.dataSource(), partners, clock);
            byte[] sent = new byte[12_000];
            byte[] receipt = new byte[6_000];
            java.util.Arrays.fill(sent, (byte) 'S');
            java.util.Arrays.fill(receipt, (byte) 'R');

            explain(db, clock);
            long gaugeNanos = time(() -> status.queues());
            Duration ownBefore = ownCpu();
            Duration serverBefore = serverCpu();
            long claimNanos = 0;
            long outcomeNanos = 0;
            long start = System.nanoTime();
            int done = 0;
            while (done < cos) {
                long t0 = System.nanoTime();
                List<ClaimedTransmission> claimed = queue.claimDue("bench", PARTNER, Math.min(batch, cos - done),
                        Duration.ofMinutes(2));
                long t1 = System.nanoTime();
                if (claimed.isEmpty()) {
                    throw new IllegalStateException("nothing claimable after " + done + " of " + cos);
                }
                for (ClaimedTransmission c : claimed) {
                    if (c.payload().length() < 1000) {
                        throw new IllegalStateException("claimed " + c.id() + " without its document");
                    }
                    if (!queue.recordOutcome(c, new SendOutcome(SendOutcome.Kind.DELIVERED, 200, null, null, receipt, sent))) {
                        throw new IllegalStateException("outcome of " + c.id() + " not recorded");
                    }
                }
                outcomeNanos += System.nanoTime() - t1;
                claimNanos += t1 - t0;
                done += claimed.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration own = ownCpu().minus(ownBefore);
            Optional<Duration> server = serverBefore == null ? Optional.empty()
                    : Optional.ofNullable(serverCpu()).map(after -> after.minus(serverBefore));
            long gaugeAfterNanos = time(() -> status.queues());
            System.out.printf("depth %,7d (loaded in %d s): %.0f CO/s; per CO %.2f ms (claim %.2f, outcome %.2f);"
                            + " CPU per CO: this JVM %.2f ms, database server %s; gauge sample %.1f ms before, %.1f ms after%n",
                    depth, loadMs / 1000, cos / seconds, seconds * 1000 / cos, claimNanos / 1e6 / cos,
                    outcomeNanos / 1e6 / cos, own.toNanos() / 1e6 / cos,
                    server.map(d -> String.format("%.2f ms", d.toNanos() / 1e6 / cos)).orElse("-"),
                    gaugeNanos / 1e6, gaugeAfterNanos / 1e6);
        }
    }

    /** {@code n} QUEUED transmissions to the partner, due one millisecond apart, each with document and event. */
    private static void load(Database db, int n) throws SQLException {
        String document = "<CertificateOfOrigin>" + "x".repeat(4000) + "</CertificateOfOrigin>";
        try (Connection c = db.dataSource().getConnection()) {
            long certificate;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO certificate (direction, issuing_country,"
                    + " certificate_number, version, import_country, agreement, exporter_name, status, owner,"
                    + " partner_id, content_sha256, document, received_at)"
                    + " VALUES ('OUTBOUND', 'JP', 'QB-1', 1, 'ID', 'JIEPA', 'Nippon Export KK', 'ISSUED',"
                    + " 'jp-chamber', 'ID', ?, '<CertificateOfOrigin/>', ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, "0".repeat(64));
                s.setObject(2, utc(START));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    certificate = keys.getLong(1);
                }
            }
            try (PreparedStatement t = c.prepareStatement("INSERT INTO transmission (id, kind, certificate_id, partner_id,"
                    + " message_id, conversation_id, agreement, state, attempts, next_attempt_at, due_at, created_at,"
                    + " updated_at, row_version) VALUES (?, 'CERTIFICATE', ?, ?, ?, ?, 'JIEPA', 'QUEUED', 0, ?, ?, ?, ?, 0)");
                 PreparedStatement p = c.prepareStatement(
                         "INSERT INTO transmission_payload (transmission_id, payload) VALUES (?, ?)");
                 PreparedStatement e = c.prepareStatement("INSERT INTO transmission_event (transmission_id, at, state,"
                         + " detail) VALUES (?, ?, 'QUEUED', 'queued for ID')")) {
                for (int i = 0; i < n; i++) {
                    String id = UUID.randomUUID().toString();
                    LocalDateTime at = utc(START.plusMillis(i));
                    t.setString(1, id);
                    t.setLong(2, certificate);
                    t.setString(3, PARTNER);
                    t.setString(4, "msg-" + id + "@jp-gw.example");
                    t.setString(5, "JP-QB-" + i);
                    t.setObject(6, at);
                    t.setObject(7, at);
                    t.setObject(8, at);
                    t.setObject(9, at);
                    t.addBatch();
                    p.setString(1, id);
                    p.setString(2, document);
                    p.addBatch();
                    e.setString(1, id);
                    e.setObject(2, at);
                    e.addBatch();
                    if (i % 500 == 499 || i == n - 1) {
                        t.executeBatch();
                        p.executeBatch();
                        e.executeBatch();
                        c.commit();
                    }
                }
            }
            if (TestDatabases.mariadb()) {
                try (Statement s = c.createStatement()) {
                    // fresh statistics, as a server that has run for a while has them
                    s.execute("ANALYZE TABLE transmission, transmission_event, transmission_payload");
                }
                c.commit();
            }
        }
    }

    /** The claim's plans on the loaded table, as the database chose them: its candidate read and its lock. */
    private static void explain(Database db, Clock clock) throws SQLException {
        LocalDateTime now = utc(clock.instant());
        explain(db, OutboundQueue.candidateSql(true, !TestDatabases.mariadb()), PARTNER, now, now, 12);
        List<Object> ids = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(OutboundQueue.candidateSql(true, !TestDatabases.mariadb()))) {
            s.setString(1, PARTNER);
            s.setObject(2, now);
            s.setObject(3, now);
            s.setInt(4, 12);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        ids.addAll(List.of(now, now, 4));
        explain(db, OutboundQueue.lockSql(ids.size() - 3), ids.toArray());
    }

    private static void explain(Database db, String sql, Object... values) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement((TestDatabases.mariadb() ? "EXPLAIN " : "EXPLAIN ANALYZE ") + sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder("  plan:");
                    for (int i = 1; i <= columns; i++) {
                        line.append(' ').append(rs.getString(i));
                    }
                    System.out.println(line.toString().replaceAll("\\s+", " "));
                }
            }
            c.rollback();
        }
    }

    private static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The MariaDB server's CPU time, when it runs on this machine and may be read; else null. */
    private static Duration serverCpu() {
        if (!TestDatabases.mariadb()) {
            return null;
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("mariadbd") || cmd.endsWith("mysqld")).orElse(false))
                .findFirst().flatMap(p -> p.info().totalCpuDuration()).orElse(null);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private QueueBenchmark() {
    }
}
