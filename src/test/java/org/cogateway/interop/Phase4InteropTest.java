package org.cogateway.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.cogateway.Gateway;
import org.cogateway.as4.As4Client;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.FaultProxy;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JP gateway and phase4 4.4.1 playing the Indonesian gateway exchange over real HTTP on
 * loopback, in both directions, each with its own AS4 stack and its own sample keys. The gateway
 * reaches phase4 through a {@link FaultProxy} (no faults unless a test asks for one), so that a
 * receipt can be lost on the line after phase4 has stored the message.
 */
class Phase4InteropTest {
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();
    private static final Set<String> SETTLED = Set.of("DELIVERED", "FAILED", "REJECTED");

    static Phase4Peer phase4;
    static FaultProxy line;
    static Gateway jp;
    static String jpAs4;
    static CertificateOfOriginPortType chamber;

    @BeforeAll
    static void start() throws Exception {
        phase4 = new Phase4Peer();
        line = new FaultProxy(java.net.URI.create(phase4.url()), 0, Duration.ZERO, 1);
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), line.url("/as4"), TestDatabases.fresh());
        // phase4 on a loaded machine: signing and encrypting its answer takes longer than the reliability tests allow
        p.setProperty("partner.ID.readTimeout", "20s");
        p.setProperty("partner.ID.retry.maxAttempts", "3");
        jp = GatewayProperties.start(p);
        jpAs4 = jp.baseUrl() + Gateway.AS4_PATH;
        chamber = BackOfficeCaller.port(jp.baseUrl(), GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (jp != null) {
            jp.close();
        }
        if (line != null) {
            line.close();
        }
        if (phase4 != null) {
            phase4.close();
        }
    }

    private static byte[] certificate(String number) {
        return new CertificateDocuments().certificateToXml(Certificates.inbound(number)).getBytes(StandardCharsets.UTF_8);
    }

    // phase4 sends, the gateway receives

    @Test
    void phase4SendsACertificateAndValidatesTheReceiptsNonRepudiationInformation() {
        String id = phase4.newMessageId();
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, certificate("ID-P4-" + RUN + "-1"));
        assertThat(sent.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(sent.signal().getReceipt()).isNotNull();
        assertThat(sent.signal().getMessageInfo().getRefToMessageId()).isEqualTo(id);
        assertThat(sent.nrrCheck()).isEqualTo("valid");
        assertThat(storedAtJp(id)).isEqualTo(1);
    }

    @Test
    void aDuplicateFromPhase4IsAnsweredWithAReceiptAndStoredOnce() {
        String id = phase4.newMessageId();
        byte[] co = certificate("ID-P4-" + RUN + "-2");
        Phase4Peer.Sent first = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, co);
        Phase4Peer.Sent again = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, co);
        assertThat(first.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(again.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(again.signal().getReceipt()).as("the stored receipt, not an error").isNotNull();
        assertThat(storedAtJp(id)).isEqualTo(1);
    }

    @Test
    void phase4PingsTheGateway() {
        String id = phase4.newMessageId();
        Phase4Peer.Sent sent = phase4.ping(jpAs4, id);
        assertThat(sent.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(sent.signal().getReceipt()).isNotNull();
        assertThat(storedAtJp(id)).as("a ping reaches no back-office").isZero();
    }

    @Test
    void anUnsignedMessageFromPhase4IsRefusedAsPolicyNoncompliance() {
        String id = phase4.newMessageId();
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, certificate("ID-P4-" + RUN + "-3"),
                b -> b.pmode(phase4.pmode(s -> s.setX509SignatureAlgorithm(null))));
        assertThat(errorCodes(sent)).containsExactly("EBMS:0103");
        assertThat(storedAtJp(id)).isZero();
    }

    @Test
    void anUnencryptedMessageFromPhase4IsRefusedAsPolicyNoncompliance() {
        String id = phase4.newMessageId();
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, certificate("ID-P4-" + RUN + "-4"),
                b -> b.pmode(phase4.pmode(s -> s.setX509EncryptionAlgorithm(null))));
        assertThat(errorCodes(sent)).containsExactly("EBMS:0103");
        assertThat(storedAtJp(id)).isZero();
    }

    @Test
    void aMessageFromPhase4SignedWithAnUntrustedKeyFailsAuthentication() throws Exception {
        String id = phase4.newMessageId();
        AS4CryptoFactoryInMemoryKeyStore rogue = Phase4Peer.crypto(Path.of("src/test/resources/keys/rogue.p12"),
                "sample-id", "id", Path.of("keystores-sample/id-truststore.p12"));
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, certificate("ID-P4-" + RUN + "-5"),
                b -> b.cryptoFactorySign(rogue));
        assertThat(errorCodes(sent)).containsExactly("EBMS:0101");
        assertThat(storedAtJp(id)).isZero();
    }

    @Test
    void anUnknownActionFromPhase4IsRefusedAsValueNotRecognized() {
        String id = phase4.newMessageId();
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, "LaunchMissiles", certificate("ID-P4-" + RUN + "-6"));
        assertThat(errorCodes(sent)).containsExactly("EBMS:0001");
        assertThat(storedAtJp(id)).isZero();
    }

    @Test
    void anInvalidCertificateFromPhase4IsRejectedAsOther() {
        String id = phase4.newMessageId();
        byte[] invalid = "<co:CertificateOfOrigin xmlns:co=\"urn:cogateway:certificate-of-origin:1\"/>"
                .getBytes(StandardCharsets.UTF_8);
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, invalid);
        assertThat(errorCodes(sent)).containsExactly("EBMS:0004");
        assertThat(storedAtJp(id)).isZero();
    }

    // the gateway sends, phase4 receives

    @Test
    void theGatewaySendsACertificateToPhase4AndAcceptsItsReceipt() {
        String number = "JP-P4-" + RUN + "-1";
        String tracking = submit(number);
        GetDeliveryStatusResponse status = settled(tracking);
        assertThat(status.getTransmission().getState().name()).as(status.getTransmission().getLastError())
                .isEqualTo("DELIVERED");
        assertThat(status.getTransmission().getLastError()).isNull();
        Phase4Peer.Received received = phase4.received.stream()
                .filter(r -> r.messageId().equals(status.getTransmission().getMessageId())).findFirst().orElseThrow();
        assertThat(received.action()).isEqualTo(Phase4Peer.CERTIFICATE_ACTION);
        assertThat(received.payloads()).singleElement()
                .satisfies(p -> assertThat(new String(p, StandardCharsets.UTF_8)).contains(number));
        // what docs/partners.md says of phase4's receipts: signed with a BinarySecurityToken, no wsu:Timestamp
        String receipt = new String(phase4.answers.get(phase4.answers.size() - 1), StandardCharsets.UTF_8);
        assertThat(receipt).contains(":Receipt", ":NonRepudiationInformation", ":BinarySecurityToken")
                .doesNotContain("<wsu:Timestamp");
    }

    @Test
    void theGatewayPingsPhase4() {
        As4Client client = jp.as4Client();
        SendOutcome outcome = client.ping(jp.config().partners().byId("ID").orElseThrow());
        assertThat(outcome.delivered()).as(outcome.reason()).isTrue();
    }

    @Test
    void aReceiptLostAfterPhase4StoredTheCertificateIsResentAndEndsDelivered() {
        line.dropNextResponses(1);
        String tracking = submit("JP-P4-" + RUN + "-2");
        GetDeliveryStatusResponse status = settled(tracking);
        String messageId = status.getTransmission().getMessageId();
        assertThat(status.getTransmission().getState().name()).as("history %s", history(status))
                .isEqualTo("DELIVERED");
        assertThat(status.getTransmission().getAttempts()).isEqualTo(2);
        assertThat(phase4.received).filteredOn(r -> r.messageId().equals(messageId))
                .as("phase4 handed it to its back end once").hasSize(1);
        assertThat(status.getTransmission().getLastError()).contains("this is a duplicate");
        assertThat(history(status)).last().asString().startsWith("DELIVERED delivered without a receipt");
    }

    private static String submit(String number) {
        try {
            return chamber.submitCertificate(Requests.submit(Certificates.outbound(number))).getReceipt().getTrackingId();
        } catch (Exception e) {
            throw new AssertionError("submission refused", e);
        }
    }

    private static GetDeliveryStatusResponse settled(String tracking) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                SETTLED.contains(chamber.getDeliveryStatus(Requests.deliveryStatus(tracking)).getTransmission()
                        .getState().name()));
        try {
            return chamber.getDeliveryStatus(Requests.deliveryStatus(tracking));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> history(GetDeliveryStatusResponse status) {
        List<String> lines = new ArrayList<>();
        status.getHistory().forEach(h -> lines.add(h.getState() + " " + h.getDetail()));
        return lines;
    }

    private static List<String> errorCodes(Phase4Peer.Sent sent) {
        assertThat(sent.signal()).as("phase4 got a signal back (result %s)", sent.result()).isNotNull();
        return sent.signal().getError().stream().map(Ebms3Error::getErrorCode).toList();
    }

    /** How many inbound messages with this MessageId the JP gateway stored. */
    private static int storedAtJp(String messageId) {
        try (Connection c = jp.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM inbound_message WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
