package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.cogateway.as4.Actions;
import org.cogateway.delivery.Backoff;
import org.cogateway.delivery.ClaimedTransmission;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.DocumentKind;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.testing.SettableClock;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message gauges move their counts by the state changes since the last tick instead of counting
 * the tables again: at every tick they must show what a grouped count of the whole tables shows, while
 * changes are settled into the kept counts and while they are not yet.
 */
class MessageGaugesTest {
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final RetryPolicy POLICY =
            new RetryPolicy(1, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));

    private final SettableClock clock = new SettableClock(START);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Database db;
    private OutboundQueue queue;
    private PartnerStatus partners;
    private MessageGauges gauges;
    private long certificateId;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh());
        PartnerDirectory directory = new PartnerDirectory(List.of(partner("id"), partner("th")));
        queue = new OutboundQueue(db, clock, new Backoff(() -> 0L), directory);
        partners = new PartnerStatus(db.dataSource(), directory, clock);
        gauges = new MessageGauges(db.dataSource(), partners, registry, clock);
        certificateId = insertCertificate();
    }

    @AfterEach
    void close() {
        gauges.close();
        db.close();
    }

    @Test
    void theCountsFollowEveryStateChangeAsAFullCountWould() {
        List<String> toId = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            toId.add(enqueue("id"));
        }
        enqueue("th");
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount()).containsEntry("outbound CERTIFICATE id QUEUED", 5.0);
        assertThat(gauge("cogateway.queue.depth", "id")).isEqualTo(5);

        // changes after the first tick, not yet settled
        clock.advance(Duration.ofSeconds(5));
        List<ClaimedTransmission> claimed = queue.claimDue("node-a", "id", 3, LEASE);
        queue.recordOutcome(claimed.get(0), SendOutcome.delivered(200, new byte[] {1}));
        queue.recordOutcome(claimed.get(1), SendOutcome.permanent(500, null, "refused for good"));
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount());
        assertThat(gauge("cogateway.queue.depth", "id")).isEqualTo(2);
        assertThat(gauge("cogateway.queue.sending", "id")).isEqualTo(1);

        // they settle (older than the settling time) while more change; the next tick keeps them
        clock.advance(StateCounts.SETTLE.plusSeconds(1));
        queue.recordOutcome(claimed.get(2), SendOutcome.delivered(200, new byte[] {2}));
        queue.resend(claimed.get(1).id());
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount());
        clock.advance(StateCounts.SETTLE.plusSeconds(1));
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount()).containsEntry("outbound CERTIFICATE id DELIVERED", 2.0)
                .containsEntry("outbound CERTIFICATE id QUEUED", 3.0).doesNotContainKey("outbound CERTIFICATE id FAILED");
        assertThat(gauge("cogateway.queue.failed", "id")).isZero();
        assertThat(gauge("cogateway.queue.oldest.undelivered", "id"))
                .isEqualTo(Duration.between(START, clock.instant()).toSeconds());

        // gauges started now, on the same database, count the tables once: the same figures
        MessageGauges fresh = new MessageGauges(db.dataSource(), partners, new SimpleMeterRegistry(), clock);
        fresh.sample();
        fresh.close();
        assertThat(messages()).isEqualTo(fullCount());
    }

    @Test
    void inboundMessagesAreCountedByTheirHistoryToo() {
        long first = receive("msg-1", InboundMessageEntity.State.VALIDATED);
        receive("msg-2", InboundMessageEntity.State.VALIDATED);
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount()).containsEntry("inbound CERTIFICATE id VALIDATED", 2.0);

        clock.advance(StateCounts.SETTLE.plusSeconds(1));
        db.inTransaction(s -> new CertificateRepository().advanceInbound(s, List.of(certificateId),
                Actions.action(DocumentKind.CERTIFICATE), InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE,
                clock.instant()));
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount()).containsEntry("inbound CERTIFICATE id DELIVERED_TO_BACKOFFICE", 2.0)
                .doesNotContainKey("inbound CERTIFICATE id VALIDATED");
        clock.advance(StateCounts.SETTLE.plusSeconds(1));
        gauges.sample();
        assertThat(messages()).isEqualTo(fullCount());
        assertThat(first).isPositive();
    }

    /** The messages gauge as "direction kind partner state" -> value. */
    private Map<String, Double> messages() {
        Map<String, Double> rows = new TreeMap<>();
        for (Gauge g : registry.find("cogateway.messages").gauges()) {
            rows.put(g.getId().getTag("direction") + " " + g.getId().getTag("kind") + " " + g.getId().getTag("partner")
                    + " " + g.getId().getTag("state"), g.value());
        }
        return rows;
    }

    /** What one grouped count over both whole tables gives, in the form of {@link #messages()}. */
    private Map<String, Double> fullCount() {
        Map<String, Double> rows = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT kind, partner_id, state, COUNT(*) FROM transmission"
                    + " GROUP BY kind, partner_id, state")) {
                while (rs.next()) {
                    rows.put("outbound " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), rs.getDouble(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT action, partner_id, state, COUNT(*) FROM inbound_message"
                    + " GROUP BY action, partner_id, state")) {
                while (rs.next()) {
                    rows.put("inbound " + Actions.kindOf(rs.getString(1)).orElseThrow() + " " + rs.getString(2) + " "
                            + rs.getString(3), rs.getDouble(4));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private double gauge(String name, String partner) {
        return registry.get(name).tag("partner", partner).gauge().value();
    }

    private String enqueue(String partnerId) {
        String id = UUID.randomUUID().toString();
        TransmissionEntity t = new TransmissionEntity(id, DocumentKind.CERTIFICATE, certificateId, partnerId,
                "msg-" + id + "@jp-gw.example", "conv-" + id, null, "JIEPA", clock.instant());
        db.inTransaction(s -> new TransmissionRepository().enqueue(s, t, "<CertificateOfOrigin/>", "submitted"));
        return id;
    }

    /** An inbound message stored as the receiving side stores it: the row and its first event, one transaction. */
    private long receive(String messageId, InboundMessageEntity.State reached) {
        return db.fromTransaction(s -> {
            InboundMessageEntity m = new InboundMessageEntity("id", messageId, "conv-" + messageId, null,
                    Actions.action(DocumentKind.CERTIFICATE), clock.instant(), clock.instant(), new byte[] {1}, new byte[] {2});
            s.persist(m);
            s.flush();
            m.processed(reached, certificateId);
            new CertificateRepository().recordInboundState(s, m, clock.instant());
            return m.id();
        });
    }

    private static Partner partner(String id) {
        return new Partner(id, id + " gateway", id.substring(0, 2).toUpperCase(), id.toUpperCase() + "-GW",
                "urn:oasis:names:tc:ebcore:partyid-type:unregistered", URI.create("http://127.0.0.1:9/as4"),
                Set.of("JIEPA"), id, id, POLICY, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private long insertCertificate() {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO certificate (direction, issuing_country,"
                     + " certificate_number, version, import_country, agreement, exporter_name, status, owner,"
                     + " partner_id, content_sha256, document, received_at)"
                     + " VALUES ('OUTBOUND', 'JP', 'JP-2026-000123', 1, 'ID', 'JIEPA', 'Nippon Export KK', 'ISSUED',"
                     + " 'jp-chamber', 'id', ?, '<CertificateOfOrigin/>', ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, "0".repeat(64));
            s.setObject(2, LocalDateTime.ofInstant(START, ZoneOffset.UTC));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                c.commit();
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
