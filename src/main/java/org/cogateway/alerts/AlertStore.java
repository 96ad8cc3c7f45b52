package org.cogateway.alerts;

import static org.cogateway.store.JdbcTransactions.bind;
import static org.cogateway.store.JdbcTransactions.update;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cogateway.store.JdbcTransactions;
import org.cogateway.delivery.TransmissionState;

/**
 * Every SQL statement of the alerts: the check's lock and cursors, what the checks read from the
 * outbound history, the open conditions, the alerts and their outbox. Methods that take a
 * {@link Connection} run in the caller's transaction; {@link #inTransaction} runs one.
 */
final class AlertStore {
    private static final int TEXT_LIMIT = 1000;
    private static final int KEY_LIMIT = 255;

    private final DataSource dataSource;

    AlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Where the checks have read to. */
    record Cursors(long events, long attempts) {
    }

    /** A FAILED or REJECTED transition of an outbound transmission. */
    record FailureEvent(long id, String transmissionId, Instant at, String state, String detail, String partnerId,
                        String messageId, String certificateNumber) {
    }

    /** One send attempt, as far as reachability cares. */
    record AttemptRow(long id, String partnerId, Instant startedAt, Instant endedAt, String outcome,
                      Integer httpStatus) {
    }

    /** A partner's reachability as last worked out; see {@link AlertCheck#apply}. */
    record Reachability(Instant lastSuccessAt, Instant lastFailureAt, Instant failingSince) {
        static final Reachability UNKNOWN = new Reachability(null, null, null);
    }

    /** A partner's oldest transmission not yet delivered. */
    record OldestUndelivered(String partnerId, String transmissionId, String messageId, Instant createdAt) {
    }

    /** An open condition: raised and not yet cleared, with the alert that raised it. */
    record OpenCondition(String key, AlertKind kind, Instant raisedAt, Alert raised) {
    }

    /** A receiver's copy of an alert, claimed by this node to send. */
    record Delivery(long id, Alert alert, String channel, String receiver, int attempts, Instant createdAt) {
    }

    // --- the check's lock and cursors

