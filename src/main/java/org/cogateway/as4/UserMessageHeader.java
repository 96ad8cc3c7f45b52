package org.cogateway.as4;

import java.time.Instant;
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
        properties = Map.copyOf(properties);
        parts = List.copyOf(parts);
    }

    record Party(String partyId, String partyIdType, String role) {
    }

    /** A payload reference ({@code cid:...}) with its PartProperties (MimeType, CompressionType). */
    record PartInfo(String href, Map<String, String> properties) {
        PartInfo {
            properties = Map.copyOf(properties);
        }

        String contentId() {
            return href != null && href.startsWith("cid:") ? href.substring(4) : null;
        }
    }

    boolean isTestMessage() {
        return Ebms.TEST_SERVICE.equals(service) && Ebms.TEST_ACTION.equals(action);
    }
}
