package org.cogateway.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cogateway.as4.InboundSink;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.as4.ReceivedUserMessage;
import org.cogateway.document.DocumentKind;
import org.cogateway.logging.LogFields;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.cogateway.store.InboundMessageEntity;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the AS4 endpoint hands what partners send. The document is read and checked first, outside
 * any transaction; then the message as received, its receipt and the document's effect are stored
 * in one transaction. A MessageId seen before from the same partner changes nothing and is answered
 * with the receipt stored the first time — also when two nodes receive it at once, since the
 * unique key decides.
 */
public final class InboundDocuments implements InboundSink {
    private static final Logger log = LoggerFactory.getLogger(InboundDocuments.class);

    private final Database db;
    private final PartnerDirectory partners;
    private final CertificateRepository certificates;
    private final Map<DocumentKind, DocumentReceiver> receivers;
    private final Clock clock;

    public InboundDocuments(Database db, PartnerDirectory partners, CertificateRepository certificates,
                            Map<DocumentKind, DocumentReceiver> receivers, Clock clock) {
        this.db = db;
        this.partners = partners;
        this.certificates = certificates;
        this.receivers = Map.copyOf(receivers);
        this.clock = clock;
    }

    @Override
    public byte[] store(ReceivedUserMessage m, byte[] rawRequest, byte[] receipt) throws PayloadRejectedException {
        try (LogFields fields = LogFields.of(LogFields.MESSAGE_ID, m.messageId(), LogFields.PARTNER, m.partnerId(),
                LogFields.CERTIFICATE_NUMBER, LogFields.certificateNumber(m.conversationId()))) {
            return storeOnce(m, rawRequest, receipt);
        }
    }

    private byte[] storeOnce(ReceivedUserMessage m, byte[] rawRequest, byte[] receipt) throws PayloadRejectedException {
        Partner partner = partners.byId(m.partnerId()).orElseThrow(() ->
                new IllegalStateException("the MSH passed a message of unknown partner " + m.partnerId()));
        Optional<byte[]> earlier = storedReceipt(partner, m.messageId());
        if (earlier.isPresent()) {
            log.info("duplicate message {} from {}: answered with the stored receipt", m.messageId(), partner.id());
            return earlier.get();
        }
        DocumentKind kind = org.cogateway.as4.Actions.kindOf(m.action()).orElseThrow(() ->
                new PayloadRejectedException(List.of("action " + m.action() + " carries no known document")));
        DocumentReceiver.Effect effect = receivers.get(kind).read(partner, m.payloadXml(), m.documents());
        try {
            db.inTransaction(s -> {
                InboundMessageEntity message = new InboundMessageEntity(partner.id(), m.messageId(), m.conversationId(),
                        m.refToMessageId(), m.action(), m.timestamp(), clock.instant(), rawRequest, receipt);
                s.persist(message);
                // the unique key is checked now, before the document changes anything
                s.flush();
                effect.apply(s, message);
                certificates.recordInboundState(s, message, message.receivedAt());
            });
            log.info("stored {} message {} from {}", kind, m.messageId(), partner.id());
            return receipt;
        } catch (DocumentReceiver.Refused e) {
            throw new PayloadRejectedException(e.findings());
        } catch (ConstraintViolationException e) {
            return storedReceipt(partner, m.messageId()).orElseThrow(() -> e);
        }
    }

    private Optional<byte[]> storedReceipt(Partner partner, String messageId) {
        return db.fromTransaction(s -> certificates.inboundMessage(s, partner.id(), messageId)
                .map(InboundMessageEntity::receipt));
    }
}
