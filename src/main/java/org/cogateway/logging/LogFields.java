package org.cogateway.logging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The fields a log line carries about what it concerns, in SLF4J's MDC: the text format shows them
 * in brackets, {@code log.format=json} as fields of the line's {@code mdc} object, so that every line
 * about one message, certificate or incident can be found by that field.
 */
public final class LogFields implements AutoCloseable {
    public static final String MESSAGE_ID = "messageId";
    public static final String TRACKING_ID = "trackingId";
    public static final String PARTNER = "partner";
    public static final String CERTIFICATE_NUMBER = "certificateNumber";
    public static final String INCIDENT_ID = "incidentId";

    private final List<String> keys = new ArrayList<>();

    private LogFields() {
    }

    /** Fields set until {@link #close()}; give key, value, key, value...; null values are left out. */
    public static LogFields of(String... keysAndValues) {
        LogFields fields = new LogFields();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.and(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    /** Adds one more field to this scope. */
    public LogFields and(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
            keys.add(key);
        }
        return this;
    }

    /** The certificate number of an ebMS ConversationId {@code co:<issuing country>:<certificate number>}. */
    public static String certificateNumber(String conversationId) {
        if (conversationId == null || !conversationId.startsWith("co:")) {
            return null;
        }
        int second = conversationId.indexOf(':', 3);
        return second < 0 ? null : conversationId.substring(second + 1);
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
