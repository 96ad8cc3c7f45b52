package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cogateway.Gateway;
import org.cogateway.as4.Forger;
import org.cogateway.config.GatewayConfig;
import org.cogateway.bench.GatewayProcess;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the gateway's memory and CPU, against a gateway in its own JVM with a 256 MiB heap: ten
 * concurrent signed and encrypted gzip bombs of 4 MB expanding to 4 GiB (refused by their size, before
 * decryption), ten of 0.23 MB expanding to 220 MiB (decrypted, refused while decompressing), and a
 * signed payload 200,000 elements deep. The gateway must refuse each with its ebMS error, stay up,
 * store nothing of them, and answer a genuine certificate within 5 seconds after each attack. The
 * durations are printed.
 */
@Tag("resource")
class As4ResourceTest {
    private static final Duration GENUINE_BOUND = Duration.ofSeconds(5);
    private static final int BOMBS = 10;

    @Test
    void tenConcurrentGzipBombsAndADeepPayloadLeaveTheGatewayServing() throws Exception {
        // kept after the run: the node's log is what to read when this fails
        Path dir = Files.createDirectories(Path.of("target", "resource-test"));
        Files.deleteIfExists(dir.resolve("jp-256m.log")); // the node appends to it: only this run's counts
        GatewayConfig.Database db = TestDatabases.fresh();
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", db);
        p.setProperty("delivery.enabled", "false");
        GatewayProcess node = new GatewayProcess("jp-256m", p, dir, List.of("-Xmx256m")).start();
        try {
            URI as4 = URI.create(node.baseUrl() + Gateway.AS4_PATH);
            // the first message warms the node up (class loading, JIT, schema): not bounded
            assertGenuine(as4, "before the attacks", Duration.ofSeconds(60));

            // 42 MB in flight at once may exceed the listener's buffer budget: those get 503 and Retry-After
            bombs(as4, "large-bomb", 4096, "EBMS:0004", true);
            assertGenuine(as4, "after the large gzip bombs", GENUINE_BOUND);
            bombs(as4, "bomb", 220, "EBMS:0303", false);
            assertGenuine(as4, "after the gzip bombs", GENUINE_BOUND);

            Forger deep = new Forger();
            deep.beforeSigning = compressed -> Hostile.gzip(Hostile.deepXml(200_000));
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = Forger.send(as4, deep.build("deep-0@id-gw", TargetGateway.certificate()));
            assertThat(Forger.code(answer)).isEqualTo("EBMS:0004");
            System.out.printf("payload 200,000 elements deep refused in %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertGenuine(as4, "after the deep payload", GENUINE_BOUND);

            assertThat(node.alive()).isTrue();
            assertThat(Files.readString(node.log())).doesNotContain("OutOfMemoryError");
        } finally {
            node.stop(); // not kill -9: the embedded H2 writes its last commits on a clean stop
        }
        assertThat(count(db, "message_id like '%bomb-%' or message_id like 'deep-%'")).isZero();
        assertThat(count(db, "message_id like 'genuine-%'")).isEqualTo(4);
    }

    /** {@link #BOMBS} signed and encrypted bombs of {@code mebibytes} MiB of zeros, posted at once. */
    private static void bombs(URI as4, String name, int mebibytes, String expectedCode, boolean budgetMayRefuse)
            throws Exception {
        byte[] bomb = Hostile.zeroBomb(mebibytes);
        List<Forger.Wire> wires = new ArrayList<>();
        for (int i = 0; i < BOMBS; i++) {
            Forger f = new Forger();
            f.beforeSigning = compressed -> bomb;
            wires.add(f.build(name + "-" + i + "@id-gw", TargetGateway.certificate()));
        }
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(BOMBS);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (Forger.Wire wire : wires) {
                answers.add(senders.submit(() -> Forger.send(as4, wire)));
            }
            int overBudget = 0;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                if (budgetMayRefuse && refusedByListener(answer)) {
                    overBudget++;
                    continue;
                }
                assertThat(answer.get().statusCode()).isEqualTo(200);
                assertThat(Forger.code(answer.get())).isEqualTo(expectedCode);
            }
            System.out.printf("%d of them over the listener's buffer budget (503)%n", overBudget);
        } finally {
            senders.shutdownNow();
        }
        System.out.printf("%d concurrent gzip bombs of %d bytes (%d MiB expanded) refused with %s in %d ms%n", BOMBS,
                bomb.length, mebibytes, expectedCode, (System.nanoTime() - start) / 1_000_000);
    }

    private static void assertGenuine(URI as4, String when, Duration bound) throws Exception {
        String messageId = "genuine-" + when.replace(' ', '-') + "@id-gw";
        Forger.Wire wire = new Forger().build(messageId, TargetGateway.certificate());
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = Forger.send(as4, wire, bound);
        assertThat(Forger.code(answer)).as("a genuine certificate " + when).isEqualTo("RECEIPT");
        System.out.printf("genuine certificate %s: receipt in %d ms%n", when, (System.nanoTime() - start) / 1_000_000);
    }

    /** 503 from the listener's buffer budget, which may also close the connection before the upload ends. */
    private static boolean refusedByListener(Future<HttpResponse<byte[]>> answer) throws InterruptedException {
        try {
            return answer.get().statusCode() == 503;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof java.io.IOException;
        }
    }

    /** Inbound messages matching {@code where}, read with plain SQL once the gateway has stopped. */
    private static long count(GatewayConfig.Database db, String where) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from inbound_message where " + where)) {
            r.next();
            return r.getLong(1);
        }
    }
}
