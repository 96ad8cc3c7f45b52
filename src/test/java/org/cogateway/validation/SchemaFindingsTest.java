package org.cogateway.validation;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SchemaFindingsTest {

    private static final String ROOT = "/CertificateOfOrigin";

    @Test
    void badValueGivesOneSchemaFindingAtTheElementWithTheParserMessage() {
        ValidationReport report = SampleCertificate.valid().set("co:GoodsItem[2]/co:HsCode", "87089").validate();

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.SEVERE);
            assertThat(finding.code()).isEqualTo("SCHEMA");
            assertThat(finding.path()).isEqualTo(ROOT + "/GoodsItem[2]/HsCode");
            assertThat(finding.message()).contains("87089").contains("[0-9]{6}");
        });
        assertThat(report.acceptable()).isFalse();
    }

    @Test
    void missingElementIsReportedAtTheElementFoundInItsPlace() {
        ValidationReport report = SampleCertificate.valid().remove("co:Certification/co:OfficerName").validate();

        assertThat(report.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple("SCHEMA", ROOT + "/Certification/Place"));
        assertThat(report.findings().get(0).message()).contains("OfficerName");
    }

    @Test
    void missingLastElementIsReportedAtItsParent() {
        ValidationReport report = SampleCertificate.valid().remove("co:Certification/co:Date").validate();

        assertThat(report.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple("SCHEMA", ROOT + "/Certification"));
        assertThat(report.findings().get(0).message()).contains("Date");
    }

    @Test
    void elementThatIsTheOnlyOneOfItsNameHasNoIndex() {
        ValidationReport report = SampleCertificate.valid().set("co:Transport/co:Mode", "SHIP").validate();

        assertThat(report.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple("SCHEMA", ROOT + "/Transport/Mode"));
    }

    @Test
    void everySchemaErrorIsReportedInDocumentOrder() {
        SampleCertificate certificate = SampleCertificate.valid()
                .set("co:GoodsItem[3]/co:Packages/co:Count", "0")
                .set("co:Version", "0")
                .set("co:Producer[2]/co:Address/co:Country", "jp")
                .set("co:GoodsItem[1]/co:HsCode", "8708.99");

        assertThat(certificate.validate().findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple("SCHEMA", ROOT + "/Version"),
                tuple("SCHEMA", ROOT + "/Producer[2]/Address/Country"),
                tuple("SCHEMA", ROOT + "/GoodsItem[1]/HsCode"),
                tuple("SCHEMA", ROOT + "/GoodsItem[3]/Packages/Count"));
    }

    @Test
    void schemaInvalidCertificateStillGetsItsBusinessRuleFindings() {
        SampleCertificate certificate = SampleCertificate.valid()
                .remove("co:Certification")
                .set("co:GoodsItem[1]/co:HsCode", "8708")
                .setAttribute("co:GoodsItem[1]/co:FobValue", "currency", "YEN");

        assertThat(certificate.validate().findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple("SCHEMA", ROOT),
                tuple("SCHEMA", ROOT + "/GoodsItem[1]/HsCode"),
                tuple("UNKNOWN_CURRENCY", ROOT + "/GoodsItem[1]/FobValue/@currency"));
    }

    @Test
    void certificateInsideALargerDocumentIsValidatedWithPathsFromItsOwnRoot() throws Exception {
        Document envelope = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        Element request = envelope.createElementNS("urn:cogateway:backoffice:1", "bo:SubmitCertificateRequest");
        envelope.appendChild(request);
        SampleCertificate sample = SampleCertificate.valid().set("co:GoodsItem[3]/co:HsCode", "84798");
        Element certificate = (Element) envelope.importNode(sample.root(), true);
        request.appendChild(certificate);

        ValidationReport report = new CertificateValidator(SampleCertificate.CODE_LISTS, SampleCertificate.TODAY)
                .validate(certificate, SampleCertificate.JP_TO_ID);

        assertThat(report.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple("SCHEMA", ROOT + "/GoodsItem[3]/HsCode"));
    }
}
