package org.cogateway.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cogateway.store.JdbcTransactions;

/**
 * Plain SQL for the admin face's reads and its few writes (users, tokens, audit): the log queries
 * are built from filters and paged by keyset, which is clearer in SQL than in HQL. Times are UTC
 * {@code DATETIME(6)} columns, read and written as {@link LocalDateTime} in UTC like the queue does.
 */
final class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction, committed when it returns, rolled back when it throws. */
    <T> T transaction(JdbcTransactions.Work<T> work) {
        return transaction(null, work);
    }

    /** As {@link #transaction(JdbcTransactions.Work)}, at {@code isolation} (a {@code Connection.TRANSACTION_*} level). */
    <T> T transaction(Integer isolation, JdbcTransactions.Work<T> work) {
        try {
            return JdbcTransactions.run(dataSource, isolation, work);
        } catch (SQLException e) {
            throw new AdminException.Database(e);
        }
    }

    <T> List<T> query(String sql, Rows<T> rows, Object... args) {
        return transaction(c -> query(c, sql, rows, args));
    }

    static <T> List<T> query(Connection c, String sql, Rows<T> rows, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(rows.map(rs));
                }
                return result;
            }
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        return JdbcTransactions.update(c, sql, utcTimes(args));
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        JdbcTransactions.bind(s, utcTimes(args));
    }

    /** The arguments with every Instant as its UTC LocalDateTime, how the DATETIME(6) columns hold times. */
    private static Object[] utcTimes(Object... args) {
        Object[] values = args.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
                values[i] = utc(instant);
            }
        }
        return values;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @FunctionalInterface
    interface Rows<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
