package org.cogateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The SQL of a partner link's state: what the history already says (the last message the partner
 * delivered, the last send that got its receipt, the last send that could not reach it) and what the
 * quiet-partner pinger adds in {@code partner_link} (V16), with the claim that lets one node ping.
 */
public final class PartnerLinks {
    private final DataSource dataSource;

    public PartnerLinks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What is known of the link to one partner; a null time: never.
     *
     * @param lastFailureReason why the newest failure (send or ping) failed
     */
    public record Facts(Instant lastReceivedAt, Instant lastDeliveredAt, Instant lastSendFailedAt,
                        String lastSendFailure, Instant lastPingOkAt, Instant lastPingFailedAt,
                        String lastPingFailure) {
        public Instant lastSuccessAt() {
            return latest(lastDeliveredAt, lastPingOkAt);
        }

        public Instant lastFailureAt() {
            return latest(lastSendFailedAt, lastPingFailedAt);
        }

        public String lastFailureReason() {
            Instant failed = lastFailureAt();
            return failed == null ? null : failed.equals(lastPingFailedAt) ? lastPingFailure : lastSendFailure;
        }

        /** The newest thing that happened on the link, good or bad. */
        public Instant lastContactAt() {
            return latest(latest(lastReceivedAt, lastSuccessAt()), lastFailureAt());
        }

        static Instant latest(Instant a, Instant b) {
            return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        }
    }

    public Facts facts(String partnerId) {
        try {
            return JdbcTransactions.run(dataSource, null, c -> facts(c, partnerId));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the link state of partner " + partnerId, e);
        }
    }

    private static Facts facts(Connection c, String partnerId) throws SQLException {
        Instant received = null;
        // newest first on ix_inbound_log_partner (partner_id, received_at, id)
        try (PreparedStatement s = c.prepareStatement("SELECT received_at FROM inbound_message WHERE partner_id = ?"
                + " ORDER BY received_at DESC LIMIT 1")) {
            s.setString(1, partnerId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    received = instant(rs, "received_at");
                }
            }
        }
        Object[] delivered = lastAttempt(c, partnerId, "DELIVERED");
        // RETRYABLE: no answer, or one that says "try later"; a PERMANENT refusal came from a partner that answered
        Object[] failed = lastAttempt(c, partnerId, "RETRYABLE");
        Instant pingOk = null;
        Instant pingFailed = null;
        String pingError = null;
        try (PreparedStatement s = c.prepareStatement("SELECT last_ping_ok_at, last_ping_failed_at, last_ping_error"
                + " FROM partner_link WHERE partner_id = ?")) {
            s.setString(1, partnerId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    pingOk = instant(rs, "last_ping_ok_at");
                    pingFailed = instant(rs, "last_ping_failed_at");
                    pingError = rs.getString("last_ping_error");
                }
            }
        }
        return new Facts(received, (Instant) delivered[0], (Instant) failed[0], (String) failed[1], pingOk,
                pingFailed, pingError);
    }

    /** The newest attempt to the partner with this outcome, walking ix_attempt_outcome (outcome, started_at) backwards. */
    private static Object[] lastAttempt(Connection c, String partnerId, String outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT a.started_at, a.reason FROM transmission_attempt a"
                + " JOIN transmission t ON t.id = a.transmission_id WHERE a.outcome = ? AND t.partner_id = ?"
                + " ORDER BY a.started_at DESC LIMIT 1")) {
            s.setString(1, outcome);
            s.setString(2, partnerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Object[] {instant(rs, "started_at"), rs.getString("reason")} : new Object[2];
            }
        }
    }

    /**
     * Claims the next ping of a partner for this node: moves {@code next_ping_at} to {@code next} if it
     * is due at {@code now}. Of nodes claiming at once, the database lets one update the row; the
     * others update nothing and leave the ping to it.
     */
    public boolean claimPing(String partnerId, Instant now, Instant next, String nodeId) {
        try {
            ensureRow(partnerId, now);
            return JdbcTransactions.run(dataSource, null, c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE partner_link SET next_ping_at = ?, pinged_by = ?"
                        + " WHERE partner_id = ? AND next_ping_at <= ?")) {
                    s.setObject(1, utc(next));
                    s.setString(2, nodeId);
                    s.setString(3, partnerId);
                    s.setObject(4, utc(now));
                    return s.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim the ping of partner " + partnerId, e);
        }
    }

    /** Records a ping's outcome: {@code error} null for a receipt. */
    public void recordPing(String partnerId, Instant at, String error) {
        String sql = error == null
                ? "UPDATE partner_link SET last_ping_ok_at = ? WHERE partner_id = ?"
                : "UPDATE partner_link SET last_ping_failed_at = ?, last_ping_error = ? WHERE partner_id = ?";
        try {
            JdbcTransactions.run(dataSource, null, c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int i = 1;
                    s.setObject(i++, utc(at));
                    if (error != null) {
                        s.setString(i++, error.length() <= 1000 ? error : error.substring(0, 1000));
                    }
                    s.setString(i, partnerId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the ping of partner " + partnerId, e);
        }
    }

    private void ensureRow(String partnerId, Instant now) throws SQLException {
        try {
            JdbcTransactions.run(dataSource, null, c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO partner_link (partner_id, next_ping_at)"
                        + " SELECT ?, ? FROM (SELECT 1 AS one) x"
                        + " WHERE NOT EXISTS (SELECT 1 FROM partner_link WHERE partner_id = ?)")) {
                    s.setString(1, partnerId);
                    s.setObject(2, utc(now));
                    s.setString(3, partnerId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            // another node inserted the row between the check and the insert: it is there, which is all we need
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
