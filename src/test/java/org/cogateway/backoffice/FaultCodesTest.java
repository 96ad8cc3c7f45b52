package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cogateway.Gateway;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which side a fault blames, as docs/backoffice.md says: a refusal the caller can fix is soap:Client
 * (SOAP 1.2 env:Sender), a failure of the gateway soap:Server (env:Receiver), whatever the contract code.
 */
class FaultCodesTest {
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private Gateway gateway;

    @BeforeEach
    void start() {
        gateway = TestGateways.jp();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** The sample asks for a tracking id nobody was given: NOT_FOUND. */
    private static String unknownTracking() throws IOException {
        return Files.readString(Path.of("samples", "soap", "get-delivery-status.xml"));
    }

    private RawSoap.Response post12(String soap11Envelope) {
        return RawSoap.post(gateway, BackOfficeClient.SOAP12_PATH, "application/soap+xml; charset=UTF-8",
                soap11Envelope.replace(SOAP11, SOAP12).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBusinessRefusalBlamesTheCaller() throws IOException {
        RawSoap.Response soap11 = RawSoap.post11(gateway, unknownTracking());
        RawSoap.Response soap12 = post12(unknownTracking());

        assertThat(soap11.faultCode()).isEqualTo("NOT_FOUND");
        assertThat(soap11.soapFaultCode()).as(soap11.body()).isEqualTo("Client");
        assertThat(soap12.faultCode()).isEqualTo("NOT_FOUND");
        assertThat(soap12.soapFaultCode()).as(soap12.body()).isEqualTo("Sender");
    }

    @Test
    void aRoleRefusalBlamesTheCaller() {
        String asCustoms = RawSoap.envelope(TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD,
                RawSoap.submitBody("JP-FC-001"));

        RawSoap.Response response = RawSoap.post11(gateway, asCustoms);

        assertThat(response.faultCode()).isEqualTo("NOT_AUTHORIZED");
        assertThat(response.soapFaultCode()).as(response.body()).isEqualTo("Client");
    }

    @Test
    void aFailureOfTheGatewayBlamesTheGateway() throws IOException {
        gateway.database().close(); // the store is gone: no caller could have done anything about it

        RawSoap.Response soap11 = RawSoap.post11(gateway, unknownTracking());
        RawSoap.Response soap12 = post12(unknownTracking());

        assertThat(soap11.faultCode()).as(soap11.body()).isEqualTo("INTERNAL_ERROR");
        assertThat(soap11.soapFaultCode()).isEqualTo("Server");
        assertThat(soap12.faultCode()).isEqualTo("INTERNAL_ERROR");
        assertThat(soap12.soapFaultCode()).isEqualTo("Receiver");
    }
}
