package org.cogateway.as4;

import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.DocumentKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two real gateways in one JVM, JP and ID, each with its own keys, talking AS4 over loopback HTTP. */
class As4ExchangeTest {
    static final byte[] CO = ("<co:CertificateOfOrigin xmlns:co=\"urn:cogateway:certificate-of-origin:1\">"
            + "<co:Number>JP-2026-000123</co:Number></co:CertificateOfOrigin>").getBytes(StandardCharsets.UTF_8);

    static GatewayCrypto jpCrypto;
    static GatewayCrypto idCrypto;
    static MemorySink jpSink = new MemorySink();
    static MemorySink idSink = new MemorySink();
    static As4Endpoint jpEndpoint;
    static As4Endpoint idEndpoint;
    static Partner idAtJp;   // ID as JP's partner
    static Partner jpAtId;   // JP as ID's partner
    static As4Client jpClient;
    static As4Client idClient;

    @BeforeAll
    static void startGateways() throws IOException {
        jpCrypto = TestParties.jpCrypto();
        idCrypto = TestParties.idCrypto();
        URI jpUri = URI.create("http://127.0.0.1:" + freePort() + "/as4");
        URI idUri = URI.create("http://127.0.0.1:" + freePort() + "/as4");
        idAtJp = TestParties.idPartner(idUri);
        jpAtId = TestParties.jpPartner(jpUri);
        jpEndpoint = new As4Endpoint(TestParties.JP, jpCrypto, TestParties.directory(idAtJp), jpSink, Clock.systemUTC());
        idEndpoint = new As4Endpoint(TestParties.ID, idCrypto, TestParties.directory(jpAtId), idSink, Clock.systemUTC());
        jpEndpoint.publish(jpUri.toString());
        idEndpoint.publish(idUri.toString());
        jpClient = new As4Client(TestParties.JP, jpCrypto, Clock.systemUTC());
        idClient = new As4Client(TestParties.ID, idCrypto, Clock.systemUTC());
    }

    @AfterAll
    static void stopGateways() {
        jpEndpoint.stop();
        idEndpoint.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static OutboundMessage certificate(String messageId, byte[] payload) {
        return OutboundMessage.of(DocumentKind.CERTIFICATE, messageId, "conv-" + messageId, null, "JIEPA", payload,
                Instant.now());
    }

    @Test
    void certificateTravelsFromJpToIdAndTheReceiptIsVerified() {
        SendOutcome outcome = jpClient.send(certificate("co-1@jp-gw", CO), idAtJp);

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.answer()).isNotEmpty();
        assertThat(outcome.signedRequest()).isNotEmpty();
        ReceivedUserMessage received = idSink.stored.stream().filter(m -> m.messageId().equals("co-1@jp-gw"))
                .findFirst().orElseThrow();
        assertThat(received.partnerId()).isEqualTo("JP");
        assertThat(received.conversationId()).isEqualTo("conv-co-1@jp-gw");
        assertThat(received.action()).isEqualTo("SubmitCertificate");
        assertThat(received.payloadXml()).isEqualTo(CO);
    }

    @Test
    void acknowledgementTravelsBackFromIdToJp() {
        OutboundMessage ack = OutboundMessage.of(DocumentKind.ACKNOWLEDGEMENT, "ack-1@id-gw", "conv-co-1@jp-gw",
                "co-1@jp-gw", "JIEPA", "<ack/>".getBytes(StandardCharsets.UTF_8), Instant.now());

        SendOutcome outcome = idClient.send(ack, jpAtId);

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(jpSink.stored).anySatisfy(m -> {
            assertThat(m.messageId()).isEqualTo("ack-1@id-gw");
            assertThat(m.refToMessageId()).isEqualTo("co-1@jp-gw");
            assertThat(m.action()).isEqualTo("Acknowledge");
        });
    }

    @Test
    void aDuplicateIsAnsweredWithTheSameReceiptAndStoredOnce() {
        OutboundMessage message = certificate("co-dup@jp-gw", CO);

        SendOutcome first = jpClient.send(message, idAtJp);
        SendOutcome second = jpClient.send(message, idAtJp);

        assertThat(first.delivered()).as(first.reason()).isTrue();
        assertThat(second.delivered()).as(second.reason()).isTrue();
        assertThat(second.answer()).isEqualTo(first.answer());
        assertThat(idSink.stored).filteredOn(m -> m.messageId().equals("co-dup@jp-gw")).hasSize(1);
    }

    @Test
    void pingIsAnsweredWithAReceiptAndDeliveredToNobody() {
        int before = idSink.stored.size();

        SendOutcome outcome = jpClient.ping(idAtJp);

        assertThat(outcome.kind()).as(outcome.reason()).isEqualTo(SendOutcome.Kind.DELIVERED);
        assertThat(idSink.stored).hasSize(before);
    }

    @Test
    void aRefusedPayloadIsABusinessRejectionThatIsNotRetried() {
        SendOutcome outcome = jpClient.send(certificate("co-bad@jp-gw", "<co>REJECT</co>".getBytes(StandardCharsets.UTF_8)),
                idAtJp);

        assertThat(outcome.kind()).isEqualTo(SendOutcome.Kind.PERMANENT);
        assertThat(outcome.retryFeasible()).isFalse();
        assertThat(outcome.ebmsErrorCode()).isEqualTo("EBMS:0004");
        assertThat(outcome.reason()).contains("HS code 12345 is not 6 digits");
        assertThat(idSink.stored).noneMatch(m -> m.messageId().equals("co-bad@jp-gw"));
    }
}
