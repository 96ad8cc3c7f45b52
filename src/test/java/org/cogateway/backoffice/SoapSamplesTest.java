package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.cogateway.Gateway;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps samples/soap honest: each file, posted as it is (as the README's curl command does), is
 * accepted by a running gateway configured with the demo callers, once the data it refers to exists:
 * the exporting side's at the JP gateway, the importing side's at the ID gateway that JP delivers to.
 */
class SoapSamplesTest {
    private static final Path SAMPLES = Path.of("samples", "soap");
    /** The business order in which the samples make sense, each after what it refers to. */
    private static final List<String> EXPORTING = List.of("submit-certificate.xml", "validate-certificate.xml",
            "get-delivery-status.xml", "list-undelivered.xml", "list-partners.xml",
            "submit-status-change-replace.xml", "submit-status-change-cancel.xml");
    private static final List<String> IMPORTING = List.of("list-inbound-certificates.xml", "get-certificate.xml",
            "query-certificate.xml", "acknowledge-certificate.xml", "record-utilisation.xml");
    /** Verification of origin: ID Customs asks, the JP chamber lists, reads and answers, ID Customs reads the answer. */
    private static final List<String> VERIFICATION = List.of("request-verification.xml", "list-verification-requests.xml",
            "get-verification-request.xml", "answer-verification.xml", "get-verification-status.xml");

    private Gateway gateway;

    @BeforeEach
    void start() {
        gateway = TestGateways.jp();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private RawSoap.Response post(String sample, String trackingId) throws IOException {
        return post(gateway, sample, trackingId);
    }

    private static RawSoap.Response post(Gateway gateway, String sample, String trackingId) throws IOException {
        String text = Files.readString(SAMPLES.resolve(sample));
        if (trackingId != null) {
            text = text.replace("00000000-0000-0000-0000-000000000000", trackingId);
        }
        RawSoap.Response response = RawSoap.post11(gateway, text);
        assertThat(response.status()).as(sample + " answered " + response.body()).isEqualTo(200);
        assertThat(response.text("Fault")).as(sample).isNull();
        return response;
    }

    @Test
    void everySampleIsPartOfTheWalkthrough() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml")))
                    .containsExactlyInAnyOrderElementsOf(Stream.of(EXPORTING, IMPORTING, VERIFICATION).flatMap(List::stream).toList());
        }
    }

    @Test
    void theExportingSideSamplesAreAcceptedInTheirBusinessOrder() throws IOException {
        String trackingId = post("submit-certificate.xml", null).text("TrackingId");

        assertThat(post("validate-certificate.xml", null).text("Valid")).isEqualTo("true");
        assertThat(post("get-delivery-status.xml", trackingId).text("TrackingId")).isEqualTo(trackingId);
        assertThat(post("list-undelivered.xml", null).elements("Transmission").getLength()).isEqualTo(1);
        assertThat(post("list-partners.xml", null).text("Id")).isEqualTo("ID");
        assertThat(post("submit-status-change-replace.xml", null).text("Version")).isEqualTo("2");
        assertThat(post("submit-status-change-cancel.xml", null).text("State")).isEqualTo("QUEUED");
    }

    @Test
    void theImportingSideSamplesAreAcceptedAtThePartnerOnceTheSubmittedCertificateArrived() throws IOException {
        // the importing samples are Indonesian Customs' requests about the CO the exporting sample submits in Japan
        try (TestGateways.Pair pair = TestGateways.pair()) {
            post(pair.jp(), "submit-certificate.xml", null);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(post(pair.id(), "list-inbound-certificates.xml", null).text("CertificateNumber"))
                            .isEqualTo("JP-2026-000123"));
            assertThat(post(pair.id(), "get-certificate.xml", null).text("CurrentStatus")).isEqualTo("VALID");
            assertThat(post(pair.id(), "query-certificate.xml", null).text("Outcome")).isEqualTo("FOUND");
            assertThat(post(pair.id(), "acknowledge-certificate.xml", null).text("State")).isEqualTo("QUEUED");
            // item 1: 800 pieces certified, the sample declaration draws 200
            assertThat(post(pair.id(), "record-utilisation.xml", null).text("Remaining")).isEqualTo("600");

            String verificationId = post(pair.id(), "request-verification.xml", null).text("VerificationId");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(post(pair.jp(), "list-verification-requests.xml", null).text("VerificationId"))
                            .isEqualTo(verificationId));
            assertThat(post(pair.jp(), "get-verification-request.xml", verificationId).text("Content"))
                    .isEqualTo("JVBERi0xLjQKJSVFT0YK");
            assertThat(post(pair.jp(), "answer-verification.xml", verificationId).text("State")).isEqualTo("QUEUED");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(post(pair.id(), "get-verification-status.xml", verificationId).text("Outcome"))
                            .isEqualTo("CONFIRMED"));
        }
    }
}
