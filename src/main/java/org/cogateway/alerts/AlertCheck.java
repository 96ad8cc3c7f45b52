package org.cogateway.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cogateway.alerts.AlertStore.AttemptRow;
import org.cogateway.alerts.AlertStore.Cursors;
import org.cogateway.alerts.AlertStore.FailureEvent;
import org.cogateway.alerts.AlertStore.OldestUndelivered;
import org.cogateway.alerts.AlertStore.OpenCondition;
import org.cogateway.alerts.AlertStore.Reachability;
import org.cogateway.alerts.AlertStore.Receiver;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.delivery.TransmissionState;

/**
 * One check of everything alerts watch, in one transaction on the check row's lock, so that one
 * node at a time checks and what it found, the alerts and the cursors are stored together:
 * <ol>
 *   <li>the outbound history since the last check: each FAILED or REJECTED transition is one alert;</li>
 *   <li>the send attempts since the last check, which move each partner's reachability;</li>
 *   <li>the conditions (oldest undelivered too old, partner unreachable, certificate expiring), each
 *       alerted when it begins and when it ends.</li>
 * </ol>
 *
 * <p>Rows of the history are numbered when they are written but may become visible out of that
 * order (transactions commit in their own order; a Galera cluster numbers rows per node). So a
 * cursor only moves past rows written at least {@link #SETTLE} ago, and the rows after it are
 * read again by the next check: a transition is alerted once because its alert's dedupe key is its
 * event id; an attempt read twice changes nothing (see {@link #apply}).
 */
final class AlertCheck {
    /** Longer than any transaction of the gateway takes between numbering a history row and committing it. */
    static final Duration SETTLE = Duration.ofMinutes(1);
    private static final int BATCH = 1000;

    private final AlertStore store;
    private final AlertSettings settings;
    private final List<WatchedCertificate> certificates;
    private final Function<AlertKind, List<Receiver>> receivers;
    private final Clock clock;
    private final String nodeId;

