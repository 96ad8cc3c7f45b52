package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.cogateway.Gateway;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The listener's limits one at a time, against a gateway in this JVM with small limits: a declared
 * oversize, an exhausted buffer budget (on both faces), a trickling body, a trickling head, a client
 * that goes away mid-body, and a method AS4 does not use. Each is answered at once and precisely,
 * and the gateway serves the next request.
 */
class ListenerLimitsTest {
    private static final String AS4_TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";
    private static final int MAX_REQUEST = 600_000;
    private static final Duration QUICK = Duration.ofSeconds(3);
    private static Gateway gateway;
    private static int port;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp(Map.of(
                "http.maxRequestBytes", String.valueOf(MAX_REQUEST),
                "http.maxBufferedBytes", "1000000",
                "http.headerTimeout", "1s"));
        port = gateway.config().http().port();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void getOnTheAs4EndpointIsMethodNotAllowed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + Gateway.AS4_PATH)).GET()
                        .timeout(QUICK).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).doesNotContain("Envelope");
    }

    @Test
    void aDeclaredOversizeIsRefused413WithoutItsBodyBeingRead() throws Exception {
        try (HostileHttpClient client = new HostileHttpClient(port)) {
            client.postHead(Gateway.AS4_PATH, AS4_TYPE, MAX_REQUEST + 1L);

            assertThat(client.answer(QUICK)).isNotNull().extracting(HostileHttpClient.Answer::status).isEqualTo(413);
        }
    }

    @Test
    void withNoBudgetLeftBothFacesAnswer503WithRetryAfterUntilBudgetIsFreed() throws Exception {
        try (HostileHttpClient holder = new HostileHttpClient(port)) {
            holder.postHead(Gateway.AS4_PATH, AS4_TYPE, MAX_REQUEST).send(new byte[] {'-'});
            for (String path : List.of(Gateway.AS4_PATH, BackOfficeService.SOAP11_PATH)) {
                // the holder's head is taken in on another connection and thread: until its budget is
                // held, a late request may still get budget of its own, so it is asked again (closing it
                // gives that budget back) until the holder's reservation shows
                AtomicReference<HostileHttpClient.Answer> refused = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    try (HostileHttpClient late = new HostileHttpClient(port)) {
                        late.postHead(path, path.equals(Gateway.AS4_PATH) ? AS4_TYPE : "text/xml", MAX_REQUEST);
                        refused.set(late.answer(QUICK));
                        return refused.get() != null;
                    }
                });

                assertThat(refused.get().status()).as(path).isEqualTo(503);
                assertThat(refused.get().headers()).as(path).containsEntry("retry-after", "5");
            }
        }
        // the holder went away: its budget is given back and a body of the same size is read again
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (HostileHttpClient next = new HostileHttpClient(port)) {
                next.postHead(Gateway.AS4_PATH, AS4_TYPE, MAX_REQUEST).send(new byte[MAX_REQUEST]);
                HostileHttpClient.Answer answer = next.answer(QUICK);
                return answer != null && answer.status() != 503 && answer.status() != 0;
            }
        });
    }

    @Test
    void aBodyTricklingInIsDroppedWith408() throws Exception {
        try (HostileHttpClient client = new HostileHttpClient(port)) {
            client.postHead(Gateway.AS4_PATH, AS4_TYPE, 10_000);
            HostileHttpClient.Answer answer = null;
            for (int i = 0; i < 15 && answer == null; i++) {
                client.send(new byte[] {'x'});
                answer = client.answer(Duration.ofSeconds(1));
            }

            assertThat(answer).as("answered within 15 s").isNotNull();
            assertThat(answer.status()).isEqualTo(408);
        }
        assertThat(backOfficeAnswers()).isTrue();
    }

    @Test
    void aHeadTricklingInIsClosedAfterTheHeaderTimeout() throws Exception {
        try (HostileHttpClient client = new HostileHttpClient(port)) {
            client.send(("POST " + Gateway.AS4_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            boolean ended = false;
            long start = System.nanoTime();
            // one header byte every 200 ms keeps the connection from ever being idle
            for (int i = 0; i < 50 && !ended; i++) {
                ended = !client.send(new byte[] {'X'}) || client.endedWithin(Duration.ofMillis(200));
            }

            assertThat(ended).as("closed within 10 s").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aClientGoingAwayMidBodyIsOneInfoLineAndNoError() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        try {
            for (String path : List.of(Gateway.AS4_PATH, BackOfficeService.SOAP11_PATH)) {
                try (HostileHttpClient client = new HostileHttpClient(port)) {
                    client.postHead(path, path.equals(Gateway.AS4_PATH) ? AS4_TYPE : "text/xml", 10_000)
                            .send(new byte[100]);
                    Thread.sleep(200);
                }
            }
            await().atMost(QUICK).until(() -> wentAway(events).size() == 2);

            assertThat(wentAway(events)).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
            assertThat(List.copyOf(events.list)).noneMatch(e -> e.getLevel() == Level.ERROR);
        } finally {
            root.detachAppender(events);
        }
    }

    /** The admin listener has the main listener's limits: a trickling head is closed, a trickling body dropped. */
    @Test
    void theAdminListenerClosesATricklingHeadAndDropsATricklingBody() throws Exception {
        int adminPort = URI.create(gateway.adminUrl()).getPort();
        try (HostileHttpClient client = new HostileHttpClient(adminPort)) {
            client.send("POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean ended = false;
            for (int i = 0; i < 50 && !ended; i++) {
                ended = !client.send(new byte[] {'X'}) || client.endedWithin(Duration.ofMillis(200));
            }

            assertThat(ended).as("admin connection closed within 10 s").isTrue();
        }
        try (HostileHttpClient client = new HostileHttpClient(adminPort)) {
            client.postHead("/api/v1/login", "application/json", 10_000);
            HostileHttpClient.Answer answer = null;
            for (int i = 0; i < 15 && answer == null; i++) {
                client.send(new byte[] {' '});
                answer = client.answer(Duration.ofSeconds(1));
            }

            assertThat(answer).as("answered within 15 s").isNotNull();
            assertThat(answer.status()).isEqualTo(408);
        }
        HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.adminUrl() + "/health/live")).timeout(QUICK).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
    }

    private static List<ILoggingEvent> wentAway(ListAppender<ILoggingEvent> events) {
        return List.copyOf(events.list).stream().filter(e -> e.getFormattedMessage().contains("went away")).toList();
    }

    private static boolean backOfficeAnswers() throws Exception {
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.baseUrl() + BackOfficeService.SOAP11_PATH + "?wsdl")).timeout(QUICK).build(),
                HttpResponse.BodyHandlers.ofString());
        return wsdl.statusCode() == 200;
    }
}
