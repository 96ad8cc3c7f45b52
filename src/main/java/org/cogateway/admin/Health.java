package org.cogateway.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * /health/live (the process answers) and /health/ready: the database answers within two seconds,
 * the own key's certificate is valid, the delivery worker runs (where this node delivers) and the
 * main listener accepts connections. The body names each check and what failed.
 */
final class Health implements AutoCloseable {
    private static final long DATABASE_TIMEOUT_MS = 2000;
    private static final int LISTENER_TIMEOUT_MS = 1000;

    private final DataSource dataSource;
    private final KeyInventory keys;
    private final BooleanSupplier workerAlive;
    private final InetSocketAddress mainListener;
    private final Clock clock;
    // the database check runs here so a database that hangs cannot hang the health answer
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });

    /** {@code workerAlive} null: this node does not deliver (delivery.enabled=false), so nothing to check. */
    Health(DataSource dataSource, KeyInventory keys, BooleanSupplier workerAlive, InetSocketAddress mainListener,
           Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.workerAlive = workerAlive;
        this.mainListener = mainListener;
        this.clock = clock;
    }

    record Check(String name, boolean ok, String detail) {
    }

    Reply live() {
        return Reply.json(Map.of("status", "UP"));
    }

    Reply ready() {
        List<Check> results = new ArrayList<>();
        results.add(database());
        results.add(key());
        if (workerAlive != null) {
            results.add(new Check("delivery", workerAlive.getAsBoolean(),
                    workerAlive.getAsBoolean() ? "worker running" : "delivery worker is not running"));
        }
        results.add(listener());
        boolean ready = results.stream().allMatch(Check::ok);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("failed", results.stream().filter(c -> !c.ok()).map(c -> c.name() + ": " + c.detail()).toList());
        body.put("checks", results);
        return Reply.json(ready ? 200 : 503, body);
    }

    private Check database() {
        Future<Boolean> valid = checks.submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid((int) (DATABASE_TIMEOUT_MS / 1000));
            }
        });
        try {
            return valid.get(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    ? new Check("database", true, "reachable")
                    : new Check("database", false, "connection is not valid");
        } catch (TimeoutException e) {
            valid.cancel(true);
            return new Check("database", false, "no answer within " + DATABASE_TIMEOUT_MS + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Check("database", false, "not reachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("database", false, "interrupted");
        }
    }

    private Check key() {
        var cert = keys.ownCertificate();
        Instant now = clock.instant();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return new Check("keys", false, "own certificate expired at " + cert.getNotAfter().toInstant());
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return new Check("keys", false, "own certificate not valid before " + cert.getNotBefore().toInstant());
        }
        return new Check("keys", true, "own certificate valid until " + cert.getNotAfter().toInstant());
    }

    private Check listener() {
        try (Socket s = new Socket()) {
            s.connect(mainListener, LISTENER_TIMEOUT_MS);
            return new Check("listener", true, "accepting on " + mainListener.getHostString() + ":" + mainListener.getPort());
        } catch (IOException e) {
            return new Check("listener", false, "main listener " + mainListener.getHostString() + ":"
                    + mainListener.getPort() + " refuses connections: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
