package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cogateway.Gateway;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.TestGateways;
import org.cogateway.validation.SampleCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of docs/validation-rules.md reached through the back-office over HTTP, on minimally
 * changed copies of the valid sample sent as the exact XML an issuing body would send (so that what
 * JAXB does to a certificate on its way to the validator is part of what is tested).
 */
class ValidationOverHttpTest {
    private static final String ROOT = "/CertificateOfOrigin";
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A rule, the change that breaks it, and every finding the gateway must report for it. */
    record Case(String rule, UnaryOperator<SampleCertificate> change, List<String> findings) {
        @Override
        public String toString() {
            return rule;
        }

        boolean severe() {
            return findings.stream().anyMatch(f -> f.startsWith("SEVERE"));
        }
    }

    static Stream<Case> rules() {
        return Stream.of(
                new Case("SCHEMA", c -> c.set("co:GoodsItem[2]/co:HsCode", "87089"),
                        List.of("SEVERE SCHEMA " + ROOT + "/GoodsItem[2]/HsCode")),
                new Case("UNKNOWN_COUNTRY", c -> c.set("co:Producer[2]/co:Address/co:Country", "JA"),
                        List.of("SEVERE UNKNOWN_COUNTRY " + ROOT + "/Producer[2]/Address/Country")),
                new Case("UNKNOWN_UNIT", c -> c.setAttribute("co:GoodsItem[3]/co:Quantity", "unit", "KGS"),
                        List.of("SEVERE UNKNOWN_UNIT " + ROOT + "/GoodsItem[3]/Quantity/@unit")),
                new Case("UNKNOWN_CURRENCY", c -> c.setAttribute("co:GoodsItem[2]/co:FobValue", "currency", "JPN"),
                        List.of("SEVERE UNKNOWN_CURRENCY " + ROOT + "/GoodsItem[2]/FobValue/@currency")),
                new Case("UNKNOWN_AGREEMENT", c -> c.set("co:Agreement", "IJEPA"),
                        List.of("SEVERE UNKNOWN_AGREEMENT " + ROOT + "/Agreement",
                                "SEVERE AGREEMENT_NOT_AGREED_WITH_PARTNER " + ROOT + "/Agreement")),
                new Case("AGREEMENT_NOT_BETWEEN_COUNTRIES", c -> c.set("co:Agreement", "JTEPA"),
                        List.of("SEVERE AGREEMENT_NOT_BETWEEN_COUNTRIES " + ROOT + "/Agreement",
                                "SEVERE AGREEMENT_NOT_AGREED_WITH_PARTNER " + ROOT + "/Agreement")),
                new Case("ORIGIN_CRITERION_NOT_IN_AGREEMENT", c -> c.set("co:GoodsItem[3]/co:OriginCriterion", "RVC"),
                        List.of("SEVERE ORIGIN_CRITERION_NOT_IN_AGREEMENT " + ROOT + "/GoodsItem[3]/OriginCriterion")),
                new Case("EXPORT_COUNTRY_NOT_ALLOWED", c -> c.set("co:ExportCountry", "TH").set("co:Agreement", "AJCEP")
                        .set("co:GoodsItem[1]/co:OriginCriterion", "WO").set("co:GoodsItem[3]/co:OriginCriterion", "WO")
                        .set("co:Transport/co:PortOfLoading", "THLCH"),
                        List.of("SEVERE EXPORT_COUNTRY_NOT_ALLOWED " + ROOT + "/ExportCountry")),
                new Case("IMPORT_COUNTRY_NOT_ALLOWED", c -> c.set("co:ImportCountry", "TH").set("co:Agreement", "RCEP")
                        .set("co:GoodsItem[1]/co:OriginCriterion", "WO").set("co:GoodsItem[3]/co:OriginCriterion", "WO")
                        .set("co:Transport/co:PortOfDischarge", "THLCH"),
                        List.of("SEVERE IMPORT_COUNTRY_NOT_ALLOWED " + ROOT + "/ImportCountry")),
                // JP is never a partner of the JP gateway, so the route rule fires too
                new Case("SAME_EXPORT_AND_IMPORT_COUNTRY", c -> c.set("co:ImportCountry", "JP").set("co:Agreement", "RCEP")
                        .set("co:GoodsItem[1]/co:OriginCriterion", "WO").set("co:GoodsItem[3]/co:OriginCriterion", "WO")
                        .set("co:Transport/co:PortOfDischarge", "JPOSA"),
                        List.of("SEVERE IMPORT_COUNTRY_NOT_ALLOWED " + ROOT + "/ImportCountry",
                                "SEVERE SAME_EXPORT_AND_IMPORT_COUNTRY " + ROOT + "/ImportCountry")),
                new Case("PORT_OF_LOADING_NOT_IN_EXPORT_COUNTRY", c -> c.set("co:Transport/co:PortOfLoading", "KRPUS"),
                        List.of("WARNING PORT_OF_LOADING_NOT_IN_EXPORT_COUNTRY " + ROOT + "/Transport/PortOfLoading")),
                new Case("PORT_OF_DISCHARGE_NOT_IN_IMPORT_COUNTRY", c -> c.set("co:Transport/co:PortOfDischarge", "SGSIN"),
                        List.of("WARNING PORT_OF_DISCHARGE_NOT_IN_IMPORT_COUNTRY " + ROOT + "/Transport/PortOfDischarge")),
                new Case("STATUS_INCONSISTENT", c -> c.insertBefore("co:Agreement", "Cancellation",
                        "Date", "2026-11-25", "Reason", "Shipment cancelled by the buyer"),
                        List.of("SEVERE STATUS_INCONSISTENT " + ROOT + "/Cancellation")),
                new Case("DUPLICATE_INVOICE_NUMBER", c -> c.set("co:Invoice[2]/co:Number", "MIT-INV-2026-1108")
                        .set("co:GoodsItem[3]/co:InvoiceReference", "MIT-INV-2026-1108"),
                        List.of("SEVERE DUPLICATE_INVOICE_NUMBER " + ROOT + "/Invoice[2]/Number")),
                new Case("UNKNOWN_INVOICE_REFERENCE", c -> c.set("co:GoodsItem[2]/co:InvoiceReference", "MIT-INV-2026-1109"),
                        List.of("SEVERE UNKNOWN_INVOICE_REFERENCE " + ROOT + "/GoodsItem[2]/InvoiceReference")),
                new Case("DUPLICATE_ITEM_NUMBER", c -> c.set("co:GoodsItem[3]/co:ItemNumber", "01"),
                        List.of("SEVERE DUPLICATE_ITEM_NUMBER " + ROOT + "/GoodsItem[3]/ItemNumber")),
                new Case("DATE_IN_FUTURE", c -> c.set("co:Certification/co:Date", "2026-11-27"),
                        List.of("SEVERE DATE_IN_FUTURE " + ROOT + "/Certification/Date")),
                new Case("ISSUED_AFTER_DEPARTURE_NOT_FLAGGED_RETROACTIVE",
                        c -> c.set("co:Transport/co:DepartureDate", "2026-11-19"),
                        List.of("WARNING ISSUED_AFTER_DEPARTURE_NOT_FLAGGED_RETROACTIVE " + ROOT + "/IssueDate")),
                new Case("INVOICE_AFTER_ISSUE", c -> c.set("co:Invoice[2]/co:Date", "2026-11-21"),
                        List.of("WARNING INVOICE_AFTER_ISSUE " + ROOT + "/Invoice[2]/Date")));
    }

