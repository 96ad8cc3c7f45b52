package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.exchange.Tracking.awaitCertificate;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.exchange.Tracking.deliver;
import static org.cogateway.exchange.Tracking.awaitStatus;
import static org.cogateway.testing.BackOfficeClient.faultOf;
import static org.cogateway.testing.TestGateways.count;
import static org.cogateway.testing.TestGateways.queryLong;
import static org.cogateway.testing.TestGateways.queryRow;

import java.math.BigDecimal;
import java.util.Map;
import org.cogateway.contract.backoffice.AnswerType;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateRecordType;
import org.cogateway.contract.backoffice.CertificateSummaryType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.QueryOutcomeType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real gateways over HTTP, JP issuing and ID importing: a certificate goes out and its receipt
 * comes back, Customs' answers travel back to the issuer, a cancellation and a replacement change the
 * certificate at the importing side. Each test uses its own certificate number.
 */
class CertificateExchangeTest {
    private static TestGateways.Pair pair;
    private static CertificateOfOriginPortType jpChamber;
    private static CertificateOfOriginPortType idCustoms;

    @BeforeAll
    static void start() {
        pair = TestGateways.pair();
        jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
        idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS, TestGateways.ID_CUSTOMS_PASSWORD);
    }

    @AfterAll
    static void stop() {
        pair.close();
    }


    @Test
    void aSubmittedCertificateIsDeliveredOnceAndTheSignedReceiptIsStoredAtBothEnds() throws Exception {
        String trackingId = deliver(jpChamber, "JP-X-001");

        GetDeliveryStatusResponse status = Tracking.status(jpChamber, trackingId);
        assertThat(status.getTransmission().getAttempts()).isEqualTo(1);
        Map<String, Object> attempt = queryRow(pair.jp(),
                "select outcome, sent_message, answer from transmission_attempt where transmission_id = ?", trackingId);
        assertThat(attempt.get("outcome")).isEqualTo("DELIVERED");
        assertThat(attempt.get("sent_message")).isNotNull();
        assertThat(attempt.get("answer")).isNotNull();

        String messageId = status.getTransmission().getMessageId();
        Map<String, Object> inbound = queryRow(pair.id(), "select m.partner_id, m.state, m.raw_message, m.receipt,"
                + " c.direction, c.certificate_number, c.version from inbound_message m"
                + " join certificate c on c.id = m.certificate_id where m.message_id = ?", messageId);
        assertThat(inbound).as("ID's inbound_message for " + messageId).isNotNull();
        assertThat(inbound).containsEntry("partner_id", "JP").containsEntry("state", "VALIDATED")
                .containsEntry("direction", "INBOUND").containsEntry("certificate_number", "JP-X-001")
                .containsEntry("version", 1);
        // non-repudiation: the receiver keeps the signed message exactly as sent, the sender the receipt as received
        assertThat((byte[]) inbound.get("raw_message")).isEqualTo((byte[]) attempt.get("sent_message"));
        assertThat((byte[]) inbound.get("receipt")).isEqualTo((byte[]) attempt.get("answer"));
    }

    @Test
    void idCustomsFindsTheDeliveredCertificateValid() throws Exception {
        deliver(jpChamber, "JP-X-002");

        assertThat(idCustoms.listInboundCertificates(Requests.inbound(null, null, 100)).getCertificate())
                .extracting(CertificateSummaryType::getCertificate)
                .anySatisfy(id -> {
                    assertThat(id.getCertificateNumber()).isEqualTo("JP-X-002");
                    assertThat(id.getIssuingCountry()).isEqualTo("JP");
                    assertThat(id.getVersion()).isEqualTo(1);
                });
        QueryCertificateResponse found = idCustoms.queryCertificate(
                Requests.query("JP", "JP-X-002", Certificates.INVOICE_1));
        assertThat(found.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(found.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(found.getRecord().getCertificateOfOrigin().getExporter().getName())
                .isEqualTo(Certificates.sample().getExporter().getName());
        // DESIGN §6: once Customs has read it, the inbound message is DELIVERED_TO_BACKOFFICE
        assertThat(inboundState("JP-X-002")).isEqualTo("DELIVERED_TO_BACKOFFICE");
    }

    private String inboundState(String certificateNumber) {
        return (String) queryRow(pair.id(), "select m.state from inbound_message m join certificate c"
                + " on c.id = m.certificate_id where c.certificate_number = ? and m.action = 'SubmitCertificate'",
                certificateNumber).get("state");
    }

    @Test
    void anAcceptanceAndAUtilisationAtIdReachTheIssuerWithTheBalanceDrawn() throws Exception {
        String trackingId = deliver(jpChamber, "JP-X-003");

        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-X-003", 1),
                AcknowledgementStatusType.ACCEPTED, "accepted for IMP-X-003"));
        idCustoms.recordUtilisation(Requests.utilisation(Requests.id("JP", "JP-X-003", 1), "IMP-X-003",
                Requests.draw(1, "200", "H87")));

        assertThat(inboundState("JP-X-003")).isEqualTo("ACKNOWLEDGED");
        GetDeliveryStatusResponse answered = awaitStatus(jpChamber, trackingId, s -> s.getAnswer().size() == 2);
        assertThat(answered.getTransmission().getState()).isEqualTo(TransmissionStateType.ACKNOWLEDGED);
        assertThat(answered.getAnswer()).extracting(AnswerType::getAcknowledgement).filteredOn(a -> a != null)
                .singleElement().satisfies(a -> {
                    assertThat(a.getStatus()).isEqualTo(AcknowledgementStatusType.ACCEPTED);
                    assertThat(a.getRemarks()).isEqualTo("accepted for IMP-X-003");
                });
        assertThat(answered.getAnswer()).extracting(AnswerType::getUtilisationNotice).filteredOn(u -> u != null)
                .singleElement().satisfies(u -> assertThat(u.getDeclarationNumber()).isEqualTo("IMP-X-003"));

        // both answers refer to the message that delivered the certificate (ebMS RefToMessageId)
        assertThat(queryLong(pair.jp(), "select count(*) from inbound_message"
                + " where ref_to_message_id = '" + answered.getTransmission().getMessageId() + "'")).isEqualTo(2);

        CertificateRecordType atJp = jpChamber.getCertificate(Requests.get("JP", "JP-X-003", 1)).getRecord();
        assertThat(atJp.getBalance()).filteredOn(b -> b.getItemNumber() == 1).singleElement().satisfies(b -> {
            assertThat(b.getDrawn().getValue()).isEqualByComparingTo(new BigDecimal("200"));
            assertThat(b.getRemaining().getValue()).isEqualByComparingTo(new BigDecimal("600"));
        });
    }

    @Test
    void aRejectionAtIdMakesTheIssuersTransmissionRejected() throws Exception {
        String trackingId = deliver(jpChamber, "JP-X-004");

        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-X-004", 1),
                AcknowledgementStatusType.REJECTED, "origin criterion not met"));

        GetDeliveryStatusResponse rejected = awaitState(jpChamber, trackingId, TransmissionStateType.REJECTED);
        assertThat(rejected.getAnswer()).extracting(AnswerType::getAcknowledgement).singleElement()
                .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AcknowledgementStatusType.REJECTED));
    }

    @Test
    void aCancellationAtJpShowsAtIdAndStopsUtilisationThere() throws Exception {
        deliver(jpChamber, "JP-X-005");

        String cancellation = jpChamber.submitStatusChange(Requests.cancel("JP-X-005", "issued in error"))
                .getReceipt().getTrackingId();
        awaitState(jpChamber, cancellation, TransmissionStateType.DELIVERED);

        QueryCertificateResponse queried = idCustoms.queryCertificate(
                Requests.query("JP", "JP-X-005", Certificates.INVOICE_1));
        assertThat(queried.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(queried.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.CANCELLED);
        assertThat(queried.getRecord().getStatusReason()).isEqualTo("issued in error");
        assertThat(idCustoms.getCertificate(Requests.get("JP", "JP-X-005", 1)).getRecord().getCurrentStatus())
                .isEqualTo(CurrentStatusType.CANCELLED);
        long utilisations = count(pair.id(), "utilisation");
        assertThat(faultOf(() -> idCustoms.recordUtilisation(Requests.utilisation(Requests.id("JP", "JP-X-005", 1),
                "IMP-X-005", Requests.draw(1, "1", "H87")))).getCode()).isEqualTo("CONFLICT");
        assertThat(count(pair.id(), "utilisation")).isEqualTo(utilisations);
    }

    @Test
    void aReplacementAtJpShowsAtIdAsReplacedByTheNewVersion() throws Exception {
        deliver(jpChamber, "JP-X-006");

        String replacement = jpChamber.submitStatusChange(Requests.replace("JP-X-006",
                Certificates.replacement("JP-X-006", 2, "invoice corrected"))).getReceipt().getTrackingId();
        awaitState(jpChamber, replacement, TransmissionStateType.DELIVERED);

        CertificateRecordType v1 = idCustoms.getCertificate(Requests.get("JP", "JP-X-006", 1)).getRecord();
        assertThat(v1.getCurrentStatus()).isEqualTo(CurrentStatusType.REPLACED);
        assertThat(v1.getReplacedBy().getCertificateNumber()).isEqualTo("JP-X-006");
        assertThat(v1.getReplacedBy().getVersion()).isEqualTo(2);
        CertificateRecordType v2 = awaitCertificate(idCustoms, "JP", "JP-X-006", 2, r -> true);
        assertThat(v2.getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(v2.getCertificateOfOrigin().getReplaces().getVersion()).isEqualTo(1);
    }
}
