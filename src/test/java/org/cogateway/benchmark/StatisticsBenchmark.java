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
 * groupings as Customs runs them, each first by the V16 path (Path.ITEMS: certificate figures from the
 * goods items, item figures joined to goods_balance) and then by the V17 one (Path.AUTO), alternating
 * on the same data in the same minutes, and prints both times, their ratio and the number of groups
 * (which must be equal). A program, not a test: {@code scripts/statistics-benchmark.sh --certificates 1000000 --items 10}. The database is
 * dropped at the end.
 */
public final class StatisticsBenchmark {
    private static final String CUSTOMS_COUNTRY = "ID";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int certificates = 1_000_000;
        int items = 10;
        int runs = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--certificates" -> certificates = Integer.parseInt(args[i + 1]);
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.setProperty("test.db", System.getProperty("test.db", "mariadb"));
        GatewayConfig.Database settings = TestDatabases.fresh();
        try (Database db = Database.open(settings)) {
            long start = System.nanoTime();
            int total = certificates;
            StatisticsRows.load(db.dataSource(), certificates, items, CUSTOMS_COUNTRY, n -> {
                if (n % 100_000 == 0 || n == total) {
                    System.out.printf("  %,d certificates loaded (%d s)%n", n,
                            Duration.ofNanos(System.nanoTime() - start).toSeconds());
                }
            });
            System.out.printf("loaded %,d certificates with %,d goods items on %s in %d s%n", certificates,
                    (long) certificates * items, TestDatabases.mariadb() ? "MariaDB" : "H2",
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            analyze(db);
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
            measure(db, queries, customs, "by exporter (top 1000), whole year", StatisticsQueries.Filter.NONE,
                    List.of(Dimension.EXPORTER), runs);
            measure(db, queries, customs, "by acknowledgement and rejection reason, whole year",
                    StatisticsQueries.Filter.NONE, List.of(Dimension.ACKNOWLEDGEMENT, Dimension.REJECTION_REASON), runs);
            measure(db, queries, customs, "by month, JIEPA and HS chapter 87 only", jiepa87, List.of(Dimension.MONTH),
                    runs);
        }
    }

    private static void measure(Database db, StatisticsQueries queries, StatisticsQueries.Scope scope, String what,
                                StatisticsQueries.Filter filter, List<Dimension> dims, int runs) throws SQLException {
        long[] before = new long[runs];
        long[] after = new long[runs];
        StatisticsQueries.Result[] results = new StatisticsQueries.Result[2];
        for (int i = 0; i < runs; i++) {
            before[i] = time(db, queries, scope, filter, dims, StatisticsQueries.Path.ITEMS, results, 0);
            after[i] = time(db, queries, scope, filter, dims, StatisticsQueries.Path.AUTO, results, 1);
        }
        Arrays.sort(before);
        Arrays.sort(after);
        long b = before[runs / 2];
        long a = after[runs / 2];
        System.out.printf("%-52s V16 median %7d ms  V17 median %7d ms  x%5.1f  %5d groups  %s  (%d runs)%n", what, b, a,
                a == 0 ? 0.0 : (double) b / a, results[1].groups().size(),
                results[0].equals(results[1]) ? "same figures" : "FIGURES DIFFER", runs);
    }

    private static long time(Database db, StatisticsQueries queries, StatisticsQueries.Scope scope,
                             StatisticsQueries.Filter filter, List<Dimension> dims, StatisticsQueries.Path path,
                             StatisticsQueries.Result[] results, int slot) throws SQLException {
        long t = System.nanoTime();
        results[slot] = JdbcTransactions.run(db.dataSource(), Connection.TRANSACTION_REPEATABLE_READ,
                c -> queries.run(c, scope, filter, dims, 1000, path));
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static void analyze(Database db) throws SQLException {
        if (!TestDatabases.mariadb()) {
            return;
        }
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            for (String table : List.of("certificate", "goods_item", "goods_balance")) {
                s.execute("ANALYZE TABLE " + table);
            }
            c.commit();
        }
    }
}
