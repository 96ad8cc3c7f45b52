package org.cogateway.background;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one-thread schedulers of the gateway's periodic jobs (alert checks, retention, quiet-partner
 * pings, the admin gauges): each job has a daemon thread of its own, named after it, so that a job
 * never keeps the JVM alive and a thread dump says which job is doing what.
 */
public final class BackgroundThreads {
    private static final long STOP_WAIT_SECONDS = 10;

    private BackgroundThreads() {
    }

    /** A scheduler with one daemon thread called {@code name}. */
    public static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes no new runs and waits up to 10 s for the one in progress, without interrupting it: a job
     * in the middle of its transaction finishes (an interrupted H2 closes its file), and what a job had
     * still to do is found again by the next start.
     */
    public static void stop(ScheduledExecutorService scheduler) {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