    AlertCheck(AlertStore store, AlertSettings settings, List<WatchedCertificate> certificates,
               Function<AlertKind, List<Receiver>> receivers, Clock clock, String nodeId) {
        this.store = store;
        this.settings = settings;
        this.certificates = List.copyOf(certificates);
        this.receivers = receivers;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** @return the alerts this check raised; none when another node is checking at the same time */
    List<Alert> run() {
        return store.inTransaction(c -> {
            Optional<Cursors> locked = store.lockCheck(c);
            if (locked.isEmpty()) {
                return List.of();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<Alert> raised = new ArrayList<>();
            long events = failures(c, locked.get().events(), now, raised);
            Map<String, Reachability> reachability = store.reachability(c);
            long attempts = attempts(c, locked.get().attempts(), now, reachability);
            conditions(c, now, reachability, raised);
            store.saveCheck(c, new Cursors(events, attempts), now, nodeId);
            return raised;
        });
    }

    // --- 1. FAILED and REJECTED transmissions

    private long failures(Connection c, long cursor, Instant now, List<Alert> raised) throws SQLException {
        List<FailureEvent> events = store.failureEventsAfter(c, cursor, BATCH);
        for (FailureEvent e : events) {
            AlertKind kind = e.state().equals(TransmissionState.FAILED.name())
                    ? AlertKind.MESSAGE_FAILED : AlertKind.MESSAGE_REJECTED;
            String dedupeKey = AlertStore.key("transmission_event", Long.toString(e.id()));
            if (settings.enabled(kind) && !store.alerted(c, dedupeKey)) {
                raised.add(insert(c, new Alert(0, dedupeKey, kind, Alert.Phase.RAISED, e.partnerId(), e.messageId(),
                        e.transmissionId(), e.certificateNumber(), null, "transmission " + e.transmissionId()
                        + " of certificate " + e.certificateNumber() + " to partner " + e.partnerId() + " is "
                        + e.state() + ": " + e.detail(), now, nodeId)));
            }
        }
        long settled = store.lastSettledEvent(c, cursor, now.minus(SETTLE));
        // a full batch may have more failures behind it: the next check reads on from the last one read
        return events.size() < BATCH ? settled : Math.min(settled, events.get(events.size() - 1).id());
    }

    // --- 2. reachability

    private long attempts(Connection c, long cursor, Instant now, Map<String, Reachability> reachability)
            throws SQLException {
        // everything after the cursor, batch by batch, so that a busy gateway's checks never fall behind
        List<AttemptRow> read = new ArrayList<>();
        List<AttemptRow> batch;
        do {
            batch = store.attemptsAfter(c, read.isEmpty() ? cursor : read.get(read.size() - 1).id(), BATCH);
            read.addAll(batch);
        } while (batch.size() == BATCH);
        long next = cursor;
        for (AttemptRow a : read) {
            if (a.endedAt().isAfter(now.minus(SETTLE))) {
                break;
            }
            next = a.id();
        }
        Map<String, Reachability> changed = new HashMap<>();
        List<AttemptRow> byTime = new ArrayList<>(read);
        byTime.sort(Comparator.comparing(AttemptRow::startedAt));
        for (AttemptRow a : byTime) {
            Reachability before = reachability.getOrDefault(a.partnerId(), Reachability.UNKNOWN);
            Reachability after = apply(before, a);
            if (!after.equals(before)) {
                reachability.put(a.partnerId(), after);
                changed.put(a.partnerId(), after);
            }
        }
        for (Map.Entry<String, Reachability> partner : changed.entrySet()) {
            store.saveReachability(c, partner.getKey(), partner.getValue());
        }
        return next;
    }

    /**
     * One attempt's effect on a partner's reachability. A receipt, an "already received" signal, or
     * an error signal (the partner answered, if only to refuse), is contact: it ends a failing spell that began before it. A
     * failure that the partner may get over (no answer, 5xx, timeout) after the last contact starts a
     * failing spell. Attempts applied in time order give the exact start of the spell, and an attempt
     * applied twice changes nothing. One that becomes visible late (its transaction committed after
     * a later attempt's) may be applied out of order; then the spell starts no earlier than it did,
     * at the latest failure known, so a late row never makes a partner look unreachable sooner.
     */
    static Reachability apply(Reachability r, AttemptRow a) {
        Instant t = a.startedAt();
        boolean contact = a.outcome().equals(SendOutcome.Kind.DELIVERED.name())
                || a.outcome().equals(SendOutcome.Kind.ALREADY_RECEIVED.name())
                || (a.outcome().equals(SendOutcome.Kind.PERMANENT.name()) && a.httpStatus() != null);
        if (contact) {
            Instant lastSuccess = later(r.lastSuccessAt(), t);
            Instant failing = r.failingSince();
            if (failing != null && !failing.isAfter(t)) {
                failing = r.lastFailureAt() != null && r.lastFailureAt().isAfter(t) ? r.lastFailureAt() : null;
            }
            return new Reachability(lastSuccess, r.lastFailureAt(), failing);
        }
        if (!a.outcome().equals(SendOutcome.Kind.RETRYABLE.name())) {
            return r;
        }
        Instant failing = r.failingSince();
        if ((r.lastSuccessAt() == null || t.isAfter(r.lastSuccessAt())) && (failing == null || t.isBefore(failing))) {
            failing = t;
        }
        return new Reachability(r.lastSuccessAt(), later(r.lastFailureAt(), t), failing);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    // --- 3. conditions

    /** A condition that holds now, with the alert that raises it. */
    private record Condition(String key, Alert raise) {
    }

    private void conditions(Connection c, Instant now, Map<String, Reachability> reachability, List<Alert> raised)
            throws SQLException {
        Map<String, Condition> holding = new LinkedHashMap<>();
        if (settings.enabled(AlertKind.UNDELIVERED)) {
            undelivered(c, now).forEach(k -> holding.put(k.key(), k));
        }
        if (settings.enabled(AlertKind.PARTNER_UNREACHABLE)) {
            unreachable(reachability, now).forEach(k -> holding.put(k.key(), k));
        }
        if (settings.enabled(AlertKind.CERTIFICATE_EXPIRY)) {
            expiring(now).forEach(k -> holding.put(k.key(), k));
        }
        if (settings.enabled(AlertKind.VERIFICATION_OVERDUE)) {
            overdueVerifications(c, now).forEach(k -> holding.put(k.key(), k));
        }
        Map<String, OpenCondition> open = store.openConditions(c);
        for (OpenCondition o : open.values()) {
            if (settings.enabled(o.kind()) && !holding.containsKey(o.key()) && store.closeCondition(c, o.key())) {
                raised.add(insert(c, cleared(o, reachability, now)));
            }
        }
        for (Condition k : holding.values()) {
            if (!open.containsKey(k.key())) {
                Alert alert = insert(c, k.raise());
                store.openCondition(c, k.key(), alert.kind(), now, alert.id());
                raised.add(alert);
            }
        }
    }

    private List<Condition> undelivered(Connection c, Instant now) throws SQLException {
        List<Condition> conditions = new ArrayList<>();
        Duration limit = settings.undeliveredOlderThan();
        for (OldestUndelivered o : store.oldestUndelivered(c)) {
            Duration age = Duration.between(o.createdAt(), now);
            if (age.compareTo(limit) >= 0) {
                String key = AlertStore.key("undelivered", o.partnerId());
                conditions.add(new Condition(key, raise(key, AlertKind.UNDELIVERED, now, o.partnerId(), o.messageId(),
                        o.transmissionId(), null, "the oldest undelivered transmission to partner " + o.partnerId()
                        + " was submitted " + rounded(age) + " ago (at " + o.createdAt() + "), longer than "
                        + rounded(limit))));
            }
        }
        return conditions;
    }

    private List<Condition> unreachable(Map<String, Reachability> reachability, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        Duration limit = settings.partnerUnreachableAfter();
        reachability.forEach((partner, r) -> {
            if (r.failingSince() != null && Duration.between(r.failingSince(), now).compareTo(limit) >= 0) {
                String key = AlertStore.key("partnerUnreachable", partner);
                conditions.add(new Condition(key, raise(key, AlertKind.PARTNER_UNREACHABLE, now, partner, null, null,
                        null, "every attempt to partner " + partner + " since " + r.failingSince() + " ("
                        + rounded(Duration.between(r.failingSince(), now)) + ") failed; last receipt or answer: "
                        + (r.lastSuccessAt() == null ? "none" : r.lastSuccessAt().toString()))));
            }
        });
        return conditions;
    }

    private List<Condition> expiring(Instant now) {
        List<Condition> conditions = new ArrayList<>();
        for (WatchedCertificate w : certificates) {
            Instant notAfter = w.certificate().getNotAfter().toInstant();
            if (!notAfter.minus(settings.certificateExpiryWithin()).isAfter(now)) {
                String key = AlertStore.key("certificateExpiry", w.fingerprint());
                String when = notAfter.isAfter(now)
                        ? "expires at " + notAfter + ", in " + rounded(Duration.between(now, notAfter))
                        : "expired at " + notAfter + ", " + rounded(Duration.between(notAfter, now)) + " ago";
                conditions.add(new Condition(key, raise(key, AlertKind.CERTIFICATE_EXPIRY, now, w.partnerIds(), null,
                        null, w.describe(), "the certificate in " + w.where()
                        + (w.partnerIds() == null ? "" : " (partner " + w.partnerIds() + ")") + " " + when)));
            }
        }
        return conditions;
    }

    /** Each open request past its reply-by date (UTC) is one condition, cleared when it is answered. */
    private List<Condition> overdueVerifications(Connection c, Instant now) throws SQLException {
        List<Condition> conditions = new ArrayList<>();
        for (AlertStore.OverdueVerification v : store.overdueVerifications(c, now.atZone(java.time.ZoneOffset.UTC).toLocalDate())) {
            String key = AlertStore.key("verificationOverdue", v.side(), v.verificationId());
            String whose = v.side().equals("REQUESTED") ? "asked of partner " + v.partnerId()
                    : "from partner " + v.partnerId() + ", to be answered here,";
            conditions.add(new Condition(key, new Alert(0, AlertStore.key(key, "RAISED", micros(now)),
                    AlertKind.VERIFICATION_OVERDUE, Alert.Phase.RAISED, v.partnerId(), null, null, v.certificateNumber(), null,
                    "verification " + v.verificationId() + " of certificate " + v.certificateNumber() + " " + whose
                            + " was due by " + v.replyBy() + " and is not answered", now, nodeId)));
        }
        return conditions;
    }

    private Alert raise(String conditionKey, AlertKind kind, Instant now, String partnerId, String messageId,
                        String transmissionId, String x509, String summary) {
        return new Alert(0, AlertStore.key(conditionKey, "RAISED", micros(now)), kind, Alert.Phase.RAISED, partnerId,
                messageId, transmissionId, null, x509, summary, now, nodeId);
    }

    /** The alert that ends an open condition: about what the raising alert named, once per condition. */
    private Alert cleared(OpenCondition o, Map<String, Reachability> reachability, Instant now) {
        Alert r = o.raised();
        String summary = switch (o.kind()) {
            case UNDELIVERED -> "partner " + r.partnerId() + " has no undelivered transmission older than "
                    + rounded(settings.undeliveredOlderThan()) + " any more";
            case PARTNER_UNREACHABLE -> "partner " + r.partnerId() + " answered again at "
                    + Optional.ofNullable(reachability.get(r.partnerId())).map(Reachability::lastSuccessAt)
                            .map(Instant::toString).orElse("an unknown time");
            case CERTIFICATE_EXPIRY -> "the certificate " + r.x509Certificate() + " no longer expires within "
                    + rounded(settings.certificateExpiryWithin()) + " (replaced, or no longer in the key or trust store)";
            case VERIFICATION_OVERDUE -> "verification of certificate " + r.certificateNumber()
                    + " is answered (or no longer open); it was due earlier";
            default -> throw new IllegalStateException(o.kind() + " is not a condition");
        };
        return new Alert(0, AlertStore.key(o.key(), "CLEARED", micros(o.raisedAt())), o.kind(), Alert.Phase.CLEARED,
                r.partnerId(), r.messageId(), r.transmissionId(), r.certificateNumber(), r.x509Certificate(), summary, now,
                nodeId);
    }

    private Alert insert(Connection c, Alert alert) throws SQLException {
        return store.insert(c, alert, receivers.apply(alert.kind()));
    }

    private static String micros(Instant t) {
        return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t));
    }

    /** A duration as an operator reads it: 3d 4h, 2h 5m, 12m, 40s. */
    static String rounded(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
