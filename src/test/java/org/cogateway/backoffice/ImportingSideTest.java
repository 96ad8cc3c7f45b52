package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.BackOfficeClient.faultOf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateRecordType;
import org.cogateway.contract.backoffice.CertificateSummaryType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.DocumentKindType;
import org.cogateway.contract.backoffice.ListInboundCertificatesResponse;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.QueryOutcomeType;
import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.CertificateStatusType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.document.Dates;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Parallel;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customs' reading and acknowledging of certificates partners sent, over HTTP. */
class ImportingSideTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private Gateway gateway;
    private CertificateOfOriginPortType customs;

    @BeforeEach
    void start() {
        // a gateway per test: the inbound list is the whole table, so tests must not see each other's rows
        gateway = TestGateways.jp();
        customs = BackOfficeClient.as(gateway, TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private void received(String number, Instant at) {
        TestGateways.storeInbound(gateway, Certificates.inbound(number), at);
    }

    @Test
    void inboundCertificatesArePagedWithACursorUntilTheLastPage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            received("ID-I-00" + i, T0.plusSeconds(i));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ListInboundCertificatesResponse page = customs.listInboundCertificates(Requests.inbound(null, cursor, 2));
            page.getCertificate().forEach(c -> seen.add(c.getCertificate().getCertificateNumber()));
            pageSizes.add(page.getCertificate().size());
            cursor = page.getNextCursor();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(seen).containsExactly("ID-I-001", "ID-I-002", "ID-I-003", "ID-I-004", "ID-I-005");
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void aPageThatEndsExactlyAtTheLastCertificateHasNoNextCursor() throws Exception {
        received("ID-I-010", T0);
        received("ID-I-011", T0.plusSeconds(1));

        ListInboundCertificatesResponse page = customs.listInboundCertificates(Requests.inbound(null, null, 2));

        assertThat(page.getCertificate()).hasSize(2);
        assertThat(page.getNextCursor()).isNull();
    }

    @Test
    void summariesCarryStatusAgreementExporterAndInvoices() throws Exception {
        received("ID-I-020", T0);

        CertificateSummaryType summary = customs.listInboundCertificates(Requests.inbound(null, null, null))
                .getCertificate().get(0);

        assertThat(summary.getCertificate()).extracting("issuingCountry", "certificateNumber", "version")
                .containsExactly("ID", "ID-I-020", 1);
        assertThat(summary.getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(summary.getAgreement()).isEqualTo("JIEPA");
        assertThat(summary.getExporterName()).isEqualTo("Minato Industrial Trading Co., Ltd.");
        assertThat(summary.getInvoiceNumber()).containsExactly(Certificates.invoiceA("ID-I-020"),
                Certificates.invoiceB("ID-I-020"));
        assertThat(Dates.instant(summary.getReceivedAt())).isEqualTo(T0);
    }

    @Test
    void sinceLeavesOutWhatArrivedBefore() throws Exception {
        received("ID-I-030", T0);
        received("ID-I-031", T0.plusSeconds(60));
        received("ID-I-032", T0.plusSeconds(120));

        var listed = customs.listInboundCertificates(Requests.inbound(Dates.xml(T0.plusSeconds(60)), null, null))
                .getCertificate();

        assertThat(listed).extracting(c -> c.getCertificate().getCertificateNumber())
                .containsExactly("ID-I-031", "ID-I-032");
    }

    @Test
    void aCursorTheGatewayNeverIssuedIsAnInvalidRequest() {
        assertThat(faultOf(() -> customs.listInboundCertificates(Requests.inbound(null, "not-a-cursor", null)))
                .getCode()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void certificatesForAnotherCountryAreNotListed() throws Exception {
        CertificateOfOriginType toThailand = Certificates.inbound("ID-I-040");
        toThailand.setImportCountry("TH");
        TestGateways.storeInbound(gateway, toThailand, T0);
        received("ID-I-041", T0);

        assertThat(customs.listInboundCertificates(Requests.inbound(null, null, null)).getCertificate())
                .extracting(c -> c.getCertificate().getCertificateNumber()).containsExactly("ID-I-041");
    }

    @Test
    void customsGetsTheLatestVersionOrTheOneAskedFor() throws Exception {
        received("ID-I-050", T0);
        CertificateOfOriginType v2 = Certificates.inbound("ID-I-050");
        v2.setVersion(2);
        v2.setRemarks("version 2");
        TestGateways.storeInbound(gateway, v2, T0.plusSeconds(1));

        CertificateRecordType latest = customs.getCertificate(Requests.get("ID", "ID-I-050", null)).getRecord();
        CertificateRecordType first = customs.getCertificate(Requests.get("ID", "ID-I-050", 1)).getRecord();

        assertThat(latest.getCertificateOfOrigin().getVersion()).isEqualTo(2);
        assertThat(latest.getCertificateOfOrigin().getRemarks()).isEqualTo("version 2");
        assertThat(first.getCertificateOfOrigin().getVersion()).isEqualTo(1);
        assertThat(latest.getBalance()).extracting(b -> b.getRemaining().getValue().toPlainString())
                .containsExactly("800", "96.35", "2");
        assertThat(faultOf(() -> customs.getCertificate(Requests.get("ID", "ID-I-050", 3))).getCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void queryFindsTheCertificateByNumberAndInvoice() throws Exception {
        received("ID-I-060", T0);

        QueryCertificateResponse response = customs.queryCertificate(
                Requests.query("ID", "ID-I-060", Certificates.invoiceB("ID-I-060")));

        assertThat(response.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(response.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);
        assertThat(response.getRecord().getCertificateOfOrigin().getCertificateNumber()).isEqualTo("ID-I-060");
    }

    @Test
    void queryForAnUnknownCertificateIsNotFoundWithoutARecord() throws Exception {
        QueryCertificateResponse response = customs.queryCertificate(Requests.query("ID", "ID-I-061", "INV-1"));

        assertThat(response.getOutcome()).isEqualTo(QueryOutcomeType.NOT_FOUND);
        assertThat(response.getRecord()).isNull();
    }

    @Test
    void queryCitingAnInvoiceTheCertificateDoesNotListIsAMismatch() throws Exception {
        received("ID-I-062", T0);

        QueryCertificateResponse response = customs.queryCertificate(
                Requests.query("ID", "ID-I-062", Certificates.invoiceA("ID-I-999")));

        assertThat(response.getOutcome()).isEqualTo(QueryOutcomeType.INVOICE_MISMATCH);
        assertThat(response.getRecord()).isNull();
    }

    @Test
    void queryShowsACancelledCertificateAsCancelled() throws Exception {
        CertificateOfOriginType cancelled = Certificates.inbound("ID-I-063");
        cancelled.setStatus(CertificateStatusType.CANCELLED);
        var cancellation = new org.cogateway.contract.co.CancellationType();
        cancellation.setDate(Requests.date("2026-11-25"));
        cancellation.setReason("Shipment cancelled by the buyer");
        cancelled.setCancellation(cancellation);
        TestGateways.storeInbound(gateway, cancelled, T0);

        QueryCertificateResponse response = customs.queryCertificate(
                Requests.query("ID", "ID-I-063", Certificates.invoiceA("ID-I-063")));

        assertThat(response.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(response.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.CANCELLED);
        assertThat(response.getRecord().getStatusReason()).isEqualTo("Shipment cancelled by the buyer");
    }

    @Test
    void acknowledgementIsQueuedBackToTheIssuingCountry() throws Exception {
        received("ID-I-070", T0);

        SubmissionReceiptType receipt = customs.acknowledgeCertificate(Requests.acknowledge(
                Requests.id("ID", "ID-I-070", 1), AcknowledgementStatusType.ACCEPTED, null)).getReceipt();

        assertThat(receipt.getState()).isEqualTo(TransmissionStateType.QUEUED);
        assertThat(receipt.getPartner()).isEqualTo("ID");
        assertThat(customs.getDeliveryStatus(Requests.deliveryStatus(receipt.getTrackingId())).getTransmission()
                .getKind()).isEqualTo(DocumentKindType.ACKNOWLEDGEMENT);
        assertThat(TestGateways.queryLong(gateway, "select count(*) from transmission where kind = 'ACKNOWLEDGEMENT'"))
                .isEqualTo(1);
    }

    @Test
    void theSameAcknowledgementAgainAnswersWithTheSameTrackingId() throws Exception {
        received("ID-I-071", T0);
        var ack = Requests.acknowledge(Requests.id("ID", "ID-I-071", 1), AcknowledgementStatusType.REJECTED, "HS code");
        String first = customs.acknowledgeCertificate(ack).getReceipt().getTrackingId();

        String again = customs.acknowledgeCertificate(ack).getReceipt().getTrackingId();

        assertThat(again).isEqualTo(first);
        assertThat(TestGateways.count(gateway, "transmission")).isEqualTo(1);
    }

    @Test
    void acknowledgingAnUnknownCertificateIsNotFound() {
        assertThat(faultOf(() -> customs.acknowledgeCertificate(Requests.acknowledge(
                Requests.id("ID", "ID-I-072", 1), AcknowledgementStatusType.ACCEPTED, null))).getCode())
                .isEqualTo("NOT_FOUND");
        assertThat(TestGateways.count(gateway, "transmission")).isZero();
    }

    @Test
    void undeliveredShowsCustomsItsQueuedAnswers() throws Exception {
        received("ID-I-080", T0);
        String tracking = customs.acknowledgeCertificate(Requests.acknowledge(Requests.id("ID", "ID-I-080", 1),
                AcknowledgementStatusType.ACCEPTED, null)).getReceipt().getTrackingId();

        assertThat(customs.listUndelivered(Requests.undelivered()).getTransmission())
                .extracting(t -> t.getTrackingId()).containsExactly(tracking);
    }

    @Test
    void theSameAcknowledgementSentInParallelIsQueuedOnce() throws Exception {
        received("ID-I-090", T0);
        var ack = Requests.acknowledge(Requests.id("ID", "ID-I-090", 1), AcknowledgementStatusType.ACCEPTED, null);

        List<String> trackingIds = Parallel.run(6,
                () -> customs.acknowledgeCertificate(ack).getReceipt().getTrackingId());

        assertThat(trackingIds).containsOnly(trackingIds.get(0));
        assertThat(TestGateways.count(gateway, "transmission")).isEqualTo(1);
    }

    @Test
    void aPageSizeOutsideTheContractsRangeIsAnInvalidRequest() throws Exception {
        received("ID-I-100", T0);
        received("ID-I-101", T0);
        var undelivered = new org.cogateway.contract.backoffice.ListUndeliveredRequest();
        undelivered.setMaxResults(0);

        for (int size : new int[] {0, -1, 501}) {
            assertThat(faultOf(() -> customs.listInboundCertificates(Requests.inbound(null, null, size))).getCode())
                    .as("MaxResults " + size).isEqualTo("INVALID_REQUEST");
            undelivered.setMaxResults(size);
            assertThat(faultOf(() -> customs.listUndelivered(undelivered)).getCode())
                    .as("MaxResults " + size).isEqualTo("INVALID_REQUEST");
        }
        assertThat(customs.listInboundCertificates(Requests.inbound(null, null, 500)).getCertificate()).hasSize(2);
    }

    @Test
    void customsValidatesCertificatesAsComingFromPartnersToJapan() throws Exception {
        var inbound = customs.validateCertificate(Requests.validate(Certificates.inbound("ID-I-110")));
        var outbound = customs.validateCertificate(Requests.validate(Certificates.outbound("JP-I-111")));

        assertThat(inbound.isValid()).isTrue();
        assertThat(inbound.getFinding()).isEmpty();
        assertThat(outbound.isValid()).isFalse();
        assertThat(outbound.getFinding()).extracting(f -> f.getCode())
                .contains("EXPORT_COUNTRY_NOT_ALLOWED", "IMPORT_COUNTRY_NOT_ALLOWED");
        assertThat(TestGateways.count(gateway, "certificate")).isZero();
    }
}
