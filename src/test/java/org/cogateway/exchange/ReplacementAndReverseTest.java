package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.exchange.Tracking.awaitStatus;
import static org.cogateway.testing.TestGateways.queryLong;

import java.math.BigDecimal;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateRecordType;
import org.cogateway.contract.backoffice.CertificateSummaryType;
import org.cogateway.contract.backoffice.CurrentStatusType;
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
 * The exchange beyond the first version and the first direction: answers to a replacement reach the
 * replacement's transmission, the same answer given twice travels once, and Indonesia issues to Japan
 * through the same pair.
 */
class ReplacementAndReverseTest {
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
    void answersToAReplacementCloseTheReplacementsTransmission() throws Exception {
        String v1 = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-V-001"))).getReceipt()
                .getTrackingId();
        awaitState(jpChamber, v1, TransmissionStateType.DELIVERED);
        String v2 = jpChamber.submitStatusChange(Requests.replace("JP-V-001",
                Certificates.replacement("JP-V-001", 2, "quantity corrected"))).getReceipt().getTrackingId();
        awaitState(jpChamber, v2, TransmissionStateType.DELIVERED);

        QueryCertificateResponse queried = idCustoms.queryCertificate(
                Requests.query("JP", "JP-V-001", Certificates.INVOICE_1));
        assertThat(queried.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(queried.getRecord().getCertificateOfOrigin().getVersion()).isEqualTo(2);
        assertThat(queried.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(idCustoms.listInboundCertificates(Requests.inbound(null, null, 100)).getCertificate())
                .filteredOn(c -> c.getCertificate().getCertificateNumber().equals("JP-V-001"))
                .extracting(c -> c.getCertificate().getVersion() + " " + c.getCurrentStatus())
                .containsExactlyInAnyOrder("1 REPLACED", "2 VALID");

        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-V-001", 2),
                AcknowledgementStatusType.ACCEPTED, null));
        idCustoms.recordUtilisation(Requests.utilisation(Requests.id("JP", "JP-V-001", 2), "IMP-V-001",
                Requests.draw(1, "100", "H87")));

        var answered = awaitStatus(jpChamber, v2, s -> s.getAnswer().size() == 2);
        assertThat(answered.getTransmission().getState()).isEqualTo(TransmissionStateType.ACKNOWLEDGED);
        assertThat(Tracking.status(jpChamber, v1).getTransmission().getState()).isEqualTo(TransmissionStateType.DELIVERED);
        CertificateRecordType atJp = jpChamber.getCertificate(Requests.get("JP", "JP-V-001", 2)).getRecord();
        assertThat(atJp.getBalance()).filteredOn(b -> b.getItemNumber() == 1).singleElement()
                .satisfies(b -> assertThat(b.getRemaining().getValue()).isEqualByComparingTo(new BigDecimal("700")));
    }

    @Test
    void anAcknowledgementGivenTwiceTravelsOnce() throws Exception {
        String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-V-002")))
                .getReceipt().getTrackingId();
        awaitState(jpChamber, trackingId, TransmissionStateType.DELIVERED);

        var ack = Requests.acknowledge(Requests.id("JP", "JP-V-002", 1), AcknowledgementStatusType.ACCEPTED, "ok");
        String first = idCustoms.acknowledgeCertificate(ack).getReceipt().getTrackingId();
        String second = idCustoms.acknowledgeCertificate(ack).getReceipt().getTrackingId();

        assertThat(second).isEqualTo(first);
        awaitState(jpChamber, trackingId, TransmissionStateType.ACKNOWLEDGED);
        awaitState(idCustoms, first, TransmissionStateType.DELIVERED);
        assertThat(Tracking.status(jpChamber, trackingId).getAnswer()).hasSize(1);
    }

    @Test
    void aCertificateIssuedInIndonesiaReachesJapaneseCustomsAndItsAnswerComesBack() throws Exception {
        CertificateOfOriginPortType idChamber = BackOfficeClient.as(pair.id(), TestGateways.ID_CHAMBER,
                TestGateways.ID_CHAMBER_PASSWORD);
        CertificateOfOriginPortType jpCustoms = BackOfficeClient.as(pair.jp(), TestGateways.CUSTOMS,
                TestGateways.CUSTOMS_PASSWORD);

        String trackingId = idChamber.submitCertificate(Requests.submit(Certificates.inbound("ID-V-001")))
                .getReceipt().getTrackingId();
        awaitState(idChamber, trackingId, TransmissionStateType.DELIVERED);

        assertThat(jpCustoms.listInboundCertificates(Requests.inbound(null, null, 100)).getCertificate())
                .extracting(CertificateSummaryType::getCertificate)
                .anySatisfy(id -> assertThat(id.getCertificateNumber()).isEqualTo("ID-V-001"));
        QueryCertificateResponse found = jpCustoms.queryCertificate(
                Requests.query("ID", "ID-V-001", Certificates.invoiceA("ID-V-001")));
        assertThat(found.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(found.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);

        jpCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("ID", "ID-V-001", 1),
                AcknowledgementStatusType.ACCEPTED_WITH_WARNINGS, "port of loading checked"));
        awaitState(idChamber, trackingId, TransmissionStateType.ACKNOWLEDGED);
        assertThat(queryLong(pair.jp(), "select count(*) from inbound_message m join certificate c on c.id = m.certificate_id"
                + " where m.partner_id = 'ID' and c.direction = 'INBOUND' and c.certificate_number = 'ID-V-001'"))
                .isEqualTo(1);
    }
}