    private static String certificate(Case c, String number) {
        return c.change().apply(SampleCertificate.valid().set("co:CertificateNumber", number)).toXml();
    }

    private static RawSoap.Response call(String operation, String certificateXml) {
        return RawSoap.post11(gateway, RawSoap.envelope(TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD,
                "<bo:" + operation + "Request>" + certificateXml + "</bo:" + operation + "Request>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void validateCertificateReportsTheRule(Case c) {
        RawSoap.Response response = call("ValidateCertificate", certificate(c, "JP-V-" + c.rule().hashCode()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("Valid")).isEqualTo(String.valueOf(!c.severe()));
        assertThat(response.findings()).containsExactlyElementsOf(c.findings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void submitCertificateRefusesSevereFindingsAndReturnsWarnings(Case c) {
        String number = "JP-S-" + Integer.toHexString(c.rule().hashCode());
        Map<String, Long> before = TestGateways.rowCounts(gateway);

        RawSoap.Response response = call("SubmitCertificate", certificate(c, number));

        assertThat(response.findings()).containsExactlyElementsOf(c.findings());
        if (c.severe()) {
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.faultCode()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.soapFaultCode()).isEqualTo("Client");
            assertThat(TestGateways.rowCounts(gateway)).isEqualTo(before);
        } else {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text("TrackingId")).isNotBlank();
        }
    }

    @Test
    void oneFaultListsEveryFindingOfACertificateWithSeveralProblems() {
        String xml = SampleCertificate.valid().set("co:CertificateNumber", "JP-S-MANY")
                .set("co:GoodsItem[2]/co:HsCode", "87089")
                .setAttribute("co:GoodsItem[2]/co:FobValue", "currency", "JPN")
                .set("co:GoodsItem[3]/co:OriginCriterion", "RVC")
                .set("co:Invoice[2]/co:Date", "2026-11-21").toXml();
        Map<String, Long> before = TestGateways.rowCounts(gateway);

        RawSoap.Response response = call("SubmitCertificate", xml);

        assertThat(response.faultCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.faultMessage()).contains("3 severe");
        assertThat(response.findings()).containsExactly(
                "WARNING INVOICE_AFTER_ISSUE " + ROOT + "/Invoice[2]/Date",
                "SEVERE SCHEMA " + ROOT + "/GoodsItem[2]/HsCode",
                "SEVERE UNKNOWN_CURRENCY " + ROOT + "/GoodsItem[2]/FobValue/@currency",
                "SEVERE ORIGIN_CRITERION_NOT_IN_AGREEMENT " + ROOT + "/GoodsItem[3]/OriginCriterion");
        assertThat(TestGateways.rowCounts(gateway)).isEqualTo(before);
    }

    @Test
    void aCancelledCertificateIsCheckedForItsCancellation() {
        String xml = SampleCertificate.valid().set("co:Status", "CANCELLED").toXml();

        assertThat(call("ValidateCertificate", xml).findings())
                .containsExactly("SEVERE STATUS_INCONSISTENT " + ROOT + "/Status");
    }

    @Test
    void aReplacementOfAnUnknownCertificateIsRefused() {
        String xml = SampleCertificate.valid().set("co:CertificateNumber", "JP-S-REPL").set("co:Version", "2")
                .insertBefore("co:Agreement", "Replaces", "CertificateNumber", "JP-S-REPL", "Version", "1",
                        "Reason", "Wrong HS code on item 2").toXml();
        Map<String, Long> before = TestGateways.rowCounts(gateway);

        RawSoap.Response response = call("SubmitStatusChange",
                "<bo:CertificateNumber>JP-S-REPL</bo:CertificateNumber><bo:Replace>" + xml + "</bo:Replace>");

        assertThat(response.faultCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.findings()).containsExactly("SEVERE REPLACED_CERTIFICATE_UNKNOWN " + ROOT + "/Replaces");
        assertThat(TestGateways.rowCounts(gateway)).isEqualTo(before);
    }

    @Test
    void anAgreementThePartnerHasNotAgreedToIsRefused() {
        try (Gateway jiepaOnly = TestGateways.jp(Map.of("partner.ID.agreements", "JIEPA"))) {
            String xml = SampleCertificate.valid().set("co:Agreement", "RCEP")
                    .set("co:GoodsItem[1]/co:OriginCriterion", "CTC").set("co:GoodsItem[3]/co:OriginCriterion", "RVC")
                    .toXml();

            RawSoap.Response response = RawSoap.post11(jiepaOnly, RawSoap.envelope(TestGateways.CHAMBER,
                    TestGateways.CHAMBER_PASSWORD, "<bo:SubmitCertificateRequest>" + xml + "</bo:SubmitCertificateRequest>"));

            assertThat(response.faultCode()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.findings()).containsExactly("SEVERE AGREEMENT_NOT_AGREED_WITH_PARTNER " + ROOT + "/Agreement");
            assertThat(TestGateways.count(jiepaOnly, "certificate")).isZero();
        }
    }

    static Stream<Arguments> invalidSamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("samples", "certificates", "invalid"))) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList().stream().map(Arguments::of);
        }
    }

    private static final Pattern EXPECTED = Pattern.compile("^\\s*(SEVERE|WARNING|INFO) (\\S+) (\\S+)\\s*$",
            Pattern.MULTILINE);

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void eachInvalidSampleYieldsTheFindingsItListsOverHttp(Path sample) throws IOException {
        String text = Files.readString(sample);
        Matcher m = EXPECTED.matcher(text.substring(0, text.indexOf("-->")));
        List<String> expected = m.results().map(r -> r.group(1) + " " + r.group(2) + " " + r.group(3)).toList();
        String certificate = text.substring(text.indexOf("<CertificateOfOrigin"));

        RawSoap.Response response = call("ValidateCertificate", certificate);

        assertThat(expected).as("findings listed in " + sample).isNotEmpty();
        assertThat(response.text("Valid")).isEqualTo("false");
        assertThat(response.findings()).containsExactlyElementsOf(expected);
    }
}
