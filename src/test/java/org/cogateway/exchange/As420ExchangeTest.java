package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.testing.TestGateways.count;
import static org.cogateway.testing.TestGateways.queryRow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.wss4j.common.WSS4JConstants;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.backoffice.TransmissionType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.Test;

/**
 * Two real gateways whose agreement is the eDelivery AS4 2.0 profile exchange a CO, its receipt and
 * the acknowledgement back with Ed25519 signatures and X25519 key agreement, as the stored wire bytes
 * show; and where only one side agreed 2.0, the other refuses the message and stores nothing.
 */
class As420ExchangeTest {
    /** What only an as4-2.0 security header has, and what only an as4-1.15 one has. */
    private static final String[] AS4_20 = {WSS4JConstants.ED25519, WSS4JConstants.AGREEMENT_METHOD_X25519,
            WSS4JConstants.KEYDERIVATION_HKDF, WSS4JConstants.KEYWRAP_AES128, WSS4JConstants.AES_128_GCM};
    private static final Pattern ALGORITHM = Pattern.compile("Algorithm=\"([^\"]+)\"");

    @Test
    void aCertificateItsReceiptAndTheAcknowledgementGoUnderAs420() throws Exception {
        try (TestGateways.Pair pair = TestGateways.pair(false, TestGateways.onAs420("ID"), TestGateways.onAs420("JP"),
                new TestClock()).startId().startJp()) {
            CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                    TestGateways.CHAMBER_PASSWORD);
            CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                    TestGateways.ID_CUSTOMS_PASSWORD);
            String trackingId = Tracking.deliver(jpChamber, "JP-E-001");
            idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-E-001", 1),
                    AcknowledgementStatusType.ACCEPTED, null));
            awaitState(jpChamber, trackingId, TransmissionStateType.ACKNOWLEDGED);

            Map<String, Object> co = queryRow(pair.jp(),
                    "select sent_message, answer from transmission_attempt where transmission_id = ?", trackingId);
            // JP holds the acknowledgement before ID has recorded the receipt JP answered it with
            Map<String, Object> ack = await().atMost(Duration.ofSeconds(30)).until(() -> queryRow(pair.id(),
                    "select a.sent_message, a.answer from transmission_attempt a join transmission t"
                            + " on t.id = a.transmission_id where t.kind = 'ACKNOWLEDGEMENT'"), Objects::nonNull);
            for (byte[] message : new byte[][] {(byte[]) co.get("sent_message"), (byte[]) ack.get("sent_message")}) {
                assertThat(text(message)).contains(AS4_20);
                assertThat(algorithms(message)).noneMatch(a -> a.contains("rsa"));
            }
            for (byte[] receipt : new byte[][] {(byte[]) co.get("answer"), (byte[]) ack.get("answer")}) {
                assertThat(text(receipt)).contains(WSS4JConstants.ED25519).contains("Receipt");
                assertThat(algorithms(receipt)).noneMatch(a -> a.contains("rsa"));
            }
            assertThat(count(pair.id(), "certificate")).isEqualTo(1);
        }
    }

    /**
     * JP thinks ID agreed 2.0; ID's agreement with JP still says 1.15. ID refuses the EdDSA-signed
     * message (EBMS:0103) with an RSA-signed error, which JP in turn does not accept as proof of anything
     * from a 2.0 partner: the transmission goes to an operator (FAILED), its reason naming the profiles.
     */
    @Test
    void aMessageUnderAs420ToAPartnerThatAgreedAs4115IsRefusedAndNotStored() throws Exception {
        Map<String, String> jp = new HashMap<>(TestGateways.onAs420("ID"));
        jp.put("partner.ID.retry.maxAttempts", "1");
        mixed(jp, Map.of(), "JP-E-002", WSS4JConstants.RSA_SHA256 + " is not allowed by the agreed profile as4-2.0",
                "follow the profile agreed with JP (as4-1.15)");
    }

    @Test
    void aMessageUnderAs4115ToAPartnerThatAgreedAs420IsRefusedAndNotStored() throws Exception {
        mixed(Map.of("partner.ID.retry.maxAttempts", "1"), TestGateways.onAs420("JP"), "JP-E-003",
                WSS4JConstants.ED25519 + " is not allowed by the agreed profile as4-1.15",
                "follow the profile agreed with JP (as4-2.0)");
    }

    private static void mixed(Map<String, String> jpOverrides, Map<String, String> idOverrides, String number,
                              String jpReason, String idRefusal) throws Exception {
        try (TestGateways.Pair pair = TestGateways.pair(false, jpOverrides, idOverrides, new TestClock())
                .startId().startJp()) {
            CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                    TestGateways.CHAMBER_PASSWORD);
            String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound(number)))
                    .getReceipt().getTrackingId();

            TransmissionType t = awaitState(jpChamber, trackingId, TransmissionStateType.FAILED).getTransmission();
            assertThat(t.getLastError()).contains("answer not accepted").contains(jpReason);
            byte[] answer = (byte[]) queryRow(pair.jp(),
                    "select answer from transmission_attempt where transmission_id = ?", trackingId).get("answer");
            assertThat(text(answer)).contains("EBMS:0103").contains(idRefusal);
            assertThat(count(pair.id(), "inbound_message")).isZero();
            assertThat(count(pair.id(), "certificate")).isZero();
        }
    }

    private static List<String> algorithms(byte[] wire) {
        return ALGORITHM.matcher(text(wire)).results().map(m -> m.group(1)).toList();
    }

    private static String text(byte[] wire) {
        return new String(wire, StandardCharsets.ISO_8859_1);
    }
}
