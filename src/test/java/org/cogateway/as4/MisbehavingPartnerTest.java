package org.cogateway.as4;

import org.cogateway.partner.Profile;
import org.cogateway.delivery.SendOutcome;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** JP's client against a partner (WireMock standing in for ID) that answers wrongly. */
class MisbehavingPartnerTest {
    static WireMockServer partner;
    static As4Client client;
    static Partner id;
    static GatewayCrypto idCrypto = TestParties.idCrypto();

    @BeforeAll
    static void start() {
        partner = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        partner.start();
        id = TestParties.partner("ID", "ID", "ID-GW", "id", URI.create("http://127.0.0.1:" + partner.port() + "/as4"));
        client = new As4Client(TestParties.JP, TestParties.jpCrypto(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        partner.stop();
    }

    private static SendOutcome sendAgainst(int status, String contentType, byte[] body, String messageId) {
        partner.resetAll();
        partner.stubFor(post(urlEqualTo("/as4"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
        return client.send(As4ExchangeTest.certificate(messageId, As4ExchangeTest.CO), id);
    }

    /** A receipt as ID would sign it, for {@code refTo}, repeating the given references. */
    private static byte[] signedReceipt(String refTo, List<Element> references) throws Exception {
        Document receipt = Messaging.receipt(Instant.now(), "r@id-gw", refTo, references);
        SoapMessage message = new SoapMessage(receipt, List.of());
        new As4Security(idCrypto).sign(message, Instant.now(), Duration.ofMinutes(5), Profile.AS4_1_15);
        return message.toWire().body();
    }

    private static List<Element> referencesWithDigest(String digest) throws Exception {
        Document doc = Xml.parse(("<ds:Reference xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" URI=\"#_ebMessaging\">"
                + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                + "<ds:DigestValue>" + digest + "</ds:DigestValue></ds:Reference>").getBytes(StandardCharsets.UTF_8));
        return List.of(doc.getDocumentElement());
    }

    @Test
    void http500IsRetryable() {
        SendOutcome o = sendAgainst(500, "text/plain", "boom".getBytes(), "m500@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.httpStatus()).isEqualTo(500);
        assertThat(o.signedRequest()).isNotEmpty();
    }

    @Test
    void http404And405AreRetryableBecauseAStartingGatewayAnswersThemForAMoment() {
        assertThat(sendAgainst(404, "text/html", "<h1>Not Found</h1>".getBytes(), "m404@jp-gw").retryFeasible()).isTrue();
        assertThat(sendAgainst(405, "text/plain", "Method Not Allowed".getBytes(), "m405@jp-gw").retryFeasible()).isTrue();
    }

    @Test
    void http403AndOtherRefusalsOfTheRequestItselfArePermanent() {
        SendOutcome o = sendAgainst(403, "text/plain", "Forbidden".getBytes(), "m403@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.PERMANENT);
        assertThat(o.ebmsErrorCode()).isNull();
        assertThat(sendAgainst(413, "text/plain", "too large".getBytes(), "m413@jp-gw").kind())
                .isEqualTo(SendOutcome.Kind.PERMANENT);
    }

    @Test
    void http503IsRetryable() {
        SendOutcome o = sendAgainst(503, "text/plain", "busy".getBytes(), "m503@jp-gw");
        assertThat(o.retryFeasible()).isTrue();
        assertThat(o.httpStatus()).isEqualTo(503);
    }

    @Test
    void anHtmlPageIsRetryable() {
        SendOutcome o = sendAgainst(200, "text/html", "<html><body>Welcome to nginx</body></html>".getBytes(),
                "mhtml@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.answer()).asString().contains("nginx");
    }

    @Test
    void anUnsignedReceiptIsRetryable() {
        Document unsigned = Messaging.receipt(Instant.now(), "r@id-gw", "munsigned@jp-gw", List.of());
        SendOutcome o = sendAgainst(200, "application/soap+xml", Xml.bytes(unsigned), "munsigned@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.reason()).contains("NOT_SIGNED");
    }

    @Test
    void aReceiptForAnotherMessageIsRetryable() throws Exception {
        SendOutcome o = sendAgainst(200, "application/soap+xml", signedReceipt("other@jp-gw", List.of()), "mother@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.reason()).contains("other@jp-gw");
    }

    @Test
    void aReceiptWhoseDigestsDoNotMatchIsRetryable() throws Exception {
        byte[] receipt = signedReceipt("mdigest@jp-gw", referencesWithDigest("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        SendOutcome o = sendAgainst(200, "application/soap+xml", receipt, "mdigest@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.reason()).contains("digest");
    }

    @Test
    void aSignedBusinessRejectionIsPermanent() throws Exception {
        Document error = Messaging.error(Instant.now(), "e@id-gw", "mreject@jp-gw", EbmsError.OTHER, "bad CO");
        SoapMessage message = new SoapMessage(error, List.of());
        new As4Security(idCrypto).sign(message, Instant.now(), Duration.ofMinutes(5), Profile.AS4_1_15);
        SendOutcome o = sendAgainst(200, "application/soap+xml", message.toWire().body(), "mreject@jp-gw");
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.PERMANENT);
        assertThat(o.ebmsErrorCode()).isEqualTo("EBMS:0004");
    }

    @Test
    void aTimeoutIsRetryable() {
        partner.resetAll();
        partner.stubFor(post(urlEqualTo("/as4")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        Partner impatient = new Partner("ID-SLOW", id.name(), id.country(), id.partyId(), id.partyIdType(),
                id.endpoint(), id.agreements(), id.signingCertAlias(), id.encryptionCertAlias(), id.retry(),
                Duration.ofSeconds(1), Duration.ofMillis(800));
        SendOutcome o = client.send(As4ExchangeTest.certificate("mslow@jp-gw", As4ExchangeTest.CO), impatient);
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.httpStatus()).isNull();
        assertThat(o.reason()).contains("timeout");
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        Partner nobody = TestParties.partner("ID", "ID", "ID-GW", "id",
                URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4"));
        SendOutcome o = client.send(As4ExchangeTest.certificate("mrefused@jp-gw", As4ExchangeTest.CO), nobody);
        assertThat(o.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(o.reason()).contains("cannot connect");
    }
}
