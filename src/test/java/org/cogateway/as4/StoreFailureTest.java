package org.cogateway.as4;

import org.cogateway.document.DocumentKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The receiving MSH (JP) refuses each forged or non-compliant message from "ID" with the exact
 * ebMS error, and gives nothing to the sink.
 */
class InboundRefusalTest {
    static final byte[] CO = As4ExchangeTest.CO;
    static MemorySink sink = new MemorySink();
    static As4Endpoint jp;
    static URI endpoint;

    private static final int MAX_REQUEST_BYTES = 256 * 1024;

    @BeforeAll
    static void start() throws Exception {
        endpoint = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        jp = new As4Endpoint(TestParties.JP, TestParties.jpCrypto(),
                TestParties.directory(TestParties.idPartner(URI.create("http://127.0.0.1:1/unused"))), sink,
                Clock.systemUTC(), Duration.ofDays(1), MAX_REQUEST_BYTES);
        jp.publish(endpoint.toString());
    }

    @AfterAll
    static void stop() {
        jp.stop();
    }

    private static String send(Forger forger, String messageId) throws Exception {
        String code = Forger.post(endpoint, forger.build(messageId, CO));
        assertThat(sink.stored).noneMatch(m -> m.messageId().equals(messageId));
        return code;
    }

    @Test
    void aWellFormedMessageFromTheForgerIsAccepted() throws Exception {
        assertThat(Forger.post(endpoint, new Forger().build("ok@id-gw", CO))).isEqualTo("RECEIPT");
        assertThat(sink.stored).anyMatch(m -> m.messageId().equals("ok@id-gw"));
    }

    @Test
    void anUnsignedMessageIsRefusedAsPolicyNoncompliance() throws Exception {
        Forger f = new Forger();
        f.sign = false;
        assertThat(send(f, "unsigned@id-gw")).isEqualTo("EBMS:0103");
    }

    @Test
    void anUnencryptedPayloadIsRefusedAsPolicyNoncompliance() throws Exception {
        Forger f = new Forger();
        f.encrypt = false;
        assertThat(send(f, "unencrypted@id-gw")).isEqualTo("EBMS:0103");
    }

    @Test
    void aSignatureByAnUntrustedSelfSignedCertificateFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.signer = TestParties.idImpostor(TestParties.TEST_KEYS.resolve("rogue.p12"), "sample-id", "id");
        assertThat(send(f, "rogue@id-gw")).isEqualTo("EBMS:0101");
    }

    @Test
    void aSignatureByAnExpiredCertificateFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.signer = TestParties.idImpostor(TestParties.TEST_KEYS.resolve("id-expired.p12"), "sample-id", "id");
        assertThat(send(f, "expired@id-gw")).isEqualTo("EBMS:0101");
    }

    @Test
    void aSignatureByATrustedCertificateThatIsNotThePartnersFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.signer = TestParties.idImpostor(Path.of("keystores-sample/jp-chamber.p12"), "sample-jp-chamber", "jp-chamber");
        assertThat(send(f, "wrong-signer@id-gw")).isEqualTo("EBMS:0101");
    }

    @Test
    void aTamperedEncryptedPayloadFailsDecryption() throws Exception {
        // AES-GCM authenticates the ciphertext: a changed byte is caught when decrypting
        Forger f = new Forger();
        f.afterEncryption = p -> {
            byte[] bytes = Arrays.copyOf(p.content(), p.content().length);
            bytes[bytes.length / 2] ^= 0x01;
            return new Part(p.contentId(), p.contentType(), bytes);
        };
        assertThat(send(f, "tampered-payload@id-gw")).isEqualTo("EBMS:0102");
    }

    @Test
    void aPayloadEncryptedForSomeoneElseFailsDecryption() throws Exception {
        Forger f = new Forger();
        f.recipient = TestParties.idCrypto().ownCertificate();
        assertThat(send(f, "not-for-us@id-gw")).isEqualTo("EBMS:0102");
    }

    @Test
    void anActionChangedAfterSigningFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.afterSigning = doc -> ((Element) doc.getElementsByTagNameNS(Ebms.NS, "Action").item(0))
                .setTextContent(Actions.action(DocumentKind.STATUS_CHANGE));
        assertThat(send(f, "tampered-action@id-gw")).isEqualTo("EBMS:0101");
    }

    @Test
    void aConversationIdChangedAfterSigningFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.afterSigning = doc -> ((Element) doc.getElementsByTagNameNS(Ebms.NS, "ConversationId").item(0))
                .setTextContent("another-conversation");
        assertThat(send(f, "tampered-conversation@id-gw")).isEqualTo("EBMS:0101");
    }

    @Test
    void aReplayedOldMessageIsRefusedAsPolicyNoncompliance() throws Exception {
        Forger f = new Forger();
        f.time = Instant.now().minus(Duration.ofDays(3));
        assertThat(send(f, "replayed@id-gw")).isEqualTo("EBMS:0103");
    }

    @Test
    void aMessageFromAnUnknownPartyIsRefusedAsValueNotRecognized() throws Exception {
        Forger f = new Forger();
        f.from = new org.cogateway.config.GatewayConfig.Identity("XX-GW", TestParties.PARTY_TYPE, "XX", "unknown");
        assertThat(send(f, "unknown-party@xx-gw")).isEqualTo("EBMS:0001");
    }

    @Test
    void anUnknownActionIsRefusedAsValueNotRecognized() throws Exception {
        Forger f = new Forger();
        f.action = "LaunchMissiles";
        assertThat(send(f, "unknown-action@id-gw")).isEqualTo("EBMS:0001");
    }

    @Test
    void aPayloadThatIsNotGzipIsRefusedAsDecompressionFailure() throws Exception {
        Forger f = new Forger();
        f.beforeSigning = p -> new Part(p.contentId(), p.contentType(), "not gzip at all".getBytes(StandardCharsets.UTF_8));
        assertThat(send(f, "bad-gzip@id-gw")).isEqualTo("EBMS:0303");
    }

    @Test
    void aDuplicateIsAnsweredWithTheStoredReceiptAndNotStoredTwice() throws Exception {
        SoapMessage.Wire wire = new Forger().build("dup@id-gw", CO);
        assertThat(Forger.post(endpoint, wire)).isEqualTo("RECEIPT");
        assertThat(Forger.post(endpoint, wire)).isEqualTo("RECEIPT");
        assertThat(sink.stored).filteredOn(m -> m.messageId().equals("dup@id-gw")).hasSize(1);
    }

    @Test
    void aFailingStoreGetsNoEbmsAnswerSoTheSenderRetries() throws Exception {
        URI other = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        As4Endpoint broken = new As4Endpoint(TestParties.JP, TestParties.jpCrypto(),
                TestParties.directory(TestParties.idPartner(URI.create("http://127.0.0.1:1/unused"))),
                (message, raw, receipt) -> {
                    throw new IllegalStateException("database down");
                }, Clock.systemUTC());
        broken.publish(other.toString());
        try {
            SoapMessage.Wire wire = new Forger().build("store-down@id-gw", CO);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(other)
                            .header("Content-Type", wire.contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("database down");
        } finally {
            broken.stop();
        }
    }

    @Test
    void garbageIsRefusedAsInvalidHeaderWithoutLibraryText() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/soap+xml")
                        .POST(HttpRequest.BodyPublishers.ofString("<not-soap")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("EBMS:0009").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aRequestLargerThanTheLimitIsRefusedWithoutBeingReadOrStored() throws Exception {
        int before = sink.stored.size();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/soap+xml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_REQUEST_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(sink.stored).hasSize(before);
    }
}
