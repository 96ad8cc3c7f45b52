package org.cogateway.as4;

import java.util.List;

/**
 * A user message that passed every check of the MSH, its payload decrypted and decompressed.
 *
 * @param payloadXml the first payload part: the business document
 * @param documents  the further payload parts, decompressed, in the order of the message's PayloadInfo
 */
public record ReceivedUserMessage(String partnerId, String messageId, String conversationId, String refToMessageId,
                                  String service, String action, java.time.Instant timestamp, byte[] payloadXml,
                                  List<DocumentPart> documents) {
    public ReceivedUserMessage {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    public ReceivedUserMessage(String partnerId, String messageId, String conversationId, String refToMessageId,
                               String service, String action, java.time.Instant timestamp, byte[] payloadXml) {
        this(partnerId, messageId, conversationId, refToMessageId, service, action, timestamp, payloadXml, List.of());
    }
}
