package org.cogateway.alerts;

import java.time.Instant;
import java.util.StringJoiner;

/**
 * One alert as stored and sent: what it is about and the line an operator reads.
 *
 * @param id                the alert's row id (0 before it is stored)
 * @param dedupeKey         what makes it unique: the same key is never alerted twice
 * @param kind              what happened
 * @param phase             RAISED (an event, or a condition that began) or CLEARED (a condition that ended)
 * @param partnerId         the partner it concerns, or null
 * @param messageId         the ebMS MessageId of the transmission it concerns, or null
 * @param transmissionId    that transmission's tracking id, or null
 * @param certificateNumber the CO's certificate number, or null
 * @param x509Certificate   the X.509 certificate (subject, serial number, expiry), or null
 * @param summary           what happened, in one line
 * @param raisedAt          when the gateway found it
 * @param nodeId            the node that found it
 */
public record Alert(long id, String dedupeKey, AlertKind kind, Phase phase, String partnerId, String messageId,
                    String transmissionId, String certificateNumber, String x509Certificate, String summary,
                    Instant raisedAt, String nodeId) {

    public enum Phase { RAISED, CLEARED }

    Alert withId(long newId) {
        return new Alert(newId, dedupeKey, kind, phase, partnerId, messageId, transmissionId, certificateNumber,
                x509Certificate, summary, raisedAt, nodeId);
    }

    /** The log line: kind, phase, then each field that is known, then the summary; one line whatever they hold. */
    public String logLine() {
        StringJoiner line = new StringJoiner(" ");
        line.add("ALERT " + kind + " " + phase);
        field(line, "partner", partnerId);
        field(line, "messageId", messageId);
        field(line, "trackingId", transmissionId);
        field(line, "certificateNumber", certificateNumber);
        field(line, "x509", x509Certificate);
        // a partner's error text is part of some summaries: it must not start a line of its own
        return (line + ": " + summary).replaceAll("\\p{Cntrl}", " ");
    }

    private static void field(StringJoiner line, String name, String value) {
        if (value != null) {
            line.add(name + "=" + value);
        }
    }
}
