package org.cogateway.exchange;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CertificateRecordType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.testing.Requests;

/** Waiting, through the back-office a caller uses, for what the other gateway did to arrive. */
final class Tracking {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Tracking() {
    }

    static GetDeliveryStatusResponse status(CertificateOfOriginPortType port, String trackingId) {
        try {
            return port.getDeliveryStatus(Requests.deliveryStatus(trackingId));
        } catch (GatewayFault e) {
            throw new AssertionError("GetDeliveryStatus " + trackingId + ": " + e.getFaultInfo().getCode(), e);
        }
    }

    /** The delivery status once it satisfies {@code done}; fails after {@link #TIMEOUT} showing the last one. */
    static GetDeliveryStatusResponse awaitStatus(CertificateOfOriginPortType port, String trackingId,
                                                 Predicate<GetDeliveryStatusResponse> done) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> status(port, trackingId), done::test);
    }

    static GetDeliveryStatusResponse awaitState(CertificateOfOriginPortType port, String trackingId,
                                                TransmissionStateType state) {
        return await().alias("transmission " + trackingId + " " + state).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(port, trackingId), s -> s.getTransmission().getState() == state);
    }

    /** Submits a sample certificate numbered {@code number} and waits until the partner's receipt made it DELIVERED. */
    static String deliver(CertificateOfOriginPortType issuer, String number) throws GatewayFault {
        String trackingId = issuer.submitCertificate(Requests.submit(org.cogateway.testing.Certificates.outbound(number)))
                .getReceipt().getTrackingId();
        awaitState(issuer, trackingId, TransmissionStateType.DELIVERED);
        return trackingId;
    }

    /** The certificate as GetCertificate shows it, once it is there and satisfies {@code done}. */
    static CertificateRecordType awaitCertificate(CertificateOfOriginPortType port, String country, String number,
                                                  int version, Predicate<CertificateRecordType> done) {
        return await().alias(country + " " + number + " v" + version).atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreException(GatewayFault.class)
                .until(() -> port.getCertificate(Requests.get(country, number, version)).getRecord(),
                        r -> r != null && done.test(r));
    }
}
