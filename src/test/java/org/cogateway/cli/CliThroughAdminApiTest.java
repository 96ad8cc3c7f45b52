package org.cogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.cogateway.admin.AdminRole;
import org.cogateway.admin.AdminUsers;
import org.cogateway.config.GatewayConfig;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.store.Database;
import org.cogateway.testing.Certificates;
import org.cogateway.bench.GatewayProcess;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * status, resend and ping against a gateway running in its own process on the embedded H2 file: the
 * commands go through its admin API, so the database that process holds locked is never opened
 * (before, resend waited 30 s for the lock and printed a trace). users refuses to open it while the
 * gateway runs.
 */
class CliThroughAdminApiTest {
    @TempDir
    Path dir;
    private GatewayProcess jp;

    @AfterEach
    void stop() {
        if (jp != null) {
            jp.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void statusAndResendWorkAgainstARunningGatewayOnTheEmbeddedDatabase() throws Exception {
        GatewayConfig.Database db = new GatewayConfig.Database(null, "sa", "", 4, dir.resolve("jp-data"));
        int port = GatewayProperties.freePort();
        // the partner never answers and JP tries once: the certificate ends FAILED
        Properties p = GatewayProperties.jp(port, "http://127.0.0.1:" + GatewayProperties.freePort() + "/as4", db);
        p.setProperty("partner.ID.retry.maxAttempts", "1");
        Path config = GatewayProcess.write(p, dir.resolve("jp.properties"));
        String token;
        // the first operator and a token are made before the gateway runs, as the README says
        try (Database database = Database.open(db)) {
            AdminUsers users = new AdminUsers(database.dataSource(), Clock.systemUTC());
            users.add("ops", AdminRole.ADMIN, "ops-password-1234".toCharArray());
            token = users.createToken("ops", "cli").orElseThrow();
        }
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        jp = new GatewayProcess("jp-cli", p, dir).start();
        CertificateOfOriginPortType chamber = BackOfficeCaller.port(jp.baseUrl(), GatewayProperties.CHAMBER,
                GatewayProperties.CHAMBER_PASSWORD);
        String trackingId = chamber.submitCertificate(Requests.submit(Certificates.outbound("CLI-1")))
                .getReceipt().getTrackingId();

        String c = config.toString();
        String t = tokenFile.toString();
        Run failed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> cli("status", "-c", c, "--token-file", t, trackingId), r -> r.out().contains(": FAILED"));
        assertThat(failed.exit()).isZero();
        assertThat(failed.out()).contains("certificate CLI-1 v1 to ID: FAILED after 1 attempt(s)")
                .contains("attempt 1 at").contains("cannot connect");

        Run resent = cli("resend", "-c", c, "--token-file", t, trackingId);
        assertThat(resent.exit()).as(resent.toString()).isZero();
        assertThat(resent.out()).contains(trackingId + ": queued again (MessageId ");
        assertThat(resent.err()).isEmpty();
        Run again = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> cli("status", "-c", c, "--token-file", t, trackingId),
                        r -> r.out().contains("FAILED after 2 attempt(s)"));
        assertThat(again.out()).contains("attempt 2 at").contains("resent by operator");

        Run timeline = cli("status", "-c", c, "--token-file", t, "CLI-1");
        assertThat(timeline.exit()).isZero();
        assertThat(timeline.out()).contains("certificate CLI-1:").contains("submitted").contains("attempt 2: RETRYABLE");
        assertThat(cli("status", "-c", c, "--token-file", t, "NO-SUCH-THING").exit()).isEqualTo(1);
        assertThat(cli("resend", "-c", c, "--token-file", t, "no-such-id").out()).contains("no-such-id: not resent");

        Run ping = cli("ping", "-c", c, "--token-file", t, "ID");
        assertThat(ping.exit()).isEqualTo(1);
        assertThat(ping.out()).contains("ping ID at").contains("RETRYABLE").contains("cannot connect");

        Run users = cli("users", "list", "-c", c);
        assertThat(users.exit()).isEqualTo(2);
        assertThat(users.err()).contains("a gateway is running on this embedded database");

        Path wrong = Files.writeString(dir.resolve("wrong-token"), "cogw_not-a-token\n");
        Run refused = cli("status", "-c", c, "--token-file", wrong.toString(), trackingId);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).contains("unknown or revoked API token");
    }

    @Test
    void withoutATokenTheCommandsSayHowToGetOne() throws Exception {
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), "http://127.0.0.1:9/as4",
                new GatewayConfig.Database(null, "sa", "", 4, dir.resolve("data")));
        Path config = GatewayProcess.write(p, dir.resolve("jp.properties"));
        Run run = cli("resend", "-c", config.toString(), "some-id");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("COGW_ADMIN_TOKEN").contains("users token NAME");
    }
}
