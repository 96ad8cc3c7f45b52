package org.cogateway.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.cogateway.config.GatewayConfig;
import org.cogateway.store.Database;
import org.cogateway.store.JdbcTransactions;
import org.cogateway.store.StatisticsQueries;
import org.cogateway.store.StatisticsQueries.Dimension;
import org.cogateway.testing.StatisticsRows;
import org.cogateway.testing.TestDatabases;

/**
 * GetStatistics on a year of a busy exchange (issue 11 part 2): loads N inbound certificates with K
 * goods items each (default 1,000,000 x 10) into a fresh database of the tests' MariaDB (or H2 with
 * -Dtest.db=h2) with batched multi-row INSERTs, then times the statistics queries of typical
 * groupings as Customs runs them, each first directly from the goods items and certificates
 * ({@code StatisticsQueries.withoutRollups()}, the V17 queries) and then as GetStatistics answers it
 * (from the V18 monthly roll-ups where one answers), alternating on the same data in the same
 * minutes, and prints both times, the rows MariaDB read for each, the number of groups and whether
 * the figures are the same
 * (they must be). A program, not a test: {@code scripts/statistics-benchmark.sh --certificates 1000000 --items 10}. The database is
 * dropped at the end.
 */
public final class StatisticsBenchmark {
    private static final String CUSTOMS_COUNTRY = "ID";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.setProperty("test.db", System.getProperty("test.db", "mariadb"));
        int certificates = 1_000_000;
        int items = 10;
        int runs = 3;
        String keep = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--certificates" -> certificates = Integer.parseInt(args[i + 1]);
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--keep" -> keep = args[i + 1];
                case "--drop" -> {
                    KeptDatabase.drop(args[i + 1]);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        GatewayConfig.Database settings = keep == null ? TestDatabases.fresh() : KeptDatabase.open(keep);
        long opening = System.nanoTime();
        try (Database db = Database.open(settings)) {
            if (keep != null && KeptDatabase.loaded(db)) {
                // the migrations of this code applied to the loaded rows, e.g. V18's backfill of the roll-ups
                System.out.printf("reusing the rows loaded in %s; opened and migrated in %d s%n", settings.url(),
                        Duration.ofNanos(System.nanoTime() - opening).toSeconds());
            } else {
                load(db, certificates, items);
            }
            long folding = System.nanoTime();
            long folded = org.cogateway.store.StatisticsRollup.fold(db.dataSource());
            System.out.printf("folded %,d statistics deltas in %d s%n", folded,
                    Duration.ofNanos(System.nanoTime() - folding).toSeconds());
            analyze(db);
            run(db, runs);
        }
    }

