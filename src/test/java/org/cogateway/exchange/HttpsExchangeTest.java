package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.exchange.Tracking.awaitState;

import java.util.Map;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.QueryOutcomeType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both gateways listen on HTTPS only (sample TLS keys): a certificate still goes out and its answer back. */
class HttpsExchangeTest {
    private static TestGateways.Pair pair;

    @BeforeAll
    static void start() {
        pair = TestGateways.pair(true, Map.of(), Map.of(), new TestClock()).startId().startJp();
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    @Test
    void aCertificateIsDeliveredAndAcknowledgedOverHttps() throws Exception {
        assertThat(pair.jp().config().partners().byId("ID").orElseThrow().endpoint().getScheme()).isEqualTo("https");
        assertThat(pair.id().baseUrl()).startsWith("https://");
        CertificateOfOriginPortType jpChamber = BackOfficeClient.trustingTheDemoCa(BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD));
        CertificateOfOriginPortType idCustoms = BackOfficeClient.trustingTheDemoCa(BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD));

        String trackingId = jpChamber.submitCertificate(Requests.submit(Certificates.outbound("JP-S-001")))
                .getReceipt().getTrackingId();
        awaitState(jpChamber, trackingId, TransmissionStateType.DELIVERED);

        QueryCertificateResponse found = idCustoms.queryCertificate(
                Requests.query("JP", "JP-S-001", Certificates.INVOICE_1));
        assertThat(found.getOutcome()).isEqualTo(QueryOutcomeType.FOUND);
        assertThat(found.getRecord().getCurrentStatus()).isEqualTo(CurrentStatusType.VALID);

        idCustoms.acknowledgeCertificate(Requests.acknowledge(Requests.id("JP", "JP-S-001", 1),
                org.cogateway.contract.exchange.AcknowledgementStatusType.ACCEPTED, null));
        awaitState(jpChamber, trackingId, TransmissionStateType.ACKNOWLEDGED);
    }
}
