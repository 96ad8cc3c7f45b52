package org.cogateway.as4;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cogateway.delivery.ClaimedTransmission;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.delivery.TransmissionSender;
import org.cogateway.document.DocumentKind;
import org.cogateway.partner.Partner;

/**
 * The delivery worker's sender: each claimed transmission goes out as one AS4 UserMessage with
 * the transmission's fixed MessageId and creation time, so every attempt is the same message and
 * the partner can drop the duplicates. Verification requests and answers carry their attached
 * documents as further payload parts, read from the store on every attempt.
 */
public final class As4TransmissionSender implements TransmissionSender {
    /** The documents stored to travel with one transmission, in order. */
    public interface AttachedDocuments {
        List<DocumentPart> of(String transmissionId);
    }

    private final As4Client client;
    private final AttachedDocuments documents;

    public As4TransmissionSender(As4Client client) {
        this(client, id -> List.of());
    }

    public As4TransmissionSender(As4Client client, AttachedDocuments documents) {
        this.client = client;
        this.documents = documents;
    }

    @Override
    public SendOutcome send(ClaimedTransmission t, Partner partner) {
        // only these kinds can have documents: the others are sent without a further read
        List<DocumentPart> attached = t.kind() == DocumentKind.VERIFY_REQUEST || t.kind() == DocumentKind.VERIFY_ANSWER
                ? documents.of(t.id()) : List.of();
        return client.send(OutboundMessage.of(t.kind(), t.messageId(), t.conversationId(), t.refToMessageId(),
                t.agreement(), t.payload().getBytes(StandardCharsets.UTF_8), t.createdAt(), attached), partner);
    }
}
