package org.cogateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.config.GatewayConfig;

/**
 * A fresh, empty database for each gateway a test starts, on the database the build selected:
 * the embedded H2 ({@code -Dtest.db=h2}, the default) or MariaDB ({@code -Pmariadb}). On MariaDB each
 * one is its own schema {@code cogw_t<pid>_<n>}, so two gateways in one test never share tables
 * unless a test wants them to (several nodes on one database).
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    public static boolean mariadb() {
        return "mariadb".equals(System.getProperty("test.db", "h2"));
    }

    public static GatewayConfig.Database fresh() {
        String name = "cogw_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        if (mariadb()) {
            String serverUrl = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/cogateway_test");
            String base = serverUrl.substring(0, serverUrl.lastIndexOf('/'));
            String user = System.getProperty("test.mariadb.user", "cogateway");
            String password = System.getProperty("test.mariadb.password", "cogateway");
            try (Connection c = DriverManager.getConnection(base + "/", user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name + " on " + base
                        + " (is MariaDB running and the test user set up? see .ci/run)", e);
            }
            return new GatewayConfig.Database(base + "/" + name, user, password, 8, tempDir(name));
        }
        return new GatewayConfig.Database(null, "sa", "", 8, tempDir(name));
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
