package org.cogateway.store;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * co-gateway schema, version 18: the monthly roll-ups of the inbound statistics
 * ({@link StatisticsRollup}), filled from the certificates already stored. In Java rather than SQL so
 * that the backfill is the same SQL the writers add each certificate's contribution with, not a copy
 * of it. Runs on MariaDB and on H2 (MariaDB mode).
 */
final class V18StatisticsRollup extends StatisticsMigration {
    // kind, direction, who, month, agreement, partner, key1..key3 and currency ('' for the certificate
    // figures, the FOB currency for the goods-item figures), then the figures the groups sum
    static final String COLUMN_DEFINITIONS = """
            kind              VARCHAR(8)     NOT NULL,
            direction         VARCHAR(8)     NOT NULL,
            who               VARCHAR(64)    NOT NULL,
            issue_month       CHAR(7)        NOT NULL,
            agreement         VARCHAR(16)    NOT NULL,
            partner_id        VARCHAR(64)    NOT NULL,
            key1              VARCHAR(512)   NOT NULL,
            key2              VARCHAR(24)    NOT NULL,
            key3              VARCHAR(512)   NOT NULL,
            currency          VARCHAR(3)     NOT NULL,
            certificates      BIGINT         NOT NULL,
            acknowledged      BIGINT         NOT NULL,
            rejected          BIGINT         NOT NULL,
            cancelled         BIGINT         NOT NULL,
            replaced          BIGINT         NOT NULL,
            delivery_seconds  BIGINT         NOT NULL,
            delivery_count    BIGINT         NOT NULL,
            use_seconds       BIGINT         NOT NULL,
            use_count         BIGINT         NOT NULL,
            items             BIGINT         NOT NULL,
            fob               DECIMAL(38, 6) NOT NULL,
            remaining         DECIMAL(38, 6) NOT NULL,
            drawn_share       DECIMAL(38, 8) NOT NULL""";

    V18StatisticsRollup() {
        super("18", "statistics rollup");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            // the folded sums: one row per group, written only by the folder, which finds a group's row by
            // this index (and a query the rows of its scope, roll-up and months)
            s.execute("CREATE TABLE statistics_month (" + COLUMN_DEFINITIONS + ")");
            s.execute("CREATE INDEX ix_statistics_month ON statistics_month (who, kind, issue_month, agreement,"
                    + " partner_id, key1)");
            // what writers append, each in its own transaction, until the folder moves it
            s.execute("CREATE TABLE statistics_delta (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    + COLUMN_DEFINITIONS + ")");
            s.execute("CREATE INDEX ix_statistics_delta ON statistics_delta (who, kind, issue_month)");
            // the row a folder locks, so that one folds at a time
            s.execute("CREATE TABLE statistics_fold (id INT NOT NULL PRIMARY KEY)");
            s.execute("INSERT INTO statistics_fold (id) VALUES (1)");
        }
        StatisticsRollup.backfill(c, StatisticsRollup.Kind.V18);
    }
}
