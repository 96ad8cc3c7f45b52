package org.cogateway.validation;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.Marshaller;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.ObjectFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The back-office path: a generated JAXB object marshalled to DOM is validated like a parsed payload. */
class JaxbMarshalledCertificateTest {

    @Test
    void marshalledCertificateIsValidatedWithTheSamePaths() throws Exception {
        JAXBContext jaxb = JAXBContext.newInstance(ObjectFactory.class);
        CertificateOfOriginType certificate = jaxb.createUnmarshaller()
                .unmarshal(new StreamSource(SampleCertificate.VALID.toFile()), CertificateOfOriginType.class).getValue();
        certificate.getGoodsItem().get(1).setHsCode("7210");

        DOMResult dom = new DOMResult();
        Marshaller marshaller = jaxb.createMarshaller();
        JAXBElement<CertificateOfOriginType> root = new ObjectFactory().createCertificateOfOrigin(certificate);
        marshaller.marshal(root, dom);

        ValidationReport report = new CertificateValidator(SampleCertificate.CODE_LISTS, SampleCertificate.TODAY)
                .validate(((Document) dom.getNode()).getDocumentElement(), SampleCertificate.JP_TO_ID);

        assertThat(report.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple("SCHEMA", "/CertificateOfOrigin/GoodsItem[2]/HsCode"));
    }
}
