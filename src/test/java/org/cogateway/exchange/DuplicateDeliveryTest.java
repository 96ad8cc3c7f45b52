package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.exchange.Tracking.deliver;
import static org.cogateway.testing.TestGateways.queryLong;
import static org.cogateway.testing.TestGateways.queryRow;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.cogateway.Gateway;
import org.cogateway.as4.As4TransmissionSender;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.delivery.ClaimedTransmission;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.DocumentKind;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same AS4 message reaching ID twice (a retry after a lost receipt, or a replay of the bytes) is
 * stored once and answered with the receipt stored the first time; the same certificate submitted
 * twice at JP is transmitted once.
 */
class DuplicateDeliveryTest {
    private static TestGateways.Pair pair;
    private static CertificateOfOriginPortType jpChamber;

    @BeforeAll
    static void start() {
        pair = TestGateways.pair();
        jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        pair.close();
    }


    private static Map<String, Object> transmission(String trackingId) {
        return queryRow(pair.jp(), "select t.*, p.payload from transmission t"
                + " join transmission_payload p on p.transmission_id = t.id where t.id = ?", trackingId);
    }

    private static Map<String, Object> storedAtId(String messageId) {
        return queryRow(pair.id(), "select raw_message, receipt from inbound_message where message_id = ?", messageId);
    }

    private static long inboundRows(Gateway gateway, String messageId) {
        return queryLong(gateway, "select count(*) from inbound_message where message_id = '" + messageId + "'");
    }

    @Test
    void theSameTransmissionSentAgainIsStoredOnceAndAnsweredWithTheSameReceipt() throws Exception {
        String trackingId = deliver(jpChamber, "JP-D-001");
        Map<String, Object> t = transmission(trackingId);
        String messageId = (String) t.get("message_id");
        ClaimedTransmission again = new ClaimedTransmission(trackingId, "ID", DocumentKind.valueOf((String) t.get("kind")),
                messageId, (String) t.get("conversation_id"), (String) t.get("ref_to_message_id"),
                (String) t.get("agreement"), (String) t.get("payload"), 2, utc(t.get("created_at")), Instant.now(),
                "test", 0);

        SendOutcome second = new As4TransmissionSender(pair.jp().as4Client())
                .send(again, pair.jp().config().partners().byId("ID").orElseThrow());

        assertThat(second.kind()).as(second.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(second.answer()).isEqualTo((byte[]) storedAtId(messageId).get("receipt"));
        assertThat(inboundRows(pair.id(), messageId)).isEqualTo(1);
        assertThat(queryLong(pair.id(), "select count(*) from certificate where certificate_number = 'JP-D-001'"))
                .isEqualTo(1);
    }

    @Test
    void theSignedBytesPostedAgainAreAnsweredWithTheStoredReceipt() throws Exception {
        String trackingId = deliver(jpChamber, "JP-D-002");
        String messageId = (String) transmission(trackingId).get("message_id");
        byte[] sent = (byte[]) queryRow(pair.jp(),
                "select sent_message from transmission_attempt where transmission_id = ?", trackingId).get("sent_message");
        String boundary = new String(sent, StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow().substring(2);

        HttpResponse<byte[]> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(pair.id().baseUrl() + Gateway.AS4_PATH))
                .header("Content-Type", "multipart/related; type=\"application/soap+xml\"; boundary=\"" + boundary + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo((byte[]) storedAtId(messageId).get("receipt"));
        assertThat(inboundRows(pair.id(), messageId)).isEqualTo(1);
    }

    @Test
    void theSameCertificateSubmittedTwiceAtJpIsTransmittedOnce() throws Exception {
        String trackingId = deliver(jpChamber, "JP-D-003");

        SubmissionReceiptType again = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-D-003")))
                .getReceipt();

        assertThat(again.getTrackingId()).isEqualTo(trackingId);
        assertThat(queryLong(pair.jp(), "select count(*) from transmission t join certificate c"
                + " on c.id = t.certificate_id where c.certificate_number = 'JP-D-003'")).isEqualTo(1);
        assertThat(queryLong(pair.id(), "select count(*) from inbound_message m join certificate c"
                + " on c.id = m.certificate_id where c.certificate_number = 'JP-D-003'")).isEqualTo(1);
    }

    private static Instant utc(Object dbTime) {
        LocalDateTime local = dbTime instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) dbTime;
        return local.toInstant(ZoneOffset.UTC);
    }
}
