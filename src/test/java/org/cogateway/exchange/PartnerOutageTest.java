package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.testing.TestGateways.queryLong;

import java.util.Map;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.backoffice.TransmissionType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The partner is down when the certificate is submitted: it waits to be retried, and goes once the partner is up. */
class PartnerOutageTest {
    private TestGateways.Pair pair;

    @AfterEach
    void stop() {
        pair.close();
    }

    @Test
    void aCertificateForAPartnerThatIsDownIsRetriedUntilThePartnerIsUp() throws Exception {
        pair = TestGateways.pair(false, Map.of("partner.ID.retry.initialBackoff", "200ms",
                        "partner.ID.retry.maxBackoff", "500ms", "partner.ID.connectTimeout", "1s"), Map.of(),
                TestClock.runningFrom(TestClock.START)).startJp();
        CertificateOfOriginPortType jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);

        String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-O-001")))
                .getReceipt().getTrackingId();

        TransmissionType waiting = awaitState(jpChamber, trackingId, TransmissionStateType.RETRY_WAIT).getTransmission();
        assertThat(waiting.getLastError()).contains("cannot connect").contains(":" + pair.idPort());

        pair.startId();

        TransmissionType delivered = awaitState(jpChamber, trackingId, TransmissionStateType.DELIVERED).getTransmission();
        assertThat(delivered.getAttempts()).isGreaterThan(1);
        assertThat(queryLong(pair.jp(), "select count(*) from transmission_attempt where transmission_id = '"
                + trackingId + "' and outcome = 'DELIVERED'")).isEqualTo(1);
        assertThat(queryLong(pair.id(), "select count(*) from inbound_message")).isEqualTo(1);
    }
}
