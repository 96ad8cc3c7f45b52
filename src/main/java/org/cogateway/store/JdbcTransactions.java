package org.cogateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * One plain-JDBC transaction: the parts that work below Hibernate (the outbound queue's claims, the
 * alerts, the admin face's reads, the statistics) all need the same commit-or-roll-back and the same
 * binding of parameters, and each turns the SQLException into its own kind of failure.
 */
public final class JdbcTransactions {
    private JdbcTransactions() {
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, at {@code isolation} when it is not null (a
     * {@code Connection.TRANSACTION_*} level): committed when it returns, rolled back when it throws.
     */
    public static <T> T run(DataSource dataSource, Integer isolation, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (isolation != null) {
                c.setTransactionIsolation(isolation);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        }
    }

    /** Runs one INSERT, UPDATE or DELETE with {@code values} bound in order; the number of rows it changed. */
    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            return s.executeUpdate();
        }
    }

    /** Binds {@code values} to the statement's parameters in order, a null as SQL NULL. */
    public static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                s.setNull(i + 1, Types.NULL);
            } else {
                s.setObject(i + 1, values[i]);
            }
        }
    }
}
