package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.BusFactory;
import org.cogateway.Gateway;
import org.cogateway.as4.As4Client;
import org.cogateway.as4.As4Endpoint;
import org.cogateway.as4.InboundSink;
import org.cogateway.as4.OutboundMessage;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.DocumentKind;
import org.cogateway.http.Listener;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.security.TlsContexts;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.Test;

/**
 * {@code as4.maxConcurrentRequests}: while as many AS4 requests as allowed are being processed, one
 * more is answered 503 with Retry-After at once, before its body is read; when a slot is free again,
 * the next request is processed. The receiving MSH here (ID, one slot) stores through a sink that
 * holds the genuine message from JP until the test lets it go.
 */
class As4SlotLimitTest {
    private static final String AS4_TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";

    @Test
    void aRequestBeyondTheSlotsIsAnswered503BeforeItsBodyIsRead() throws Exception {
        int idPort = TestGateways.freePort();
        String address = "http://127.0.0.1:" + idPort + Gateway.AS4_PATH;
        GatewayConfig id = config(GatewayProperties.id(idPort, "http://127.0.0.1:9/as4", TestDatabases.fresh()));
        Properties jpSettings = GatewayProperties.jp(TestGateways.freePort(), address, TestDatabases.fresh());
        jpSettings.setProperty("partner.ID.readTimeout", "30s");
        GatewayConfig jp = config(jpSettings);

        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InboundSink holding = (message, raw, receipt) -> {
            inSink.countDown();
            await(release);
            return receipt;
        };
        GatewayCrypto idCrypto = new GatewayCrypto(id.keys());
        As4Endpoint endpoint = new As4Endpoint(id.identity(), idCrypto, id.partners(), holding, Clock.systemUTC());
        Listener.configure(BusFactory.getDefaultBus(), "127.0.0.1", idPort, new TlsContexts(id.tls(), idCrypto),
                id.http().limits(), Map.of(Gateway.AS4_PATH, 1));
        endpoint.publish(address);
        try {
            As4Client client = new As4Client(jp.identity(), new GatewayCrypto(jp.keys()), Clock.systemUTC());
            Partner partner = jp.partners().byId("ID").orElseThrow();
            byte[] co = Files.readAllBytes(Certificates.VALID);
            CompletableFuture<SendOutcome> first = CompletableFuture.supplyAsync(() -> client.send(
                    OutboundMessage.of(DocumentKind.CERTIFICATE, "slot-1@jp-gw", "slot-1", null, "JIEPA", co, null),
                    partner));
            assertThat(inSink.await(60, TimeUnit.SECONDS)).as("the genuine message reached the sink").isTrue();

            try (HostileHttpClient second = new HostileHttpClient(idPort)) {
                // a head only: an answer proves the body was not waited for
                second.postHead(Gateway.AS4_PATH, AS4_TYPE, 1_000_000);
                HostileHttpClient.Answer answer = second.answer(Duration.ofSeconds(3));

                assertThat(answer).isNotNull();
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.headers()).containsEntry("retry-after", "5");
            }

            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).kind()).isEqualTo(SendOutcome.Kind.DELIVERED);
            SendOutcome next = client.send(
                    OutboundMessage.of(DocumentKind.CERTIFICATE, "slot-2@jp-gw", "slot-2", null, "JIEPA", co, null),
                    partner);
            assertThat(next.kind()).as(next.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        } finally {
            release.countDown();
            endpoint.stop();
        }
    }

    private static GatewayConfig config(Properties p) {
        return GatewayConfig.from(Settings.of(p));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the sink");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
