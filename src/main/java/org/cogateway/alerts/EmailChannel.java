package org.cogateway.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/** Mails the alert over SMTP (Angus Mail), one message per receiver. */
final class EmailChannel implements AlertChannel {
    private final AlertSettings.Smtp smtp;
    private final Session session;
    private final String gateway;

    EmailChannel(AlertSettings.Smtp smtp, Duration timeout, String gateway) {
        this.smtp = smtp;
        this.gateway = gateway;
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(smtp.user() != null));
        switch (smtp.tls()) {
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
                // a relay the operator chose to reach in plain text
            }
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Alert alert, String receiver) throws AlertSendException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from(), true));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(receiver, true));
            message.setSubject("[co-gateway " + gateway + "] " + alert.kind() + " " + alert.phase()
                    + (alert.partnerId() == null ? "" : " partner " + alert.partnerId()), "UTF-8");
            message.setSentDate(Date.from(alert.raisedAt()));
            message.setText(body(alert), "UTF-8");
            if (smtp.user() == null) {
                Transport.send(message);
            } else {
                Transport.send(message, smtp.user(), smtp.password());
            }
        } catch (MessagingException e) {
            throw new AlertSendException("e-mail to " + receiver + " via " + smtp.host() + ":" + smtp.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private String body(Alert alert) {
        StringBuilder text = new StringBuilder(alert.summary()).append("\n\n");
        line(text, "kind", alert.kind().name());
        line(text, "phase", alert.phase().name());
        line(text, "gateway", gateway);
        line(text, "node", alert.nodeId());
        line(text, "at (UTC)", alert.raisedAt().toString());
        line(text, "partner", alert.partnerId());
        line(text, "MessageId", alert.messageId());
        line(text, "tracking id", alert.transmissionId());
        line(text, "certificate number", alert.certificateNumber());
        line(text, "X.509 certificate", alert.x509Certificate());
        line(text, "alert id", Long.toString(alert.id()));
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append(name).append(": ").append(value).append('\n');
        }
    }
}
