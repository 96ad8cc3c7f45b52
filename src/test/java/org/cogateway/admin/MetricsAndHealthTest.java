package org.cogateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.testing.AdminHttp;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /metrics while certificates flow between two real gateways, and /health/ready when the database goes away. */
class MetricsAndHealthTest {
    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        pair.close();
    }

    private void start(Map<String, String> jp) {
        pair = TestGateways.pair(false, jp, Map.of(), TestClock.runningFrom(Instant.now())).startId().startJp();
    }

    /** The value of one Prometheus series (name and labels exactly as written), 0 when absent. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void theGatewaysOwnSeriesMoveWhileCertificatesFlow() throws Exception {
        start(Map.of("admin.metrics.anonymous", "true", "admin.gaugeInterval", "100ms"));
        AdminHttp anonymous = AdminHttp.anonymous(pair.jp());
        String before = anonymous.get("/metrics").body();
        String attempts = "cogateway_delivery_attempts_total{outcome=\"DELIVERED\",partner=\"ID\"}";
        String deliveredGauge = "cogateway_messages{direction=\"outbound\",kind=\"CERTIFICATE\",partner=\"ID\",state=\"DELIVERED\"}";
        assertThat(value(before, attempts)).isZero();
        assertThat(value(before, "cogateway_queue_depth{partner=\"ID\"}")).isZero();

        CertificateOfOriginPortType chamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        for (String number : new String[] {"MET-1", "MET-2", "MET-3"}) {
            chamber.submitCertificate(Requests.submit(Certificates.outbound(number)));
        }
        String after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> anonymous.get("/metrics").body(), s -> value(s, deliveredGauge) == 3
                        && value(s, "cogateway_queue_oldest_undelivered_seconds{partner=\"ID\"}") == 0);
        assertThat(value(after, attempts)).isEqualTo(3);
        assertThat(after).contains("cogateway_delivery_send_seconds_bucket{outcome=\"DELIVERED\",partner=\"ID\",le=")
                .contains("cogateway_delivery_time_to_receipt_seconds_count{kind=\"CERTIFICATE\",partner=\"ID\"} 3")
                .contains("cogateway_queue_oldest_undelivered_seconds{partner=\"ID\"} 0.0\n")
                .contains("hikaricp_connections_active{pool=\"cogateway-db\"}")
                .contains("jvm_memory_used_bytes{")
                .contains("jetty_threads_current{listener=\"main\"}")
                .contains("jetty_threads_current{listener=\"admin\"}")
                .contains("cogateway_backoffice_calls_seconds_count{operation=\"SubmitCertificate\",outcome=\"ok\"} 3");

        // on the receiving side: the inbound messages by kind and state
        new AdminUsers(pair.id().database().dataSource(), java.time.Clock.systemUTC()).add("id-ops", AdminRole.VIEWER,
                "id-ops-password".toCharArray());
        String id = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> AdminHttp.loggedIn(pair.id(), "id-ops", "id-ops-password").get("/metrics").body(),
                        s -> value(s, "cogateway_messages{direction=\"inbound\",kind=\"CERTIFICATE\",partner=\"JP\","
                                + "state=\"VALIDATED\"}") == 3);
        assertThat(id).contains("cogateway_messages{direction=\"inbound\"");

        // the importing Customs answers one: the issuer's time from submission to acknowledgement
        BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS, TestGateways.ID_CUSTOMS_PASSWORD).acknowledgeCertificate(
                Requests.acknowledge(Requests.id("JP", "MET-1", 1), AcknowledgementStatusType.ACCEPTED, "accepted"));
        String acknowledged = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> anonymous.get("/metrics").body(), s -> value(s,
                        "cogateway_time_to_acknowledgement_seconds_count{answer=\"ACKNOWLEDGED\",partner=\"ID\"}") == 1);
        assertThat(acknowledged).contains("cogateway_time_to_acknowledgement_seconds_bucket{answer=\"ACKNOWLEDGED\","
                + "partner=\"ID\",le=");
    }

    /** A retry (ID is down for JP's first attempt) and an inbound refusal (a message with no ebMS header) are counted. */
    @Test
    void retriesAndInboundRefusalsAreCounted() throws Exception {
        pair = TestGateways.pair(false, Map.of("admin.metrics.anonymous", "true", "partner.ID.connectTimeout", "1s",
                "partner.ID.retry.initialBackoff", "200ms"), Map.of("admin.metrics.anonymous", "true"),
                TestClock.runningFrom(Instant.now())).startJp();
        AdminHttp jpMetrics = AdminHttp.anonymous(pair.jp());
        BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD)
                .submitCertificate(Requests.submit(Certificates.outbound("MET-R-1")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Pattern.compile(
                "(?m)^cogateway_delivery_attempts_total\\{outcome=\"(?!DELIVERED)[A-Z_]+\",partner=\"ID\"\\} [1-9]")
                .matcher(jpMetrics.get("/metrics").body()).find());
        pair.startId();
        String after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jpMetrics.get("/metrics").body(), s -> value(s,
                        "cogateway_delivery_attempts_total{outcome=\"DELIVERED\",partner=\"ID\"}") == 1);
        assertThat(value(after, "cogateway_delivery_retries_total{partner=\"ID\"}")).isGreaterThanOrEqualTo(1);

        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pair.id().baseUrl() + "/as4"))
                        .header("Content-Type", "application/soap+xml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("<S:Envelope"
                                + " xmlns:S=\"http://www.w3.org/2003/05/soap-envelope\"><S:Header/><S:Body/></S:Envelope>"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.body()).contains("EBMS:");
        assertThat(AdminHttp.anonymous(pair.id()).get("/metrics").body())
                .containsPattern("(?m)^cogateway_inbound_refused_total\\{code=\"EBMS:\\d{4}\"\\} 1\\.0$");
    }

    @Test
    void readinessTurnsDownNamingTheDatabaseWhenItStops() {
        start(Map.of());
        AdminHttp anonymous = AdminHttp.anonymous(pair.jp());
        assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);

        ((HikariDataSource) pair.jp().database().dataSource()).close();

        AdminHttp.Response ready = anonymous.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        JsonNode body = ready.json();
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.get("failed").get(0).asText()).startsWith("database: not reachable");
        assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    }
}
