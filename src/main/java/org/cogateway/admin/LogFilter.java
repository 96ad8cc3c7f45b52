package org.cogateway.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cogateway.delivery.TransmissionState;
import org.cogateway.document.DocumentKind;
import org.cogateway.store.InboundMessageEntity;

/**
 * The message log's filters, each optional: state, partner, document kind, certificate number,
 * invoice number, ebMS error code (outbound: any attempt answered with it), and a time range
 * {@code from} (inclusive) to {@code to} (exclusive) on when the message was created or received.
 */
public record LogFilter(String state, String partner, DocumentKind kind, String certificateNumber,
                        String invoiceNumber, String ebmsErrorCode, Instant from, Instant to) {
    static final Set<String> PARAMETERS = Set.of("state", "partner", "kind", "certificate", "invoice", "ebmsCode",
            "from", "to", "cursor", "limit");

    public static final LogFilter NONE = new LogFilter(null, null, null, null, null, null, null, null);

    /** Reads the query parameters of a log request; an unknown parameter or a bad value is a 400 naming it. */
    static LogFilter parse(Map<String, String> query, boolean outbound) {
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw AdminException.badRequest("unknown parameter '" + name + "'; known: " + String.join(", ",
                        new java.util.TreeSet<>(PARAMETERS)));
            }
        }
        String state = upper(query.get("state"));
        if (state != null) {
            boolean known = outbound ? isOutboundState(state) : isInboundState(state);
            if (!known) {
                throw AdminException.badRequest("state '" + state + "' is not a state of "
                        + (outbound ? "an outbound transmission" : "an inbound message"));
            }
        }
        DocumentKind kind = null;
        String kindValue = upper(query.get("kind"));
        if (kindValue != null) {
            try {
                kind = DocumentKind.valueOf(kindValue);
            } catch (IllegalArgumentException e) {
                throw AdminException.badRequest("kind must be one of CERTIFICATE, STATUS_CHANGE, ACKNOWLEDGEMENT,"
                        + " UTILISATION");
            }
        }
        String ebms = blankToNull(query.get("ebmsCode"));
        if (ebms != null && !outbound) {
            throw AdminException.badRequest("ebmsCode filters outbound transmissions: inbound messages that were"
                    + " refused with an ebMS error are not stored");
        }
        LogFilter filter = new LogFilter(state, blankToNull(query.get("partner")), kind,
                blankToNull(query.get("certificate")), blankToNull(query.get("invoice")), ebms,
                time(query, "from"), time(query, "to"));
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw AdminException.badRequest("from must be before to");
        }
        return filter;
    }

    private static boolean isOutboundState(String state) {
        try {
            TransmissionState.valueOf(state);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isInboundState(String state) {
        try {
            InboundMessageEntity.State.valueOf(state);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Instant time(Map<String, String> query, String name) {
        String value = blankToNull(query.get(name));
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw AdminException.badRequest(name + " must be an ISO-8601 UTC time such as 2026-12-01T09:30:00Z");
        }
    }

    private static String upper(String value) {
        String v = blankToNull(value);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
