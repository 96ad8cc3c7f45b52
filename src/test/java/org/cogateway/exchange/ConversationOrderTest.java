package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.exchange.Tracking.awaitStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages about one certificate reach the partner in the order they were made: a cancellation or a
 * replacement sent before the certificate it concerns would be refused there (unknown certificate),
 * and the certificate, arriving later, would stay valid at the importing side.
 */
class ConversationOrderTest {
    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        pair.close();
    }

    private CertificateOfOriginPortType chamber() {
        return BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
    }

    @Test
    void aCancellationMadeRightAfterTheCertificateArrivesAfterIt() throws Exception {
        pair = TestGateways.pair(false, Map.of("delivery.workers", "4", "delivery.perPartnerLimit", "4"), Map.of(),
                new TestClock()).startId().startJp();
        CertificateOfOriginPortType jpChamber = chamber();
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);
        List<String> cancellations = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String number = "JP-Q-00" + i;
            jpChamber.submitCertificate(Requests.submit(Certificates.outbound(number)));
            cancellations.add(jpChamber.submitStatusChange(Requests.cancel(number, "withdrawn")).getReceipt()
                    .getTrackingId());
        }

        for (int i = 1; i <= 5; i++) {
            String trackingId = cancellations.get(i - 1);
            var last = awaitStatus(jpChamber, trackingId, s -> s.getTransmission().getState() == TransmissionStateType.DELIVERED
                    || s.getTransmission().getState() == TransmissionStateType.REJECTED).getTransmission();
            assertThat(last.getState()).as("cancellation of JP-Q-00" + i + ": " + last.getLastError())
                    .isEqualTo(TransmissionStateType.DELIVERED);
            assertThat(idCustoms.getCertificate(Requests.get("JP", "JP-Q-00" + i, 1)).getRecord().getCurrentStatus())
                    .isEqualTo(CurrentStatusType.CANCELLED);
        }
    }

    @Test
    void aCancellationWaitingForAPartnerThatIsDownIsNotSentBeforeTheCertificate() throws Exception {
        pair = TestGateways.pair(false, Map.of("partner.ID.retry.initialBackoff", "100ms",
                        "partner.ID.retry.maxBackoff", "3s", "partner.ID.connectTimeout", "1s"), Map.of(),
                TestClock.runningFrom(TestClock.START)).startJp();
        CertificateOfOriginPortType jpChamber = chamber();
        String certificate = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-Q-010")))
                .getReceipt().getTrackingId();
        // the certificate has failed often enough that its next try is seconds away
        await().atMost(Tracking.TIMEOUT).until(() -> Tracking.status(jpChamber, certificate).getTransmission()
                .getAttempts() >= 5);
        String cancellation = jpChamber.submitStatusChange(Requests.cancel("JP-Q-010", "withdrawn")).getReceipt()
                .getTrackingId();

        pair.startId();

        var cancelled = awaitStatus(jpChamber, cancellation, s -> s.getTransmission().getState() == TransmissionStateType.DELIVERED
                || s.getTransmission().getState() == TransmissionStateType.REJECTED).getTransmission();
        assertThat(cancelled.getState()).as(cancelled.getLastError()).isEqualTo(TransmissionStateType.DELIVERED);
        awaitState(jpChamber, certificate, TransmissionStateType.DELIVERED);
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);
        assertThat(idCustoms.getCertificate(Requests.get("JP", "JP-Q-010", 1)).getRecord().getCurrentStatus())
                .isEqualTo(CurrentStatusType.CANCELLED);
    }
}
