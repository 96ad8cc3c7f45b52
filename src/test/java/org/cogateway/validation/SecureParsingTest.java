package org.cogateway.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SecureParsingTest {

    private final CertificateValidator validator =
            new CertificateValidator(SampleCertificate.CODE_LISTS, SampleCertificate.TODAY);

    private ValidationReport validate(String xml) {
        return validator.validate(xml.getBytes(StandardCharsets.UTF_8), SampleCertificate.JP_TO_ID);
    }

    /** The valid sample with a DOCTYPE declared before its root and an entity used as its certificate number. */
    private static String withDoctype(String doctype) {
        return SampleCertificate.read(SampleCertificate.VALID)
                .replace("<CertificateOfOrigin ", doctype + "\n<CertificateOfOrigin ")
                .replace("JP-2026-000123", "&payload;");
    }

    @Test
    void validSampleAsBytesHasNoFinding() {
        assertThat(validate(SampleCertificate.read(SampleCertificate.VALID)).findings()).isEmpty();
    }

    @Test
    void externalEntityIsRefusedAndNeverResolved(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET-42");

        ValidationReport report = validate(withDoctype(
                "<!DOCTYPE CertificateOfOrigin [<!ENTITY payload SYSTEM \"" + secret.toUri() + "\">]>"));

        assertThat(report.findings()).extracting(Finding::severity, Finding::code, Finding::path)
                .containsExactly(tuple(Severity.SEVERE, "NOT_WELL_FORMED", "/"));
        assertThat(report.findings().get(0).message()).contains("DOCTYPE").doesNotContain("TOP-SECRET-42");
    }

    @Test
    void internalEntityExpansionIsRefused() {
        ValidationReport report = validate(withDoctype(
                "<!DOCTYPE CertificateOfOrigin [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY payload \"&a;&a;&a;&a;&a;\">]>"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly("NOT_WELL_FORMED");
        assertThat(report.acceptable()).isFalse();
    }

    @Test
    void brokenXmlIsAFindingWithItsPositionNotAnException() {
        ValidationReport report = validate("<CertificateOfOrigin xmlns=\"urn:cogateway:certificate-of-origin:1\">\n"
                + "<CertificateNumber>JP-2026-000123</CertificateNumbr>\n</CertificateOfOrigin>");

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("NOT_WELL_FORMED");
            assertThat(finding.message()).startsWith("line 2, column");
        });
    }

    @Test
    void documentOfAnotherKindIsASchemaFindingAtItsRoot() {
        ValidationReport report = validate("<Invoice xmlns=\"urn:example:invoice\"><Number>1</Number></Invoice>");

        assertThat(report.findings()).extracting(Finding::code, Finding::path).containsExactly(tuple("SCHEMA", "/Invoice"));
    }
}
