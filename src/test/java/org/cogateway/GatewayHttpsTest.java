package org.cogateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** The real wiring with an HTTPS listener: what a partner or a back-office caller sees. */
class GatewayHttpsTest {

    /**
     * The JP demo configuration, config/gateway-jp.properties, with its paths (relative to the file)
     * made relative to the project directory, where the test runs and resolves the paths it adds.
     */
    static Properties jpDefaults() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config", "gateway-jp.properties"))) {
            p.load(in);
        }
        for (String key : p.stringPropertyNames()) {
            if (p.getProperty(key).startsWith("../")) {
                p.setProperty(key, p.getProperty(key).substring(3));
            }
        }
        // the demo file's fixed admin port could be taken; the tests use a free one
        p.setProperty("admin.port", Integer.toString(freePort()));
        return p;
    }

    static GatewayConfig config(Properties p) {
        return GatewayConfig.from(Settings.of(p)).withDatabase(TestDatabases.fresh());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A client that trusts only the demo CA, as a partner or back-office caller would be set up. */
    static HttpClient trustingTheDemoCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of("keystores-sample/ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    @Test
    void anHttpsListenerServesTheWsdlOverHttps() throws Exception {
        Properties p = jpDefaults();
        p.setProperty("http.port", Integer.toString(freePort()));
        p.setProperty("http.tls.keystore.path", "keystores-sample/jp-tls.p12");
        p.setProperty("http.tls.keystore.password", "sample-jp");
        p.setProperty("http.tls.keystore.alias", "tls");

        try (Gateway gateway = Gateway.start(config(p), Clock.systemUTC())) {
            assertThat(gateway.baseUrl()).startsWith("https://127.0.0.1:");
            HttpResponse<String> wsdl = trustingTheDemoCa().send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + BackOfficeService.SOAP11_PATH + "?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(wsdl.statusCode()).isEqualTo(200);
            assertThat(wsdl.body()).contains("definitions").contains("https://127.0.0.1:");
        }
    }

    @Test
    void aMissingTlsKeystoreStopsTheStartNamingTheSettingAndTheFile() throws Exception {
        Properties p = jpDefaults();
        p.setProperty("http.port", Integer.toString(freePort()));
        p.setProperty("http.tls.keystore.path", "keystores-sample/nowhere-tls.p12");
        p.setProperty("http.tls.keystore.password", "sample-jp");
        p.setProperty("http.tls.keystore.alias", "tls");

        assertThatThrownBy(() -> Gateway.start(config(p), Clock.systemUTC()).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.tls.keystore.path").hasMessageContaining("nowhere-tls.p12")
                .hasMessageContaining("not found");
    }

    @Test
    void aWrongTlsKeystorePasswordOrAliasIsNamed() throws Exception {
        Properties p = jpDefaults();
        p.setProperty("http.tls.keystore.path", "keystores-sample/jp-tls.p12");
        p.setProperty("http.tls.keystore.password", "wrong");
        p.setProperty("http.tls.keystore.alias", "tls");
        assertThatThrownBy(() -> Gateway.start(config(p), Clock.systemUTC()).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.tls.keystore.path").hasMessageContaining("jp-tls.p12")
                .hasMessageContaining("password");

        p.setProperty("http.tls.keystore.password", "sample-jp");
        p.setProperty("http.tls.keystore.alias", "jp");
        assertThatThrownBy(() -> Gateway.start(config(p), Clock.systemUTC()).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jp-tls.p12").hasMessageContaining("'jp'").hasMessageContaining("tls");
    }

    @Test
    void aPartnerAskingForAClientCertificateNeedsATlsKey() throws Exception {
        Properties p = jpDefaults();
        p.setProperty("partner.ID.tls.clientCertificate", "true");

        assertThatThrownBy(() -> Gateway.start(config(p), Clock.systemUTC()).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("partner.ID.tls.clientCertificate").hasMessageContaining("tls.client.keystore.path");
    }

    @Test
    void tlsSettingsAreChecked() throws Exception {
        Properties p = jpDefaults();
        p.setProperty("http.tls.clientAuth", "need");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls.keystore.path");

        p.setProperty("http.tls.keystore.path", "keystores-sample/jp-tls.p12");
        p.setProperty("http.tls.keystore.password", "sample-jp");
        p.setProperty("http.tls.keystore.alias", "tls");
        p.setProperty("http.tls.clientAuth", "sometimes");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.tls.clientAuth");

        p.setProperty("http.tls.clientAuth", "want");
        p.setProperty("partner.ID.tls.clientCertificate", "yes");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("partner.ID.tls.clientCertificate");

        p.setProperty("partner.ID.tls.clientCertificate", "true");
        p.setProperty("partner.ID.tls.trustCertAlias", "ca");
        GatewayConfig c = GatewayConfig.from(Settings.of(p));
        assertThat(c.tls().clientKey()).isEqualTo(c.tls().listenerKey());
        assertThat(c.partners().byId("ID").orElseThrow().tls()).isEqualTo(new org.cogateway.partner.Partner.Tls("ca", true));
    }
}
