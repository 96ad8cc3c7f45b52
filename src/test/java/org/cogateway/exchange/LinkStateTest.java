package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.exchange.Tracking.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Properties;
import org.cogateway.Gateway;
import org.cogateway.bench.GatewayProcess;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateStateCodeType;
import org.cogateway.contract.backoffice.CertificateStateType;
import org.cogateway.contract.backoffice.LinkConditionType;
import org.cogateway.contract.backoffice.LinkStateType;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.QueryOutcomeType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.security.PasswordHasher;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 3 over two real gateways: QueryCertificate's NOT_FOUND carries the state of the link
 * to the issuing country, which the quiet-partner pinger keeps known without traffic, and which
 * follows the partner going down and coming back; a found certificate says where it stands.
 * On the system clock: the pings are real AS4 messages with real timestamps.
 */
class LinkStateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void notFoundCarriesTheLinkStateAndItFollowsThePartnerGoingDownAndComingBack() throws Exception {
        // ID in its own JVM, so that stopping it is a real stop of a real process (SIGTERM), and starting
        // it again a real start on the same port and database
        int idPort = GatewayProperties.freePort();
        int jpPort = GatewayProperties.freePort();
        java.nio.file.Path dir = TestDatabases.tempDir("link-state");
        GatewayProcess id = new GatewayProcess("id-link", GatewayProperties.id(idPort,
                "http://127.0.0.1:" + jpPort + Gateway.AS4_PATH, TestDatabases.fresh()), dir);
        Properties jpSettings = GatewayProperties.jp(jpPort, "http://127.0.0.1:" + idPort + Gateway.AS4_PATH,
                TestDatabases.fresh());
        jpSettings.setProperty("partner.ID.quietAfter", "2s");
        jpSettings.setProperty("caller." + TestGateways.CUSTOMS + ".role", "CUSTOMS");
        jpSettings.setProperty("caller." + TestGateways.CUSTOMS + ".country", "JP");
        jpSettings.setProperty("caller." + TestGateways.CUSTOMS + ".passwordHash",
                PasswordHasher.hash(TestGateways.CUSTOMS_PASSWORD.toCharArray()));
        id.start();
        try (Gateway jp = GatewayProperties.start(jpSettings)) {
            CertificateOfOriginPortType jpCustoms = BackOfficeClient.as(jp, TestGateways.CUSTOMS,
                    TestGateways.CUSTOMS_PASSWORD);

            // nothing was exchanged yet: the pinger finds ID quiet, pings it, and the link is known to be up
            LinkStateType up = awaitLink(jpCustoms, LinkConditionType.UP);
            assertThat(up.getPartner()).isEqualTo("ID");
            assertThat(up.isHealthy()).isTrue();
            assertThat(up.getLastSuccessAt()).isNotNull();
            assertThat(up.getQuietAfter().toString()).isEqualTo("P0Y0M0DT0H0M2.000S");

            id.stop();
            LinkStateType down = awaitLink(jpCustoms, LinkConditionType.DOWN);
            assertThat(down.isHealthy()).isFalse();
            assertThat(down.getLastFailureAt().compare(up.getLastSuccessAt())).isPositive();
            // refused, or cut off by the stopping listener: either way no receipt
            assertThat(down.getLastFailure()).startsWith("RETRYABLE");

            id.start();
            LinkStateType back = awaitLink(jpCustoms, LinkConditionType.UP);
            assertThat(back.isHealthy()).isTrue();
            assertThat(back.getLastSuccessAt().compare(down.getLastFailureAt())).isPositive();
        } finally {
            id.stop();
            TestDatabases.delete(dir);
        }
    }

    @Test
    void aCountryWithoutPartnerIsSaidToHaveNoLinkAndAFoundCertificateCarriesNoLink() throws Exception {
        pair = TestGateways.pair(false, Map.of(), Map.of(), Clock.systemUTC()).startId().startJp();
        CertificateOfOriginPortType jpCustoms = BackOfficeClient.as(pair.jp(), TestGateways.CUSTOMS,
                TestGateways.CUSTOMS_PASSWORD);

        QueryCertificateResponse noPartner = jpCustoms.queryCertificate(Requests.query("TH", "TH-1", "INV-1"));
        assertThat(noPartner.getOutcome()).isEqualTo(QueryOutcomeType.NOT_FOUND);
        assertThat(noPartner.getLink().getCondition()).isEqualTo(LinkConditionType.NO_PARTNER);
        assertThat(noPartner.getLink().isHealthy()).isFalse();

        CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);
        deliver(jpChamber, "JP-L-001");
        QueryCertificateResponse found = idCustoms.queryCertificate(Requests.query("JP", "JP-L-001",
                Certificates.INVOICE_1));
        assertThat(found.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(found.getLink()).isNull();
    }

    @Test
    void aFoundCertificateSaysInOneStateWhetherItIsReceivedAcknowledgedUsedUpOrCancelled() throws Exception {
        pair = TestGateways.pair(false, Map.of(), Map.of(), Clock.systemUTC()).startId().startJp();
        CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);
        deliver(jpChamber, "JP-L-002");
        deliver(jpChamber, "JP-L-003");

        CertificateStateType received = state(idCustoms, "JP-L-002");
        assertThat(received.getCode()).isEqualTo(CertificateStateCodeType.RECEIVED);
        assertThat(received.getAcknowledgement()).isNull();

        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-L-002", 1),
                AcknowledgementStatusType.ACCEPTED_WITH_WARNINGS, null));
        CertificateStateType acknowledged = state(idCustoms, "JP-L-002");
        assertThat(acknowledged.getCode()).isEqualTo(CertificateStateCodeType.ACKNOWLEDGED);
        assertThat(acknowledged.getAcknowledgement()).isEqualTo(AcknowledgementStatusType.ACCEPTED_WITH_WARNINGS);
        assertThat(acknowledged.getSince().compare(received.getSince())).isPositive();

        idCustoms.recordUtilisation(Requests.utilisation(Requests.id("JP", "JP-L-002", 1), "IMP-L-002",
                Requests.draw(1, "800", "H87"), Requests.draw(2, "96.35", "TNE"), Requests.draw(3, "2", "C62")));
        CertificateStateType usedUp = state(idCustoms, "JP-L-002");
        assertThat(usedUp.getCode()).isEqualTo(CertificateStateCodeType.BALANCE_USED_UP);
        assertThat(usedUp.getAcknowledgement()).isEqualTo(AcknowledgementStatusType.ACCEPTED_WITH_WARNINGS);

        jpChamber.submitStatusChange(Requests.cancel("JP-L-003", "issued in error"));
        AtomicReference<CertificateStateType> cancelled = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            cancelled.set(state(idCustoms, "JP-L-003"));
            return cancelled.get().getCode() == CertificateStateCodeType.CANCELLED;
        });
        assertThat(cancelled.get().getSince().compare(state(idCustoms, "JP-L-002").getSince())).isPositive();
    }

    private static CertificateStateType state(CertificateOfOriginPortType customs, String number) throws Exception {
        QueryCertificateResponse r = customs.queryCertificate(Requests.query("JP", number, Certificates.INVOICE_1));
        assertThat(r.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        return r.getRecord().getState();
    }

    private static LinkStateType awaitLink(CertificateOfOriginPortType customs, LinkConditionType condition) {
        AtomicReference<LinkStateType> link = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            QueryCertificateResponse r = customs.queryCertificate(Requests.query("ID", "ID-NONE-1", "INV-1"));
            assertThat(r.getOutcome()).isEqualTo(QueryOutcomeType.NOT_FOUND);
            link.set(r.getLink());
            return r.getLink().getCondition() == condition;
        });
        return link.get();
    }
}
