package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.cogateway.Gateway;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract is served by the running gateway, as callers generate their clients from it. */
class WsdlTest {
    private static Gateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theWsdlIsServedWithTheGatewaysOwnAddresses() throws Exception {
        HttpResponse<String> wsdl = get(BackOfficeService.SOAP11_PATH + "?wsdl");
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("CertificateOfOriginService", gateway.baseUrl() + BackOfficeService.SOAP11_PATH);
    }

    @Test
    void theSchemasTheWsdlImportsAreServedToo() throws Exception {
        HttpResponse<String> xsd = get(BackOfficeService.SOAP11_PATH + "?xsd=../xsd/backoffice.xsd");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("SubmitCertificateRequest");
    }
}
