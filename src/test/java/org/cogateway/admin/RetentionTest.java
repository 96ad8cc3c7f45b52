package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.TestGateways.queryLong;
import static org.cogateway.testing.TestGateways.queryRow;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cogateway.Gateway;
import org.cogateway.config.GatewayConfig;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.testing.AdminHttp;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.ShiftableClock;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;

/**
 * Retention on a real JP gateway that sent three certificates to a real ID gateway (one FAILED while ID
 * was down, two DELIVERED), 31 days later with {@code retention.olderThan=30d}: the purge waits while
 * another node holds its lease, then purges the bodies in batches of two, keeps records, outcomes and
 * receipts, shows "purged on" in the API, the downloads and the console, refuses to resend a purged
 * FAILED transmission, and writes the audit. A second node on the same database respects the next run
 * and takes over a dead node's lease. The same on H2 and MariaDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionTest {
    private static final String ADMIN = "ret-admin";
    private static final String ADMIN_PASSWORD = "ret-admin-password";
    private static final String VIEWER = "ret-viewer";
    private static final String VIEWER_PASSWORD = "ret-viewer-password";
    private static final Map<String, String> RETENTION = Map.of("retention.olderThan", "30d",
            "retention.interval", "365d", "retention.batchSize", "2");

    private final ShiftableClock clock = new ShiftableClock(TestClock.START);
    private TestGateways.Pair pair;
    private Gateway jp;
    private String failed;
    private List<String> delivered;

    @BeforeAll
    void exchange() throws Exception {
        Map<String, String> jpSettings = new java.util.HashMap<>(RETENTION);
        jpSettings.putAll(Map.of("partner.ID.retry.maxAttempts", "1", "partner.ID.connectTimeout", "1s"));
        pair = TestGateways.pair(false, jpSettings, RETENTION, clock).startJp();
        jp = pair.jp();
        for (Gateway g : new Gateway[] {jp}) {
            AdminUsers users = new AdminUsers(g.database().dataSource(), clock);
            users.add(ADMIN, AdminRole.ADMIN, ADMIN_PASSWORD.toCharArray());
            users.add(VIEWER, AdminRole.VIEWER, VIEWER_PASSWORD.toCharArray());
        }
        CertificateOfOriginPortType chamber = BackOfficeClient.as(jp, TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
        AdminHttp admin = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD);
        failed = submit(chamber, "RET-FAIL-1");
        AdminApiTest.awaitState(admin, failed, "FAILED");
        pair.startId();
        new AdminUsers(pair.id().database().dataSource(), clock).add(ADMIN, AdminRole.ADMIN,
                ADMIN_PASSWORD.toCharArray());
        delivered = List.of(submit(chamber, "RET-OK-1"), submit(chamber, "RET-OK-2"));
        for (String id : delivered) {
            AdminApiTest.awaitState(admin, id, "DELIVERED");
        }
    }

    @AfterAll
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static String submit(CertificateOfOriginPortType chamber, String number) throws Exception {
        return chamber.submitCertificate(Requests.submit(Certificates.outbound(number))).getReceipt().getTrackingId();
    }

    @Test
    @Order(1)
    void nothingIsPurgedBeforeItIsOldEnough() {
        Retention.Outcome outcome = jp.retention().run(true);

        assertThat(outcome.ran()).isTrue();
        assertThat(outcome.transmissions()).isZero();
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_payload")).isEqualTo(3);
    }

    @Test
    @Order(2)
    void aMonthLaterTheBodiesArePurgedOnceTheOtherNodesLeaseIsGone() {
        clock.shift(Duration.ofDays(31));
        AdminHttp admin = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD);
        AdminHttp viewer = AdminHttp.loggedIn(jp, VIEWER, VIEWER_PASSWORD);
        assertThat(viewer.post("/api/v1/retention/run", Map.of()).status()).isEqualTo(403);

        // node jp-b is in the middle of a run: this node does nothing
        sql(jp, "UPDATE retention_run SET lease_owner = 'jp-b', lease_until = ? WHERE job = 'bodies'",
                utc(clock.instant().plus(Duration.ofMinutes(4))));
        AdminHttp.Response busy = admin.post("/api/v1/retention/run", Map.of());
        assertThat(busy.status()).as(busy.toString()).isEqualTo(409);
        assertThat(busy.json().get("error").asText()).contains("node jp-b is purging now");
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_payload")).isEqualTo(3);
        assertThat(admin.get("/api/v1/retention").json().get("runningOn").asText()).isEqualTo("jp-b");

        // jp-b died: its lease runs out and this node runs
        clock.shift(Duration.ofMinutes(5));
        AdminHttp.Response ran = admin.post("/api/v1/retention/run", Map.of());
        assertThat(ran.status()).as(ran.toString()).isEqualTo(200);
        assertThat(ran.json().get("transmissions").asLong()).isEqualTo(3);

        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_payload")).isZero();
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_attempt WHERE sent_message IS NOT NULL")).isZero();
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_attempt WHERE answer IS NOT NULL"
                + " AND outcome <> 'DELIVERED'")).isZero();
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_attempt WHERE answer IS NOT NULL"
                + " AND outcome = 'DELIVERED'")).as("receipts are kept").isEqualTo(2);
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission WHERE body_purged_at IS NULL")).isZero();
        assertThat(queryLong(jp, "SELECT COUNT(*) FROM transmission_event")).as("history kept").isPositive();

        JsonNode status = admin.get("/api/v1/retention").json();
        assertThat(status.get("lastTransmissions").asLong()).isEqualTo(3);
        assertThat(status.get("totalTransmissions").asLong()).isEqualTo(3);
        assertThat(status.get("lastNode").asText()).isEqualTo(jp.config().delivery().nodeId());
        assertThat(status.path("runningOn").isMissingNode()).isTrue();
        assertThat(Instant.parse(status.get("nextRun").asText())).isAfter(clock.instant().plus(Duration.ofDays(364)));

        JsonNode audit = admin.get("/api/v1/audit?action=retention-purge").json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("retention");
        assertThat(audit.get(0).get("detail").asText()).startsWith("3 transmissions, 0 inbound messages purged");
        assertThat(admin.get("/api/v1/audit?action=retention-run").json().get("items")).hasSize(2);
    }

    @Test
    @Order(3)
    void aPurgedMessageShowsPurgedOnWithItsRecordAndReceipt() {
        AdminHttp admin = AdminHttp.loggedIn(jp, ADMIN, ADMIN_PASSWORD);
        String ok = delivered.get(0);
        JsonNode record = admin.get("/api/v1/transmissions/" + ok).json();
        assertThat(record.get("bodyPurgedAt").isTextual()).as(record.toString()).isTrue();
        assertThat(record.get("transmission").get("state").asText()).isEqualTo("DELIVERED");
        assertThat(record.get("receipt").get("digests")).as("NRR digests from the kept receipt").isNotEmpty();
        assertThat(record.get("attempts")).allSatisfy(a -> assertThat(a.get("hasSentMessage").asBoolean()).isFalse());

        for (String path : List.of("/payload", "/attempts/1/sent")) {
            AdminHttp.Response gone = admin.get("/api/v1/transmissions/" + ok + path);
            assertThat(gone.status()).as(path + " " + gone).isEqualTo(410);
            assertThat(gone.json().get("error").asText()).startsWith("purged on ");
        }
        assertThat(admin.get("/api/v1/transmissions/" + ok + "/attempts/1/answer").status())
                .as("the receipt is downloadable still").isEqualTo(200);

        AdminHttp.Response page = admin.get("/console/transmissions/" + ok);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("purged on").doesNotContain("/payload\"");

        AdminHttp.Response resend = admin.post("/api/v1/transmissions/" + failed + "/resend", Map.of());
        assertThat(resend.status()).as(resend.toString()).isEqualTo(409);
        assertThat(resend.json().get("error").asText()).contains("its body was purged on");
        assertThat(queryRow(jp, "SELECT state FROM transmission WHERE id = ?", failed).get("state")).isEqualTo("FAILED");

        JsonNode timeline = admin.get("/api/v1/cos/RET-OK-1/timeline").json().get("entries");
        assertThat(timeline).anySatisfy(e -> assertThat(e.get("what").asText()).isEqualTo("message bodies purged"));
        assertThat(timeline.get(timeline.size() - 1).get("what").asText()).isEqualTo("message bodies purged");

        AdminHttp.Response dashboard = admin.get("/console");
        assertThat(dashboard.body()).contains("Retention of message bodies").contains("Purge now");
    }

    @Test
    @Order(4)
    void theReceivingSidePurgesRawInboundMessagesAndKeepsTheReceiptsItSent() {
        Retention.Outcome outcome = pair.id().retention().run(true);

        assertThat(outcome.ran()).isTrue();
        assertThat(outcome.inbound()).isEqualTo(2);
        assertThat(queryLong(pair.id(), "SELECT COUNT(*) FROM inbound_message WHERE body_purged_at IS NULL")).isZero();
        Map<String, Object> row = queryRow(pair.id(), "SELECT id, raw_message, receipt FROM inbound_message");
        assertThat((byte[]) row.get("raw_message")).isEmpty();
        assertThat((byte[]) row.get("receipt")).isNotEmpty();

        AdminHttp admin = AdminHttp.loggedIn(pair.id(), ADMIN, ADMIN_PASSWORD);
        Object id = row.get("id");
        assertThat(admin.get("/api/v1/inbound/" + id).json().get("bodyPurgedAt").isTextual()).isTrue();
        assertThat(admin.get("/api/v1/inbound/" + id + "/message").status()).isEqualTo(410);
        assertThat(admin.get("/api/v1/inbound/" + id + "/receipt").status()).isEqualTo(200);
        assertThat(admin.get("/console/inbound/" + id).body()).contains("message purged on");
        assertThat(admin.get("/api/v1/cos/RET-OK-2/timeline").json().get("entries"))
                .anySatisfy(e -> assertThat(e.get("what").asText()).isEqualTo("message as received purged"));
    }

    /** A second node on the same database: it waits for the next run the first set, and takes over a dead lease. */
    @Test
    @Order(5)
    void aSecondNodeWaitsForTheNextRunAndTakesOverADeadLease() {
        GatewayConfig.Retention settings = jp.config().admin().retention();
        var data = jp.database().dataSource();
        try (Retention nodeB = new Retention(settings, data, new AuditLog(data, clock), clock, "jp-b")) {
            Retention.Outcome early = nodeB.run(false);
            assertThat(early.ran()).isFalse();
            assertThat(early.message()).isEqualTo("not due yet");

            sql(jp, "UPDATE retention_run SET lease_owner = ?, lease_until = ? WHERE job = 'bodies'",
                    jp.config().delivery().nodeId(), utc(clock.instant().minusSeconds(1)));
            Retention.Outcome takeover = nodeB.run(true);
            assertThat(takeover.ran()).isTrue();
            assertThat(takeover.node()).isEqualTo("jp-b");
            assertThat(takeover.transmissions()).as("nothing left to purge").isZero();
        }
        assertThat(queryRow(jp, "SELECT last_node, lease_owner, total_transmissions FROM retention_run"))
                .containsEntry("last_node", "jp-b").containsEntry("lease_owner", null);
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static void sql(Gateway gateway, String sql, Object... args) {
        try (Connection c = gateway.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
