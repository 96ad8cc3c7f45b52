package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.cogateway.Gateway;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.TestGateways;
import org.cogateway.validation.SampleCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests no honest client sends, posted as raw bytes: each is refused with the contract's fault,
 * reveals nothing of the gateway's insides, stores nothing, and the gateway goes on serving.
 */
class HostileInputTest {
    private static final int MAX_REQUEST_BYTES = 32 * 1024;
    // what a leaked stack trace or exception would show: frames, exception names, Java packages
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bat [\\w$.]+\\(|\\.java:\\d|\\b(java|javax|jakarta|sun|com\\.ctc|org\\.apache|org\\.cogateway"
                    + "|org\\.hibernate|com\\.sun)\\.[a-z]");

    private static Gateway gateway;
    private Map<String, Long> before;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp(Map.of("http.maxRequestBytes", String.valueOf(MAX_REQUEST_BYTES)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void countRows() {
        before = TestGateways.rowCounts(gateway);
    }

    @AfterEach
    void nothingStoredAndStillServing() throws Exception {
        assertThat(TestGateways.rowCounts(gateway)).as("rows after a hostile request").isEqualTo(before);
        assertThat(BackOfficeClient.as(gateway, TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD)
                .listPartners(org.cogateway.testing.Requests.partners()).getPartner()).isNotEmpty();
    }

    private static void assertRefused(RawSoap.Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.text("Fault")).as("a SOAP fault: " + response.body()).isNotNull();
        assertThat(response.faultCode()).as(response.body()).isEqualTo(code);
        assertThat(response.soapFaultCode()).as("the caller's to fix: " + response.body()).isEqualTo("Client");
        assertThat(response.body()).as("no internals in the answer").doesNotContainPattern(INTERNALS);
    }

    private static String submitBody(String certificateNumber) {
        return RawSoap.submitBody(certificateNumber);
    }

    private static String authenticated(String body) {
        return RawSoap.envelope(TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD, body);
    }

    @Test
    void theValidSubmissionUsedBelowFitsTheLimitAndIsAccepted() {
        // the control: without it, every refusal below could be for a reason the test does not intend
        String envelope = authenticated(submitBody("JP-H-000"));
        assertThat(envelope.getBytes(StandardCharsets.UTF_8).length).isLessThan(MAX_REQUEST_BYTES);

        RawSoap.Response response = RawSoap.post11(gateway, envelope);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        before = TestGateways.rowCounts(gateway);
    }

    @Test
    void malformedXmlIsAnInvalidRequest() {
        String broken = authenticated(submitBody("JP-H-001")).replace("</bo:SubmitCertificateRequest>", "");

        assertRefused(RawSoap.post11(gateway, broken), "INVALID_REQUEST");
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-7731");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + authenticated(submitBody("&xxe;"));

        RawSoap.Response response = RawSoap.post11(gateway, xxe);

        assertRefused(response, "INVALID_REQUEST");
        assertThat(response.body()).doesNotContain("TOP-SECRET-7731");
    }

    @Test
    void entityExpansionIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE soap:Envelope [<!ENTITY lol0 \"lollollollollollollollollol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String laughs = "<?xml version=\"1.0\"?>" + dtd + authenticated(submitBody("&lol9;"));

        assertRefused(RawSoap.post11(gateway, laughs), "INVALID_REQUEST");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "<bo:x>".repeat(200) + "</bo:x>".repeat(200);

        assertRefused(RawSoap.post11(gateway, authenticated("<bo:ListPartnersRequest>" + deep
                + "</bo:ListPartnersRequest>")), "INVALID_REQUEST");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String padded = authenticated(submitBody("JP-H-002").replace("<Remarks>",
                "<Remarks>" + "x".repeat(MAX_REQUEST_BYTES)));

        assertRefused(RawSoap.post(gateway, BackOfficeClient.SOAP11_PATH, "text/xml; charset=UTF-8",
                padded.getBytes(StandardCharsets.UTF_8), true), "REQUEST_TOO_LARGE");
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLarge() {
        // no Content-Length: the limit must hold while reading
        byte[] padded = authenticated(submitBody("JP-H-003").replace("<Remarks>",
                "<Remarks>" + "x".repeat(MAX_REQUEST_BYTES))).getBytes(StandardCharsets.UTF_8);

        RawSoap.Response response = RawSoap.postStreamed(gateway, BackOfficeClient.SOAP11_PATH, "text/xml; charset=UTF-8",
                () -> new ByteArrayInputStream(padded));

        assertRefused(response, "REQUEST_TOO_LARGE");
    }

    @Test
    void aWrongContentTypeIsAnInvalidRequest() {
        byte[] body = authenticated(submitBody("JP-H-004")).getBytes(StandardCharsets.UTF_8);

        assertRefused(RawSoap.post(gateway, BackOfficeClient.SOAP11_PATH, "application/json", body), "INVALID_REQUEST");
    }

    @Test
    void anUnknownOperationIsAnInvalidRequest() {
        assertRefused(RawSoap.post11(gateway, authenticated("<bo:DeleteAllCertificatesRequest/>")), "INVALID_REQUEST");
    }

    @Test
    void anotherVersionOfTheContractNamespaceIsAnInvalidRequest() {
        String body = submitBody("JP-H-005").replace("<bo:SubmitCertificateRequest>",
                "<v2:SubmitCertificateRequest xmlns:v2=\"urn:cogateway:backoffice:2\">")
                .replace("</bo:SubmitCertificateRequest>", "</v2:SubmitCertificateRequest>");

        assertRefused(RawSoap.post11(gateway, authenticated(body)), "INVALID_REQUEST");
    }

    @Test
    void aSecondCertificateInTheBodyCannotSlipPastValidation() throws Exception {
        // the first certificate is valid, the second is not: whichever one is bound, the one stored
        // must be the one validated, so an unknown currency can never be stored
        String valid = SampleCertificate.valid().set("co:CertificateNumber", "JP-H-010").toXml();
        String invalid = SampleCertificate.valid().set("co:CertificateNumber", "JP-H-010")
                .setAttribute("co:GoodsItem[1]/co:FobValue", "currency", "JPN").toXml();

        RawSoap.Response response = RawSoap.post11(gateway, authenticated(
                "<bo:SubmitCertificateRequest>" + valid + invalid + "</bo:SubmitCertificateRequest>"));

        assertThat(response.body()).doesNotContainPattern(INTERNALS);
        assertThat(TestGateways.queryLong(gateway,
                "select count(*) from certificate where document like '%currency=\"JPN\"%'")).isZero();
        before = TestGateways.rowCounts(gateway);
    }
}
