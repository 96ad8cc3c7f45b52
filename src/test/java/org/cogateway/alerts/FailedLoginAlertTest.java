package org.cogateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.cogateway.Gateway;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wrong back-office passwords, through the real login throttle: the failure that locks a user out is one alert. */
class FailedLoginAlertTest {
    private Gateway jp;

    @AfterEach
    void stop() {
        if (jp != null) {
            jp.close();
        }
    }

    @Test
    void theFailureThatLocksAUserOutIsAlertedOnce() {
        jp = TestGateways.jp(Map.of("auth.failureDelay", "0ms", "auth.maxFailures", "5"));
        CertificateOfOriginPortType guesser = BackOfficeCaller.port(jp.baseUrl(), TestGateways.CHAMBER, "guess");

        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> guesser.listPartners(Requests.partners())).hasMessageStartingWith("NOT_AUTHENTICATED");
        }
        assertThat(AlertRows.alerts(jp, AlertKind.FAILED_LOGINS)).as("four failures are below the threshold").isEmpty();

        assertThatThrownBy(() -> guesser.listPartners(Requests.partners())).hasMessageStartingWith("NOT_AUTHENTICATED");
        // refused during the lock-out without a password check: not counted, not alerted again
        assertThatThrownBy(() -> guesser.listPartners(Requests.partners())).isNotNull();

        assertThat(AlertRows.alerts(jp, AlertKind.FAILED_LOGINS)).singleElement().satisfies(a ->
                assertThat(a.summary()).isEqualTo("5 failed logins in a row for user 'jp-chamber' from 127.0.0.1"));
    }
}
