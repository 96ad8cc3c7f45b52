package org.cogateway.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import org.flywaydb.core.api.migration.Context;

/**
 * co-gateway schema, version 20: the roll-ups by origin criterion, by HS heading and by both
 * ({@link StatisticsRollup.Kind#ORIGIN_CRITERION}, {@link StatisticsRollup.Kind#HS_HEADING},
 * {@link StatisticsRollup.Kind#HS_HEADING_CRITERION}), backfilled from the certificates already
 * stored with the writers' own code, as V18 did for its roll-ups; from here on every writer appends
 * its deltas too. And statistics_month clustered by what a query reads: V18 made it without a primary
 * key, so its rows lay in the order they were written and a query of one roll-up and a few months
 * looked each row up through the index, one random read per row; with that roll-up's rows contiguous
 * (primary key who, kind, month) it reads a range.
 */
final class V20StatisticsHeadingRollup extends StatisticsMigration {

    V20StatisticsHeadingRollup() {
        super("20", "statistics rollups by heading and criterion");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String columns = StatisticsRollup.COLUMNS;
        try (Statement s = c.createStatement()) {
            // the id only makes the key unique (a group's key columns are too wide for one); the folder
            // still finds a group's row by ix_statistics_month
            s.execute("CREATE TABLE statistics_month_v20 (id BIGINT NOT NULL AUTO_INCREMENT, "
                    + V18StatisticsRollup.COLUMN_DEFINITIONS + ", PRIMARY KEY (who, kind, issue_month, id), UNIQUE (id))");
            s.execute("INSERT INTO statistics_month_v20 (" + columns + ") SELECT " + columns + " FROM statistics_month");
            s.execute("DROP TABLE statistics_month");
            s.execute("ALTER TABLE statistics_month_v20 RENAME TO statistics_month");
            s.execute("CREATE INDEX ix_statistics_month ON statistics_month (who, kind, issue_month, agreement,"
                    + " partner_id, key1)");
        }
        StatisticsRollup.backfill(c, EnumSet.of(StatisticsRollup.Kind.ORIGIN_CRITERION,
                StatisticsRollup.Kind.HS_HEADING, StatisticsRollup.Kind.HS_HEADING_CRITERION));
    }
}
