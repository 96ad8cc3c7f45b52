package org.cogateway.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.Gateway;
import org.cogateway.as4.SignedAnswers;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.config.GatewayConfig;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts to a webhook (WireMock as the receiver) from a real JP gateway whose partner (WireMock as a
 * misbehaving ID gateway) makes its transmissions fail: the JSON arrives once per alert, a receiver
 * that fails is retried, and what was not delivered before a restart is delivered after it.
 */
class AlertWebhookTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();

    private WireMockServer partner;
    private WireMockServer hook;
    private GatewayConfig.Database db;
    private Gateway jp;

    @BeforeEach
    void start() {
        partner = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new SignedAnswers()));
        partner.start();
        hook = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        hook.start();
        db = TestDatabases.fresh();
    }

    @AfterEach
    void stop() {
        if (jp != null) {
            jp.close();
        }
        partner.stop();
        hook.stop();
    }

    private Properties settings() {
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), partner.baseUrl() + "/as4", db);
        p.setProperty("delivery.nodeId", "jp-alerts");
        p.setProperty("alert.checkInterval", "100ms");
        p.setProperty("alert.webhook.url", hook.baseUrl() + "/alerts");
        p.setProperty("alert.retry.initialBackoff", "200ms");
        p.setProperty("alert.retry.maxBackoff", "400ms");
        return p;
    }

    @Test
    void aFailedTransmissionIsPostedToTheWebhookOnce() throws Exception {
        partner.stubFor(post(urlEqualTo("/as4")).willReturn(aResponse().withStatus(500).withBody("boom")));
        hook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(204)));
        jp = GatewayProperties.start(settings());

        String number = "JP-ALW-" + RUN + "-" + NUMBERS.incrementAndGet();
        String trackingId = submit(number);

        await().atMost(WAIT).untilAsserted(() -> hook.verify(1, postRequestedFor(urlEqualTo("/alerts"))));
        String messageId = queryMessageId(trackingId);
        hook.verify(postRequestedFor(urlEqualTo("/alerts"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("MESSAGE_FAILED")))
                .withRequestBody(matchingJsonPath("$.phase", equalTo("RAISED")))
                .withRequestBody(matchingJsonPath("$.gateway", equalTo("JP-GW")))
                .withRequestBody(matchingJsonPath("$.node", equalTo("jp-alerts")))
                .withRequestBody(matchingJsonPath("$.partner", equalTo("ID")))
                .withRequestBody(matchingJsonPath("$.trackingId", equalTo(trackingId)))
                .withRequestBody(matchingJsonPath("$.messageId", equalTo(messageId)))
                .withRequestBody(matchingJsonPath("$.certificateNumber", equalTo(number)))
                .withRequestBody(matchingJsonPath("$.summary", containing("is FAILED: gave up, all 3 attempts made"))));

        // later checks read the same history again (the cursor waits for rows to settle): still one alert
        long checked = lastCheck();
        await().atMost(WAIT).until(() -> lastCheck() >= checked + 1_000);
        assertThat(AlertRows.alerts(jp)).extracting(AlertRows.Row::kindPhase).containsExactly("MESSAGE_FAILED RAISED");
        assertThat(AlertRows.deliveries(jp)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo("DELIVERED");
            assertThat(d.attempts()).isEqualTo(1);
        });
        hook.verify(1, postRequestedFor(urlEqualTo("/alerts")));
    }

    @Test
    void aTransmissionThePartnerRefusesIsARejectedAlert() throws Exception {
        partner.stubFor(post(urlEqualTo("/as4")).willReturn(aResponse().withStatus(200)
                .withTransformers(SignedAnswers.NAME)
                .withTransformerParameter(SignedAnswers.ANSWER, SignedAnswers.Answer.PERMANENT_ERROR.name())));
        hook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
        jp = GatewayProperties.start(settings());

        String trackingId = submit("JP-ALR-" + RUN + "-" + NUMBERS.incrementAndGet());

        await().atMost(WAIT).untilAsserted(() -> hook.verify(1, postRequestedFor(urlEqualTo("/alerts"))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("MESSAGE_REJECTED")))
                .withRequestBody(matchingJsonPath("$.trackingId", equalTo(trackingId)))
                .withRequestBody(matchingJsonPath("$.summary", containing("[EBMS:0004]")))));
        assertThat(AlertRows.alerts(jp, AlertKind.MESSAGE_REJECTED)).singleElement()
                .satisfies(a -> assertThat(a.partnerId()).isEqualTo("ID"));
    }

    @Test
    void aWebhookThatFailsIsRetriedAndDeliveredAfterARestart() {
        hook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(500)));
        Properties p = settings();
        p.setProperty("delivery.enabled", "false");
        jp = GatewayProperties.start(p);

        Alert alert = jp.alerts().failedLogins("mallory", "192.0.2.7", 5);
        assertThat(alert).isNotNull();

        // retried with backoff while this node runs
        await().atMost(WAIT).untilAsserted(() -> hook.verify(3, postRequestedFor(urlEqualTo("/alerts"))));
        jp.close();
        jp = null;
        assertThat(AlertRows.deliveries(db)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo("PENDING");
            assertThat(d.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(d.lastError()).contains("answered HTTP 500");
        });

        hook.resetAll();
        hook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
        // the same node (delivery.nodeId) on another port: a listener's port is not reused within one test JVM
        p.setProperty("http.port", String.valueOf(GatewayProperties.freePort()));
        jp = GatewayProperties.start(p);

        await().atMost(WAIT).untilAsserted(() -> assertThat(AlertRows.deliveries(jp))
                .singleElement().satisfies(d -> assertThat(d.state()).isEqualTo("DELIVERED")));
        hook.verify(1, postRequestedFor(urlEqualTo("/alerts"))
                .withRequestBody(matchingJsonPath("$.id", equalTo(Long.toString(alert.id()))))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("FAILED_LOGINS")))
                .withRequestBody(matchingJsonPath("$.summary",
                        equalTo("5 failed logins in a row for user 'mallory' from 192.0.2.7"))));
        hook.verify(1, postRequestedFor(urlEqualTo("/alerts")));
        assertThat(AlertRows.alerts(jp)).hasSize(1);
    }

    private String submit(String number) throws Exception {
        SubmitCertificateRequest request = new SubmitCertificateRequest();
        request.setCertificateOfOrigin(Certificates.outbound(number));
        return BackOfficeCaller.port(jp.baseUrl(), GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD)
                .submitCertificate(request).getReceipt().getTrackingId();
    }

    private String queryMessageId(String trackingId) {
        return (String) TestGateways.queryRow(jp, "SELECT message_id FROM transmission WHERE id = ?",
                trackingId).get("message_id");
    }

    /** When the last check ran (epoch ms): ten checks run in a second. */
    private long lastCheck() {
        Object at = TestGateways.queryRow(jp, "SELECT checked_at FROM alert_check").get("checked_at");
        // differences only: whatever zone the driver reads the DATETIME in, it is the same for each reading
        return at == null ? 0 : ((java.sql.Timestamp) at).getTime();
    }
}
