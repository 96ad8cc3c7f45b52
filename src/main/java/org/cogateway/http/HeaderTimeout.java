package org.cogateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head does not arrive in time. Jetty's idle time-out alone does
 * not: a client sending one header byte every few seconds is never idle, and an 8 KiB head would
 * take it hours. The clock starts when the connection opens, and again when an answer is complete
 * (then it allows the idle time-out too, the time a kept-alive connection may wait for its next
 * request); a request head reaching the handler stops it.
 */
final class HeaderTimeout implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderTimeout.class);

    private final Scheduler scheduler;
    private final Duration first;
    private final Duration next;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

    HeaderTimeout(Scheduler scheduler, Duration headerTimeout, Duration idleTimeout) {
        this.scheduler = scheduler;
        this.first = headerTimeout;
        this.next = headerTimeout.plus(idleTimeout);
    }

    /**
     * Only a connection that carries requests is timed: over TLS that is the one inside the TLS
     * connection, opened with it, so the clock also covers the handshake; the TLS connection itself
     * never sees a request and is closed with the inner one.
     */
    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof ConnectionMetaData) {
            arm(connection, first);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task task = pending.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    void requestArrived(Connection connection) {
        onClosed(connection);
    }

    void requestDone(Connection connection) {
        if (connection.getEndPoint().isOpen()) {
            arm(connection, next);
        }
    }

    private void arm(Connection connection, Duration timeout) {
        Expiry expiry = new Expiry(connection, timeout);
        expiry.task = scheduler.schedule(expiry, timeout);
        Scheduler.Task earlier = pending.put(connection, expiry.task);
        if (earlier != null) {
            earlier.cancel();
        }
    }

    private final class Expiry implements Runnable {
        private final Connection connection;
        private final Duration timeout;
        private volatile Scheduler.Task task;

        Expiry(Connection connection, Duration timeout) {
            this.connection = connection;
            this.timeout = timeout;
        }

        @Override
        public void run() {
            // only if this is still the connection's clock: a request may have stopped or restarted it
            if (task != null && pending.remove(connection, task)) {
                LOG.info("connection from {} closed: no complete request head within {} s (http.headerTimeout)",
                        connection.getEndPoint().getRemoteSocketAddress(), timeout.toSeconds());
                connection.getEndPoint().close();
            }
        }
    }
}
