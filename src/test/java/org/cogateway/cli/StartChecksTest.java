package org.cogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration mistakes an operator makes, each refused by {@code config check} and by
 * {@code serve} with exit code 2 and one line on standard error that names the setting: no stack trace.
 */
class StartChecksTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theDemoConfigurationPassesAndItsSummaryMasksSecrets() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of()).toString());
        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.err).isEmpty();
        assertThat(r.out).contains("gateway.country = JP", "delivery.enabled = true", "db.connectTimeout = 10s",
                        "keystore.password = ****", "caller.jp-chamber.passwordHash = ****",
                        "keystore.path = " + TestGateways.KEYS.resolve("jp.p12"),
                        "configuration OK")
                .doesNotContain("sample-jp", "pbkdf2");
    }

    @Test
    void aMisspeltKeyIsRefusedNamingTheNearestKnownKey() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("delivery.enable", "false")).toString());
        assertRefused(r, "unknown setting 'delivery.enable'", "did you mean 'delivery.enabled'?");
    }

    @Test
    void aMisspeltPartnerKeyIsRefusedWithThePartnersId() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("partner.ID.endpiont", "http://127.0.0.1:1/as4")).toString());
        assertRefused(r, "unknown setting 'partner.ID.endpiont'", "did you mean 'partner.ID.endpoint'?");
    }

    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsRefused() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("delivery.enabled", "ture")).toString());
        assertRefused(r, "setting 'delivery.enabled' must be true or false, not 'ture'");
    }

    @Test
    void aLowerCaseCountryIsRefusedWithTheCodeToWrite() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("gateway.country", "jp")).toString());
        assertRefused(r, "setting 'gateway.country' must be an upper-case ISO 3166-1 alpha-2 code (write 'JP')");
    }

    @Test
    void aPartnerCertificateAliasMissingFromTheTruststoreIsRefused() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("partner.ID.signingCertAlias", "id-2027")).toString());
        assertRefused(r, "setting 'partner.ID.signingCertAlias': no certificate 'id-2027' in the truststore",
                "aliases: ca, id", "keytool -importcert -alias id-2027");
    }

    @Test
    void anAs420PartnerIsRefusedWhenTheOwnEd25519KeyIsNotConfigured() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("keystore.ed25519.alias", "",
                "partner.ID.profile", "as4-2.0", "partner.ID.signingCertAlias", "id-ed25519",
                "partner.ID.encryptionCertAlias", "id-x25519")).toString());
        assertRefused(r, "setting 'partner.ID.profile' is as4-2.0", "set keystore.ed25519.alias");
    }

    @Test
    void anAs420PartnerWithItsRsaCertificateIsRefusedNamingTheKeyTypeItNeeds() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("partner.ID.profile", "as4-2.0",
                "partner.ID.encryptionCertAlias", "id-x25519")).toString());
        assertRefused(r, "setting 'partner.ID.signingCertAlias'", "has a RSA key", "as4-2.0 needs Ed25519");
    }

    @Test
    void anAs420PartnerOnTheSampleKeysPasses() throws IOException {
        Result r = run("config", "check", "-c", config(Map.of("partner.ID.profile", "as4-2.0",
                "partner.ID.signingCertAlias", "id-ed25519", "partner.ID.encryptionCertAlias", "id-x25519")).toString());
        assertThat(r.exit).as(r.err).isZero();
    }

    @Test
    void anExpiredPartnerCertificateIsRefused() throws Exception {
        Path truststore = dir.resolve("truststore-with-expired-id.p12");
        KeyStore trust = keystore(TestGateways.KEYS.resolve("jp-truststore.p12"), "sample-jp");
        KeyStore expired = keystore(PROJECT.resolve("src/test/resources/keys/id-expired.p12"), "sample-id");
        trust.setCertificateEntry("id", expired.getCertificate("id"));
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, "sample-jp".toCharArray());
        }
        Result r = run("config", "check", "-c", config(Map.of("truststore.path", truststore.toString())).toString());
        assertRefused(r, "setting 'partner.ID.signingCertAlias' ('id'): certificate CN=ID-GW",
                "expired on 2020-01-31", "import the partner's current certificate");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithinItsConnectTimeout() throws IOException {
        int closed = TestGateways.freePort(); // nothing listens there: the connection is refused
        Path file = config(Map.of("db.url", "jdbc:mariadb://127.0.0.1:" + closed + "/cogateway",
                "db.user", "gw", "db.password", "secret", "db.connectTimeout", "3s"));
        long start = System.nanoTime();
        Result r = run("config", "check", "-c", file.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertRefused(r, "database at db.url 'jdbc:mariadb://127.0.0.1:" + closed + "/cogateway' as db.user 'gw'",
                "within db.connectTimeout 3s", "correct db.url, db.user or db.password");
        assertThat(r.err).doesNotContain("secret");
        // the bound is the point: the old start hung for 30 s and more
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aWrongDatabasePasswordIsReportedOnceNamingTheSettings() throws IOException {
        // the MariaDB the suite's second pass runs on: a real server refusing the login
        assumeTrue(TestDatabases.mariadb(), "needs the test MariaDB");
        String url = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/cogateway_test");
        String user = System.getProperty("test.mariadb.user", "cogateway");
        Path file = config(Map.of("db.url", url, "db.user", user, "db.password", "not-the-password",
                "db.connectTimeout", "5s"));
        Result r = run("config", "check", "-c", file.toString());
        assertRefused(r, "database at db.url '" + url + "' as db.user '" + user + "'", "Access denied",
                "correct db.url, db.user or db.password");
        assertThat(r.err).doesNotContain("not-the-password");
    }

    @Test
    void aPortInUseIsRefusedNamingHttpPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path file = config(Map.of("http.port", String.valueOf(taken.getLocalPort())));
            Result r = run("serve", "-c", file.toString());
            assertRefused(r, "setting 'http.port': cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                    "choose another http.port");
        }
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Result r = run("config", "check", "--debug", "-c", config(Map.of("delivery.enabled", "ture")).toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).startsWith("co-gateway: setting 'delivery.enabled' must be true or false")
                .contains("org.cogateway.config.ConfigException", "\tat org.cogateway.config.Settings");
    }

    @Test
    void serveRefusesAMisspeltKeyBeforeStartingAnything() throws IOException {
        Result r = run("serve", "-c", config(Map.of("http.prot", "8099")).toString());
        assertRefused(r, "unknown setting 'http.prot'", "did you mean 'http.port'?");
    }

    @Test
    void anUnknownEnvironmentVariableWithTheGatewaysPrefixIsRefused() throws IOException {
        org.cogateway.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.cogateway.config.ConfigException.class,
                () -> org.cogateway.config.Settings.load(config(Map.of()), Map.of("COGW_DB_PASSWROD", "x")));
        assertThat(e.getMessage()).contains("unknown environment variable COGW_DB_PASSWROD", "COGW_DB_PASSWORD");
    }

    private static void assertRefused(Result r, String... parts) {
        assertThat(r.exit).as(r.out + r.err).isEqualTo(2);
        assertThat(r.err.lines().toList()).as(r.err).hasSize(1);
        assertThat(r.err).contains(parts).doesNotContain("Exception", "\tat ");
    }

    /** The JP demo configuration with its keys found from anywhere, on a free port and a fresh data directory. */
    private Path config(Map<String, String> overrides) throws IOException {
        String demo = Files.readString(PROJECT.resolve("config/gateway-jp.properties"))
                .replace("../keystores-sample/", TestGateways.KEYS.toString().replace('\\', '/') + "/");
        StringBuilder text = new StringBuilder(demo).append('\n')
                .append("http.port=").append(TestGateways.freePort()).append('\n')
                .append("gateway.dataDir=").append(dir.resolve("data").toString().replace('\\', '/')).append('\n');
        // an empty override removes the demo's setting
        overrides.forEach((k, v) -> {
            if (v.isEmpty()) {
                text.replace(0, text.length(), text.toString().replaceAll("(?m)^" + java.util.regex.Pattern.quote(k) + "=.*$", ""));
            } else {
                text.append(k).append('=').append(v).append('\n');
            }
        });
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static KeyStore keystore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err) {
    }
}
