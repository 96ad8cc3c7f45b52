package org.cogateway.store;

import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cogateway.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the statistics' deltas into their monthly rows on a schedule ({@link StatisticsRollup#fold}),
 * on every node of a gateway (one folds at a time). Queries read the monthly rows and the deltas
 * together, so how often this runs bounds only how many deltas a query adds up, not how fresh its
 * figures are.
 */
public final class StatisticsFolding implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatisticsFolding.class);
    private static final long EVERY_SECONDS = 2;

    private final DataSource dataSource;
    private final ScheduledExecutorService timer = BackgroundThreads.single("statistics-fold");

    public StatisticsFolding(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::fold, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void fold() {
        try {
            StatisticsRollup.fold(dataSource);
        } catch (SQLException | RuntimeException e) {
            // the deltas stay and are still read; the next run folds them
            log.warn("folding the statistics deltas failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        BackgroundThreads.stop(timer);
    }
}
