package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user message received from a partner, as received, with the receipt that answered it. */
@Entity
@Table(name = "inbound_message")
public class InboundMessageEntity {
    /** RECEIVED -> VALIDATED -> DELIVERED_TO_BACKOFFICE -> ACKNOWLEDGED (DESIGN.md §6). */
    public enum State { RECEIVED, VALIDATED, DELIVERED_TO_BACKOFFICE, ACKNOWLEDGED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "partner_id")
    private String partnerId;
    @Column(name = "message_id")
    private String messageId;
    @Column(name = "conversation_id")
    private String conversationId;
    @Column(name = "ref_to_message_id")
    private String refToMessageId;
    private String action;
    @Enumerated(EnumType.STRING)
    private State state;
    @Column(name = "certificate_id")
    private Long certificateId;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    // Written once, with the row: the UPDATE that records the message's outcome in the same transaction
    // (processed) must not rewrite the whole message and receipt, nor may a flush compare them byte by byte.
    @Column(name = "raw_message", updatable = false)
    private byte[] rawMessage;
    @Column(updatable = false)
    private byte[] receipt;

    protected InboundMessageEntity() {
    }

    public InboundMessageEntity(String partnerId, String messageId, String conversationId, String refToMessageId,
                                String action, Instant sentAt, Instant receivedAt, byte[] rawMessage, byte[] receipt) {
        this.partnerId = partnerId;
        this.messageId = messageId;
        this.conversationId = conversationId;
        this.refToMessageId = refToMessageId;
        this.action = action;
        this.state = State.RECEIVED;
        this.sentAt = sentAt;
        this.receivedAt = receivedAt;
        this.rawMessage = rawMessage;
        this.receipt = receipt;
    }

    public Long id() { return id; }
    public String partnerId() { return partnerId; }
    public String messageId() { return messageId; }
    public State state() { return state; }
    public Instant receivedAt() { return receivedAt; }
    public Long certificateId() { return certificateId; }
    public byte[] receipt() { return receipt; }
    public byte[] rawMessage() { return rawMessage; }

    /** Records what the message was about and how far it got, in the transaction that stored it. */
    public void processed(State reached, Long aboutCertificate) {
        this.state = reached;
        this.certificateId = aboutCertificate;
    }
}
