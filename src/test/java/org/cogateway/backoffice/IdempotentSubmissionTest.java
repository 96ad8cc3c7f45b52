package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.BackOfficeClient.faultOf;

import java.util.List;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Parallel;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Submitting the same certificate number and version again (a retry after a lost answer) creates nothing new. */
class IdempotentSubmissionTest {
    private static Gateway gateway;
    private static CertificateOfOriginPortType chamber;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp();
        chamber = BackOfficeClient.as(gateway, TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static long certificateRows(String number) {
        return TestGateways.queryLong(gateway, "select count(*) from certificate where certificate_number = '" + number + "'");
    }

    private static long transmissionRows(String number) {
        return TestGateways.queryLong(gateway, "select count(*) from transmission t join certificate c"
                + " on c.id = t.certificate_id where c.certificate_number = '" + number + "'");
    }

    /** A port per caller thread, as separate back-office processes would have. */
    private static List<CertificateOfOriginPortType> chamberPorts(int n) {
        return java.util.stream.Stream.generate(() -> BackOfficeClient.as(gateway, TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD)).limit(n).toList();
    }

    private static String submit(CertificateOfOriginType co) throws Exception {
        return chamber.submitCertificate(Requests.submit(co)).getReceipt().getTrackingId();
    }

    @Test
    void theSameSubmissionTwiceAnswersTheSameTrackingIdAndStoresOnce() throws Exception {
        String first = submit(Certificates.outbound("JP-D-001"));

        String again = submit(Certificates.outbound("JP-D-001"));

        assertThat(again).isEqualTo(first);
        assertThat(certificateRows("JP-D-001")).isEqualTo(1);
        assertThat(transmissionRows("JP-D-001")).isEqualTo(1);
    }

    @Test
    void theSameNumberAndVersionWithOtherContentIsAConflict() throws Exception {
        submit(Certificates.outbound("JP-D-002"));
        CertificateOfOriginType changed = Certificates.outbound("JP-D-002");
        changed.setRemarks("something else");

        assertThat(faultOf(() -> submit(changed)).getCode()).isEqualTo("CONFLICT");
        assertThat(certificateRows("JP-D-002")).isEqualTo(1);
        assertThat(transmissionRows("JP-D-002")).isEqualTo(1);
    }

    @Test
    void aNewVersionThroughSubmitIsAConflictPointingToReplacement() throws Exception {
        submit(Certificates.outbound("JP-D-003"));
        CertificateOfOriginType v2 = Certificates.outbound("JP-D-003");
        v2.setVersion(2);

        assertThat(faultOf(() -> submit(v2)).getCode()).isEqualTo("CONFLICT");
        assertThat(certificateRows("JP-D-003")).isEqualTo(1);
    }

    @Test
    void theFirstSubmissionRetriedAfterItsReplacementAnswersItsOwnReceipt() throws Exception {
        String first = submit(Certificates.outbound("JP-D-005"));
        chamber.submitStatusChange(Requests.replace("JP-D-005", Certificates.replacement("JP-D-005", 2, "Typo")));

        String again = submit(Certificates.outbound("JP-D-005"));

        assertThat(again).isEqualTo(first);
        assertThat(certificateRows("JP-D-005")).isEqualTo(2);
        assertThat(transmissionRows("JP-D-005")).isEqualTo(2);
    }

    @Test
    void anotherIssuingBodyCannotTakeOverTheNumber() throws Exception {
        submit(Certificates.outbound("JP-D-004"));
        CertificateOfOriginPortType osaka = BackOfficeClient.as(gateway, TestGateways.OSAKA, TestGateways.OSAKA_PASSWORD);

        assertThat(faultOf(() -> osaka.submitCertificate(Requests.submit(Certificates.outbound("JP-D-004"))))
                .getCode()).isEqualTo("CONFLICT");
        assertThat(transmissionRows("JP-D-004")).isEqualTo(1);
    }

    @RepeatedTest(5)
    void identicalSubmissionsInParallelStoreOnceAndShareTheTrackingId(
            RepetitionInfo repetition) throws Exception {
        String number = "JP-D-1" + repetition.getCurrentRepetition();
        List<CertificateOfOriginPortType> ports = chamberPorts(8);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        List<String> trackingIds = Parallel.run(8, () -> ports.get(next.getAndIncrement())
                .submitCertificate(Requests.submit(Certificates.outbound(number))).getReceipt().getTrackingId());

        assertThat(trackingIds).hasSize(8).containsOnly(trackingIds.get(0));
        assertThat(certificateRows(number)).isEqualTo(1);
        assertThat(transmissionRows(number)).isEqualTo(1);
    }

    @RepeatedTest(5)
    void identicalReplacementsInParallelStoreOnceAndShareTheTrackingId(
            RepetitionInfo repetition) throws Exception {
        String number = "JP-D-2" + repetition.getCurrentRepetition();
        submit(Certificates.outbound(number));
        List<CertificateOfOriginPortType> ports = chamberPorts(8);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        List<String> trackingIds = Parallel.run(8, () -> ports.get(next.getAndIncrement()).submitStatusChange(
                Requests.replace(number, Certificates.replacement(number, 2, "Typo"))).getReceipt().getTrackingId());

        assertThat(trackingIds).hasSize(8).containsOnly(trackingIds.get(0));
        assertThat(certificateRows(number)).isEqualTo(2);
        assertThat(transmissionRows(number)).isEqualTo(2);
    }
}
