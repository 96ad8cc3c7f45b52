package org.cogateway.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cogateway.as4.Actions;
import org.cogateway.as4.ReceiptDigests;
import org.cogateway.document.DocumentKind;

/**
 * Every read of the message log: outbound transmissions and inbound messages by filter and keyset
 * page, one message's whole record, a certificate's timeline, and the stored bodies. The bodies
 * (payload, message as sent, answer as received, inbound message and receipt) are read through
 * {@link #body} only, so where they are stored is known in one place.
 */
public final class MessageLog {
    private final Jdbc jdbc;

    public MessageLog(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public record OutboundRow(String trackingId, String messageId, DocumentKind kind, String partner, String state,
                              int attempts, String certificateNumber, int version, String issuingCountry,
                              java.time.Instant created, java.time.Instant updated, String lastError) {
    }

    public record InboundRow(long id, String messageId, String action, DocumentKind kind, String partner,
                             String state, String certificateNumber, Integer version, String issuingCountry,
                             java.time.Instant received, java.time.Instant sent) {
    }

    public record Event(java.time.Instant at, String state, String detail) {
    }

    public record Attempt(int attempt, String node, java.time.Instant started, Long durationMs, String outcome,
                          Integer httpStatus, String ebmsErrorCode, String reason, boolean hasSentMessage,
                          boolean hasAnswer) {
    }

    /** The receipt of the delivering attempt: its NRR digests and what checking them found when it arrived. */
    public record Receipt(int attempt, List<ReceiptDigests.Digest> digests, String check) {
    }

    public record Answer(DocumentKind kind, java.time.Instant received, String document) {
    }

    public record OutboundRecord(OutboundRow transmission, String conversationId, String refToMessageId,
                                 java.time.Instant nextAttempt, List<Event> history, List<Attempt> attempts,
                                 Receipt receipt, List<Answer> answers, java.time.Instant bodyPurgedAt) {
    }

    /** {@code bodyPurgedAt}: when retention purged the raw message (null: stored). */
    public record InboundRecord(InboundRow message, String conversationId, String refToMessageId,
                                java.time.Instant bodyPurgedAt) {
    }

    /** A stored body: what it is and whose. {@code attempt} only for SENT and ANSWER. */
    public enum BodyKind { PAYLOAD, SENT, ANSWER, INBOUND_MESSAGE, INBOUND_RECEIPT }

    public record BodyRef(BodyKind kind, String owner, int attempt) {
    }

    private static final String OUTBOUND_COLUMNS = "SELECT t.id, t.message_id, t.kind, t.partner_id, t.state,"
            + " t.attempts, t.created_at, t.updated_at, t.last_error, t.conversation_id, t.ref_to_message_id,"
            + " t.next_attempt_at, t.body_purged_at, c.certificate_number, c.version, c.issuing_country"
            + " FROM transmission t JOIN certificate c ON c.id = t.certificate_id";
    private static final String INBOUND_COLUMNS = "SELECT m.id, m.message_id, m.action, m.partner_id, m.state,"
            + " m.received_at, m.sent_at, m.conversation_id, m.ref_to_message_id, m.body_purged_at,"
            + " c.certificate_number, c.version,"
            + " c.issuing_country FROM inbound_message m LEFT JOIN certificate c ON c.id = m.certificate_id";

    public Keyset.Page<OutboundRow> outbound(LogFilter f, Keyset.Cursor cursor, int limit) {
        StringBuilder sql = new StringBuilder(OUTBOUND_COLUMNS).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        outboundWhere(f, sql, args);
        Keyset.after(sql, args, cursor, "t.created_at", "t.id", false);
        sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT ?");
        args.add(limit + 1);
        List<OutboundRow> rows = jdbc.query(sql.toString(), MessageLog::outboundRow, args.toArray());
        return Keyset.page(rows, limit, r -> new Keyset.Cursor(r.created(), r.trackingId()));
    }

    /** The tracking ids of every transmission the filter matches, in the given states, oldest first. */
    public List<String> outboundIds(LogFilter f, List<String> states, int max) {
        StringBuilder sql = new StringBuilder("SELECT t.id FROM transmission t JOIN certificate c"
                + " ON c.id = t.certificate_id WHERE t.state IN (")
                .append(String.join(", ", states.stream().map(s -> "?").toList())).append(")");
        List<Object> args = new ArrayList<>(states);
        outboundWhere(f, sql, args);
        sql.append(" ORDER BY t.created_at, t.id LIMIT ?");
        args.add(max);
        return jdbc.query(sql.toString(), rs -> rs.getString(1), args.toArray());
    }

    private static void outboundWhere(LogFilter f, StringBuilder sql, List<Object> args) {
        if (f.state() != null) {
            sql.append(" AND t.state = ?");
            args.add(f.state());
        }
        if (f.partner() != null) {
            sql.append(" AND t.partner_id = ?");
            args.add(f.partner());
        }
        if (f.kind() != null) {
            sql.append(" AND t.kind = ?");
            args.add(f.kind().name());
        }
        if (f.certificateNumber() != null) {
            sql.append(" AND c.certificate_number = ?");
            args.add(f.certificateNumber());
        }
        if (f.invoiceNumber() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM certificate_invoice i WHERE i.certificate_id = t.certificate_id"
                    + " AND i.invoice_number = ?)");
            args.add(f.invoiceNumber());
        }
        if (f.ebmsErrorCode() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM transmission_attempt a WHERE a.transmission_id = t.id"
                    + " AND a.ebms_error_code = ?)");
            args.add(f.ebmsErrorCode());
        }
        if (f.from() != null) {
            sql.append(" AND t.created_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND t.created_at < ?");
            args.add(f.to());
        }
    }

    public Keyset.Page<InboundRow> inbound(LogFilter f, Keyset.Cursor cursor, int limit) {
        StringBuilder sql = new StringBuilder(INBOUND_COLUMNS).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.state() != null) {
            sql.append(" AND m.state = ?");
            args.add(f.state());
        }
        if (f.partner() != null) {
            sql.append(" AND m.partner_id = ?");
            args.add(f.partner());
        }
        if (f.kind() != null) {
            sql.append(" AND m.action = ?");
            args.add(Actions.action(f.kind()));
        }
        if (f.certificateNumber() != null) {
            sql.append(" AND c.certificate_number = ?");
            args.add(f.certificateNumber());
        }
        if (f.invoiceNumber() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM certificate_invoice i WHERE i.certificate_id = m.certificate_id"
                    + " AND i.invoice_number = ?)");
            args.add(f.invoiceNumber());
        }
        if (f.from() != null) {
            sql.append(" AND m.received_at >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND m.received_at < ?");
            args.add(f.to());
        }
        Keyset.after(sql, args, cursor, "m.received_at", "m.id");
        sql.append(" ORDER BY m.received_at DESC, m.id DESC LIMIT ?");
        args.add(limit + 1);
        List<InboundRow> rows = jdbc.query(sql.toString(), MessageLog::inboundRow, args.toArray());
        return Keyset.page(rows, limit, r -> new Keyset.Cursor(r.received(), String.valueOf(r.id())));
    }

    public Optional<OutboundRecord> outboundRecord(String trackingId) {
        return jdbc.transaction(c -> {
            List<OutboundRecord> found = Jdbc.query(c, OUTBOUND_COLUMNS + " WHERE t.id = ?",
                    rs -> new OutboundRecord(outboundRow(rs), rs.getString("conversation_id"),
                            rs.getString("ref_to_message_id"), Jdbc.instant(rs, "next_attempt_at"), null, null, null,
                            null, Jdbc.instant(rs, "body_purged_at")), trackingId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            OutboundRecord head = found.get(0);
            List<Attempt> attempts = attempts(c, trackingId);
            return Optional.of(new OutboundRecord(head.transmission(), head.conversationId(), head.refToMessageId(),
                    head.nextAttempt(), history(c, trackingId), attempts, receipt(attempts, trackingId),
                    head.transmission().kind() == DocumentKind.CERTIFICATE ? answers(c, trackingId) : List.of(),
                    head.bodyPurgedAt()));
        });
    }

    public Optional<InboundRecord> inboundRecord(long id) {
        return jdbc.transaction(c -> Jdbc.query(c, INBOUND_COLUMNS + " WHERE m.id = ?",
                rs -> new InboundRecord(inboundRow(rs), rs.getString("conversation_id"),
                        rs.getString("ref_to_message_id"), Jdbc.instant(rs, "body_purged_at")), id).stream().findFirst());
    }

    /** The transmission ids with this MessageId or tracking id: what {@code status} looks up first. */
    public Optional<String> trackingIdOf(String trackingOrMessageId) {
        return jdbc.query("SELECT id FROM transmission WHERE id = ? OR message_id = ?", rs -> rs.getString(1),
                trackingOrMessageId, trackingOrMessageId).stream().findFirst();
    }

    /** The one place that reads stored message bodies (see the class comment); empty when there is none. */
    public Optional<byte[]> body(BodyRef ref) {
        String sql = switch (ref.kind()) {
            case PAYLOAD -> "SELECT payload FROM transmission_payload WHERE transmission_id = ?";
            case SENT -> "SELECT sent_message FROM transmission_attempt WHERE transmission_id = ? AND attempt = ?";
            case ANSWER -> "SELECT answer FROM transmission_attempt WHERE transmission_id = ? AND attempt = ?";
            case INBOUND_MESSAGE -> "SELECT raw_message FROM inbound_message WHERE id = ?";
            case INBOUND_RECEIPT -> "SELECT receipt FROM inbound_message WHERE id = ?";
        };
        Object owner = ref.kind() == BodyKind.INBOUND_MESSAGE || ref.kind() == BodyKind.INBOUND_RECEIPT
                ? (Object) parseId(ref.owner()) : ref.owner();
        Object[] args = ref.kind() == BodyKind.SENT || ref.kind() == BodyKind.ANSWER
                ? new Object[] {owner, ref.attempt()} : new Object[] {owner};
        return jdbc.query(sql, rs -> ref.kind() == BodyKind.PAYLOAD
                        ? Optional.ofNullable(rs.getString(1)).map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        : Optional.ofNullable(rs.getBytes(1)), args)
                .stream().findFirst().flatMap(b -> b);
    }

    /**
     * When retention purged the body {@code ref} names, if it did: what a download answers instead of
     * the body. A receipt is never purged (it holds the NRR digests), so for those this is always empty.
     */
    public Optional<java.time.Instant> purgedAt(BodyRef ref) {
        return switch (ref.kind()) {
            case PAYLOAD, SENT, ANSWER -> jdbc.query("SELECT body_purged_at FROM transmission WHERE id = ?",
                    rs -> Optional.ofNullable(Jdbc.instant(rs, "body_purged_at")), ref.owner()).stream().findFirst()
                    .flatMap(p -> p);
            case INBOUND_MESSAGE -> jdbc.query("SELECT body_purged_at FROM inbound_message WHERE id = ?",
                    rs -> Optional.ofNullable(Jdbc.instant(rs, "body_purged_at")), parseId(ref.owner())).stream()
                    .findFirst().flatMap(p -> p);
            case INBOUND_RECEIPT -> Optional.empty();
        };
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw AdminException.notFound("no inbound message " + id);
        }
    }

    private static List<Event> history(Connection c, String trackingId) throws SQLException {
        return Jdbc.query(c, "SELECT at, state, detail FROM transmission_event WHERE transmission_id = ? ORDER BY id",
                rs -> new Event(Jdbc.instant(rs, "at"), rs.getString("state"), rs.getString("detail")), trackingId);
    }

    private static List<Attempt> attempts(Connection c, String trackingId) throws SQLException {
        return Jdbc.query(c, "SELECT attempt, node_id, started_at, duration_ms, outcome, http_status, ebms_error_code,"
                        + " reason, sent_message IS NOT NULL AS has_sent, answer IS NOT NULL AS has_answer"
                        + " FROM transmission_attempt WHERE transmission_id = ? ORDER BY attempt",
                rs -> new Attempt(rs.getInt("attempt"), rs.getString("node_id"), Jdbc.instant(rs, "started_at"),
                        rs.getObject("duration_ms", Long.class), rs.getString("outcome"),
                        rs.getObject("http_status", Integer.class), rs.getString("ebms_error_code"),
                        rs.getString("reason"), rs.getBoolean("has_sent"), rs.getBoolean("has_answer")), trackingId);
    }

    /**
     * The receipt of the attempt that delivered the message. The outcome DELIVERED is recorded only
     * when the receipt's signature was the partner's and its digests matched those signed when
     * sending, so the check result is that outcome, not a new search of the receipt.
     */
    private Receipt receipt(List<Attempt> attempts, String trackingId) {
        return attempts.stream().filter(a -> "DELIVERED".equals(a.outcome()) && a.hasAnswer())
                .reduce((first, second) -> second)
                .map(a -> new Receipt(a.attempt(), body(new BodyRef(BodyKind.ANSWER, trackingId, a.attempt()))
                        .flatMap(ReceiptDigests::read).orElse(List.of()),
                        "verified on arrival: signed by the partner's certificate, digests match what was sent"))
                .orElse(null);
    }

    private static List<Answer> answers(Connection c, String trackingId) throws SQLException {
        return Jdbc.query(c, "SELECT a.kind, a.received_at, a.document FROM certificate_answer a"
                        + " JOIN transmission t ON t.certificate_id = a.certificate_id WHERE t.id = ? ORDER BY a.id",
                rs -> new Answer(DocumentKind.valueOf(rs.getString("kind")), Jdbc.instant(rs, "received_at"),
                        rs.getString("document")), trackingId);
    }

    private static OutboundRow outboundRow(ResultSet rs) throws SQLException {
        return new OutboundRow(rs.getString("id"), rs.getString("message_id"), DocumentKind.valueOf(rs.getString("kind")),
                rs.getString("partner_id"), rs.getString("state"), rs.getInt("attempts"),
                rs.getString("certificate_number"), rs.getInt("version"), rs.getString("issuing_country"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"), rs.getString("last_error"));
    }

    private static InboundRow inboundRow(ResultSet rs) throws SQLException {
        String action = rs.getString("action");
        return new InboundRow(rs.getLong("id"), rs.getString("message_id"), action,
                Actions.kindOf(action).orElse(null), rs.getString("partner_id"), rs.getString("state"),
                rs.getString("certificate_number"), rs.getObject("version", Integer.class),
                rs.getString("issuing_country"), Jdbc.instant(rs, "received_at"), Jdbc.instant(rs, "sent_at"));
    }

    // ---- the dashboard ----

    public record StateCount(String direction, String partner, String state, long count) {
    }

    public record FailureReason(String partner, String reason, long count, java.time.Instant last) {
    }

    /** Messages per direction, partner and state: grouped counts over the state indexes. */
    public List<StateCount> stateCounts() {
        List<StateCount> counts = new ArrayList<>(jdbc.query("SELECT partner_id, state, COUNT(*) AS n FROM transmission"
                + " GROUP BY partner_id, state ORDER BY partner_id, state", rs -> new StateCount("outbound",
                rs.getString("partner_id"), rs.getString("state"), rs.getLong("n"))));
        counts.addAll(jdbc.query("SELECT partner_id, state, COUNT(*) AS n FROM inbound_message"
                + " GROUP BY partner_id, state ORDER BY partner_id, state", rs -> new StateCount("inbound",
                rs.getString("partner_id"), rs.getString("state"), rs.getLong("n"))));
        return counts;
    }

    /** Why attempts failed since {@code since}, most frequent first: what the dashboard lists for the last 24 h. */
    public List<FailureReason> failureReasons(java.time.Instant since, int max) {
        return jdbc.query("SELECT t.partner_id, a.reason, COUNT(*) AS n, MAX(a.started_at) AS last"
                        + " FROM transmission_attempt a JOIN transmission t ON t.id = a.transmission_id"
                        + " WHERE a.outcome <> 'DELIVERED' AND a.started_at >= ?"
                        + " GROUP BY t.partner_id, a.reason ORDER BY n DESC, last DESC LIMIT ?",
                rs -> new FailureReason(rs.getString("partner_id"), rs.getString("reason"), rs.getLong("n"),
                        Jdbc.instant(rs, "last")), since, max);
    }

    // ---- a certificate's timeline ----

    /** One thing that happened to a certificate, in either direction. */
    public record TimelineEntry(java.time.Instant at, String direction, String what, DocumentKind kind, int version,
                                String messageId, String trackingId, Long inboundId, String detail) {
    }

    /**
     * Everything about certificate {@code number} (every version, both directions, optionally of one
     * issuing country), in time order: submitted or received, each state change and attempt of each
     * transmission, each inbound message, each answer.
     */
    public List<TimelineEntry> timeline(String number, String issuingCountry) {
        return jdbc.transaction(c -> {
            List<TimelineEntry> entries = new ArrayList<>();
            String country = issuingCountry == null ? "" : " AND c.issuing_country = ?";
            Object[] args = issuingCountry == null ? new Object[] {number} : new Object[] {number, issuingCountry};
            entries.addAll(Jdbc.query(c, "SELECT c.direction, c.version, c.received_at, c.partner_id, c.status"
                    + " FROM certificate c WHERE c.certificate_number = ?" + country, rs -> new TimelineEntry(
                    Jdbc.instant(rs, "received_at"), rs.getString("direction"),
                    "OUTBOUND".equals(rs.getString("direction")) ? "submitted" : "received from " + rs.getString("partner_id"),
                    DocumentKind.CERTIFICATE, rs.getInt("version"), null, null, null,
                    "status now " + rs.getString("status")), args));
            entries.addAll(Jdbc.query(c, "SELECT e.at, e.state, e.detail, t.id, t.message_id, t.kind, t.partner_id,"
                    + " c.version FROM transmission_event e JOIN transmission t ON t.id = e.transmission_id"
                    + " JOIN certificate c ON c.id = t.certificate_id WHERE c.certificate_number = ?" + country,
                    rs -> new TimelineEntry(Jdbc.instant(rs, "at"), "OUTBOUND",
                            rs.getString("state") + " (to " + rs.getString("partner_id") + ")",
                            DocumentKind.valueOf(rs.getString("kind")), rs.getInt("version"),
                            rs.getString("message_id"), rs.getString("id"), null, rs.getString("detail")), args));
            entries.addAll(Jdbc.query(c, "SELECT a.started_at, a.attempt, a.outcome, a.http_status, a.ebms_error_code,"
                    + " a.reason, a.duration_ms, t.id, t.message_id, t.kind, c.version FROM transmission_attempt a"
                    + " JOIN transmission t ON t.id = a.transmission_id JOIN certificate c ON c.id = t.certificate_id"
                    + " WHERE c.certificate_number = ?" + country,
                    rs -> new TimelineEntry(Jdbc.instant(rs, "started_at"), "OUTBOUND",
                            "attempt " + rs.getInt("attempt") + ": " + rs.getString("outcome"),
                            DocumentKind.valueOf(rs.getString("kind")), rs.getInt("version"), rs.getString("message_id"),
                            rs.getString("id"), null, attemptDetail(rs)), args));
            entries.addAll(Jdbc.query(c, "SELECT m.id, m.received_at, m.message_id, m.action, m.partner_id, m.state,"
                    + " c.version FROM inbound_message m JOIN certificate c ON c.id = m.certificate_id"
                    + " WHERE c.certificate_number = ?" + country,
                    rs -> new TimelineEntry(Jdbc.instant(rs, "received_at"), "INBOUND",
                            "received from " + rs.getString("partner_id") + ", now " + rs.getString("state"),
                            Actions.kindOf(rs.getString("action")).orElse(null), rs.getInt("version"),
                            rs.getString("message_id"), null, rs.getLong("id"), rs.getString("action")), args));
            // retention: when the raw bodies went, so a missing download is explained in the journey itself
            entries.addAll(Jdbc.query(c, "SELECT t.body_purged_at, t.id, t.message_id, t.kind, c.version"
                    + " FROM transmission t JOIN certificate c ON c.id = t.certificate_id"
                    + " WHERE c.certificate_number = ?" + country + " AND t.body_purged_at IS NOT NULL",
                    rs -> new TimelineEntry(Jdbc.instant(rs, "body_purged_at"), "OUTBOUND", "message bodies purged",
                            DocumentKind.valueOf(rs.getString("kind")), rs.getInt("version"), rs.getString("message_id"),
                            rs.getString("id"), null, "retention; the record and the receipt are kept"), args));
            entries.addAll(Jdbc.query(c, "SELECT m.id, m.body_purged_at, m.message_id, m.action, c.version"
                    + " FROM inbound_message m JOIN certificate c ON c.id = m.certificate_id"
                    + " WHERE c.certificate_number = ?" + country + " AND m.body_purged_at IS NOT NULL",
                    rs -> new TimelineEntry(Jdbc.instant(rs, "body_purged_at"), "INBOUND", "message as received purged",
                            Actions.kindOf(rs.getString("action")).orElse(null), rs.getInt("version"),
                            rs.getString("message_id"), null, rs.getLong("id"),
                            "retention; the record and the receipt sent are kept"), args));
            entries.addAll(Jdbc.query(c, "SELECT a.kind, a.received_at, c.version FROM certificate_answer a"
                    + " JOIN certificate c ON c.id = a.certificate_id WHERE c.certificate_number = ?" + country,
                    rs -> new TimelineEntry(Jdbc.instant(rs, "received_at"), "INBOUND",
                            "answer received: " + rs.getString("kind"), DocumentKind.valueOf(rs.getString("kind")),
                            rs.getInt("version"), null, null, null, null), args));
            entries.sort(Comparator.comparing(TimelineEntry::at));
            return entries;
        });
    }

    private static String attemptDetail(ResultSet rs) throws SQLException {
        StringBuilder d = new StringBuilder();
        Long ms = rs.getObject("duration_ms", Long.class);
        if (ms != null) {
            d.append(ms).append(" ms");
        }
        Integer status = rs.getObject("http_status", Integer.class);
        if (status != null) {
            d.append(d.isEmpty() ? "" : ", ").append("HTTP ").append(status);
        }
        String code = rs.getString("ebms_error_code");
        if (code != null) {
            d.append(d.isEmpty() ? "" : ", ").append(code);
        }
        String reason = rs.getString("reason");
        if (reason != null) {
            d.append(d.isEmpty() ? "" : ", ").append(reason);
        }
        return d.toString();
    }
}