    /** Locks the check row, or empty when another node is checking right now. */
    Optional<Cursors> lockCheck(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT event_cursor, attempt_cursor FROM alert_check WHERE id = 1 FOR UPDATE SKIP LOCKED");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(new Cursors(rs.getLong(1), rs.getLong(2))) : Optional.empty();
        }
    }

    /** Waits for the check row's lock: for a change that a check running now must not overwrite. */
    void awaitCheckLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM alert_check WHERE id = 1 FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the alert_check row is missing (migration V13)");
            }
        }
    }

    void saveCheck(Connection c, Cursors cursors, Instant now, String nodeId) throws SQLException {
        update(c, "UPDATE alert_check SET event_cursor = ?, attempt_cursor = ?, checked_at = ?, checked_by = ?"
                + " WHERE id = 1", cursors.events(), cursors.attempts(), utc(now), nodeId);
    }

    // --- what the checks read

    List<FailureEvent> failureEventsAfter(Connection c, long cursor, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT e.id, e.transmission_id, e.at, e.state, e.detail,"
                + " t.partner_id, t.message_id, co.certificate_number"
                + " FROM transmission_event e JOIN transmission t ON t.id = e.transmission_id"
                + " JOIN certificate co ON co.id = t.certificate_id"
                + " WHERE e.id > ? AND e.state IN ('FAILED', 'REJECTED') ORDER BY e.id LIMIT ?")) {
            s.setLong(1, cursor);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<FailureEvent> events = new ArrayList<>();
                while (rs.next()) {
                    events.add(new FailureEvent(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
                return events;
            }
        }
    }

    /** The highest event id after {@code cursor} written at or before {@code settledBefore}, or {@code cursor}. */
    long lastSettledEvent(Connection c, long cursor, Instant settledBefore) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MAX(id) FROM transmission_event WHERE id > ? AND at <= ?")) {
            s.setLong(1, cursor);
            s.setObject(2, utc(settledBefore));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? cursor : max;
            }
        }
    }

    List<AttemptRow> attemptsAfter(Connection c, long cursor, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT a.id, t.partner_id, a.started_at, a.duration_ms,"
                + " a.outcome, a.http_status FROM transmission_attempt a"
                + " JOIN transmission t ON t.id = a.transmission_id WHERE a.id > ? ORDER BY a.id LIMIT ?")) {
            s.setLong(1, cursor);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<AttemptRow> attempts = new ArrayList<>();
                while (rs.next()) {
                    Instant started = instant(rs, 3);
                    long duration = rs.getLong(4);
                    Instant ended = rs.wasNull() ? started : started.plusMillis(duration);
                    attempts.add(new AttemptRow(rs.getLong(1), rs.getString(2), started, ended, rs.getString(5),
                            rs.getObject(6, Integer.class)));
                }
                return attempts;
            }
        }
    }

    /** A verification request still open after its reply-by date (either side). */
    record OverdueVerification(String verificationId, String side, String partnerId, String certificateNumber,
                               java.time.LocalDate replyBy) {
    }

    /** Open verification requests whose reply-by date is before {@code today}; read on ix_verification_open. */
    List<OverdueVerification> overdueVerifications(Connection c, java.time.LocalDate today) throws SQLException {
        List<OverdueVerification> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT v.verification_id, v.side, v.partner_id, c.certificate_number,"
                + " v.reply_by FROM verification v JOIN certificate c ON c.id = v.certificate_id"
                + " WHERE v.state = 'OPEN' AND v.reply_by < ? ORDER BY v.reply_by, v.id LIMIT 1000")) {
            s.setObject(1, today);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new OverdueVerification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, java.time.LocalDate.class)));
                }
            }
        }
        return result;
    }

    List<OldestUndelivered> oldestUndelivered(Connection c) throws SQLException {
        String undelivered = " state IN (" + TransmissionState.UNDELIVERED.stream().map(st -> "'" + st.name() + "'")
                .sorted().collect(Collectors.joining(", ")) + ")";
        Map<String, Instant> oldest = new HashMap<>();
        // grouped by state too, so that MariaDB reads one entry per (partner, state) of the (partner_id, state,
        // created_at) index instead of every undelivered row (60,000 queued: 20 ms against 74 ms per run
        // through the mysql client, most of the 20 being the client's own start)
        try (PreparedStatement s = c.prepareStatement("SELECT partner_id, MIN(created_at) FROM transmission WHERE"
                + undelivered + " GROUP BY partner_id, state");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                oldest.merge(rs.getString(1), instant(rs, 2), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<OldestUndelivered> result = new ArrayList<>();
        for (Map.Entry<String, Instant> partner : oldest.entrySet()) {
            try (PreparedStatement s = c.prepareStatement("SELECT id, message_id FROM transmission"
                    + " WHERE partner_id = ? AND" + undelivered + " AND created_at = ? LIMIT 1")) {
                s.setString(1, partner.getKey());
                s.setObject(2, utc(partner.getValue()));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        result.add(new OldestUndelivered(partner.getKey(), rs.getString(1), rs.getString(2),
                                partner.getValue()));
                    }
                }
            }
        }
        return result;
    }

    // --- reachability

    Map<String, Reachability> reachability(Connection c) throws SQLException {
        Map<String, Reachability> partners = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT partner_id, last_success_at, last_failure_at, failing_since FROM alert_partner");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                partners.put(rs.getString(1), new Reachability(instant(rs, 2), instant(rs, 3), instant(rs, 4)));
            }
        }
        return partners;
    }

    void saveReachability(Connection c, String partnerId, Reachability r) throws SQLException {
        if (update(c, "UPDATE alert_partner SET last_success_at = ?, last_failure_at = ?, failing_since = ?"
                        + " WHERE partner_id = ?", utc(r.lastSuccessAt()), utc(r.lastFailureAt()), utc(r.failingSince()),
                partnerId) == 0) {
            update(c, "INSERT INTO alert_partner (partner_id, last_success_at, last_failure_at, failing_since)"
                    + " VALUES (?, ?, ?, ?)", partnerId, utc(r.lastSuccessAt()), utc(r.lastFailureAt()),
                    utc(r.failingSince()));
        }
    }

    // --- conditions

    Map<String, OpenCondition> openConditions(Connection c) throws SQLException {
        Map<String, OpenCondition> open = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.condition_key, c.raised_at, " + ALERT_COLUMNS
                + " FROM alert_condition c JOIN alert a ON a.id = c.raised_alert_id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Alert raised = alert(rs, 3);
                open.put(rs.getString(1), new OpenCondition(rs.getString(1), raised.kind(), instant(rs, 2), raised));
            }
        }
        return open;
    }

    void openCondition(Connection c, String key, AlertKind kind, Instant raisedAt, long alertId) throws SQLException {
        update(c, "INSERT INTO alert_condition (condition_key, kind, raised_at, raised_alert_id) VALUES (?, ?, ?, ?)",
                key, kind.name(), utc(raisedAt), alertId);
    }

    /** @return whether the condition was open (and is closed now) */
    boolean closeCondition(Connection c, String key) throws SQLException {
        return update(c, "DELETE FROM alert_condition WHERE condition_key = ?", key) == 1;
    }

    // --- alerts and their outbox

    boolean alerted(Connection c, String dedupeKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM alert WHERE dedupe_key = ?")) {
            s.setString(1, dedupeKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Stores the alert and one outbox row per receiver; returns it with its id. */
    Alert insert(Connection c, Alert alert, List<Receiver> receivers) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO alert (dedupe_key, kind, phase, partner_id,"
                + " message_id, transmission_id, certificate_number, x509_certificate, summary, raised_at, node_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(s, alert.dedupeKey(), alert.kind().name(), alert.phase().name(), alert.partnerId(), alert.messageId(),
                    alert.transmissionId(), alert.certificateNumber(), clip(alert.x509Certificate(), 512),
                    clip(alert.summary(), TEXT_LIMIT), utc(alert.raisedAt()), alert.nodeId());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        for (Receiver receiver : receivers) {
            update(c, "INSERT INTO alert_delivery (alert_id, channel, receiver, state, attempts, next_attempt_at,"
                            + " created_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?)",
                    id, receiver.channel(), receiver.address(), utc(alert.raisedAt()), utc(alert.raisedAt()));
        }
        return alert.withId(id);
    }

    /** Where one copy of an alert goes: {@code WEBHOOK} and a URL, or {@code EMAIL} and an address. */
    record Receiver(String channel, String address) {
    }

    /** Claims the most overdue pending delivery for {@code nodeId} until {@code leaseUntil}. */
    Optional<Delivery> claimDelivery(Connection c, String nodeId, Instant now, Instant leaseUntil) throws SQLException {
        Delivery claimed;
        try (PreparedStatement s = c.prepareStatement("SELECT d.id, d.channel, d.receiver, d.attempts, d.created_at, "
                + ALERT_COLUMNS + " FROM alert_delivery d JOIN alert a ON a.id = d.alert_id"
                + " WHERE d.state = 'PENDING' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)"
                + " ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            s.setObject(1, utc(now));
            s.setObject(2, utc(now));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                claimed = new Delivery(rs.getLong(1), alert(rs, 6), rs.getString(2), rs.getString(3), rs.getInt(4) + 1,
                        instant(rs, 5));
            }
        }
        update(c, "UPDATE alert_delivery SET attempts = attempts + 1, lease_owner = ?, lease_until = ? WHERE id = ?",
                nodeId, utc(leaseUntil), claimed.id());
        return Optional.of(claimed);
    }

    /** Records that the receiver took it; false when this node's lease was lost meanwhile. */
    boolean delivered(Connection c, Delivery d, String nodeId, Instant now) throws SQLException {
        return update(c, "UPDATE alert_delivery SET state = 'DELIVERED', delivered_at = ?, last_error = NULL,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?", utc(now), d.id(), nodeId) == 1;
    }

    /** Records a failed send: due again at {@code retryAt}, or FAILED for good when that is null. */
    boolean failed(Connection c, Delivery d, String nodeId, String error, Instant retryAt) throws SQLException {
        return update(c, "UPDATE alert_delivery SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
                        + " last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                retryAt == null ? "FAILED" : "PENDING", utc(retryAt), clip(error, TEXT_LIMIT), d.id(), nodeId) == 1;
    }

    /** A restarted node sends again at once what it had claimed before it stopped. */
    int releaseLeases(Connection c, String nodeId) throws SQLException {
        return update(c, "UPDATE alert_delivery SET lease_owner = NULL, lease_until = NULL"
                + " WHERE state = 'PENDING' AND lease_owner = ?", nodeId);
    }

    /** The newest alerts first, for the admin face and tests. */
    List<Alert> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM alert a"
                + " ORDER BY a.id DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<Alert> alerts = new ArrayList<>();
                while (rs.next()) {
                    alerts.add(alert(rs, 1));
                }
                return alerts;
            }
        }
    }

    // --- helpers

    private static final String ALERT_COLUMNS = "a.id, a.dedupe_key, a.kind, a.phase, a.partner_id, a.message_id,"
            + " a.transmission_id, a.certificate_number, a.x509_certificate, a.summary, a.raised_at, a.node_id";

    /** The alert whose {@link #ALERT_COLUMNS} start at column {@code first}. */
    private static Alert alert(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new Alert(rs.getLong(i), rs.getString(i + 1), AlertKind.valueOf(rs.getString(i + 2)),
                Alert.Phase.valueOf(rs.getString(i + 3)), rs.getString(i + 4), rs.getString(i + 5),
                rs.getString(i + 6), rs.getString(i + 7), rs.getString(i + 8), rs.getString(i + 9),
                instant(rs, i + 10), rs.getString(i + 11));
    }

    /**
     * A dedupe or condition key from its parts, at most 255 characters: a longer one keeps its
     * start, for whoever reads the table, and ends with a SHA-256 of the whole, to stay unique.
     */
    static String key(String... parts) {
        String key = String.join("|", parts);
        if (key.length() <= KEY_LIMIT) {
            return key;
        }
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            return key.substring(0, KEY_LIMIT - digest.length() - 1) + "#" + digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Runs {@code work} in one transaction at READ COMMITTED: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(JdbcTransactions.Work<T> work) {
        try {
            return JdbcTransactions.run(dataSource, Connection.TRANSACTION_READ_COMMITTED, work);
        } catch (SQLException e) {
            throw new AlertStoreException("alerts: " + e.getMessage(), e);
        }
    }

    /** A database failure of the alerts; the periodic jobs log it and try again at their next run. */
    static final class AlertStoreException extends RuntimeException {
        AlertStoreException(String message, SQLException cause) {
            super(message, cause);
        }
    }


    private static String clip(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
