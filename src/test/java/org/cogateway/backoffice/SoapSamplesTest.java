package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.cogateway.Gateway;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps samples/soap honest: each file, posted as it is (as the README's curl command does), is
 * accepted by a running gateway configured with the demo callers, once the data it refers to exists.
 */
class SoapSamplesTest {
    private static final Path SAMPLES = Path.of("samples", "soap");
    /** The business order in which the samples make sense, each after what it refers to. */
    private static final List<String> EXPORTING = List.of("submit-certificate.xml", "validate-certificate.xml",
            "get-delivery-status.xml", "list-undelivered.xml", "list-partners.xml",
            "submit-status-change-replace.xml", "submit-status-change-cancel.xml");
    private static final List<String> IMPORTING = List.of("list-inbound-certificates.xml", "get-certificate.xml",
            "query-certificate.xml", "acknowledge-certificate.xml", "record-utilisation.xml");

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
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(EXPORTING.stream(), IMPORTING.stream()).toList());
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
    void theImportingSideSamplesAreAcceptedOnceThePartnersCertificateIsStored() throws IOException {
        // what the samples cite: ID-2026-004711 with invoice INV-ID-2026-0815 and at least 400 C62 on item 1
        CertificateOfOriginType co = Certificates.inbound("ID-2026-004711");
        co.getInvoice().get(0).setNumber("INV-ID-2026-0815");
        co.getGoodsItem().get(0).getQuantity().setUnit("C62");
        co.getGoodsItem().get(0).getQuantity().setValue(new BigDecimal("1000"));
        TestGateways.storeInbound(gateway, co, Instant.parse("2026-11-20T08:00:00Z"));

        assertThat(post("list-inbound-certificates.xml", null).text("CertificateNumber")).isEqualTo("ID-2026-004711");
        assertThat(post("get-certificate.xml", null).text("CurrentStatus")).isEqualTo("VALID");
        assertThat(post("query-certificate.xml", null).text("Outcome")).isEqualTo("FOUND");
        assertThat(post("acknowledge-certificate.xml", null).text("State")).isEqualTo("QUEUED");
        RawSoap.Response utilisation = post("record-utilisation.xml", null);
        assertThat(utilisation.text("Remaining")).isEqualTo("600");
    }
}
