package org.cogateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own: {@code mariadb-install-db} into a temporary data directory,
 * then {@code mariadbd} on a free loopback port with its own socket and pid file, started, stopped
 * and restarted by the test. It never touches the server on 3306 that other tests and other users
 * rely on. {@link #close()} kills it and removes its directory; a shutdown hook does the same when
 * the test cannot (a failure, an interrupted run), so no server or data directory outlives the JVM.
 */
public final class MariadbServer implements AutoCloseable {
    private static final Path DAEMON = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final Thread cleanup;
    private Process process;

    private MariadbServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.cleanup = new Thread(this::destroy, "mariadb-" + port + "-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Whether this machine has the MariaDB server programs a private server needs. */
    public static boolean installed() {
        return Files.isExecutable(DAEMON) && Files.isExecutable(INSTALL);
    }

    /** A new, empty server, started and answering; root may log in over TCP without a password. */
    public static MariadbServer start() {
        Path dir = TestDatabases.tempDir("cogw-mariadb");
        MariadbServer server = new MariadbServer(dir, TestGateways.freePort());
        try {
            List<String> install = new ArrayList<>(List.of(INSTALL.toString(), "--no-defaults",
                    "--datadir=" + dir.resolve("data"), "--auth-root-authentication-method=normal", "--skip-test-db"));
            asRoot(install);
            Process p = new ProcessBuilder(install).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("install.log").toFile()).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db failed, see " + dir.resolve("install.log"));
            }
            server.startProcess();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot start a private MariaDB in " + dir, e);
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL of the server, without a database: {@code jdbc:mariadb://127.0.0.1:PORT}. */
    public String url() {
        return "jdbc:mariadb://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server as an operator would (SIGTERM, a clean shutdown) and waits until it has ended. */
    public synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the stopped server again, on the same port and data, and waits until it answers. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the private MariaDB is still running");
        }
        try {
            startProcess();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart the private MariaDB", e);
        }
    }

    public boolean answers() {
        try (Connection c = DriverManager.getConnection(url() + "/?connectTimeout=2000", "root", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same
        }
    }

    private synchronized void startProcess() throws IOException {
        List<String> command = new ArrayList<>(List.of(DAEMON.toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--skip-log-error", "--innodb-buffer-pool-size=64M"));
        asRoot(command);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the private MariaDB did not answer on port " + port + ", see "
                        + dir.resolve("server.log"));
            }
            sleep(200);
        }
    }

    /** mariadbd refuses to run as root unless told to; as any other user it runs as that user. */
    private static void asRoot(List<String> command) {
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
    }

    private synchronized void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TestDatabases.delete(dir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
