package org.cogateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cogateway.config.GatewayConfig;

/**
 * Plain SQL on a gateway's database from outside the gateway, e.g. on the MariaDB database that
 * gateway processes share: the tests read the rows themselves instead of trusting the code under test.
 */
public final class Sql {
    private final GatewayConfig.Database db;

    public Sql(GatewayConfig.Database db) {
        if (db.embedded()) {
            throw new IllegalArgumentException("the embedded H2 cannot be shared with another process");
        }
        this.db = db;
    }

    public long count(String sql, Object... params) {
        List<List<String>> rows = rows(sql, params);
        return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    /** The first column of every row. */
    public List<String> column(String sql, Object... params) {
        return rows(sql, params).stream().map(r -> r.get(0)).toList();
    }

    /** Every row, each column as text (null stays null). */
    public List<List<String>> rows(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
