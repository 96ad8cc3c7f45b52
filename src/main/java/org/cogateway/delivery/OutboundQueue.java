package org.cogateway.delivery;

import static org.cogateway.store.JdbcTransactions.bind;
import static org.cogateway.store.JdbcTransactions.update;

import org.cogateway.document.DocumentKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cogateway.store.JdbcTransactions;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.hibernate.Session;

/**
 * The outbound queue: every SQL statement that claims, leases and moves a transmission. The table
 * {@code transmission} is the queue; a node claims due rows with {@code FOR UPDATE SKIP LOCKED} and
 * holds them under a lease (node id, expiry). Every change is a compare-and-set on the row version
 * (and, for an attempt's outcome, on the lease owner), checked against
 * {@link TransmissionState#canBecome}, and written with its history event in one transaction.
 *
 * <p>Methods that take a {@link Connection} or {@link Session} run inside the caller's transaction;
 * the others run their own. Time comes from the injected clock, never from the database, in UTC.
 */
public final class OutboundQueue {
    private static final int TEXT_LIMIT = 1000;
    private static final int CODE_LIMIT = 64;
    /** How often a transaction rolled back by a deadlock is run. */
    private static final int TRANSACTION_RUNS = 3;
    /** Candidates read beyond a claim's limit, for rows another node holds (skipped when locked). */
    private static final int CANDIDATE_SLACK = 8;
    /** Pages of candidates one claim reads at most. */
    private static final int CANDIDATE_PAGES = 4;
    // never the payload: a claim reads only the payloads of the rows it claimed (transmission_payload)
    private static final String COLUMNS = "id, partner_id, kind, message_id, conversation_id, ref_to_message_id, agreement,"
            + " state, attempts, lease_owner, lease_until, created_at, updated_at, row_version";

    private final DataSource dataSource;
    private final Clock clock;
    private final Backoff backoff;
    private final PartnerDirectory partners;

    public OutboundQueue(Database database, Clock clock, Backoff backoff, PartnerDirectory partners) {
        this.dataSource = database.dataSource();
        this.clock = clock;
        this.backoff = backoff;
        this.partners = partners;
    }

    /** One attempt as recorded, for history views and tests. */
    public record AttemptRecord(int attempt, String nodeId, Instant startedAt, Long durationMs, String outcome,
                                Integer httpStatus, String ebmsErrorCode, String reason) {
    }

    /** Claims up to {@code limit} due transmissions of any partner for {@code nodeId}. */
    public List<ClaimedTransmission> claimDue(String nodeId, int limit, Duration lease) {
        return claim(nodeId, null, limit, lease);
    }

    /** Claims up to {@code limit} due transmissions to one partner for {@code nodeId}. */
    public List<ClaimedTransmission> claimDue(String nodeId, String partnerId, int limit, Duration lease) {
        return claim(nodeId, partnerId, limit, lease);
    }

    private List<ClaimedTransmission> claim(String nodeId, String partnerId, int limit, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        return inTransaction(c -> {
            // No gap locks: two claimers scanning the due index must not block each other's updates.
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            Instant now = now();
            List<ClaimedTransmission> claimed = new ArrayList<>();
            for (DueRow row : selectDueForUpdate(c, partnerId, limit, now)) {
                if (row.state().canBecome(TransmissionState.SENDING)) {
                    claimed.add(claimRow(c, row, nodeId, now, now.plus(lease)));
                }
            }
            return claimed;
        });
    }

