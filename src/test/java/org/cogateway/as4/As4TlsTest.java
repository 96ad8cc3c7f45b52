package org.cogateway.as4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.cxf.BusFactory;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.GatewayConfig.ClientAuth;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.http.Listener;
import org.cogateway.http.ListenerLimits;
import org.cogateway.security.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JP sends to ID's AS4 endpoint over HTTPS on loopback, with the sample TLS keys: one ID listener
 * without client authentication, one requiring a client certificate, and one whose server
 * certificate (self-signed) nobody trusts.
 */
class As4TlsTest {
    static final MemorySink idSink = new MemorySink();
    static As4Endpoint plain;
    static As4Endpoint mutual;
    static As4Endpoint rogue;
    static URI plainUri;
    static URI mutualUri;
    static URI rogueUri;
    static As4Client jpClient;

    @BeforeAll
    static void startListeners() throws IOException {
        GatewayCrypto idCrypto = TestParties.idCrypto();
        GatewayConfig.TlsKey idTls = tlsKey(TestParties.SAMPLES.resolve("id-tls.p12"), "sample-id", "tls");
        GatewayConfig.TlsKey rogueTls = tlsKey(TestParties.TEST_KEYS.resolve("rogue.p12"), "sample-id", "id");
        plainUri = https();
        mutualUri = https();
        rogueUri = https();
        plain = listen(plainUri, new TlsContexts(new GatewayConfig.Tls(idTls, ClientAuth.NONE, null), idCrypto), idCrypto);
        mutual = listen(mutualUri, new TlsContexts(new GatewayConfig.Tls(idTls, ClientAuth.NEED, null), idCrypto), idCrypto);
        rogue = listen(rogueUri, new TlsContexts(new GatewayConfig.Tls(rogueTls, ClientAuth.NONE, null), idCrypto), idCrypto);

        GatewayCrypto jpCrypto = TestParties.jpCrypto();
        GatewayConfig.TlsKey jpTls = tlsKey(TestParties.SAMPLES.resolve("jp-tls.p12"), "sample-jp", "tls");
        jpClient = new As4Client(TestParties.JP, jpCrypto,
                new TlsContexts(new GatewayConfig.Tls(null, ClientAuth.NONE, jpTls), jpCrypto), Clock.systemUTC());
    }

    @AfterAll
    static void stopListeners() {
        plain.stop();
        mutual.stop();
        rogue.stop();
    }

    static GatewayConfig.TlsKey tlsKey(Path file, String password, String alias) {
        return new GatewayConfig.TlsKey("tls.client.keystore", file, password, alias, password);
    }

    static URI https() throws IOException {
        return URI.create("https://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
    }

    static As4Endpoint listen(URI uri, TlsContexts tls, GatewayCrypto idCrypto) {
        Partner jp = TestParties.jpPartner(URI.create("https://127.0.0.1:1/as4"));
        As4Endpoint endpoint = new As4Endpoint(TestParties.ID, idCrypto, TestParties.directory(jp), idSink,
                Clock.systemUTC());
        Listener.configure(BusFactory.getDefaultBus(), uri.getHost(), uri.getPort(), tls, ListenerLimits.defaults(),
                java.util.Map.of());
        endpoint.publish(uri.toString());
        return endpoint;
    }

    /** ID as JP's partner at {@code endpoint}, with the given TLS settings. */
    static Partner id(String localId, URI endpoint, Partner.Tls tls) {
        Partner p = TestParties.idPartner(endpoint);
        return new Partner(localId, p.name(), p.country(), p.partyId(), p.partyIdType(), endpoint, p.agreements(),
                p.signingCertAlias(), p.encryptionCertAlias(), p.retry(), p.connectTimeout(), p.readTimeout(), tls);
    }

    @Test
    void aCertificateTravelsOverHttpsAndTheReceiptIsVerified() {
        SendOutcome outcome = jpClient.send(As4ExchangeTest.certificate("tls-1@jp-gw", As4ExchangeTest.CO),
                id("ID-TLS", plainUri, Partner.Tls.DEFAULT));

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(idSink.stored).anyMatch(m -> m.messageId().equals("tls-1@jp-gw"));
    }

    @Test
    void mutualTlsWorksWhenTheClientCertificateIsPresented() {
        SendOutcome outcome = jpClient.send(As4ExchangeTest.certificate("tls-2@jp-gw", As4ExchangeTest.CO),
                id("ID-MTLS", mutualUri, new Partner.Tls(null, true)));

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(idSink.stored).anyMatch(m -> m.messageId().equals("tls-2@jp-gw"));
    }

    @Test
    void aListenerRequiringAClientCertificateRefusesAClientWithout() {
        SendOutcome outcome = jpClient.send(As4ExchangeTest.certificate("tls-3@jp-gw", As4ExchangeTest.CO),
                id("ID-MTLS-NOCERT", mutualUri, Partner.Tls.DEFAULT));

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(outcome.reason()).startsWith("TLS:").contains("client certificate");
        assertThat(idSink.stored).noneMatch(m -> m.messageId().equals("tls-3@jp-gw"));
    }

    @Test
    void aServerCertificateOutsideTheTruststoreIsRefused() {
        SendOutcome outcome = jpClient.send(As4ExchangeTest.certificate("tls-4@jp-gw", As4ExchangeTest.CO),
                id("ID-ROGUE", rogueUri, Partner.Tls.DEFAULT));

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(outcome.reason()).startsWith("TLS:").contains("server certificate").contains("not trusted")
                .contains("gateway truststore");
        assertThat(idSink.stored).noneMatch(m -> m.messageId().equals("tls-4@jp-gw"));
    }

    @Test
    void aPartnersTrustCertAliasNarrowsTrustToThatCertificate() {
        // 'id' is ID's message-signing certificate, not the CA that issued its TLS certificate
        SendOutcome outcome = jpClient.send(As4ExchangeTest.certificate("tls-5@jp-gw", As4ExchangeTest.CO),
                id("ID-NARROW", plainUri, new Partner.Tls("id", false)));

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.RETRYABLE);
        assertThat(outcome.reason()).startsWith("TLS:").contains("not trusted")
                .contains("partner.ID-NARROW.tls.trustCertAlias");
    }

    @Test
    void aPartnersTrustCertAliasNamingTheCaIsEnough() {
        SendOutcome outcome = jpClient.send(As4ExchangeTest.certificate("tls-6@jp-gw", As4ExchangeTest.CO),
                id("ID-CA", plainUri, new Partner.Tls("ca", false)));

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
    }
}
