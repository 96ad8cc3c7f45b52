package org.cogateway.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cogateway.delivery.TransmissionState;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;

/**
 * Each partner's agreement and connectivity: last success, last failure and its reason, sends in
 * flight, queue depth and the age of the oldest undelivered transmission.
 */
public final class PartnerStatus {
    private final Jdbc jdbc;
    private final PartnerDirectory partners;
    private final Clock clock;

    public PartnerStatus(DataSource dataSource, PartnerDirectory partners, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.partners = partners;
        this.clock = clock;
    }

    /** Queue figures of one partner: what the gauges show. */
    public record Queue(long queued, long inFlight, long failed, Instant oldestUndelivered) {
        static final Queue EMPTY = new Queue(0, 0, 0, null);

        public Duration oldestAge(Instant now) {
            return oldestUndelivered == null ? Duration.ZERO : Duration.between(oldestUndelivered, now);
        }
    }

    public record LastAttempt(Instant at, String outcome, Integer httpStatus, String ebmsErrorCode, String reason) {
    }

    public record Agreement(String partyId, String partyIdType, String country, String endpoint,
                            List<String> agreements, String signingCertAlias, String encryptionCertAlias,
                            int maxAttempts, String initialBackoff, String maxBackoff, String maxAge,
                            String connectTimeout, String readTimeout, String tlsTrustCertAlias,
                            boolean tlsClientCertificate) {
    }

    public record View(String id, String name, Agreement agreement, LastAttempt lastSuccess, LastAttempt lastFailure,
                       long queued, long inFlight, long failed, Long oldestUndeliveredSeconds) {
    }

    /**
     * Queue figures of every partner in one grouped query over the state index: undelivered rows
     * only, so it stays cheap however long the log grows.
     */
    public Map<String, Queue> queues() {
        record Group(String partner, String state, long count, Instant oldest) {
        }
        List<Group> groups = jdbc.query("SELECT partner_id, state, COUNT(*) AS n, MIN(created_at) AS oldest"
                        + " FROM transmission WHERE state IN ('QUEUED', 'RETRY_WAIT', 'SENDING', 'FAILED')"
                        + " GROUP BY partner_id, state",
                rs -> new Group(rs.getString("partner_id"), rs.getString("state"), rs.getLong("n"),
                        Jdbc.instant(rs, "oldest")));
        return groups.stream().collect(Collectors.groupingBy(Group::partner, Collectors.collectingAndThen(
                Collectors.toList(), list -> {
                    long queued = 0;
                    long inFlight = 0;
                    long failed = 0;
                    Instant oldest = null;
                    for (Group g : list) {
                        switch (g.state()) {
                            case "SENDING" -> inFlight += g.count();
                            case "FAILED" -> failed += g.count();
                            default -> queued += g.count();
                        }
                        if (oldest == null || g.oldest().isBefore(oldest)) {
                            oldest = g.oldest();
                        }
                    }
                    return new Queue(queued, inFlight, failed, oldest);
                })));
    }

    /**
     * When the partner's oldest undelivered transmission was created, null when none waits: one look-up
     * per undelivered state on the (partner, state, created_at) index, however long the queue is.
     */
    public Instant oldestUndelivered(String partnerId) {
        Instant oldest = null;
        for (TransmissionState state : TransmissionState.UNDELIVERED) {
            Instant first = jdbc.query("SELECT MIN(created_at) AS oldest FROM transmission WHERE partner_id = ? AND state = ?",
                    rs -> Jdbc.instant(rs, "oldest"), partnerId, state.name()).get(0);
            if (first != null && (oldest == null || first.isBefore(oldest))) {
                oldest = first;
            }
        }
        return oldest;
    }

    public List<String> partnerIds() {
        return partners.all().stream().map(Partner::id).toList();
    }

    public List<View> all() {
        Map<String, Queue> queues = queues();
        Instant now = clock.instant();
        return partners.all().stream().map(p -> view(p, queues.getOrDefault(p.id(), Queue.EMPTY), now)).toList();
    }

    private View view(Partner p, Queue q, Instant now) {
        return new View(p.id(), p.name(), agreement(p), last(p, "= 'DELIVERED'"),
                last(p, "IN ('RETRYABLE', 'PERMANENT', 'ABANDONED')"), q.queued(), q.inFlight(), q.failed(),
                q.oldestUndelivered() == null ? null : q.oldestAge(now).toSeconds());
    }

    /** Walks the attempts newest first on the (outcome, started_at) index until one of this partner's. */
    private LastAttempt last(Partner p, String outcome) {
        return jdbc.query("SELECT a.started_at, a.outcome, a.http_status, a.ebms_error_code, a.reason"
                        + " FROM transmission_attempt a JOIN transmission t ON t.id = a.transmission_id"
                        + " WHERE a.outcome " + outcome + " AND t.partner_id = ? ORDER BY a.started_at DESC LIMIT 1",
                rs -> new LastAttempt(Jdbc.instant(rs, "started_at"), rs.getString("outcome"),
                        rs.getObject("http_status", Integer.class), rs.getString("ebms_error_code"),
                        rs.getString("reason")), p.id()).stream().findFirst().orElse(null);
    }

    private static Agreement agreement(Partner p) {
        return new Agreement(p.partyId(), p.partyIdType(), p.country(), p.endpoint().toString(),
                p.agreements().stream().sorted().toList(), p.signingCertAlias(), p.encryptionCertAlias(),
                p.retry().maxAttempts(), p.retry().initialBackoff().toString(), p.retry().maxBackoff().toString(),
                p.retry().maxAge() == null ? null : p.retry().maxAge().toString(), p.connectTimeout().toString(),
                p.readTimeout().toString(), p.tls().trustCertAlias(), p.tls().clientCertificate());
    }
}
