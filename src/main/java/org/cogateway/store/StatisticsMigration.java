package org.cogateway.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration of the statistics' roll-ups written in Java (V18, V20), because it backfills them with
 * the writers' own code ({@link StatisticsRollup#backfill}) rather than a copy of it in SQL. No
 * checksum: what it runs is this code, which Flyway cannot fingerprint.
 */
abstract class StatisticsMigration implements JavaMigration {
    private final String version;
    private final String description;

    StatisticsMigration(String version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
