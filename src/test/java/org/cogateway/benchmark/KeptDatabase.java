package org.cogateway.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.cogateway.config.GatewayConfig;
import org.cogateway.store.Database;
import org.cogateway.testing.TestDatabases;

/**
 * A benchmark database of the tests' MariaDB that outlives the run ({@code --keep NAME}), so that a
 * load of ten million rows is made once and several runs (or the code before and after a change,
 * alternately) compare on the same rows. Named {@code cogw_bench_NAME}; {@code --drop NAME} removes it.
 * Opening it with newer code applies that code's migrations to the loaded rows.
 */
final class KeptDatabase {
    private static final String USER = System.getProperty("test.mariadb.user", "cogateway");
    private static final String PASSWORD = System.getProperty("test.mariadb.password", "cogateway");

    private KeptDatabase() {
    }

    static GatewayConfig.Database open(String name) throws SQLException {
        String schema = schema(name);
        try (Connection c = DriverManager.getConnection(base() + "/", USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return new GatewayConfig.Database(base() + "/" + schema, USER, PASSWORD, 8, TestDatabases.tempDir(schema));
    }

    /** Whether an earlier run loaded it: certificates present. */
    static boolean loaded(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM certificate")) {
            rs.next();
            boolean any = rs.getLong(1) > 0;
            c.commit();
            return any;
        }
    }

    static void drop(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(base() + "/", USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + schema(name));
        }
        System.out.println("dropped " + schema(name));
    }

    private static String schema(String name) {
        if (!TestDatabases.mariadb() || !name.matches("[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("--keep/--drop NAME: MariaDB only, NAME of a-z, 0-9 and _");
        }
        return "cogw_bench_" + name;
    }

    private static String base() {
        String url = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/cogateway_test");
        return url.substring(0, url.lastIndexOf('/'));
    }
}
