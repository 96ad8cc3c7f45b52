package org.cogateway.as4;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of an eb:UserMessage (ebMS 3.0 core §5.2.2), as sent or as read. */
record UserMessageHeader(
        Instant timestamp,
        String messageId,
        String refToMessageId,
        Party from,
        Party to,
        String agreementRef,
        String service,
        String serviceType,
        String action,
        String conversationId,
        Map<String, String> properties,
        List<PartInfo> parts) {

    UserMessageHeader {
        properties = ordered(properties);
        parts = List.copyOf(parts);
    }

    record Party(String partyId, String partyIdType, String role) {
    }

    /** A payload reference ({@code cid:...}) with its PartProperties (MimeType, CompressionType). */
    record PartInfo(String href, Map<String, String> properties) {
        PartInfo {
            properties = ordered(properties);
        }

        String contentId() {
            return href != null && href.startsWith("cid:") ? href.substring(4) : null;
        }
    }

    boolean isTestMessage() {
        return Ebms.TEST_SERVICE.equals(service) && Ebms.TEST_ACTION.equals(action);
    }

    /**
     * An unmodifiable copy in the given order. Not {@code Map.copyOf}: its iteration order changes
     * from one JVM to the next, and the properties are written to eb:Messaging in this order, so a
     * resend from a restarted node (or another node) would sign a different eb:Messaging and no
     * longer match the receipt the partner stored for the first attempt.
     */
    private static Map<String, String> ordered(Map<String, String> properties) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
