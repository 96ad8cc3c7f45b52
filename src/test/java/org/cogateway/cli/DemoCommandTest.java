package org.cogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's run command: two real gateways over loopback, one certificate there and back. */
class DemoCommandTest {

    @Test
    void theDemoWalksACertificateToAcknowledgedAndExitsZero() {
        String printed = demo("demo", "--verbose");
        assertThat(printed).contains("DELIVERED after 1 attempt(s)", "FOUND, VALID", "jp-chamber sees ACKNOWLEDGED",
                        "id-customs reads the answer: ANSWERED, CONFIRMED, 1 document(s)")
                .doesNotContain("DEMO FAILED");
    }

    @Test
    void theDemoRunsOnTheAs420Profile() {
        String printed = demo("demo", "--profile", "as4-2.0");
        assertThat(printed).contains("profile as4-2.0", "DELIVERED after 1 attempt(s)", "jp-chamber sees ACKNOWLEDGED",
                        "id-customs reads the answer: ANSWERED, CONFIRMED, 1 document(s)")
                .doesNotContain("DEMO FAILED");
    }

    private static String demo(String... args) {
        // the demo runs on its own embedded databases whatever the build selected: once is enough
        assumeFalse(TestDatabases.mariadb(), "the demo always uses the embedded database");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        return printed;
    }
}
