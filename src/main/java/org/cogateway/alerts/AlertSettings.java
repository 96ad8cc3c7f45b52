package org.cogateway.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the gateway alerts: how often it checks, the thresholds, and for each kind whether it is on
 * and who receives it. Read from the configuration by {@link org.cogateway.config.GatewayConfig}.
 *
 * @param checkInterval          how often the conditions and the new history are checked
 * @param kinds                  each kind's switch and receivers
 * @param undeliveredOlderThan   a partner's oldest undelivered transmission older than this is an alert
 * @param partnerUnreachableAfter attempts to a partner failing this long without a receipt is an alert
 * @param certificateExpiryWithin a certificate expiring within this is an alert
 * @param failedLoginsThreshold  failed logins in a row (as the login code counts them) that make an alert,
 *                               and again at each multiple
 * @param webhookTimeout         connect and answer timeout of a webhook POST
 * @param retry                  how a webhook or e-mail that could not be sent is retried
 * @param smtp                   the mail server, null when none is configured
 */
public record AlertSettings(
        Duration checkInterval,
        Map<AlertKind, Receivers> kinds,
        Duration undeliveredOlderThan,
        Duration partnerUnreachableAfter,
        Duration certificateExpiryWithin,
        int failedLoginsThreshold,
        Duration webhookTimeout,
        Retry retry,
        Smtp smtp) {

    public AlertSettings {
        kinds = Map.copyOf(kinds);
    }

    /**
     * One kind's switch and receivers.
     *
     * @param webhook the URL the alert's JSON is POSTed to, null for none
     * @param email   the addresses the alert is mailed to, empty for none
     */
    public record Receivers(boolean enabled, URI webhook, List<String> email) {
        public Receivers {
            email = List.copyOf(email);
        }
    }

    /** Exponential backoff between sends of one alert to one receiver, until {@code maxAge} after the alert. */
    public record Retry(Duration initialBackoff, Duration maxBackoff, Duration maxAge) {
    }

    /** How {@code alert.smtp.tls} secures the connection to the mail server. */
    public enum SmtpTls {
        /** plain SMTP (a relay on the same host or network) */
        NONE,
        /** STARTTLS, required: the mail is not sent if the server does not offer it */
        STARTTLS,
        /** SMTP over TLS from the first byte (SMTPS, usually port 465) */
        SSL
    }

    /** The mail server; {@code user} null means no authentication. */
    public record Smtp(String host, int port, String user, String password, String from, SmtpTls tls) {
    }

    public Receivers receivers(AlertKind kind) {
        return kinds.get(kind);
    }

    public boolean enabled(AlertKind kind) {
        return kinds.get(kind).enabled();
    }
}
