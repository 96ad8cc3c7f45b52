package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.TestGateways.count;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.cogateway.admin.AdminRole;
import org.cogateway.admin.AdminUsers;
import org.cogateway.cli.Main;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The ebMS test service between two running gateways: answered with a receipt, delivered to nobody;
 * and the {@code ping} command, which asks the running gateway to send it. On the system clock.
 */
class PingTest {
    private static TestGateways.Pair pair;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pair = TestGateways.pair(false, Map.of(), Map.of(), Clock.systemUTC()).startId().startJp();
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    @Test
    void aPingIsDeliveredAndStoresNothingAtTheReceiver() {
        SendOutcome outcome = pair.jp().as4Client().ping(pair.jp().config().partners().byId("ID").orElseThrow());

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(outcome.answer()).isNotEmpty();
        for (String table : new String[] {"inbound_message", "certificate", "certificate_answer", "transmission"}) {
            assertThat(count(pair.id(), table)).as(table).isZero();
        }
    }

    @Test
    void thePingCommandAsksTheRunningGatewayAndExitsZeroWhenThePartnerAnswers() throws IOException {
        AdminUsers users = new AdminUsers(pair.jp().database().dataSource(), Clock.systemUTC());
        users.add("ping-ops", AdminRole.ADMIN, "ping-ops-password".toCharArray());
        String token = users.createToken("ping-ops", "test").orElseThrow();
        Path tokenFile = Files.writeString(dir.resolve("token"), token);
        assertThat(ping(pair.jpSettings(), "--token-file", tokenFile.toString())).isZero();
        assertThat(count(pair.id(), "inbound_message")).isZero();
    }

    @Test
    void thePingCommandExitsTwoWhenNoGatewayRuns() throws IOException {
        Properties settings = pair.jpSettings();
        settings.setProperty("admin.port", String.valueOf(TestGateways.freePort()));
        Path tokenFile = Files.writeString(dir.resolve("token"), "cogw_whatever");
        assertThat(ping(settings, "--token-file", tokenFile.toString())).isEqualTo(2);
    }

    private int ping(Properties settings, String... options) throws IOException {
        Path file = dir.resolve("jp.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            settings.store(out, "ping test");
        }
        String[] args = new String[options.length + 4];
        args[0] = "ping";
        args[1] = "ID";
        args[2] = "-c";
        args[3] = file.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        return new CommandLine(new Main()).execute(args);
    }
}
