package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.Gateway;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.config.GatewayConfig;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProcess;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, weaknesses 5 and 6: an Indonesian gateway in its own JVM with a 256 MiB heap and its
 * default limits, under 300 connections that send their body one byte every few seconds, and under
 * 200 uploads of 9 MiB that then stall. While each attack runs and after it, the gateway answers a
 * back-office call and accepts a genuine signed and encrypted CO from a Japanese gateway (in this
 * JVM) within 5 s, drops every attacking connection within a bound, and has no out-of-memory error.
 */
@Tag("resource")
class ListenerExhaustionTest {
    private static final String AS4_TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";
    private static final Duration WITHIN = Duration.ofSeconds(5);
    /** A connection the gateway has not dropped by then is holding on to it. */
    private static final Duration DROPPED_WITHIN = Duration.ofSeconds(25);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WITHIN).build();
    private static final AtomicInteger COS = new AtomicInteger();

    @TempDir
    static Path dir;
    private static GatewayProcess id;
    private static Gateway jp;
    private static CertificateOfOriginPortType chamber;

    private final List<HostileHttpClient> attackers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        int idPort = TestGateways.freePort();
        int jpPort = TestGateways.freePort();
        Properties idSettings = GatewayProperties.id(idPort, "http://127.0.0.1:" + jpPort + Gateway.AS4_PATH,
                new GatewayConfig.Database(null, "sa", "", 5, dir.resolve("id-data")));
        id = new GatewayProcess("id", idSettings, dir, List.of("-Xmx256m")).start();
        Properties jpSettings = GatewayProperties.jp(jpPort, "http://127.0.0.1:" + idPort + Gateway.AS4_PATH,
                TestDatabases.fresh());
        // a refused attempt (503) is retried soon; the CO must still arrive within WITHIN
        jpSettings.setProperty("partner.ID.retry.maxAttempts", "20");
        jpSettings.setProperty("partner.ID.readTimeout", "4s");
        jp = GatewayProperties.start(jpSettings);
        chamber = BackOfficeClient.as(jp, GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD);
        // the first call and the first CO warm both JVMs up (class loading, JIT); they are not timed
        served("warming up", Duration.ofSeconds(60));
        assertServed("before the attacks");
    }

    @AfterAll
    static void stop() {
        if (jp != null) {
            jp.close();
        }
        if (id != null) {
            id.close();
        }
    }

    @AfterEach
    void closeAttackers() {
        attackers.forEach(HostileHttpClient::close);
    }

    @Test
    void threeHundredSlowBodiesHoldNothingAndAreDropped() throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            HostileHttpClient client = new HostileHttpClient(port());
            attackers.add(client);
            client.postHead(Gateway.AS4_PATH, AS4_TYPE, 50_000).send(new byte[] {'-'});
        }
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            // one byte every 3 s on each connection, for at most the time the gateway has to drop them
            trickle.scheduleAtFixedRate(() -> attackers.forEach(c -> c.send(new byte[] {'-'})), 3, 3, TimeUnit.SECONDS);
            trickle.schedule(trickle::shutdown, DROPPED_WITHIN.toSeconds(), TimeUnit.SECONDS);

            assertServed("while 300 bodies trickle in");
            assertThat(droppedCount(start)).as("slow connections the gateway dropped").isEqualTo(300);
        } finally {
            trickle.shutdownNow();
        }
        System.out.printf("300 slow bodies: all dropped %d s after the first opened%n", secondsSince(start));
        attackers.forEach(HostileHttpClient::close);
        assertServed("after the slow bodies");
    }

    @Test
    void twoHundredStalledUploadsOfNineMibDoNotExhaustTheHeap() throws Exception {
        long start = System.nanoTime();
        byte[] block = new byte[64 * 1024];
        ExecutorService pushers = Executors.newFixedThreadPool(20);
        try {
            List<Future<Long>> pushed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                pushed.add(pushers.submit(() -> {
                    HostileHttpClient client = new HostileHttpClient(port());
                    attackers.add(client);
                    client.postHead(Gateway.AS4_PATH, AS4_TYPE, 10L * 1024 * 1024);
                    long sent = 0;
                    // 9 MiB of a declared 10 MiB, then nothing more: the upload stalls
                    while (sent < 9L * 1024 * 1024 && client.send(block)) {
                        sent += block.length;
                    }
                    return sent;
                }));
            }
            pushers.shutdown();
            if (!pushers.awaitTermination(90, TimeUnit.SECONDS)) {
                // a gateway that reads everything into memory makes the pushers block: end them
                attackers.forEach(HostileHttpClient::close);
            }
            long fullyPushed = pushed.stream().filter(Future::isDone).filter(f -> {
                try {
                    return f.get() >= 9L * 1024 * 1024;
                } catch (Exception e) {
                    return false;
                }
            }).count();
            System.out.printf("200 stalled uploads: %d pushed 9 MiB, pushing took %d s%n", fullyPushed,
                    secondsSince(start));

            assertServed("while 200 uploads stall");
            long stalledAt = System.nanoTime();
            assertThat(droppedCount(stalledAt)).as("stalled uploads the gateway dropped").isEqualTo(200);
            System.out.printf("200 stalled uploads: all dropped %d s after the pushing ended%n", secondsSince(stalledAt));
        } finally {
            pushers.shutdownNow();
        }
        attackers.forEach(HostileHttpClient::close);
        assertServed("after the stalled uploads");
    }

    /** How many attacking connections the gateway answered or closed within {@link #DROPPED_WITHIN} of {@code since}. */
    private long droppedCount(long since) throws Exception {
        long dropped = 0;
        for (HostileHttpClient client : attackers) {
            Duration left = DROPPED_WITHIN.minusNanos(System.nanoTime() - since);
            if (client.endedWithin(left.isNegative() ? Duration.ofMillis(1) : left)) {
                dropped++;
            }
        }
        return dropped;
    }

    /** The back-office answers and a genuine CO is delivered, each within {@link #WITHIN}; nothing ran out of memory. */
    private static void assertServed(String when) throws Exception {
        served(when, WITHIN);
    }

    private static void served(String when, Duration within) throws Exception {
        long start = System.nanoTime();
        RawSoap.Response partners = listPartners(within);
        Duration backOffice = Duration.ofNanos(System.nanoTime() - start);
        assertThat(partners.status()).as("back-office " + when).isEqualTo(200);
        assertThat(partners.body()).as("back-office " + when).contains("ListPartnersResponse");

        start = System.nanoTime();
        String number = "JP-LE-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase()
                + "-" + COS.incrementAndGet();
        String tracking = chamber.submitCertificate(Requests.submit(Certificates.outbound(number))).getReceipt()
                .getTrackingId();
        String state = null;
        while (System.nanoTime() - start < within.toNanos() && !"DELIVERED".equals(state)) {
            state = (String) TestGateways.queryRow(jp, "select state from transmission where id = ?", tracking)
                    .get("state");
            sleep(50);
        }
        Duration delivered = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s: back-office answered in %d ms, CO %s %s in %d ms%n", when, backOffice.toMillis(),
                number, state, delivered.toMillis());
        assertThat(state).as("genuine CO " + when).isEqualTo("DELIVERED");
        assertThat(id.alive()).as("gateway process " + when).isTrue();
        assertThat(log()).as("gateway log " + when).doesNotContain("OutOfMemoryError");
    }

    private static RawSoap.Response listPartners(Duration within) {
        String envelope = RawSoap.envelope(GatewayProperties.ID_CUSTOMS, GatewayProperties.ID_CUSTOMS_PASSWORD,
                "<bo:ListPartnersRequest/>");
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create(id.baseUrl() + BackOfficeService.SOAP11_PATH))
                    .timeout(within).header("Content-Type", "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
            return new RawSoap.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("the back-office did not answer within " + within + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String log() {
        try {
            return Files.readString(id.log(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int port() {
        return URI.create(id.baseUrl()).getPort();
    }

    private static long secondsSince(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
