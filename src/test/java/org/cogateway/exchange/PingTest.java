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
import org.cogateway.Gateway;
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
 * and the {@code ping} command. On the system clock, as the command's.
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
    void thePingCommandExitsZeroAgainstARunningPartner() throws IOException {
        assertThat(ping(pair.id().baseUrl() + Gateway.AS4_PATH)).isZero();
        assertThat(count(pair.id(), "inbound_message")).isZero();
    }

    @Test
    void thePingCommandExitsOneAgainstADeadPort() throws IOException {
        assertThat(ping("http://127.0.0.1:" + TestGateways.freePort() + Gateway.AS4_PATH)).isEqualTo(1);
    }

    private int ping(String idEndpoint) throws IOException {
        Properties settings = pair.jpSettings();
        settings.setProperty("partner.ID.endpoint", idEndpoint);
        settings.setProperty("partner.ID.connectTimeout", "2s");
        Path file = dir.resolve("jp.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            settings.store(out, "ping test");
        }
        return new CommandLine(new Main()).execute("ping", "ID", "-c", file.toString());
    }
}
