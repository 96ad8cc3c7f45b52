package org.cogateway.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.Gateway;
import org.cogateway.as4.SignedAnswers;
import org.cogateway.as4.SignedAnswers.Answer;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real JP gateway (back-office, queue, delivery worker, AS4 client) against WireMock standing in
 * for the ID partner, which fails in one way per test. Each CO is submitted through the back-office;
 * each test checks where its transmission ends (state, last error), the exact attempt rows and the
 * history. The partner's policy: 3 attempts, 100-200 ms apart; read timeout 2 s.
 */
class PartnerFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> SETTLED = Set.of("DELIVERED", "FAILED", "REJECTED");
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();

    static WireMockServer partner;
    static Gateway jp;
    static CertificateOfOriginPortType chamber;

    @BeforeAll
    static void start() {
        partner = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new SignedAnswers()));
        partner.start();
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(),
                "http://127.0.0.1:" + partner.port() + "/as4", TestDatabases.fresh());
        p.setProperty("partner.ID.readTimeout", "2s");
        p.setProperty("delivery.nodeId", "jp-fault");
        jp = GatewayProperties.start(p);
        chamber = BackOfficeCaller.port(jp.baseUrl(), GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (jp != null) {
            jp.close();
        }
        if (partner != null) {
            partner.stop();
        }
    }

    @BeforeEach
    void resetPartner() {
        partner.resetAll();
    }

    @Test
    void http500IsRetriedUntilThePolicyRunsOut() {
        answer(aResponse().withStatus(500).withHeader("Content-Type", "text/plain").withBody("boom"));
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("HTTP 500");
        assertThat(t.attempts).extracting(a -> a.httpStatus).containsOnly(500);
    }

    @Test
    void http503IsRetriedUntilThePolicyRunsOut() {
        answer(aResponse().withStatus(503).withHeader("Content-Type", "text/plain").withBody("busy"));
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("HTTP 503");
        assertThat(t.attempts).extracting(a -> a.httpStatus).containsOnly(503);
    }

    @Test
    void aPartnerThatAnswersAfterTheReadTimeoutTimesOutEveryAttempt() {
        answer(aResponse().withStatus(200).withFixedDelay(4_000));
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("timeout");
        assertThat(t.attempts).allSatisfy(a -> {
            assertThat(a.httpStatus).isNull();
            // the read timeout (2 s) ended each attempt, not the partner's answer (4 s)
            assertThat(a.durationMs).isBetween(1_900L, 3_900L);
        });
    }

    @Test
    void aConnectionResetIsRetried() {
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("I/O error");
        assertThat(t.attempts).extracting(a -> a.httpStatus).containsOnlyNulls();
    }

    @Test
    void aSlowPartnerThatAnswersWithinTheTimeoutIsNotCutShort() {
        // 1.2 s of the 2 s read timeout: the attempt waits for the answer, a good receipt
        answer(aResponse().withStatus(200).withFixedDelay(1_200).withTransformers(SignedAnswers.NAME)
                .withTransformerParameter(SignedAnswers.ANSWER, Answer.RECEIPT.name()));
        Transmission t = submitAndSettle();
        assertThat(t.state).isEqualTo("DELIVERED");
        assertThat(t.lastError).isNull();
        assertThat(t.attempts).hasSize(1);
        assertThat(t.attempts.get(0).outcome).isEqualTo("DELIVERED");
        assertThat(t.attempts.get(0).durationMs).isGreaterThanOrEqualTo(1_200L);
        assertThat(t.attempts.get(0).reason).isEqualTo("receipt verified");
        assertThat(t.historyStates()).containsExactly("QUEUED", "SENDING", "DELIVERED");
        assertThat(t.history.get(2)).contains("delivered, receipt received (attempt 1 by node jp-fault)");
    }

    @Test
    void anHtmlErrorPageIsRetried() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"));
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("HTTP 200 without a readable ebMS signal");
        assertThat(t.lastError).contains("text/html");
    }

    @Test
    void anUnsignedReceiptIsNotAcceptedAsDelivery() {
        answerSigned(Answer.UNSIGNED_RECEIPT);
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("answer not accepted (NOT_SIGNED)");
    }

    @Test
    void aReceiptWithAWrongDigestIsNotAcceptedAsDelivery() {
        answerSigned(Answer.RECEIPT_WITH_WRONG_DIGEST);
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("receipt does not confirm the digest of #_ebMessaging");
    }

    @Test
    void aReceiptForAnotherMessageIsNotAcceptedAsDelivery() {
        answerSigned(Answer.RECEIPT_FOR_ANOTHER_MESSAGE);
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("receipt is for message another-" + t.messageId + ", not " + t.messageId);
    }

    @Test
    void aRetryableEbmsErrorIsRetried() {
        answerSigned(Answer.RETRYABLE_ERROR);
        Transmission t = submitAndSettle();
        t.assertFailedAfterThreeAttempts("ConnectionFailure: the test partner's back end is down [HTTP 200] [EBMS:0005]");
        assertThat(t.attempts).extracting(a -> a.ebmsErrorCode).containsOnly("EBMS:0005");
    }

    @Test
    void aPermanentEbmsErrorRejectsTheTransmissionAfterOneAttempt() {
        answerSigned(Answer.PERMANENT_ERROR);
        Transmission t = submitAndSettle();
        assertThat(t.state).isEqualTo("REJECTED");
        assertThat(t.lastError).isEqualTo("Other: certificate refused by the test partner [HTTP 200] [EBMS:0004]");
        assertThat(t.attempts).hasSize(1);
        assertThat(t.attempts.get(0).outcome).isEqualTo("PERMANENT");
        assertThat(t.attempts.get(0).ebmsErrorCode).isEqualTo("EBMS:0004");
        assertThat(t.historyStates()).containsExactly("QUEUED", "SENDING", "REJECTED");
        assertThat(t.history.get(2)).startsWith("REJECTED refused by the partner: Other: certificate refused");
        partner.verify(1, postRequestedFor(urlEqualTo("/as4")));
    }

    @Test
    void aPartnerThatFailsOnceAndThenReceiptsIsDeliveredOnTheSecondAttempt() {
        partner.stubFor(post(urlEqualTo("/as4")).inScenario("flaky").whenScenarioStateIs(
                        com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        partner.stubFor(post(urlEqualTo("/as4")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withTransformers(SignedAnswers.NAME)
                        .withTransformerParameter(SignedAnswers.ANSWER, Answer.RECEIPT.name())));
        Transmission t = submitAndSettle();
        assertThat(t.state).isEqualTo("DELIVERED");
        assertThat(t.lastError).isNull();
        assertThat(t.attempts).extracting(a -> a.outcome).containsExactly("RETRYABLE", "DELIVERED");
        assertThat(t.historyStates()).containsExactly("QUEUED", "SENDING", "RETRY_WAIT", "SENDING", "DELIVERED");
        assertThat(t.messageIdsSent).as("the same MessageId on every attempt").containsOnly(t.messageId);
    }

    @Test
    void aRetryAnsweredAsADuplicateIsDeliveredWithoutAReceiptAndSaysSo() throws Exception {
        // the first attempt reaches the partner, but the connection drops before its receipt comes back
        lostFirstAnswerThen(Answer.DUPLICATE_ERROR);
        Transmission t = submitAndSettle();
        assertThat(t.state).as("history %s", t.history).isEqualTo("DELIVERED");
        assertThat(t.attempts).extracting(a -> a.outcome).containsExactly("RETRYABLE", "ALREADY_RECEIVED");
        assertThat(t.lastError).startsWith("no receipt: Other: An undefined error occurred.: Not invoking SPIs,")
                .contains("was already handled (this is a duplicate) [HTTP 200] [EBMS:0004]");
        assertThat(t.historyStates()).containsExactly("QUEUED", "SENDING", "RETRY_WAIT", "SENDING", "DELIVERED");
        assertThat(t.history.get(4)).startsWith("DELIVERED delivered without a receipt: the partner answered the"
                + " retry as a duplicate: Other: An undefined error occurred.: Not invoking SPIs");
        assertThat(t.messageIdsSent).containsExactly(t.messageId, t.messageId);

        GetDeliveryStatusResponse status = chamber.getDeliveryStatus(Requests.deliveryStatus(t.trackingId));
        assertThat(status.getTransmission().getState()).isEqualTo(TransmissionStateType.DELIVERED);
        assertThat(status.getTransmission().getLastError()).contains("(this is a duplicate)");
        assertThat(status.getHistory()).last().satisfies(h ->
                assertThat(h.getDetail()).startsWith("delivered without a receipt").contains("already handled"));
    }

    @Test
    void aRefusalOfARetryGoesToAnOperatorInsteadOfRejectingTheCertificate() {
        lostFirstAnswerThen(Answer.PERMANENT_ERROR);
        Transmission t = submitAndSettle();
        assertThat(t.state).as("history %s", t.history).isEqualTo("FAILED");
        assertThat(t.attempts).extracting(a -> a.outcome).containsExactly("RETRYABLE", "PERMANENT");
        assertThat(t.lastError).isEqualTo("Other: certificate refused by the test partner [HTTP 200] [EBMS:0004]");
        assertThat(t.history.get(4)).startsWith("FAILED refused by the partner on a retry (an earlier attempt may"
                + " have reached it), an operator decides: Other: certificate refused by the test partner");
    }

    @Test
    void aDuplicateAnswerToAFirstAttemptGoesToAnOperatorWithThePartnersErrorDetail() {
        answerSigned(Answer.DUPLICATE_ERROR);
        Transmission t = submitAndSettle();
        assertThat(t.state).as("history %s", t.history).isEqualTo("FAILED");
        assertThat(t.attempts).extracting(a -> a.outcome).containsExactly("ALREADY_RECEIVED");
        assertThat(t.attempts.get(0).reason).isEqualTo("Other: An undefined error occurred.: Not invoking SPIs,"
                + " because message with Message ID '" + t.messageId + "' was already handled (this is a duplicate)");
        assertThat(t.history.get(2)).startsWith("FAILED the partner calls a first attempt a duplicate, an operator"
                + " decides: ");
    }

    /** The first request reaches the partner, whose answer is lost with the connection; then {@code answer}. */
    private static void lostFirstAnswerThen(Answer answer) {
        partner.stubFor(post(urlEqualTo("/as4")).inScenario("lost").whenScenarioStateIs(
                        com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("retry"));
        partner.stubFor(post(urlEqualTo("/as4")).inScenario("lost").whenScenarioStateIs("retry")
                .willReturn(aResponse().withStatus(200).withTransformers(SignedAnswers.NAME)
                        .withTransformerParameter(SignedAnswers.ANSWER, answer.name())));
    }

    private static void answer(ResponseDefinitionBuilder response) {
        partner.stubFor(post(urlEqualTo("/as4")).willReturn(response));
    }

    private static void answerSigned(Answer answer) {
        answer(aResponse().withStatus(200).withTransformers(SignedAnswers.NAME)
                .withTransformerParameter(SignedAnswers.ANSWER, answer.name()));
    }

    /** Submits a new CO through the back-office and waits until its transmission is settled. */
    private static Transmission submitAndSettle() {
        SubmitCertificateRequest request = new SubmitCertificateRequest();
        request.setCertificateOfOrigin(Certificates.outbound("JP-FLT-" + RUN + "-" + NUMBERS.incrementAndGet()));
        String trackingId;
        try {
            trackingId = chamber.submitCertificate(request).getReceipt().getTrackingId();
        } catch (Exception e) {
            throw new AssertionError("submission refused", e);
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> SETTLED.contains(read(trackingId).state));
        Transmission t = read(trackingId);
        t.trackingId = trackingId;
        return t;
    }

    private static Transmission read(String trackingId) {
        try (Connection c = jp.database().dataSource().getConnection()) {
            Transmission t = new Transmission();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT state, last_error, message_id, attempts FROM transmission WHERE id = ?")) {
                s.setString(1, trackingId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    t.state = rs.getString(1);
                    t.lastError = rs.getString(2);
                    t.messageId = rs.getString(3);
                    t.attemptCount = rs.getInt(4);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT attempt, outcome, http_status, ebms_error_code,"
                    + " reason, duration_ms FROM transmission_attempt WHERE transmission_id = ? ORDER BY attempt")) {
                s.setString(1, trackingId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        t.attempts.add(new Attempt(rs.getInt(1), rs.getString(2), rs.getObject(3, Integer.class),
                                rs.getString(4), rs.getString(5), rs.getObject(6, Long.class)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT state, detail FROM transmission_event WHERE transmission_id = ? ORDER BY id")) {
                s.setString(1, trackingId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        t.history.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
            c.rollback();
            partner.getAllServeEvents().forEach(e -> {
                String body = e.getRequest().getBodyAsString();
                int start = body.indexOf("MessageId>");
                if (start > 0) {
                    t.messageIdsSent.add(body.substring(start + 10, body.indexOf('<', start)));
                }
            });
            return t;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    record Attempt(int attempt, String outcome, Integer httpStatus, String ebmsErrorCode, String reason,
                   Long durationMs) {
    }

    /** A transmission as its rows show it, read with plain SQL. */
    static final class Transmission {
        String trackingId;
        String state;
        String lastError;
        String messageId;
        int attemptCount;
        final List<Attempt> attempts = new ArrayList<>();
        final List<String> history = new ArrayList<>();
        final List<String> messageIdsSent = new ArrayList<>();

        List<String> historyStates() {
            return history.stream().map(h -> h.substring(0, h.indexOf(' '))).toList();
        }

        /** FAILED after exactly 3 retryable attempts, each recorded, with {@code reason} as the last error. */
        void assertFailedAfterThreeAttempts(String reason) {
            assertThat(state).as("state; history %s", history).isEqualTo("FAILED");
            assertThat(lastError).contains(reason);
            assertThat(attemptCount).isEqualTo(3);
            assertThat(attempts).extracting(a -> a.attempt).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(a -> a.outcome).containsOnly("RETRYABLE");
            assertThat(attempts).allSatisfy(a -> assertThat(a.reason).contains(reason.replaceAll(" \\[.*", "")));
            assertThat(historyStates()).containsExactly("QUEUED", "SENDING", "RETRY_WAIT", "SENDING", "RETRY_WAIT",
                    "SENDING", "FAILED");
            assertThat(history.get(1)).isEqualTo("SENDING claimed by node jp-fault for attempt 1");
            assertThat(history.get(2)).contains("; next attempt at ").endsWith("(attempt 1 by node jp-fault)");
            assertThat(history.get(6)).startsWith("FAILED gave up, all 3 attempts made; last error: ")
                    .endsWith("(attempt 3 by node jp-fault)");
            assertThat(messageIdsSent).as("the same MessageId on every attempt").hasSize(3).containsOnly(messageId);
        }
    }
}
