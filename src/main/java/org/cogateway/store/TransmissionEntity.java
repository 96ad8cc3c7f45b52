package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.cogateway.document.DocumentKind;
import org.cogateway.delivery.TransmissionState;

/**
 * One document queued for one partner (the document itself is a {@link TransmissionPayloadEntity}). Created here with the data it carries; from then on its
 * state belongs to the outbound queue, whose SQL changes it by compare-and-set (row_version).
 */
@Entity
@Table(name = "transmission")
public class TransmissionEntity {
    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private DocumentKind kind;
    @Column(name = "certificate_id")
    private Long certificateId;
    @Column(name = "partner_id")
    private String partnerId;
    @Column(name = "message_id")
    private String messageId;
    @Column(name = "conversation_id")
    private String conversationId;
    @Column(name = "ref_to_message_id")
    private String refToMessageId;
    private String agreement;
    @Enumerated(EnumType.STRING)
    private TransmissionState state;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    /** When the queue may claim it: see V6__transmission_due_at.sql; only the queue's SQL changes it later. */
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "lease_owner")
    private String leaseOwner;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "row_version")
    private int rowVersion;

    protected TransmissionEntity() {
    }

    /** A new transmission, QUEUED and due at once. */
    public TransmissionEntity(String id, DocumentKind kind, Long certificateId, String partnerId, String messageId,
                              String conversationId, String refToMessageId, String agreement, Instant now) {
        this.id = id;
        this.kind = kind;
        this.certificateId = certificateId;
        this.partnerId = partnerId;
        this.messageId = messageId;
        this.conversationId = conversationId;
        this.refToMessageId = refToMessageId;
        this.agreement = agreement;
        this.state = TransmissionState.QUEUED;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.dueAt = now;
        this.createdAt = now;
        this.updatedAt = now;
        this.rowVersion = 0;
    }

    public String id() { return id; }
    public DocumentKind kind() { return kind; }
    public Long certificateId() { return certificateId; }
    public String partnerId() { return partnerId; }
    public String messageId() { return messageId; }
    public String conversationId() { return conversationId; }
    public String refToMessageId() { return refToMessageId; }
    public String agreement() { return agreement; }
    public TransmissionState state() { return state; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