    /**
     * The due rows to claim, locked: candidates first, read in due order without locks, then those of
     * them still claimable locked with {@code FOR UPDATE SKIP LOCKED}. One statement doing both is what a
     * claim was before, but H2 reads every row that matches a {@code FOR UPDATE} query before it applies
     * the LIMIT (the plan's scanCount was the whole queue: 20,001 rows read for a claim of 4 with 20,000
     * queued, half a second a claim), whereas its plain query stops after the rows it returns. The lock
     * statement checks everything again under the lock (state, due time, conversation order), so a row
     * another node claimed or moved meanwhile is skipped, exactly as before. When rows are skipped, a
     * longer page of candidates is read, a few pages at most: a claim that comes back short is taken up
     * again at the next poll.
     */
    private List<DueRow> selectDueForUpdate(Connection c, String partnerId, int limit, Instant now) throws SQLException {
        List<DueRow> locked = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int pageSize = limit + CANDIDATE_SLACK;
        for (int page = 0; page < CANDIDATE_PAGES && locked.size() < limit; page++, pageSize *= 2) {
            // each page reads from the first due row again, twice as far: simpler than a keyset on due_at,
            // and pages after the first are rare (rows skipped because another node holds them)
            List<String> ids = new ArrayList<>();
            int read = 0;
            try (PreparedStatement s = c.prepareStatement(candidateSql(partnerId != null, isH2(c)))) {
                int i = 0;
                if (partnerId != null) {
                    s.setString(++i, partnerId);
                }
                s.setObject(++i, utc(now));
                s.setObject(++i, utc(now));
                s.setInt(++i, pageSize);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        if (seen.add(rs.getString(1))) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                locked.addAll(lock(c, ids, limit - locked.size(), now));
            }
            if (read < pageSize) {
                break; // no further due rows
            }
        }
        return locked;
    }

    // whether the database is H2, for the claim's ORDER BY; read once (a race only reads it twice)
    private volatile Boolean h2;

    private boolean isH2(Connection c) throws SQLException {
        if (h2 == null) {
            h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
        }
        return h2;
    }

