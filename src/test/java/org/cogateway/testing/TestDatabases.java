package org.cogateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.config.GatewayConfig;

/**
 * A fresh, empty database for each gateway a test starts, on the database the build selected:
 * the embedded H2 ({@code -Dtest.db=h2}, the default) or MariaDB ({@code -Pmariadb}). On MariaDB each
 * one is its own schema {@code cogw_t<pid>_<n>}, so two gateways in one test never share tables
 * unless a test wants them to (several nodes on one database).
 *
 * <p>A run leaves the machine as it found it: every database and temporary directory made here is
 * dropped or deleted when the test JVM exits (a shutdown hook), and the first database made also drops
 * those of earlier runs whose JVM died before it could.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicBoolean CLEANED = new java.util.concurrent.atomic.AtomicBoolean();
    private static final List<Runnable> EXIT_TASKS = new ArrayList<>();

    private TestDatabases() {
    }

    public static boolean mariadb() {
        return "mariadb".equals(System.getProperty("test.db", "h2"));
    }

    public static GatewayConfig.Database fresh() {
        if (mariadb()) {
            String serverUrl = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/cogateway_test");
            return freshOn(serverUrl.substring(0, serverUrl.lastIndexOf('/')));
        }
        String name = nextName();
        return new GatewayConfig.Database(null, "sa", "", 8, tempDir(name));
    }

    /** A fresh database on the MariaDB server at {@code base} ({@code jdbc:mariadb://HOST:PORT}). */
    public static GatewayConfig.Database freshOn(String base) {
        String name = nextName();
        String user = System.getProperty("test.mariadb.user", "cogateway");
        String password = System.getProperty("test.mariadb.password", "cogateway");
        try (Connection c = admin(base, user, password);
             Statement s = c.createStatement()) {
            dropLeftovers(s);
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + base
                    + " (is MariaDB running? see the README, \"Tests\")", e);
        }
        atExit(() -> {
            try (Connection c = DriverManager.getConnection(base + "/?connectTimeout=2000", user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException gone) {
                // the server went first (a private one, closed with its data): nothing is left to drop
            }
        });
        return new GatewayConfig.Database(base + "/" + name, user, password, 8, tempDir(name));
    }

    private static String nextName() {
        return "cogw_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /**
     * The test user's connection. On a fresh machine MariaDB runs but the test user does not exist
     * yet: when root may log in over TCP without a password (this machine kind's default), the user is
     * created here from scripts/test-mariadb-user.sql; otherwise run scripts/setup-test-mariadb.sh.
     */
    private static Connection admin(String base, String user, String password) throws SQLException {
        try {
            return DriverManager.getConnection(base + "/", user, password);
        } catch (SQLException denied) {
            try (Connection root = DriverManager.getConnection(base + "/", "root", "");
                 Statement s = root.createStatement()) {
                for (String statement : Files.readString(Path.of("scripts", "test-mariadb-user.sql"))
                        .replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            } catch (SQLException | IOException cannotCreate) {
                denied.addSuppressed(cannotCreate);
                throw denied;
            }
            return DriverManager.getConnection(base + "/", user, password);
        }
    }

    /** Databases of earlier test runs whose JVM is gone, so repeated runs do not pile them up. */
    private static void dropLeftovers(Statement s) throws SQLException {
        if (!CLEANED.compareAndSet(false, true)) {
            return;
        }
        java.util.List<String> stale = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'cogw\\_t%'")) {
            while (rs.next()) {
                String db = rs.getString(1);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("cogw_t(\\d+)_\\d+").matcher(db);
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    stale.add(db);
                }
            }
        }
        for (String db : stale) {
            s.execute("DROP DATABASE IF EXISTS " + db);
        }
    }

    /** A new temporary directory, deleted with all it holds when this JVM exits. */
    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            atExit(() -> delete(dir));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes {@code dir} and everything under it; what cannot be deleted is left (and the rest still goes). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file vanished while walking (a server still writing); the next run's temp dirs are its own
        }
    }

    /** Run at JVM exit, most recent first, so a database is dropped before its temp directory is removed. */
    private static synchronized void atExit(Runnable task) {
        if (EXIT_TASKS.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                List<Runnable> tasks;
                synchronized (TestDatabases.class) {
                    tasks = new ArrayList<>(EXIT_TASKS);
                }
                java.util.Collections.reverse(tasks);
                tasks.forEach(Runnable::run);
            }, "test-databases-cleanup"));
        }
        EXIT_TASKS.add(task);
    }
}