    private static void load(Database db, int certificates, int items) throws SQLException {
        long start = System.nanoTime();
        StatisticsRows.load(db.dataSource(), certificates, items, CUSTOMS_COUNTRY, n -> {
            if (n % 100_000 == 0 || n == certificates) {
                System.out.printf("  %,d certificates loaded (%d s)%n", n,
                        Duration.ofNanos(System.nanoTime() - start).toSeconds());
            }
        });
        System.out.printf("loaded %,d certificates with %,d goods items on %s in %d s%n", certificates,
                (long) certificates * items, TestDatabases.mariadb() ? "MariaDB" : "H2",
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    private static void run(Database db, int runs) throws SQLException {
            StatisticsQueries queries = new StatisticsQueries();
            StatisticsQueries.Scope customs = new StatisticsQueries.Scope(true, CUSTOMS_COUNTRY);
            StatisticsQueries.Filter quarter = new StatisticsQueries.Filter(java.time.LocalDate.of(2026, 4, 1),
                    java.time.LocalDate.of(2026, 6, 30), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of());
            StatisticsQueries.Filter jiepa87 = new StatisticsQueries.Filter(null, null, List.of("JIEPA"), List.of(),
                    List.of(), List.of("87"), List.of(), List.of(), List.of());
            measure(db, queries, customs, "totals (no grouping), whole year", StatisticsQueries.Filter.NONE, List.of(), runs);
            measure(db, queries, customs, "by agreement and month, whole year", StatisticsQueries.Filter.NONE,
                    List.of(Dimension.AGREEMENT, Dimension.MONTH), runs);
            measure(db, queries, customs, "by partner, one quarter", quarter, List.of(Dimension.PARTNER), runs);
            measure(db, queries, customs, "by HS chapter, whole year", StatisticsQueries.Filter.NONE,
                    List.of(Dimension.HS_CHAPTER), runs);
            measure(db, queries, customs, "by HS heading and origin criterion, one quarter", quarter,
                    List.of(Dimension.HS_HEADING, Dimension.ORIGIN_CRITERION), runs);
            measure(db, queries, customs, "by HS heading (top 1000), whole year", StatisticsQueries.Filter.NONE,
                    List.of(Dimension.HS_HEADING), runs);
            measure(db, queries, customs, "by origin criterion, whole year", StatisticsQueries.Filter.NONE,
                    List.of(Dimension.ORIGIN_CRITERION), runs);
            measure(db, queries, customs, "by exporter (top 1000), whole year", StatisticsQueries.Filter.NONE,
                    List.of(Dimension.EXPORTER), runs);
            measure(db, queries, customs, "by acknowledgement and rejection reason, whole year",
                    StatisticsQueries.Filter.NONE, List.of(Dimension.ACKNOWLEDGEMENT, Dimension.REJECTION_REASON), runs);
            measure(db, queries, customs, "by month, JIEPA and HS chapter 87 only", jiepa87, List.of(Dimension.MONTH),
                    runs);
    }

    private static void measure(Database db, StatisticsQueries queries, StatisticsQueries.Scope scope, String what,
                                StatisticsQueries.Filter filter, List<Dimension> dims, int runs) throws SQLException {
        StatisticsQueries direct = StatisticsQueries.withoutRollups();
        long[] before = new long[runs];
        long[] after = new long[runs];
        long[] rows = new long[2];
        Object[] results = new Object[2];
        for (int i = 0; i < runs; i++) {
            before[i] = time(db, rows, 0, c -> results[0] = direct.run(c, scope, filter, dims, 1000));
            after[i] = time(db, rows, 1, c -> results[1] = queries.run(c, scope, filter, dims, 1000));
        }
        String same = results[0].equals(results[1]) ? "same figures" : "FIGURES DIFFER";
        System.out.printf("%-52s direct %7d ms %,12d rows read   roll-ups %7d ms %,10d rows read  %5d groups  %s"
                        + "  (median of %d; load average %s)%n", what, median(before), rows[0], median(after), rows[1],
                ((StatisticsQueries.Result) results[1]).groups().size(), same, runs, load());
        if (!same.startsWith("same")) {
            System.out.println("  direct:   " + results[0]);
            System.out.println("  roll-ups: " + results[1]);
        }
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /**
     * The query's time in ms; in {@code rows[slot]} the rows MariaDB read for it (the session's
     * Handler_read_* counters, which do not depend on how busy the machine is; 0 on H2).
     */
    private static long time(Database db, long[] rows, int slot, JdbcTransactions.Work<Object> work)
            throws SQLException {
        long t = System.nanoTime();
        rows[slot] = JdbcTransactions.run(db.dataSource(), Connection.TRANSACTION_REPEATABLE_READ, c -> {
            long read = rowsRead(c);
            work.run(c);
            return rowsRead(c) - read;
        });
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long rowsRead(Connection c) throws SQLException {
        if (!TestDatabases.mariadb()) {
            return 0;
        }
        try (var s = c.createStatement(); var rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
            long sum = 0;
            while (rs.next()) {
                sum += rs.getLong(2);
            }
            return sum;
        }
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void analyze(Database db) throws SQLException {
        if (!TestDatabases.mariadb()) {
            return;
        }
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            for (String table : List.of("certificate", "goods_item", "goods_balance", "statistics_month")) {
                s.execute("ANALYZE TABLE " + table);
            }
            c.commit();
        }
    }
}
