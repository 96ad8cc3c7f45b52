package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.exchange.Tracking.awaitCertificate;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.testing.TestGateways.queryLong;
import static org.cogateway.testing.TestGateways.queryRow;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ID's Customs can answer a certificate before JP has the receipt for it: the receipt is on its way
 * back (a slow line, here a relay that holds it) while the acknowledgement already arrived. The
 * answer closes the transmission; the receipt, arriving after it, must still be kept as evidence.
 */
class AnswerBeforeReceiptTest {
    private final CountDownLatch releaseReceipt = new CountDownLatch(1);
    private HttpServer relay;
    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        releaseReceipt.countDown();
        relay.stop(0);
        pair.close();
    }

    @Test
    void aReceiptArrivingAfterTheAcknowledgementIsStillStored() throws Exception {
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pair = TestGateways.pair(false, Map.of("partner.ID.endpoint",
                "http://127.0.0.1:" + relay.getAddress().getPort() + Gateway.AS4_PATH), Map.of(), new TestClock());
        URI id = URI.create("http://127.0.0.1:" + pair.idPort() + Gateway.AS4_PATH);
        HttpClient client = HttpClient.newHttpClient();
        relay.createContext(Gateway.AS4_PATH, exchange -> {
            try {
                HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(id)
                        .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                releaseReceipt.await(Tracking.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                exchange.getResponseHeaders().set("Content-Type",
                        answer.headers().firstValue("Content-Type").orElse("application/soap+xml"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        relay.start();
        pair.startId().startJp();
        CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);

        String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-A-001")))
                .getReceipt().getTrackingId();
        awaitCertificate(idCustoms, "JP", "JP-A-001", 1, r -> true);
        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-A-001", 1),
                AcknowledgementStatusType.ACCEPTED, null));
        awaitState(jpChamber, trackingId, TransmissionStateType.ACKNOWLEDGED);
        releaseReceipt.countDown();

        String attempts = "select count(*) from transmission_attempt where transmission_id = '" + trackingId + "'";
        await().atMost(Tracking.TIMEOUT).until(() -> queryLong(pair.jp(), attempts) > 0);
        Map<String, Object> attempt = queryRow(pair.jp(),
                "select outcome, answer from transmission_attempt where transmission_id = ?", trackingId);
        assertThat(attempt.get("outcome")).isEqualTo("DELIVERED");
        assertThat((byte[]) attempt.get("answer")).isEqualTo((byte[]) queryRow(pair.id(),
                "select receipt from inbound_message where ref_to_message_id is null").get("receipt"));
        var status = Tracking.status(jpChamber, trackingId).getTransmission();
        assertThat(status.getState()).isEqualTo(TransmissionStateType.ACKNOWLEDGED);
        assertThat(status.getAttempts()).isEqualTo(1);
        assertThat(queryRow(pair.jp(), "select lease_owner from transmission where id = ?", trackingId).get("lease_owner"))
                .isNull();
    }
}
