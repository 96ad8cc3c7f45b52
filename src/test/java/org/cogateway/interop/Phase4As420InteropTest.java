package org.cogateway.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.helger.phase4.sender.EAS4UserMessageSendResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.wss4j.common.WSS4JConstants;
import org.cogateway.Gateway;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JP gateway with its partner ID on the eDelivery AS4 2.0 profile, and phase4 4.4.1 playing ID
 * with its own eDelivery 2.0 algorithms (EdDSA Ed25519, X25519 key agreement with HKDF and AES-128
 * key wrap, AES-128-GCM), over real HTTP on loopback, both directions.
 */
class Phase4As420InteropTest {
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();
    private static final Set<String> SETTLED = Set.of("DELIVERED", "FAILED", "REJECTED");

    static Phase4Peer phase4;
    static Gateway jp;
    static String jpAs4;
    static CertificateOfOriginPortType chamber;

    @BeforeAll
    static void start() throws Exception {
        phase4 = new Phase4Peer(true);
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), phase4.url(), TestDatabases.fresh());
        p.setProperty("partner.ID.readTimeout", "20s");
        p.setProperty("partner.ID.retry.maxAttempts", "1");
        p.setProperty("partner.ID.profile", "as4-2.0");
        p.setProperty("keystore.ed25519.alias", "jp-ed25519");
        p.setProperty("keystore.x25519.alias", "jp-x25519");
        p.setProperty("partner.ID.signingCertAlias", "id-ed25519");
        p.setProperty("partner.ID.encryptionCertAlias", "id-x25519");
        jp = GatewayProperties.start(p);
        jpAs4 = jp.baseUrl() + Gateway.AS4_PATH;
        chamber = BackOfficeCaller.port(jp.baseUrl(), GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (jp != null) {
            jp.close();
        }
        if (phase4 != null) {
            phase4.close();
        }
    }

    @Test
    void phase4SendsACertificateUnderAs420AndValidatesTheEd25519SignedReceipt() {
        String id = phase4.newMessageId();
        byte[] co = new CertificateDocuments().certificateToXml(Certificates.inbound("ID-P4-20-" + RUN + "-1"))
                .getBytes(StandardCharsets.UTF_8);
        Phase4Peer.Sent sent = phase4.send(jpAs4, id, Phase4Peer.CERTIFICATE_ACTION, co);
        assertThat(sent.result()).isEqualTo(EAS4UserMessageSendResult.SUCCESS);
        assertThat(sent.signal().getReceipt()).isNotNull();
        assertThat(sent.signal().getMessageInfo().getRefToMessageId()).isEqualTo(id);
        assertThat(sent.nrrCheck()).isEqualTo("valid");
    }

    @Test
    void theGatewaySendsACertificateUnderAs420ToPhase4AndAcceptsItsReceipt() throws Exception {
        String number = "JP-P4-20-" + RUN + "-1";
        String tracking = chamber.submitCertificate(Requests.submit(Certificates.outbound(number))).getReceipt()
                .getTrackingId();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                SETTLED.contains(chamber.getDeliveryStatus(Requests.deliveryStatus(tracking)).getTransmission()
                        .getState().name()));
        GetDeliveryStatusResponse status = chamber.getDeliveryStatus(Requests.deliveryStatus(tracking));
        assertThat(status.getTransmission().getState().name()).as(status.getTransmission().getLastError())
                .isEqualTo("DELIVERED");
        Phase4Peer.Received received = phase4.received.stream()
                .filter(r -> r.messageId().equals(status.getTransmission().getMessageId())).findFirst().orElseThrow();
        assertThat(received.payloads()).singleElement()
                .satisfies(p -> assertThat(new String(p, StandardCharsets.UTF_8)).contains(number));
        String receipt = new String(phase4.answers.get(phase4.answers.size() - 1), StandardCharsets.UTF_8);
        assertThat(receipt).contains(":Receipt", WSS4JConstants.ED25519);
    }

    @Test
    void theGatewayPingsPhase4UnderAs420() {
        SendOutcome outcome = jp.as4Client().ping(jp.config().partners().byId("ID").orElseThrow());
        assertThat(outcome.delivered()).as(outcome.reason()).isTrue();
    }
}
