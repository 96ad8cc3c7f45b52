package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cogateway.testing.BackOfficeClient.faultOf;

import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateRecordType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.DocumentKindType;
import org.cogateway.contract.backoffice.FindingType;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.HistoryEntryType;
import org.cogateway.contract.backoffice.PartnerType;
import org.cogateway.contract.backoffice.SeverityType;
import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.backoffice.TransmissionType;
import org.cogateway.contract.backoffice.ValidateCertificateResponse;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.CertificateStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The issuing body's operations over HTTP: submit, cancel, replace, track, read back, validate. */
class ExportingSideTest {
    private static Gateway gateway;
    private static CertificateOfOriginPortType chamber;
    private static CertificateOfOriginPortType osaka;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp();
        chamber = BackOfficeClient.as(gateway, TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
        osaka = BackOfficeClient.as(gateway, TestGateways.OSAKA, TestGateways.OSAKA_PASSWORD);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static SubmissionReceiptType submit(String number) throws Exception {
        return chamber.submitCertificate(Requests.submit(Certificates.outbound(number))).getReceipt();
    }

    @Test
    void submittedCertificateIsQueuedForThePartnerUnderATrackingId() throws Exception {
        var response = chamber.submitCertificate(Requests.submit(Certificates.outbound("JP-E-001")));

        SubmissionReceiptType receipt = response.getReceipt();
        assertThat(receipt.getTrackingId()).matches("[0-9a-f-]{36}");
        assertThat(receipt.getPartner()).isEqualTo("ID");
        assertThat(receipt.getState()).isEqualTo(TransmissionStateType.QUEUED);
        assertThat(receipt.getCertificate()).extracting("issuingCountry", "certificateNumber", "version")
                .containsExactly("JP", "JP-E-001", 1);
        assertThat(response.getFinding()).isEmpty();
    }

    @Test
    void deliveryStatusShowsTheTransmissionAndItsHistory() throws Exception {
        SubmissionReceiptType receipt = submit("JP-E-002");

        GetDeliveryStatusResponse status = chamber.getDeliveryStatus(Requests.deliveryStatus(receipt.getTrackingId()));

        TransmissionType t = status.getTransmission();
        assertThat(t.getTrackingId()).isEqualTo(receipt.getTrackingId());
        assertThat(t.getKind()).isEqualTo(DocumentKindType.CERTIFICATE);
        assertThat(t.getState()).isEqualTo(TransmissionStateType.QUEUED);
        assertThat(t.getPartner()).isEqualTo("ID");
        assertThat(t.getMessageId()).isEqualTo(receipt.getTrackingId() + "@JP-GW");
        assertThat(t.getAttempts()).isZero();
        assertThat(status.getHistory()).extracting(HistoryEntryType::getState, HistoryEntryType::getDetail)
                .containsExactly(tuple(TransmissionStateType.QUEUED, "submitted by jp-chamber"));
        assertThat(status.getAnswer()).isEmpty();
    }

    @Test
    void deliveryStatusOfAnUnknownTrackingIdIsNotFound() {
        assertThat(faultOf(() -> chamber.getDeliveryStatus(
                Requests.deliveryStatus("00000000-0000-0000-0000-000000000000"))).getCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void warningsDoNotPreventSubmissionAndAreReturned() throws Exception {
        CertificateOfOriginType co = Certificates.outbound("JP-E-003");
        co.getTransport().setPortOfLoading("KRPUS");

        var response = chamber.submitCertificate(Requests.submit(co));

        assertThat(response.getReceipt().getState()).isEqualTo(TransmissionStateType.QUEUED);
        assertThat(response.getFinding()).extracting(FindingType::getSeverity, FindingType::getCode, FindingType::getPath)
                .containsExactly(tuple(SeverityType.WARNING, "PORT_OF_LOADING_NOT_IN_EXPORT_COUNTRY",
                        "/CertificateOfOrigin/Transport/PortOfLoading"));
    }

    @Test
    void submitTakesOnlyNewIssuedCertificates() {
        CertificateOfOriginType replacing = Certificates.replacement("JP-E-004", 2, "typo");

        assertThat(faultOf(() -> chamber.submitCertificate(Requests.submit(replacing))).getCode())
                .isEqualTo("INVALID_REQUEST");
        assertThat(TestGateways.queryLong(gateway,
                "select count(*) from certificate where certificate_number = 'JP-E-004'")).isZero();
    }

    @Test
    void cancellationQueuesAStatusChangeAndTheCertificateReadsCancelled() throws Exception {
        submit("JP-E-010");

        SubmissionReceiptType receipt = chamber.submitStatusChange(Requests.cancel("JP-E-010", "Shipment cancelled"))
                .getReceipt();

        assertThat(receipt.getState()).isEqualTo(TransmissionStateType.QUEUED);
        assertThat(chamber.getDeliveryStatus(Requests.deliveryStatus(receipt.getTrackingId())).getTransmission().getKind())
                .isEqualTo(DocumentKindType.STATUS_CHANGE);
        CertificateRecordType record = chamber.getCertificate(Requests.get("JP", "JP-E-010", null)).getRecord();
        assertThat(record.getCurrentStatus()).isEqualTo(CurrentStatusType.CANCELLED);
        assertThat(record.getStatusReason()).isEqualTo("Shipment cancelled");
    }

    @Test
    void cancellingAgainAnswersWithTheSameReceiptAndQueuesNothing() throws Exception {
        submit("JP-E-011");
        SubmissionReceiptType first = chamber.submitStatusChange(Requests.cancel("JP-E-011", "Shipment cancelled"))
                .getReceipt();
        long transmissions = TestGateways.count(gateway, "transmission");

        SubmissionReceiptType again = chamber.submitStatusChange(Requests.cancel("JP-E-011", "Shipment cancelled"))
                .getReceipt();

        assertThat(again.getTrackingId()).isEqualTo(first.getTrackingId());
        assertThat(TestGateways.count(gateway, "transmission")).isEqualTo(transmissions);
    }

    @Test
    void cancellingACertificateNeverSubmittedIsNotFound() {
        assertThat(faultOf(() -> chamber.submitStatusChange(Requests.cancel("JP-E-012", "x"))).getCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void replacementMarksTheOldVersionReplacedAndNamesItsSuccessor() throws Exception {
        submit("JP-E-020");

        var response = chamber.submitStatusChange(Requests.replace("JP-E-020",
                Certificates.replacement("JP-E-020", 2, "Gross weight corrected")));

        assertThat(response.getReceipt().getCertificate().getVersion()).isEqualTo(2);
        assertThat(chamber.getDeliveryStatus(Requests.deliveryStatus(response.getReceipt().getTrackingId()))
                .getTransmission().getKind()).isEqualTo(DocumentKindType.CERTIFICATE);
        CertificateRecordType old = chamber.getCertificate(Requests.get("JP", "JP-E-020", 1)).getRecord();
        assertThat(old.getCurrentStatus()).isEqualTo(CurrentStatusType.REPLACED);
        assertThat(old.getReplacedBy()).extracting("issuingCountry", "certificateNumber", "version")
                .containsExactly("JP", "JP-E-020", 2);
        CertificateRecordType latest = chamber.getCertificate(Requests.get("JP", "JP-E-020", null)).getRecord();
        assertThat(latest.getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(latest.getCertificateOfOrigin().getVersion()).isEqualTo(2);
        assertThat(latest.getCertificateOfOrigin().getReplaces().getReason()).isEqualTo("Gross weight corrected");
    }

    @Test
    void replacingTheSameVersionAgainAnswersWithTheSameReceipt() throws Exception {
        submit("JP-E-021");
        CertificateOfOriginType v2 = Certificates.replacement("JP-E-021", 2, "Typo");
        String first = chamber.submitStatusChange(Requests.replace("JP-E-021", v2)).getReceipt().getTrackingId();

        String again = chamber.submitStatusChange(Requests.replace("JP-E-021", v2)).getReceipt().getTrackingId();

        assertThat(again).isEqualTo(first);
        assertThat(TestGateways.queryLong(gateway,
                "select count(*) from certificate where certificate_number = 'JP-E-021'")).isEqualTo(2);
    }

    @Test
    void aCancelledCertificateCannotBeReplaced() throws Exception {
        submit("JP-E-022");
        chamber.submitStatusChange(Requests.cancel("JP-E-022", "Shipment cancelled"));

        assertThat(faultOf(() -> chamber.submitStatusChange(Requests.replace("JP-E-022",
                Certificates.replacement("JP-E-022", 2, "Typo")))).getCode()).isEqualTo("CONFLICT");
    }

    @Test
    void issuerReadsBackItsCertificateLatestAndByVersion() throws Exception {
        submit("JP-E-030");

        CertificateRecordType latest = chamber.getCertificate(Requests.get("JP", "JP-E-030", null)).getRecord();
        CertificateRecordType v1 = chamber.getCertificate(Requests.get("JP", "JP-E-030", 1)).getRecord();

        assertThat(latest.getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(latest.getCertificateOfOrigin().getCertificateNumber()).isEqualTo("JP-E-030");
        assertThat(latest.getCertificateOfOrigin().getStatus()).isEqualTo(CertificateStatusType.ISSUED);
        assertThat(latest.getBalance()).hasSize(3);
        assertThat(v1.getCertificateOfOrigin().getVersion()).isEqualTo(1);
        assertThat(faultOf(() -> chamber.getCertificate(Requests.get("JP", "JP-E-030", 2))).getCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void undeliveredListsTheCallersQueuedTransmissionsOnly() throws Exception {
        String mine = submit("JP-E-040").getTrackingId();
        String theirs = osaka.submitCertificate(Requests.submit(Certificates.outbound("JP-E-041"))).getReceipt()
                .getTrackingId();

        var listed = chamber.listUndelivered(Requests.undelivered()).getTransmission();

        assertThat(listed).extracting(TransmissionType::getTrackingId).contains(mine).doesNotContain(theirs);
        assertThat(listed).allSatisfy(t -> assertThat(t.getState()).isEqualTo(TransmissionStateType.QUEUED));
        var forOtherPartner = new org.cogateway.contract.backoffice.ListUndeliveredRequest();
        forOtherPartner.setPartner("TH");
        assertThat(chamber.listUndelivered(forOtherPartner).getTransmission()).isEmpty();
        assertThat(osaka.listUndelivered(Requests.undelivered()).getTransmission())
                .extracting(TransmissionType::getTrackingId).contains(theirs).doesNotContain(mine);
    }

    @Test
    void validationReportsFindingsAndStoresNothing() throws Exception {
        CertificateOfOriginType co = Certificates.outbound("JP-E-050");
        co.getGoodsItem().get(2).setOriginCriterion("RVC");
        var before = TestGateways.rowCounts(gateway);

        ValidateCertificateResponse response = chamber.validateCertificate(Requests.validate(co));

        assertThat(response.isValid()).isFalse();
        assertThat(response.getFinding()).extracting(FindingType::getSeverity, FindingType::getCode, FindingType::getPath)
                .containsExactly(tuple(SeverityType.SEVERE, "ORIGIN_CRITERION_NOT_IN_AGREEMENT",
                        "/CertificateOfOrigin/GoodsItem[3]/OriginCriterion"));
        assertThat(TestGateways.rowCounts(gateway)).isEqualTo(before);
    }

    @Test
    void aValidCertificateValidatesWithoutFindings() throws Exception {
        ValidateCertificateResponse response = chamber.validateCertificate(
                Requests.validate(Certificates.outbound("JP-E-051")));

        assertThat(response.isValid()).isTrue();
        assertThat(response.getFinding()).isEmpty();
    }

    @Test
    void partnersAreListedWithTheirAgreements() throws Exception {
        var partners = chamber.listPartners(Requests.partners()).getPartner();

        assertThat(partners).extracting(PartnerType::getId, PartnerType::getCountry, PartnerType::getPartyId)
                .containsExactly(tuple("ID", "ID", "ID-GW"));
        assertThat(partners.get(0).getAgreement()).containsExactly("AJCEP", "JIEPA", "RCEP");
    }
}
