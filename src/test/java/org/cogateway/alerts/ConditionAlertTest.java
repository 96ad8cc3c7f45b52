package org.cogateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.testing.TestGateways.queryLong;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.admin.AdminRole;
import org.cogateway.admin.AdminUsers;
import org.cogateway.testing.AdminHttp;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.ShiftableClock;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conditions, with two real gateways: ID is down while JP keeps trying to deliver a CO; two
 * hours pass (the clock, shared by both, is moved); JP alerts that its oldest undelivered message
 * is too old and that ID is unreachable, once each however often it checks; ID comes up, the CO is
 * delivered, and each condition is cleared once.
 */
class ConditionAlertTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void anOutageAlertsUndeliveredAndUnreachableOnceAndClearsEachOnce() throws Exception {
        ShiftableClock clock = new ShiftableClock(TestClock.START);
        pair = TestGateways.pair(false, Map.of(
                "partner.ID.retry.initialBackoff", "100ms",
                "partner.ID.retry.maxBackoff", "300ms",
                "partner.ID.retry.maxAttempts", "100000",
                "partner.ID.retry.maxAge", "30d",
                "partner.ID.connectTimeout", "1s",
                "alert.checkInterval", "100ms",
                "alert.undelivered.olderThan", "1h",
                "alert.partnerUnreachable.after", "30m"), Map.of(), clock).startJp();
        CertificateOfOriginPortType chamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);

        String trackingId = chamber.submitCertificate(Requests.submit(Certificates.outbound("JP-ALC-001")))
                .getReceipt().getTrackingId();
        await().atMost(WAIT).until(() -> attempts(trackingId) >= 3);
        checksPass();
        assertThat(conditionAlerts()).as("neither threshold is reached yet").isEmpty();

        clock.shift(Duration.ofHours(2));

        await().atMost(WAIT).until(() -> conditionAlerts().size() == 2);
        checksPass();
        assertThat(AlertRows.alerts(pair.jp(), AlertKind.UNDELIVERED)).singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo("RAISED");
            assertThat(a.partnerId()).isEqualTo("ID");
            assertThat(a.transmissionId()).isEqualTo(trackingId);
            assertThat(a.messageId()).isEqualTo(trackingId + "@JP-GW");
            assertThat(a.summary()).startsWith("the oldest undelivered transmission to partner ID was submitted 2h 0m ago")
                    .endsWith("longer than 1h 0m");
        });
        assertThat(AlertRows.alerts(pair.jp(), AlertKind.PARTNER_UNREACHABLE)).singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo("RAISED");
            assertThat(a.partnerId()).isEqualTo("ID");
            assertThat(a.summary()).startsWith("every attempt to partner ID since ").endsWith("failed; last receipt or answer: none");
        });

        pair.startId();
        await().atMost(WAIT).until(() -> "DELIVERED".equals(TestGateways.queryRow(pair.jp(),
                "SELECT state FROM transmission WHERE id = ?", trackingId).get("state")));

        await().atMost(WAIT).until(() -> conditionAlerts().size() == 4);
        checksPass();
        assertThat(conditionAlerts()).extracting(AlertRows.Row::kindPhase).containsExactlyInAnyOrder(
                "UNDELIVERED RAISED", "PARTNER_UNREACHABLE RAISED", "UNDELIVERED CLEARED", "PARTNER_UNREACHABLE CLEARED");
        assertThat(AlertRows.alerts(pair.jp(), AlertKind.PARTNER_UNREACHABLE).get(1).summary())
                .startsWith("partner ID answered again at ");
        assertThat(AlertRows.alerts(pair.jp(), AlertKind.UNDELIVERED).get(1).summary())
                .isEqualTo("partner ID has no undelivered transmission older than 1h 0m any more");
        assertThat(queryLong(pair.jp(), "select count(*) from alert_condition")).isZero();
    }

    @Test
    void aPingThatGetsAReceiptClearsUnreachableWhileTheFailedMessageStaysUndelivered() throws Exception {
        ShiftableClock clock = new ShiftableClock(TestClock.START);
        pair = TestGateways.pair(false, Map.of(
                "partner.ID.retry.initialBackoff", "100ms",
                "partner.ID.retry.maxBackoff", "100ms",
                "partner.ID.retry.maxAttempts", "2",
                "partner.ID.connectTimeout", "1s",
                "alert.checkInterval", "100ms",
                "alert.undelivered.olderThan", "1h",
                "alert.partnerUnreachable.after", "30m"), Map.of(), clock).startJp();
        String trackingId = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD)
                .submitCertificate(Requests.submit(Certificates.outbound("JP-ALC-002"))).getReceipt().getTrackingId();
        await().atMost(WAIT).until(() -> "FAILED".equals(TestGateways.queryRow(pair.jp(),
                "SELECT state FROM transmission WHERE id = ?", trackingId).get("state")));
        clock.shift(Duration.ofHours(2));
        await().atMost(WAIT).until(() -> conditionAlerts().size() == 2);

        // nothing is sent any more (the message FAILED); the operator brings ID up and pings it
        pair.startId();
        // "ping now" through the admin API, as the console's button does: its outcome reaches the reachability
        new AdminUsers(pair.jp().database().dataSource(), clock).add("ops", AdminRole.ADMIN,
                "ops-password-123".toCharArray());
        var ping = AdminHttp.loggedIn(pair.jp(), "ops", "ops-password-123").post("/api/v1/partners/ID/ping", Map.of());
        assertThat(ping.json().get("delivered").asBoolean()).as("ping: %s", ping).isTrue();

        await().atMost(WAIT).until(() -> conditionAlerts().size() == 3);
        checksPass();
        assertThat(conditionAlerts()).extracting(AlertRows.Row::kindPhase).containsExactlyInAnyOrder(
                "UNDELIVERED RAISED", "PARTNER_UNREACHABLE RAISED", "PARTNER_UNREACHABLE CLEARED");
    }

    private long attempts(String trackingId) {
        return queryLong(pair.jp(), "select count(*) from transmission_attempt where transmission_id = '" + trackingId + "'");
    }

    private List<AlertRows.Row> conditionAlerts() {
        return AlertRows.alerts(pair.jp()).stream()
                .filter(a -> a.kind().equals("UNDELIVERED") || a.kind().equals("PARTNER_UNREACHABLE")).toList();
    }

    /** Lets about ten more checks run (100 ms apart), in which nothing may be alerted again. */
    private static void checksPass() {
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
    }
}
