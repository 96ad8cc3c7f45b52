package org.cogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.cogateway.admin.AdminRole;
import org.cogateway.admin.AdminUsers;
import org.cogateway.bench.GatewayProcess;
import org.cogateway.testing.AdminHttp;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * With HTTPS on the main listener the admin listener is HTTPS too (same key and settings), its
 * session cookie is Secure, and {@code ping} through it reaches an HTTPS partner with the TLS context
 * the gateway itself uses.
 */
class AdminHttpsTest {
    @TempDir
    Path dir;
    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static SSLContext trustingTheDemoCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(TestGateways.KEYS.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void theAdminListenerIsHttpsWithASecureCookieAndPingUsesTheGatewaysTls() throws Exception {
        pair = TestGateways.pair(true, Map.of(), Map.of(), TestClock.runningFrom(Instant.now())).startId().startJp();
        String adminUrl = pair.jp().adminUrl();
        assertThat(adminUrl).startsWith("https://127.0.0.1:");
        AdminUsers users = new AdminUsers(pair.jp().database().dataSource(), Clock.systemUTC());
        users.add("ops", AdminRole.ADMIN, "ops-password-1234".toCharArray());

        AdminHttp.Response login = AdminHttp.anonymous(pair.jp(), trustingTheDemoCa()).login("ops", "ops-password-1234");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure").contains("HttpOnly");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
        int port = URI.create(adminUrl).getPort();
        // plain HTTP to the HTTPS port gets no HTTP answer at all
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);

        Path config = GatewayProcess.write(pair.jpSettings(), dir.resolve("jp.properties"));
        Path token = Files.writeString(dir.resolve("token"), users.createToken("ops", "cli").orElseThrow());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute("ping", "-c", config.toString(), "--token-file", token.toString(),
                    "ID");
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ping ID at https://127.0.0.1:").contains("DELIVERED");
        assertThat(exit).isZero();
    }
}
