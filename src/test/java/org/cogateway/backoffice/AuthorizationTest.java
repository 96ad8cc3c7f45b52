package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.BackOfficeClient.faultOf;
import static org.cogateway.testing.Requests.draw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.FindingType;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call, and what each caller may see and do, over HTTP. Every refusal is checked to have
 * changed nothing in the store.
 */
class AuthorizationTest {
    private static final String CHAMBERS_CO = "JP-A-001";
    private static final String INBOUND_CO = "ID-A-001";

    private static Gateway gateway;
    private static CertificateOfOriginPortType chamber;
    private static CertificateOfOriginPortType osaka;
    private static CertificateOfOriginPortType customs;
    private static CertificateOfOriginPortType idCustoms;
    private static String chambersTrackingId;
    private static String customsTrackingId;

    @BeforeAll
    static void start() throws Exception {
        // a wrong password here must not make the chamber wait before its next call (BackOfficeAttackTest
        // tests the wait); lock-outs stay on, further away than these few failures
        gateway = TestGateways.jp(Map.of("auth.failureDelay", "0ms"));
        chamber = BackOfficeClient.as(gateway, TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
        osaka = BackOfficeClient.as(gateway, TestGateways.OSAKA, TestGateways.OSAKA_PASSWORD);
        customs = BackOfficeClient.as(gateway, TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
        idCustoms = BackOfficeClient.as(gateway, TestGateways.ID_CUSTOMS, TestGateways.ID_CUSTOMS_PASSWORD);
        chambersTrackingId = chamber.submitCertificate(Requests.submit(Certificates.outbound(CHAMBERS_CO)))
                .getReceipt().getTrackingId();
        TestGateways.storeInbound(gateway, Certificates.inbound(INBOUND_CO), Instant.parse("2026-11-20T08:00:00Z"));
        customsTrackingId = customs.acknowledgeCertificate(Requests.acknowledge(Requests.id("ID", INBOUND_CO, 1),
                AcknowledgementStatusType.ACCEPTED, null)).getReceipt().getTrackingId();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** The fault code of a refused call, after checking that the refusal left every table as it was. */
    private static String refused(ThrowingCallable call) {
        Map<String, Long> before = TestGateways.rowCounts(gateway);
        String code = faultOf(call).getCode();
        assertThat(TestGateways.rowCounts(gateway)).as("rows after a refused call").isEqualTo(before);
        return code;
    }

    @Nested
    class Authentication {
        @Test
        void aCallWithoutSecurityHeaderIsNotAuthenticated() {
            CertificateOfOriginPortType anonymous = BackOfficeClient.anonymous(gateway);

            assertThat(refused(() -> anonymous.listPartners(Requests.partners()))).isEqualTo("NOT_AUTHENTICATED");
            assertThat(refused(() -> anonymous.submitCertificate(Requests.submit(Certificates.outbound("JP-A-100")))))
                    .isEqualTo("NOT_AUTHENTICATED");
        }

        @Test
        void aWrongPasswordIsNotAuthenticated() {
            CertificateOfOriginPortType wrong = BackOfficeClient.as(gateway, TestGateways.CHAMBER, "jp-chamber-guess");

            assertThat(refused(() -> wrong.submitCertificate(Requests.submit(Certificates.outbound("JP-A-101")))))
                    .isEqualTo("NOT_AUTHENTICATED");
        }

        @Test
        void anUnknownUserIsNotAuthenticated() {
            CertificateOfOriginPortType stranger = BackOfficeClient.as(gateway, "th-chamber", TestGateways.CHAMBER_PASSWORD);

            assertThat(refused(() -> stranger.listPartners(Requests.partners()))).isEqualTo("NOT_AUTHENTICATED");
        }

        @Test
        void aDigestPasswordIsNotAuthenticatedSinceOnlyHashesAreStored() {
            CertificateOfOriginPortType digest = BackOfficeClient.withDigest(gateway, TestGateways.CHAMBER,
                    TestGateways.CHAMBER_PASSWORD);

            assertThat(refused(() -> digest.listPartners(Requests.partners()))).isEqualTo("NOT_AUTHENTICATED");
        }

        @Test
        void aBodySignedByTheChambersTrustedKeyActsAsTheChamber() throws Exception {
            CertificateOfOriginPortType signed = BackOfficeClient.signedByChamber(gateway);

            String tracking = signed.submitCertificate(Requests.submit(Certificates.outbound("JP-A-102"))).getReceipt()
                    .getTrackingId();

            // the password client of the same caller sees it as its own
            assertThat(chamber.getDeliveryStatus(Requests.deliveryStatus(tracking)).getTransmission().getTrackingId())
                    .isEqualTo(tracking);
            assertThat(TestGateways.queryLong(gateway,
                    "select count(*) from certificate where certificate_number = 'JP-A-102' and owner = 'jp-chamber'"))
                    .isEqualTo(1);
        }

        @Test
        void aSignatureByAnUntrustedKeyWithTheChambersNameIsNotAuthenticated(@TempDir Path dir) throws Exception {
            Path rogue = selfSignedKey(dir, TestGateways.CHAMBER_SUBJECT);
            CertificateOfOriginPortType impostor = BackOfficeClient.signedWith(gateway, rogue, "rogue-pass", "rogue");

            assertThat(refused(() -> impostor.submitCertificate(Requests.submit(Certificates.outbound("JP-A-103")))))
                    .isEqualTo("NOT_AUTHENTICATED");
        }

        @Test
        void aSignatureByATrustedKeyThatIsNoCallerIsNotAuthenticated() {
            // the gateway's own AS4 key: trusted through the demo CA, but not a back-office caller
            CertificateOfOriginPortType gatewayKey = BackOfficeClient.signedWith(gateway,
                    TestGateways.KEYS.resolve("jp.p12"), "sample-jp", "jp");

            assertThat(refused(() -> gatewayKey.submitCertificate(Requests.submit(Certificates.outbound("JP-A-104")))))
                    .isEqualTo("NOT_AUTHENTICATED");
        }

        @Test
        void aTrustedSignatureThatDoesNotCoverTheBodyIsNotAuthenticated() {
            CertificateOfOriginPortType timestampOnly = BackOfficeClient.chamberSigningOnlyATimestamp(gateway);

            assertThat(refused(() -> timestampOnly.submitCertificate(Requests.submit(Certificates.outbound("JP-A-105")))))
                    .isEqualTo("NOT_AUTHENTICATED");
        }

        private Path selfSignedKey(Path dir, String subject) throws Exception {
            Path store = dir.resolve("rogue.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "rogue", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", subject, "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "rogue-pass", "-keypass", "rogue-pass")
                    .redirectErrorStream(true).start();
            keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(keytool.exitValue()).isZero();
            assertThat(Files.exists(store)).isTrue();
            return store;
        }
    }

    @Nested
    class Roles {
        @Test
        void customsCannotSubmitOrChangeCertificates() {
            assertThat(refused(() -> customs.submitCertificate(Requests.submit(Certificates.outbound("JP-A-200")))))
                    .isEqualTo("NOT_AUTHORIZED");
            assertThat(refused(() -> customs.submitStatusChange(Requests.cancel(CHAMBERS_CO, "x"))))
                    .isEqualTo("NOT_AUTHORIZED");
        }

        @Test
        void anIssuingBodyCannotUseTheImportingSideOperations() {
            assertThat(refused(() -> chamber.listInboundCertificates(Requests.inbound(null, null, null))))
                    .isEqualTo("NOT_AUTHORIZED");
            assertThat(refused(() -> chamber.queryCertificate(Requests.query("ID", INBOUND_CO,
                    Certificates.invoiceA(INBOUND_CO))))).isEqualTo("NOT_AUTHORIZED");
            assertThat(refused(() -> chamber.recordUtilisation(Requests.utilisation(Requests.id("ID", INBOUND_CO, 1),
                    "DECL-1", draw(1, "1", "H87"))))).isEqualTo("NOT_AUTHORIZED");
            assertThat(refused(() -> chamber.acknowledgeCertificate(Requests.acknowledge(Requests.id("ID", INBOUND_CO, 1),
                    AcknowledgementStatusType.REJECTED, null)))).isEqualTo("NOT_AUTHORIZED");
        }
    }

    @Nested
    class Visibility {
        @Test
        void anIssuingBodyCannotSeeOrChangeAnotherIssuingBodysCertificate() throws Exception {
            assertThat(refused(() -> osaka.getCertificate(Requests.get("JP", CHAMBERS_CO, null)))).isEqualTo("NOT_FOUND");
            assertThat(refused(() -> osaka.getDeliveryStatus(Requests.deliveryStatus(chambersTrackingId))))
                    .isEqualTo("NOT_FOUND");
            assertThat(refused(() -> osaka.submitStatusChange(Requests.cancel(CHAMBERS_CO, "x")))).isEqualTo("NOT_FOUND");
            // the same answer as for a certificate that does not exist at all
            assertThat(refused(() -> osaka.submitStatusChange(Requests.replace(CHAMBERS_CO,
                    Certificates.replacement(CHAMBERS_CO, 2, "x"))))).isEqualTo("VALIDATION_FAILED");
            assertThat(refused(() -> osaka.submitStatusChange(Requests.replace("JP-A-999",
                    Certificates.replacement("JP-A-999", 2, "x"))))).isEqualTo("VALIDATION_FAILED");
            assertThat(osaka.listUndelivered(Requests.undelivered()).getTransmission()).isEmpty();
            assertThat(chamber.getCertificate(Requests.get("JP", CHAMBERS_CO, null)).getRecord().getCurrentStatus())
                    .isEqualTo(CurrentStatusType.VALID);
        }

        @Test
        void validationDoesNotRevealAnotherIssuingBodysCertificate() throws Exception {
            // a replacement of the chamber's certificate, checked by Osaka: it must look unknown to Osaka
            CertificateOfOriginType probe = Certificates.replacement(CHAMBERS_CO, 2, "probing");

            var findings = osaka.validateCertificate(Requests.validate(probe)).getFinding();

            assertThat(findings).extracting(FindingType::getCode).containsExactly("REPLACED_CERTIFICATE_UNKNOWN");
        }

        @Test
        void customsOfAnotherCountrySeesNothingAddressedToJapan() throws Exception {
            assertThat(idCustoms.listInboundCertificates(Requests.inbound(null, null, null)).getCertificate()).isEmpty();
            assertThat(idCustoms.queryCertificate(Requests.query("ID", INBOUND_CO, Certificates.invoiceA(INBOUND_CO)))
                    .getOutcome().name()).isEqualTo("NOT_FOUND");
            assertThat(refused(() -> idCustoms.getCertificate(Requests.get("ID", INBOUND_CO, null)))).isEqualTo("NOT_FOUND");
            assertThat(refused(() -> idCustoms.acknowledgeCertificate(Requests.acknowledge(
                    Requests.id("ID", INBOUND_CO, 1), AcknowledgementStatusType.REJECTED, null)))).isEqualTo("NOT_FOUND");
            assertThat(refused(() -> idCustoms.recordUtilisation(Requests.utilisation(Requests.id("ID", INBOUND_CO, 1),
                    "DECL-9", draw(1, "1", "H87"))))).isEqualTo("NOT_FOUND");
            assertThat(refused(() -> idCustoms.getDeliveryStatus(Requests.deliveryStatus(customsTrackingId))))
                    .isEqualTo("NOT_FOUND");
            assertThat(idCustoms.listUndelivered(Requests.undelivered()).getTransmission()).isEmpty();
        }

        @Test
        void customsCannotReadWhatJapaneseIssuingBodiesSend() {
            assertThat(refused(() -> customs.getCertificate(Requests.get("JP", CHAMBERS_CO, null)))).isEqualTo("NOT_FOUND");
            assertThat(refused(() -> customs.getDeliveryStatus(Requests.deliveryStatus(chambersTrackingId))))
                    .isEqualTo("NOT_FOUND");
        }

        @Test
        void anIssuingBodyCannotReadCustomsAnswersOrInboundCertificates() {
            assertThat(refused(() -> chamber.getDeliveryStatus(Requests.deliveryStatus(customsTrackingId))))
                    .isEqualTo("NOT_FOUND");
            assertThat(refused(() -> chamber.getCertificate(Requests.get("ID", INBOUND_CO, null)))).isEqualTo("NOT_FOUND");
        }
    }
}
