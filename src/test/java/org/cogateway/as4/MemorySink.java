package org.cogateway.as4;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory store: deduplicates on (partner, MessageId) and can refuse payloads containing "REJECT". */
final class MemorySink implements InboundSink {
    final List<ReceivedUserMessage> stored = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> receipts = new ConcurrentHashMap<>();

    @Override
    public synchronized byte[] store(ReceivedUserMessage message, byte[] rawRequest, byte[] receipt)
            throws PayloadRejectedException {
        String key = message.partnerId() + "|" + message.messageId();
        byte[] earlier = receipts.get(key);
        if (earlier != null) {
            return earlier;
        }
        if (new String(message.payloadXml()).contains("REJECT")) {
            throw new PayloadRejectedException(List.of("HS code 12345 is not 6 digits"));
        }
        stored.add(message);
        receipts.put(key, receipt);
        return receipt;
    }
}
