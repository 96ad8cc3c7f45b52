package org.cogateway.validation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each rule on a minimally changed copy of the valid sample: exactly one finding, with its code and path. */
class BusinessRulesTest {

    private static final String ROOT = "/CertificateOfOrigin";

    private static void assertOnlyFinding(SampleCertificate certificate, Severity severity, String code, String path) {
        ValidationReport report = certificate.validate();
        assertThat(report.findings()).extracting(Finding::severity, Finding::code, Finding::path)
                .containsExactly(tuple(severity, code, path));
        assertThat(report.acceptable()).isEqualTo(severity != Severity.SEVERE);
    }

    @Test
    void unknownExportCountryIsReportedWithWhatFollowsFromIt() {
        // QQ is well formed but user-assigned, never a country
        assertThat(SampleCertificate.valid().set("co:ExportCountry", "QQ").validate().findings())
                .extracting(Finding::code, Finding::path).containsExactly(
                        tuple("AGREEMENT_NOT_BETWEEN_COUNTRIES", ROOT + "/Agreement"),
                        tuple("UNKNOWN_COUNTRY", ROOT + "/ExportCountry"),
                        tuple("EXPORT_COUNTRY_NOT_ALLOWED", ROOT + "/ExportCountry"));
    }

    @Test
    void unknownCountryInAnAddressIsReported() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Producer[2]/co:Address/co:Country", "JA"),
                Severity.SEVERE, "UNKNOWN_COUNTRY", ROOT + "/Producer[2]/Address/Country");
    }

    @Test
    void unknownCountryPrefixOfALocodeIsReportedOnce() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Transport/co:PortOfDischarge", "IXTPP"),
                Severity.SEVERE, "UNKNOWN_COUNTRY", ROOT + "/Transport/PortOfDischarge");
    }

    @Test
    void reservedCountryCodeUkIsNotACountry() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Consignee/co:Address/co:Country", "UK"),
                Severity.SEVERE, "UNKNOWN_COUNTRY", ROOT + "/Consignee/Address/Country");
    }

    @Test
    void unknownCurrencyIsReportedOnTheAttribute() {
        assertOnlyFinding(SampleCertificate.valid().setAttribute("co:GoodsItem[2]/co:FobValue", "currency", "JPN"),
                Severity.SEVERE, "UNKNOWN_CURRENCY", ROOT + "/GoodsItem[2]/FobValue/@currency");
    }

    @Test
    void withdrawnCurrencyIsUnknown() {
        assertOnlyFinding(SampleCertificate.valid().setAttribute("co:GoodsItem[1]/co:FobValue", "currency", "HRK"),
                Severity.SEVERE, "UNKNOWN_CURRENCY", ROOT + "/GoodsItem[1]/FobValue/@currency");
    }

    @Test
    void unknownUnitIsReportedOnTheAttribute() {
        assertOnlyFinding(SampleCertificate.valid().setAttribute("co:GoodsItem[3]/co:Quantity", "unit", "KGS"),
                Severity.SEVERE, "UNKNOWN_UNIT", ROOT + "/GoodsItem[3]/Quantity/@unit");
    }

    @Test
    void malformedCurrencyIsOnlyASchemaFinding() {
        assertOnlyFinding(SampleCertificate.valid().setAttribute("co:GoodsItem[1]/co:FobValue", "currency", "usd"),
                Severity.SEVERE, "SCHEMA", ROOT + "/GoodsItem[1]/FobValue");
    }

    @Test
    void unknownAgreementIsReported() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Agreement", "IJEPA"),
                Severity.SEVERE, "UNKNOWN_AGREEMENT", ROOT + "/Agreement");
    }

    @Test
    void agreementNotInForceBetweenTheCountriesIsReported() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Agreement", "JTEPA"),
                Severity.SEVERE, "AGREEMENT_NOT_BETWEEN_COUNTRIES", ROOT + "/Agreement");
    }

    @Test
    void rcepCoversJapanToIndonesiaWithItsOwnCriteria() {
        SampleCertificate rcep = SampleCertificate.valid().set("co:Agreement", "RCEP")
                .set("co:GoodsItem[1]/co:OriginCriterion", "CTC").set("co:GoodsItem[3]/co:OriginCriterion", "RVC");

        assertThat(rcep.validate().findings()).isEmpty();
    }

    @Test
    void originCriterionOfAnotherAgreementIsReported() {
        assertOnlyFinding(SampleCertificate.valid().set("co:GoodsItem[3]/co:OriginCriterion", "RVC"),
                Severity.SEVERE, "ORIGIN_CRITERION_NOT_IN_AGREEMENT", ROOT + "/GoodsItem[3]/OriginCriterion");
    }

    @Test
    void duplicateInvoiceNumberIsReportedOnTheSecondInvoice() {
        SampleCertificate certificate = SampleCertificate.valid()
                .set("co:Invoice[2]/co:Number", "MIT-INV-2026-1108")
                .set("co:GoodsItem[3]/co:InvoiceReference", "MIT-INV-2026-1108");

        assertOnlyFinding(certificate, Severity.SEVERE, "DUPLICATE_INVOICE_NUMBER", ROOT + "/Invoice[2]/Number");
    }

    @Test
    void invoiceReferenceThatIsNoInvoiceNumberIsReported() {
        assertOnlyFinding(SampleCertificate.valid().set("co:GoodsItem[2]/co:InvoiceReference", "MIT-INV-2026-1109"),
                Severity.SEVERE, "UNKNOWN_INVOICE_REFERENCE", ROOT + "/GoodsItem[2]/InvoiceReference");
    }

    @Test
    void duplicateItemNumberIsReportedOnTheLaterItem() {
        assertOnlyFinding(SampleCertificate.valid().set("co:GoodsItem[3]/co:ItemNumber", "01"),
                Severity.SEVERE, "DUPLICATE_ITEM_NUMBER", ROOT + "/GoodsItem[3]/ItemNumber");
    }

    @Test
    void certificationDatedTomorrowEverywhereIsInTheFuture() {
        // today is 2026-11-26 in UTC+14 at 2026-11-26T00:00Z; the 27th has not begun anywhere
        assertOnlyFinding(SampleCertificate.valid().set("co:Certification/co:Date", "2026-11-27"),
                Severity.SEVERE, "DATE_IN_FUTURE", ROOT + "/Certification/Date");
    }

    @Test
    void certificateIssuedTodayInTokyoIsAcceptedWhileItIsStillYesterdayInUtc() {
        // 2026-11-25T20:00Z is 2026-11-26T05:00 in Tokyo
        SampleCertificate certificate = SampleCertificate.valid()
                .set("co:IssueDate", "2026-11-26").set("co:Certification/co:Date", "2026-11-26")
                .set("co:Flags/co:IssuedRetroactively", "true");
        CertificateValidator validator = new CertificateValidator(SampleCertificate.CODE_LISTS,
                Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC));

        assertThat(validator.validate(certificate.root(), SampleCertificate.JP_TO_ID).findings()).isEmpty();
    }

    @Test
    void everyDateOfTheCertificateIsCheckedForTheFuture() {
        SampleCertificate certificate = SampleCertificate.valid()
                .set("co:IssueDate", "2027-01-05").set("co:Invoice[1]/co:Date", "2027-01-04")
                .set("co:ExporterDeclaration/co:Date", "2027-01-05").set("co:Certification/co:Date", "2027-01-05")
                .set("co:Flags/co:IssuedRetroactively", "true");

        assertThat(certificate.validate().findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple("DATE_IN_FUTURE", ROOT + "/IssueDate"),
                tuple("DATE_IN_FUTURE", ROOT + "/Invoice[1]/Date"),
                tuple("DATE_IN_FUTURE", ROOT + "/ExporterDeclaration/Date"),
                tuple("DATE_IN_FUTURE", ROOT + "/Certification/Date"));
    }

    @Test
    void exportCountryOutsideTheRouteIsReported() {
        SampleCertificate certificate = SampleCertificate.valid().set("co:ExportCountry", "TH")
                .set("co:Agreement", "AJCEP").set("co:GoodsItem[1]/co:OriginCriterion", "WO")
                .set("co:GoodsItem[3]/co:OriginCriterion", "WO").set("co:Transport/co:PortOfLoading", "THLCH");

        assertOnlyFinding(certificate, Severity.SEVERE, "EXPORT_COUNTRY_NOT_ALLOWED", ROOT + "/ExportCountry");
    }

    @Test
    void importCountryOutsideTheRouteIsReported() {
        SampleCertificate certificate = SampleCertificate.valid().set("co:ImportCountry", "TH")
                .set("co:Agreement", "RCEP").set("co:GoodsItem[1]/co:OriginCriterion", "WO")
                .set("co:GoodsItem[3]/co:OriginCriterion", "WO").set("co:Transport/co:PortOfDischarge", "THLCH");

        assertOnlyFinding(certificate, Severity.SEVERE, "IMPORT_COUNTRY_NOT_ALLOWED", ROOT + "/ImportCountry");
    }

    @Test
    void sameExportAndImportCountryIsReported() {
        ValidationContext domestic = new ValidationContext(Set.of("JP"), Set.of("JP", "ID"),
                SampleCertificate.JP_TO_ID.lookup(), "JP");
        SampleCertificate certificate = SampleCertificate.valid().set("co:ImportCountry", "JP")
                .set("co:Agreement", "RCEP").set("co:GoodsItem[1]/co:OriginCriterion", "WO")
                .set("co:GoodsItem[3]/co:OriginCriterion", "WO").set("co:Transport/co:PortOfDischarge", "JPOSA");

        assertThat(new CertificateValidator(SampleCertificate.CODE_LISTS, SampleCertificate.TODAY)
                .validate(certificate.root(), domestic).findings())
                .extracting(Finding::severity, Finding::code, Finding::path)
                .containsExactly(tuple(Severity.SEVERE, "SAME_EXPORT_AND_IMPORT_COUNTRY", ROOT + "/ImportCountry"));
    }

    @Test
    void replacementOfAKnownCertificateIsAccepted() {
        SampleCertificate certificate = SampleCertificate.valid().insertBefore("co:Agreement", "Replaces",
                "CertificateNumber", "JP-2026-000100", "Version", "1", "Reason", "Wrong HS code on item 2");

        assertThat(certificate.validate().findings()).isEmpty();
    }

    @Test
    void replacementOfAnUnknownCertificateIsReported() {
        SampleCertificate certificate = SampleCertificate.valid().insertBefore("co:Agreement", "Replaces",
                "CertificateNumber", "JP-2026-000100", "Version", "2", "Reason", "Wrong HS code on item 2");

        assertOnlyFinding(certificate, Severity.SEVERE, "REPLACED_CERTIFICATE_UNKNOWN", ROOT + "/Replaces");
    }

    @Test
    void cancelledWithoutCancellationIsInconsistent() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Status", "CANCELLED"),
                Severity.SEVERE, "STATUS_INCONSISTENT", ROOT + "/Status");
    }

    @Test
    void cancelledWithCancellationIsConsistent() {
        SampleCertificate certificate = SampleCertificate.valid().set("co:Status", "CANCELLED").insertBefore(
                "co:Agreement", "Cancellation", "Date", "2026-11-25", "Reason", "Shipment cancelled by the buyer");

        assertThat(certificate.validate().findings()).isEmpty();
    }

    @Test
    void cancellationOnAnIssuedCertificateIsInconsistent() {
        SampleCertificate certificate = SampleCertificate.valid().insertBefore(
                "co:Agreement", "Cancellation", "Date", "2026-11-25", "Reason", "Shipment cancelled by the buyer");

        assertOnlyFinding(certificate, Severity.SEVERE, "STATUS_INCONSISTENT", ROOT + "/Cancellation");
    }

    @Test
    void replacesOnACertificateThatIsNotIssuedIsInconsistent() {
        SampleCertificate certificate = SampleCertificate.valid().set("co:Status", "REPLACED").insertBefore(
                "co:Agreement", "Replaces", "CertificateNumber", "JP-2026-000100", "Version", "1", "Reason", "Typo");

        assertOnlyFinding(certificate, Severity.SEVERE, "STATUS_INCONSISTENT", ROOT + "/Replaces");
    }

    @Test
    void portOfLoadingAbroadIsOnlyAWarning() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Transport/co:PortOfLoading", "KRPUS"),
                Severity.WARNING, "PORT_OF_LOADING_NOT_IN_EXPORT_COUNTRY", ROOT + "/Transport/PortOfLoading");
    }

    @Test
    void portOfDischargeAbroadIsOnlyAWarning() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Transport/co:PortOfDischarge", "SGSIN"),
                Severity.WARNING, "PORT_OF_DISCHARGE_NOT_IN_IMPORT_COUNTRY", ROOT + "/Transport/PortOfDischarge");
    }

    @Test
    void issuedAfterDepartureWithoutRetroactiveFlagIsAWarning() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Transport/co:DepartureDate", "2026-11-19"),
                Severity.WARNING, "ISSUED_AFTER_DEPARTURE_NOT_FLAGGED_RETROACTIVE", ROOT + "/IssueDate");
    }

    @Test
    void issuedAfterDepartureFlaggedRetroactiveIsFine() {
        SampleCertificate certificate = SampleCertificate.valid().set("co:Transport/co:DepartureDate", "2026-11-19")
                .set("co:Flags/co:IssuedRetroactively", "true");

        assertThat(certificate.validate().findings()).isEmpty();
    }

    @Test
    void invoiceDatedAfterIssueIsAWarning() {
        assertOnlyFinding(SampleCertificate.valid().set("co:Invoice[2]/co:Date", "2026-11-21"),
                Severity.WARNING, "INVOICE_AFTER_ISSUE", ROOT + "/Invoice[2]/Date");
    }
}
