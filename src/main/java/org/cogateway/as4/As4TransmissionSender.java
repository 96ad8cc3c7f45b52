package org.cogateway.as4;

import java.nio.charset.StandardCharsets;
import org.cogateway.delivery.ClaimedTransmission;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.delivery.TransmissionSender;
import org.cogateway.partner.Partner;

/**
 * The delivery worker's sender: each claimed transmission goes out as one AS4 UserMessage with
 * the transmission's fixed MessageId and creation time, so every attempt is the same message and
 * the partner can drop the duplicates.
 */
public final class As4TransmissionSender implements TransmissionSender {
    private final As4Client client;

    public As4TransmissionSender(As4Client client) {
        this.client = client;
    }

    @Override
    public SendOutcome send(ClaimedTransmission t, Partner partner) {
        return client.send(OutboundMessage.of(t.kind(), t.messageId(), t.conversationId(), t.refToMessageId(),
                t.agreement(), t.payload().getBytes(StandardCharsets.UTF_8), t.createdAt()), partner);
    }
}
