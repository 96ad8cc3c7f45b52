package org.cogateway.alerts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.cogateway.Gateway;
import org.cogateway.config.GatewayConfig;

/** The alert and outbox rows as stored, read with plain SQL so the tests do not trust the code under test. */
final class AlertRows {
    private AlertRows() {
    }

    record Row(long id, String kind, String phase, String partnerId, String messageId, String transmissionId,
               String certificateNumber, String x509, String summary) {
        String kindPhase() {
            return kind + " " + phase;
        }
    }

    record DeliveryRow(long alertId, String channel, String receiver, String state, int attempts, String lastError) {
    }

    static List<Row> alerts(Gateway gateway) {
        return alerts(gateway.config().database());
    }

    static List<Row> alerts(GatewayConfig.Database db) {
        return query(db, "SELECT id, kind, phase, partner_id, message_id, transmission_id, certificate_number,"
                + " x509_certificate, summary FROM alert ORDER BY id", rs -> new Row(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9)));
    }

    static List<Row> alerts(Gateway gateway, AlertKind kind) {
        return alerts(gateway).stream().filter(r -> r.kind().equals(kind.name())).toList();
    }

    static List<DeliveryRow> deliveries(Gateway gateway) {
        return deliveries(gateway.config().database());
    }

    /** Also on the database of a gateway that is stopped. */
    static List<DeliveryRow> deliveries(GatewayConfig.Database db) {
        return query(db, "SELECT alert_id, channel, receiver, state, attempts, last_error FROM alert_delivery"
                + " ORDER BY id", rs -> new DeliveryRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getInt(5), rs.getString(6)));
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(GatewayConfig.Database db, String sql, RowMapper<T> mapper) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
