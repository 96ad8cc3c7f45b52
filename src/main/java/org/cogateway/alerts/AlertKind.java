package org.cogateway.alerts;

/**
 * What an alert is about. Each kind has its own switch, thresholds and receivers under
 * {@code alert.<configName>.*}.
 */
public enum AlertKind {
    /** An outbound transmission FAILED: the retries ran out, or it cannot be sent. */
    MESSAGE_FAILED("failed"),
    /** The partner refused an outbound transmission (an ebMS error), or its Customs rejected the CO. */
    MESSAGE_REJECTED("rejected"),
    /** A partner's oldest undelivered transmission is older than {@code alert.undelivered.olderThan}. */
    UNDELIVERED("undelivered"),
    /** Attempts to a partner have failed, without a receipt in between, for {@code alert.partnerUnreachable.after}. */
    PARTNER_UNREACHABLE("partnerUnreachable"),
    /** The own certificate or a trusted one expires within {@code alert.certificateExpiry.within}, or has expired. */
    CERTIFICATE_EXPIRY("certificateExpiry"),
    /** Repeated failed logins by one user from one address, as the login code reports them. */
    FAILED_LOGINS("failedLogins"),
    /** A verification request is open past its reply-by date: asked from here, or to be answered here. */
    VERIFICATION_OVERDUE("verificationOverdue");

    private final String configName;

    AlertKind(String configName) {
        this.configName = configName;
    }

    /** The kind's name in configuration keys ({@code alert.<configName>.enabled}). */
    public String configName() {
        return configName;
    }
}