    /** Locks those of {@code ids} that are still claimable, at most {@code limit}, in due order, skipping locked ones. */
    private List<DueRow> lock(Connection c, List<String> ids, int limit, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(lockSql(ids.size()))) {
            int i = 0;
            for (String id : ids) {
                s.setString(++i, id);
            }
            s.setObject(++i, utc(now));
            s.setObject(++i, utc(now));
            s.setInt(++i, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<DueRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(DueRow.of(rs));
                }
                return rows;
            }
        }
    }

    // In order within a conversation: a message waits while an earlier one about the same certificate
    // to the same partner is not delivered (a cancellation or replacement that overtook the certificate
    // would be refused there as unknown, and the certificate would then arrive valid).
    // due_at is the next attempt (QUEUED, RETRY_WAIT) or the lease's end (SENDING) and NULL otherwise; the
    // state test only guards against a row whose due_at another writer left behind.
    private static final String CLAIMABLE = " AND (t.state IN ('QUEUED', 'RETRY_WAIT') OR (t.state = 'SENDING' AND t.lease_until < ?))"
            + " AND NOT EXISTS (SELECT 1 FROM transmission e WHERE e.conversation_id = t.conversation_id"
            + " AND e.partner_id = t.partner_id AND e.created_at < t.created_at"
            + " AND e.state IN ('QUEUED', 'SENDING', 'RETRY_WAIT', 'FAILED'))";

    /**
     * The claim's candidate query, without locks (public for the queue benchmark's EXPLAIN); parameters:
     * the partner (when {@code onePartner}), now, now, the limit. The index
     * (partner_id, due_at) yields a partner's due rows in due order and the read stops after the limit,
     * however long the queue is. The ORDER BY differs by database, as measured with 20,000 queued: H2
     * reads the index in order only for an ORDER BY that names its columns from the first (partner_id,
     * due_at; with due_at alone it read all 20,001 rows), while MariaDB sorts all the partner's due rows
     * (filesort) for that ORDER BY and reads the index in order for due_at alone. The claim across
     * partners (tests, tools) has no such index and sorts.
     */
    public static String candidateSql(boolean onePartner, boolean h2) {
        return "SELECT t.id, t.due_at FROM transmission t"
                + " WHERE " + (onePartner ? "t.partner_id = ? AND " : "") + "t.due_at <= ?"
                + CLAIMABLE
                + (onePartner && h2 ? " ORDER BY t.partner_id, t.due_at" : " ORDER BY t.due_at") + " LIMIT ?";
    }

    /** The claim's lock statement for {@code n} candidate ids; parameters: the ids, now, now, the limit. */
    public static String lockSql(int n) {
        return "SELECT " + COLUMNS + " FROM transmission t WHERE t.id IN (" + "?, ".repeat(n - 1) + "?)"
                + " AND t.due_at <= ?" + CLAIMABLE + " ORDER BY t.due_at LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    private ClaimedTransmission claimRow(Connection c, DueRow row, String nodeId, Instant now, Instant leaseUntil)
            throws SQLException {
        int updated = update(c, "UPDATE transmission SET state = 'SENDING', lease_owner = ?, lease_until = ?,"
                        + " due_at = ?, attempts = attempts + 1, updated_at = ?, row_version = row_version + 1"
                        + " WHERE id = ? AND row_version = ?",
                nodeId, utc(leaseUntil), utc(leaseUntil), utc(now), row.id(), row.rowVersion());
        if (updated != 1) {
            // the row is locked by this transaction, so this means the schema or SQL is wrong
            throw new IllegalStateException("claimed transmission " + row.id() + " changed under its row lock");
        }
        int attempt = row.attempts() + 1;
        String detail = "claimed by node " + nodeId + " for attempt " + attempt;
        if (row.state() == TransmissionState.SENDING) {
            String expired = "lease of node " + row.leaseOwner() + " expired at " + row.leaseUntil();
            recordAbandonedAttempt(c, row, expired + " before it recorded an outcome");
            detail = expired + "; resumed by node " + nodeId + " for attempt " + attempt;
        }
        insertEvent(c, row.id(), TransmissionState.SENDING, detail, now);
        return new ClaimedTransmission(row.id(), row.partnerId(), row.kind(), row.messageId(), row.conversationId(),
                row.refToMessageId(), row.agreement(), payload(c, row.id()), attempt, row.createdAt(), now, nodeId, row.rowVersion() + 1);
    }

    /** The document a claimed transmission carries: read for the message being sent, and only for it. */
    private static String payload(Connection c, String transmissionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM transmission_payload WHERE transmission_id = ?")) {
            s.setString(1, transmissionId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("transmission " + transmissionId + " has no payload");
                }
                return rs.getString(1);
            }
        }
    }

    /**
     * Records the outcome of a claimed attempt: the attempt row, the next state (DELIVERED,
     * RETRY_WAIT at the backoff's time, FAILED when the retry policy runs out, REJECTED when the
     * partner refused the message) and its event, in one transaction.
     *
     * @return whether the outcome moved the transmission on; false when the claim no longer holds: its
     *         lease was taken over (the row version moved on), so the result belongs to the node that
     *         holds it now and nothing is written; or the partner's answer closed the transmission while
     *         the attempt was in flight, and only the attempt (with the receipt) is recorded
     */
    public boolean recordOutcome(ClaimedTransmission claim, SendOutcome outcome) {
        return inTransaction(c -> {
            Instant now = now();
            AfterAttempt next = AfterAttempt.decide(claim, outcome, retryBudget(c, claim), backoff, now);
            requireAllowed(TransmissionState.SENDING, next.state());
            int updated = update(c, "UPDATE transmission SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
                            + " due_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ?, updated_at = ?,"
                            + " row_version = row_version + 1"
                            + " WHERE id = ? AND state = 'SENDING' AND lease_owner = ? AND row_version = ?",
                    next.state().name(), utc(next.nextAttemptAt()), utc(dueAt(next.state(), next.nextAttemptAt())),
                    clip(next.lastError()), utc(now),
                    claim.id(), claim.leaseOwner(), claim.rowVersion());
            if (updated == 0) {
                return recordAfterAnswer(c, claim, outcome, now);
            }
            insertAttempt(c, claim.id(), claim.attempt(), claim.leaseOwner(), claim.claimedAt(),
                    Duration.between(claim.claimedAt(), now).toMillis(), outcome.kind().name(), outcome.httpStatus(),
                    clip(outcome.ebmsErrorCode(), CODE_LIMIT), outcome.reason(), outcome.signedRequest(), outcome.answer());
            insertEvent(c, claim.id(), next.state(), next.detail(), now);
            return true;
        });
    }

    /**
     * The partner's Customs answered while this attempt was in flight (its acknowledgement overtook our
     * receipt): the answer already closed the transmission, so its state stays, but the attempt, with
     * the receipt as received, is still recorded and the lease released. Nothing is written when the
     * claim was taken over by another node instead.
     */
    private boolean recordAfterAnswer(Connection c, ClaimedTransmission claim, SendOutcome outcome, Instant now)
            throws SQLException {
        int released = update(c, "UPDATE transmission SET lease_owner = NULL, lease_until = NULL, due_at = NULL, updated_at = ?,"
                        + " row_version = row_version + 1"
                        + " WHERE id = ? AND state IN ('ACKNOWLEDGED', 'REJECTED') AND lease_owner = ?",
                utc(now), claim.id(), claim.leaseOwner());
        if (released == 1) {
            insertAttempt(c, claim.id(), claim.attempt(), claim.leaseOwner(), claim.claimedAt(),
                    Duration.between(claim.claimedAt(), now).toMillis(), outcome.kind().name(), outcome.httpStatus(),
                    clip(outcome.ebmsErrorCode(), CODE_LIMIT), outcome.reason(), outcome.signedRequest(),
                    outcome.answer());
        }
        return false;
    }

    /**
     * Operator resend: a FAILED or REJECTED transmission goes back to QUEUED, due at once, with the same message
     * id (so the partner can still eliminate a duplicate). Its attempt count carries on, but the
     * partner's retry policy (attempts, maximum age) applies afresh from the resend.
     *
     * @return false when there is no such transmission or it is neither FAILED nor REJECTED
     */
    public boolean resend(String trackingId) {
        return inTransaction(c -> {
            Instant now = now();
            // retention (admin/Retention) purges a body under the same row lock: resent first, or purged and kept
            if (bodyPurged(c, trackingId)) {
                return false;
            }
            return changeState(c, "id", trackingId, TransmissionState.QUEUED, "resent by operator", now,
                    "next_attempt_at = ?, due_at = ?, attempts_before_resend = attempts, resent_at = ?,", utc(now), utc(now),
                    utc(now));
        });
    }

    private static boolean bodyPurged(Connection c, String trackingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT body_purged_at FROM transmission WHERE id = ? FOR UPDATE")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getObject(1) != null;
            }
        }
    }

    /**
     * Restart recovery: transmissions this node left SENDING (it stopped or died mid-send) are due
     * again at once instead of waiting for their lease to expire. Call before this node claims anything.
     *
     * @return how many were released
     */
    public int releaseOwnLeases(String nodeId) {
        return inTransaction(c -> {
            Instant now = now();
            List<DueRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM transmission"
                    + " WHERE state = 'SENDING' AND lease_owner = ? FOR UPDATE")) {
                s.setString(1, nodeId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(DueRow.of(rs));
                    }
                }
            }
            for (DueRow row : rows) {
                requireAllowed(row.state(), TransmissionState.RETRY_WAIT);
                int updated = update(c, "UPDATE transmission SET state = 'RETRY_WAIT', next_attempt_at = ?, due_at = ?,"
                                + " lease_owner = NULL, lease_until = NULL, updated_at = ?, row_version = row_version + 1"
                                + " WHERE id = ? AND row_version = ?",
                        utc(now), utc(now), utc(now), row.id(), row.rowVersion());
                if (updated != 1) {
                    throw new IllegalStateException("released transmission " + row.id() + " changed under its row lock");
                }
                recordAbandonedAttempt(c, row, "node " + nodeId + " restarted before it recorded an outcome");
                insertEvent(c, row.id(), TransmissionState.RETRY_WAIT, "node " + nodeId + " restarted while sending"
                        + " attempt " + row.attempts() + "; its outcome is unknown, so it is due again at once", now);
            }
            return rows.size();
        });
    }

    /**
     * The partner's answer closes a delivered transmission: DELIVERED -> ACKNOWLEDGED or REJECTED,
     * in the caller's transaction, so the answer and the state change are stored together.
     *
     * @return false when no transmission has this message id or it is not DELIVERED
     */
    public boolean markAnswered(Connection c, String messageId, TransmissionState answer, String detail)
            throws SQLException {
        if (answer != TransmissionState.ACKNOWLEDGED && answer != TransmissionState.REJECTED) {
            throw new IllegalArgumentException("an answer acknowledges or rejects, not " + answer);
        }
        // answered is final: nothing left to claim, also when the answer overtook our attempt's receipt
        return changeState(c, "message_id", messageId, answer, detail, now(), "due_at = NULL,");
    }

    /** {@link #markAnswered(Connection, String, TransmissionState, String)} in a Hibernate session's transaction. */
    public boolean markAnswered(Session session, String messageId, TransmissionState answer, String detail) {
        return session.doReturningWork(c -> markAnswered(c, messageId, answer, detail));
    }

    /** The attempts made so far for one transmission, first first. */
    public List<AttemptRecord> attempts(String trackingId) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT attempt, node_id, started_at, duration_ms, outcome,"
                    + " http_status, ebms_error_code, reason FROM transmission_attempt"
                    + " WHERE transmission_id = ? ORDER BY attempt")) {
                s.setString(1, trackingId);
                try (ResultSet rs = s.executeQuery()) {
                    List<AttemptRecord> attempts = new ArrayList<>();
                    while (rs.next()) {
                        attempts.add(new AttemptRecord(rs.getInt("attempt"), rs.getString("node_id"),
                                instant(rs, "started_at"), rs.getObject("duration_ms", Long.class),
                                rs.getString("outcome"), rs.getObject("http_status", Integer.class),
                                rs.getString("ebms_error_code"), rs.getString("reason")));
                    }
                    return attempts;
                }
            }
        });
    }

    /**
     * Moves the row found by {@code key} to {@code next} if its current state allows it, by
     * compare-and-set on the row version read under lock, with its event; {@code alsoSet} lists
     * further assignments (each followed by a comma) whose parameters are {@code alsoValues}.
     */
    private boolean changeState(Connection c, String key, String value, TransmissionState next, String detail,
                                Instant now, String alsoSet, Object... alsoValues) throws SQLException {
        String id;
        TransmissionState current;
        int rowVersion;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, state, row_version FROM transmission WHERE " + key + " = ? FOR UPDATE")) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                id = rs.getString(1);
                current = TransmissionState.valueOf(rs.getString(2));
                rowVersion = rs.getInt(3);
            }
        }
        if (!current.canBecome(next)) {
            return false;
        }
        List<Object> values = new ArrayList<>(List.of(alsoValues));
        values.addAll(List.of(next.name(), utc(now), id, rowVersion));
        int updated = update(c, "UPDATE transmission SET " + alsoSet + " state = ?, updated_at = ?,"
                + " row_version = row_version + 1 WHERE id = ? AND row_version = ?", values.toArray());
        if (updated == 1) {
            insertEvent(c, id, next, detail, now);
        }
        return updated == 1;
    }

    /** An attempt whose node lost it before recording an outcome still counts, and shows, as one. */
    private void recordAbandonedAttempt(Connection c, DueRow row, String reason) throws SQLException {
        insertAttempt(c, row.id(), row.attempts(), row.leaseOwner(), row.updatedAt(), null, "ABANDONED", null, null, reason,
                null, null);
    }

    private void insertAttempt(Connection c, String transmissionId, int attempt, String nodeId, Instant startedAt,
                               Long durationMs, String outcome, Integer httpStatus, String ebmsErrorCode,
                               String reason, byte[] sentMessage, byte[] answer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO transmission_attempt (transmission_id, attempt,"
                + " node_id, started_at, duration_ms, outcome, http_status, ebms_error_code, reason, sent_message,"
                + " answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, transmissionId, attempt, nodeId, utc(startedAt), durationMs, outcome, httpStatus, ebmsErrorCode,
                    clip(reason));
            bindBytes(s, 10, sentMessage);
            bindBytes(s, 11, answer);
            s.executeUpdate();
        }
    }

    private static void bindBytes(PreparedStatement s, int index, byte[] bytes) throws SQLException {
        if (bytes == null) {
            s.setNull(index, Types.BLOB);
        } else {
            s.setBytes(index, bytes);
        }
    }

    private void insertEvent(Connection c, String transmissionId, TransmissionState state, String detail, Instant at)
            throws SQLException {
        update(c, "INSERT INTO transmission_event (transmission_id, at, state, detail) VALUES (?, ?, ?, ?)",
                transmissionId, utc(at), state.name(), clip(detail));
    }

    /**
     * The partner's retry policy and what of it this transmission has used: attempts and age count
     * from the last operator resend, if any. Read without a lock: only a resend changes these, and a
     * resend needs the FAILED state, which a claimed row cannot be in.
     */
    private RetryBudget retryBudget(Connection c, ClaimedTransmission claim) throws SQLException {
        // A partner removed from the configuration keeps the default policy for what is still queued.
        RetryPolicy policy = partners.byId(claim.partnerId()).map(Partner::retry).orElse(RetryPolicy.DEFAULT);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT attempts_before_resend, resent_at FROM transmission WHERE id = ?")) {
            s.setString(1, claim.id());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("claimed transmission " + claim.id() + " is gone");
                }
                Instant resentAt = instant(rs, "resent_at");
                return new RetryBudget(policy, claim.attempt() - rs.getInt("attempts_before_resend"),
                        resentAt != null ? resentAt : claim.createdAt());
            }
        }
    }

    /** The claim's due time for a transmission that goes to {@code state}: only QUEUED and RETRY_WAIT are waiting to be sent. */
    private static Instant dueAt(TransmissionState state, Instant nextAttemptAt) {
        return state == TransmissionState.QUEUED || state == TransmissionState.RETRY_WAIT ? nextAttemptAt : null;
    }

    private static void requireAllowed(TransmissionState from, TransmissionState to) {
        if (!from.canBecome(to)) {
            throw new IllegalStateException("a transmission cannot go from " + from + " to " + to);
        }
    }

    private Instant now() {
        // DATETIME(6) keeps microseconds: what is written is exactly what is read back
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }


    private static String clip(String text) {
        return clip(text, TEXT_LIMIT);
    }

    /** A partner's text too long for its column must not stop the outcome from being recorded. */
    private static String clip(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /**
     * Runs {@code work} in one transaction. A transaction the database chose as a deadlock victim
     * (or rolled back on a lock wait timeout) wrote nothing and is run again, a few times: otherwise an
     * attempt's outcome would be lost to a lock conflict with another node's claim and the message
     * sent again only when its lease ends.
     */
    private <T> T inTransaction(JdbcTransactions.Work<T> work) {
        for (int run = 1; ; run++) {
            try {
                return inTransactionOnce(work);
            } catch (QueueException e) {
                if (run >= TRANSACTION_RUNS || !(e.getCause() instanceof SQLTransactionRollbackException)) {
                    throw e;
                }
            }
        }
    }

    private <T> T inTransactionOnce(JdbcTransactions.Work<T> work) {
        try {
            return JdbcTransactions.run(dataSource, null, work);
        } catch (SQLException e) {
            throw new QueueException("outbound queue: " + e.getMessage(), e);
        }
    }

    /** The row as the claim read it under lock. */
    private record DueRow(String id, String partnerId, DocumentKind kind, String messageId, String conversationId,
                          String refToMessageId, String agreement, TransmissionState state, int attempts,
                          String leaseOwner, Instant leaseUntil, Instant createdAt, Instant updatedAt,
                          int rowVersion) {
        static DueRow of(ResultSet rs) throws SQLException {
            return new DueRow(rs.getString("id"), rs.getString("partner_id"), DocumentKind.valueOf(rs.getString("kind")),
                    rs.getString("message_id"), rs.getString("conversation_id"), rs.getString("ref_to_message_id"),
                    rs.getString("agreement"), TransmissionState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                    rs.getString("lease_owner"), instant(rs, "lease_until"), instant(rs, "created_at"),
                    instant(rs, "updated_at"), rs.getInt("row_version"));
        }
    }
}
