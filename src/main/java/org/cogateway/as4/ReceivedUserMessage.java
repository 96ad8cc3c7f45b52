package org.cogateway.as4;

/** A user message that passed every check of the MSH, its payload decrypted and decompressed. */
public record ReceivedUserMessage(String partnerId, String messageId, String conversationId, String refToMessageId,
                                  String service, String action, java.time.Instant timestamp, byte[] payloadXml) {
}
