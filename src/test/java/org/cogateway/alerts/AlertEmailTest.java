package org.cogateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.cogateway.Gateway;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts by e-mail: a real JP gateway mails through an SMTP server (GreenMail, on a free loopback port) that wants a login. */
class AlertEmailTest {
    private static final ServerSetup SMTP = new ServerSetup(GatewayProperties.freePort(), "127.0.0.1", "smtp");

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@jp-gw.example", "alerts", "s3cret"));

    private Gateway jp;

    @AfterEach
    void stop() {
        if (jp != null) {
            jp.close();
        }
    }

    private static Properties settings() {
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", TestDatabases.fresh());
        p.setProperty("delivery.enabled", "false");
        p.setProperty("delivery.nodeId", "jp-mail");
        p.setProperty("alert.email.to", "ops@jp-gw.example, duty@jp-gw.example");
        p.setProperty("alert.smtp.host", "127.0.0.1");
        p.setProperty("alert.smtp.port", String.valueOf(SMTP.getPort()));
        p.setProperty("alert.smtp.tls", "none");
        p.setProperty("alert.smtp.user", "alerts");
        p.setProperty("alert.smtp.password", "s3cret");
        p.setProperty("alert.smtp.from", "alerts@jp-gw.example");
        return p;
    }

    @Test
    void eachReceiverGetsOneMailWithTheAlert() throws Exception {
        jp = GatewayProperties.start(settings());

        Alert alert = jp.alerts().failedLogins("mallory", "192.0.2.7", 10);

        assertThat(mail.waitForIncomingEmail(30_000, 2)).isTrue();
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(m -> recipient(m)).toList())
                .containsExactlyInAnyOrder("ops@jp-gw.example", "duty@jp-gw.example");
        for (MimeMessage m : received) {
            assertThat(m.getSubject()).isEqualTo("[co-gateway JP-GW] FAILED_LOGINS RAISED");
            assertThat(m.getFrom()[0].toString()).isEqualTo("alerts@jp-gw.example");
            assertThat(GreenMailUtil.getBody(m)).contains("10 failed logins in a row for user 'mallory' from 192.0.2.7")
                    .contains("node: jp-mail").contains("alert id: " + alert.id());
        }
        // the mail server has the message a moment before the outbox row is marked delivered
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(AlertRows.deliveries(jp))
                .extracting(AlertRows.DeliveryRow::state).containsOnly("DELIVERED"));
    }

    @Test
    void aKindCanHaveItsOwnReceiversAndAUserNameCannotForgeLines() throws Exception {
        Properties p = settings();
        p.setProperty("alert.failedLogins.email", "security@jp-gw.example");
        jp = GatewayProperties.start(p);

        assertThat(jp.alerts().failedLogins("mallory", "192.0.2.7", 4)).as("below the threshold of 5").isNull();
        jp.alerts().failedLogins("eve\r\nALERT MESSAGE_FAILED RAISED", "192.0.2.8", 5);

        assertThat(mail.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(recipient(m)).isEqualTo("security@jp-gw.example");
            assertThat(GreenMailUtil.getBody(m))
                    .contains("5 failed logins in a row for user 'eve??ALERT MESSAGE_FAILED RAISED' from 192.0.2.8");
        });
    }

    @Test
    void wrongAlertSettingsStopTheStartNamingTheKey() {
        Properties p = settings();
        p.setProperty("alert.webhook.url", "ftp://127.0.0.1/alerts");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessage("setting 'alert.webhook.url' must be an http or https URL (or off), not 'ftp://127.0.0.1/alerts'");
        p.setProperty("alert.webhook.url", "http://127.0.0.1:9/alerts");
        p.setProperty("alert.smtp.tls", "maybe");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessage("setting 'alert.smtp.tls' must be none, starttls, ssl, not 'maybe'");
        p.setProperty("alert.smtp.tls", "none");
        p.setProperty("alert.rejected.enabled", "yes");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessage("setting 'alert.rejected.enabled' must be true or false, not 'yes'");
        p.setProperty("alert.rejected.enabled", "false");
        p.setProperty("alert.failed.webhook", "off");
        AlertSettings alerts = GatewayConfig.from(Settings.of(p)).alerts();
        assertThat(alerts.enabled(AlertKind.MESSAGE_REJECTED)).isFalse();
        assertThat(alerts.receivers(AlertKind.MESSAGE_FAILED).webhook()).isNull();
        assertThat(alerts.receivers(AlertKind.UNDELIVERED).webhook()).hasToString("http://127.0.0.1:9/alerts");
        assertThat(alerts.receivers(AlertKind.UNDELIVERED).email()).containsExactly("ops@jp-gw.example", "duty@jp-gw.example");
    }

    @Test
    void mailingAlertsNeedsAMailServer() {
        Properties p = settings();
        p.remove("alert.smtp.host");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'alert.smtp.host' is not set");
        p.setProperty("alert.smtp.host", "127.0.0.1");
        p.setProperty("alert.email.to", "not an address");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(p))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting 'alert.email.to': 'not an address' is not an e-mail address");
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
