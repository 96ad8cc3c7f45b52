package org.cogateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.cogateway.config.GatewayConfig;
import org.cogateway.store.StatisticsQueries.Dimension;
import org.cogateway.store.StatisticsQueries.Filter;
import org.cogateway.testing.StatisticsOracle;
import org.cogateway.testing.StatisticsRows;
import org.cogateway.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A gateway that stored certificates before the roll-ups existed (schema V17) is upgraded: the
 * migrations that add roll-ups (V18, V20) backfill them from the stored rows, each roll-up once, to
 * the figures computed from the rows themselves, and the roll-ups are what answers afterwards.
 */
class StatisticsBackfillTest {

    @Test
    void theMigrationsBackfillEachRollupOnceFromTheCertificatesStoredBeforeIt() throws Exception {
        GatewayConfig.Database settings = TestDatabases.fresh();
        java.nio.file.Files.createDirectories(settings.dataDir());
        Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("17").load().migrate();
        try (com.zaxxer.hikari.HikariDataSource v17 = new com.zaxxer.hikari.HikariDataSource()) {
            v17.setJdbcUrl(settings.jdbcUrl());
            v17.setUsername(settings.user());
            v17.setPassword(settings.password());
            StatisticsRows.load(v17, 300, 4, "VN", null, false);
        }
        try (Database db = Database.open(settings);
             Connection c = db.dataSource().getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(count(c, "SELECT COUNT(*) FROM statistics_delta")).isZero();
            // every roll-up counts each certificate once (in its total row of certificates)
            for (StatisticsRollup.Kind k : StatisticsRollup.Kind.values()) {
                assertThat(count(c, "SELECT COUNT(*) FROM statistics_month WHERE kind = '" + k.code + "'"))
                        .as("rows of roll-up %s", k).isPositive();
            }
            StatisticsQueries queries = new StatisticsQueries();
            StatisticsOracle rows = new StatisticsOracle(c);
            StatisticsQueries.Scope scope = new StatisticsQueries.Scope(true, "VN");
            Map<List<Dimension>, StatisticsRollup.Kind> answeredBy = Map.of(
                    List.of(), StatisticsRollup.Kind.CERTIFICATE,
                    List.of(Dimension.ACKNOWLEDGEMENT, Dimension.REJECTION_REASON), StatisticsRollup.Kind.CERTIFICATE,
                    List.of(Dimension.HS_CHAPTER, Dimension.MONTH), StatisticsRollup.Kind.HS_CHAPTER,
                    List.of(Dimension.EXPORTER), StatisticsRollup.Kind.EXPORTER,
                    List.of(Dimension.HS_HEADING, Dimension.ORIGIN_CRITERION), StatisticsRollup.Kind.HS_HEADING_CRITERION,
                    List.of(Dimension.HS_HEADING), StatisticsRollup.Kind.HS_HEADING,
                    List.of(Dimension.ORIGIN_CRITERION, Dimension.MONTH), StatisticsRollup.Kind.ORIGIN_CRITERION);
            answeredBy.forEach((dims, kind) -> {
                assertThat(StatisticsRollup.answering(scope, Filter.NONE, dims)).as("%s", dims).isEqualTo(kind);
                try {
                    assertThat(queries.run(c, scope, Filter.NONE, dims, 100000)).as("%s", dims)
                            .isEqualTo(rows.run("VN", Filter.NONE, dims, 100000));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            c.commit();
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
