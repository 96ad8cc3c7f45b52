package org.cogateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.cogateway.Gateway;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.SettableClock;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Expiry of the gateway's own certificate and of the partners' ones in its truststore, with the
 * sample keys: alerted once when it comes within {@code alert.certificateExpiry.within}, and once
 * more when the certificate is replaced.
 */
class CertificateExpiryAlertTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** CN=ID-GW, CA-signed, expired on 2020-01-31 (keystores-sample/README.md). */
    private static final Path EXPIRED_ID_KEY = Path.of("src", "test", "resources", "keys", "id-expired.p12").toAbsolutePath();

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void anExpiredOwnKeyIsAlertedOnceAndClearedOnceWhenItIsReplaced() {
        GatewayConfig.Database db = TestDatabases.fresh();
        Properties p = GatewayProperties.id(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", db);
        p.setProperty("alert.checkInterval", "100ms");
        p.setProperty("keystore.path", EXPIRED_ID_KEY.toString());
        gateway = GatewayProperties.start(p);

        await().atMost(WAIT).until(() -> !AlertRows.alerts(gateway, AlertKind.CERTIFICATE_EXPIRY).isEmpty());
        checksPass();
        assertThat(AlertRows.alerts(gateway, AlertKind.CERTIFICATE_EXPIRY)).singleElement().satisfies(a -> {
            assertThat(a.phase()).isEqualTo("RAISED");
            assertThat(a.x509()).isEqualTo("CN=ID-GW,O=Indonesia CO gateway (SAMPLE),C=ID, serial c55604f5b7047d45,"
                    + " not after 2020-01-31T14:15:52Z");
            assertThat(a.summary()).startsWith("the certificate in keystore 'id' expired at 2020-01-31T14:15:52Z, ");
            assertThat(a.partnerId()).isNull();
        });

        // the operator puts the renewed key in place and restarts the gateway
        gateway.close();
        p.setProperty("keystore.path", TestGateways.KEYS.resolve("id.p12").toString());
        // a listener's port is not reused within one test JVM
        p.setProperty("http.port", String.valueOf(GatewayProperties.freePort()));
        gateway = GatewayProperties.start(p);

        await().atMost(WAIT).until(() -> AlertRows.alerts(gateway, AlertKind.CERTIFICATE_EXPIRY).size() == 2);
        checksPass();
        List<AlertRows.Row> alerts = AlertRows.alerts(gateway, AlertKind.CERTIFICATE_EXPIRY);
        assertThat(alerts).extracting(AlertRows.Row::phase).containsExactly("RAISED", "CLEARED");
        assertThat(alerts.get(1).x509()).isEqualTo(alerts.get(0).x509());
        assertThat(alerts.get(1).summary()).contains("no longer expires within 30d 0h");
        assertThat(TestGateways.count(gateway, "alert_condition")).isZero();
    }

    @Test
    void aPartnerCertificateAndTheOwnOneExpiringWithinTheWindowAreAlerted() {
        // ten days before the sample JP and ID certificates expire (2036-11-28); the demo CA lasts to 2046
        SettableClock clock = new SettableClock(Instant.parse("2036-11-18T12:00:00Z"));
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", TestDatabases.fresh());
        p.setProperty("delivery.enabled", "false");
        p.setProperty("alert.checkInterval", "100ms");
        p.setProperty("alert.certificateExpiry.within", "14d");
        gateway = Gateway.start(GatewayConfig.from(Settings.of(p)), clock);

        await().atMost(WAIT).until(() -> AlertRows.alerts(gateway, AlertKind.CERTIFICATE_EXPIRY).size() >= 4);
        checksPass();
        assertThat(AlertRows.alerts(gateway, AlertKind.CERTIFICATE_EXPIRY))
                .extracting(AlertRows.Row::summary, AlertRows.Row::partnerId)
                .containsExactlyInAnyOrder(
                        tuple("the certificate in keystore 'jp' expires at"
                                + " 2036-11-28T14:13:32Z, in 10d 2h", null),
                        tuple("the certificate in truststore 'id' (partner ID) expires at"
                                + " 2036-11-28T14:13:46Z, in 10d 2h", "ID"),
                        // ID's eDelivery AS4 2.0 certificates, in the truststore but not used by partner ID (1.15)
                        tuple("the certificate in truststore 'id-ed25519' expires at"
                                + " 2036-11-28T14:14:06Z, in 10d 2h", null),
                        tuple("the certificate in truststore 'id-x25519' expires at"
                                + " 2036-11-28T14:14:11Z, in 10d 2h", null));
    }

    /** Lets ten more checks run (100 ms apart), in which nothing may be alerted again. */
    private void checksPass() {
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
    }
}
