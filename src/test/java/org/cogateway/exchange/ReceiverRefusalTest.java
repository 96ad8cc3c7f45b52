package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.exchange.Tracking.awaitState;
import static org.cogateway.testing.TestGateways.count;

import java.time.Instant;
import java.util.Map;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.TransmissionType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A certificate valid where it was issued but not where it arrives is refused by the receiver's own
 * validation with a business rejection naming the findings, and the issuer's transmission ends
 * REJECTED without retries. Here ID's clock is nearly a day behind JP's (within the AS4 replay window):
 * the sample's issue date, today in Japan, is still in the future in Indonesia.
 */
class ReceiverRefusalTest {
    private static TestGateways.Pair pair;
    private static CertificateOfOriginPortType jpChamber;

    @BeforeAll
    static void start() {
        // the sample is issued on 2026-11-20; in the latest time zone (UTC+14) it is still 2026-11-19 at ID
        pair = TestGateways.pair(false, Map.of(), Map.of(),
                TestClock.runningFrom(Instant.parse("2026-11-20T05:00:00Z")),
                TestClock.runningFrom(Instant.parse("2026-11-19T06:00:00Z"))).startId().startJp();
        jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    @Test
    void aCertificateIdsRulesRefuseIsRejectedWithTheFindingsAndNotStoredAtId() throws Exception {
        String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-R-001")))
                .getReceipt().getTrackingId();

        TransmissionType t = awaitState(jpChamber, trackingId, TransmissionStateType.REJECTED).getTransmission();
        assertThat(t.getAttempts()).isEqualTo(1);
        assertThat(t.getLastError()).contains("EBMS:0004").contains("DATE_IN_FUTURE").contains("IssueDate");
        assertThat(count(pair.id(), "inbound_message")).isZero();
        assertThat(count(pair.id(), "certificate")).isZero();
    }
}
