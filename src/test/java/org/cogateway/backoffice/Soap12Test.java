package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.BackOfficeClient.faultOf;

import java.nio.charset.StandardCharsets;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SOAP 1.2 binding at /services/co12 serves the same operations, security and faults. */
class Soap12Test {
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anIssuingBodySubmitsAndReadsBackOverSoap12() throws Exception {
        CertificateOfOriginPortType chamber = BackOfficeClient.soap12As(gateway, TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);

        chamber.submitCertificate(Requests.submit(Certificates.outbound("JP-12-001")));

        assertThat(chamber.getCertificate(Requests.get("JP", "JP-12-001", null)).getRecord().getCurrentStatus())
                .isEqualTo(CurrentStatusType.VALID);
    }

    @Test
    void contractFaultsArriveOverSoap12() {
        CertificateOfOriginPortType customs = BackOfficeClient.soap12As(gateway, TestGateways.CUSTOMS,
                TestGateways.CUSTOMS_PASSWORD);

        assertThat(faultOf(() -> customs.submitCertificate(Requests.submit(Certificates.outbound("JP-12-002"))))
                .getCode()).isEqualTo("NOT_AUTHORIZED");
    }

    @Test
    void anAnonymousSoap12CallGetsASoap12FaultWithTheContractDetail() {
        String envelope = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:bo=\""
                + RawSoap.BO + "\"><env:Body><bo:ListPartnersRequest/></env:Body></env:Envelope>";

        RawSoap.Response response = RawSoap.post(gateway, BackOfficeClient.SOAP12_PATH,
                "application/soap+xml; charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8));

        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.body()).contains("http://www.w3.org/2003/05/soap-envelope");
        assertThat(response.text("Value")).as(response.body()).endsWith(":Sender");
        assertThat(response.faultCode()).isEqualTo("NOT_AUTHENTICATED");
    }
}
