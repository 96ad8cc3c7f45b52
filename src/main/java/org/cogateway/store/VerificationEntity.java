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
import java.time.LocalDate;

/**
 * A verification request, at the end that asked (REQUESTED, about an inbound certificate) or at the
 * end that must answer (RECEIVED, about an outbound one), with its answer once there is one. The
 * request and the answer are kept as the exchange documents that travelled.
 */
@Entity
@Table(name = "verification")
public class VerificationEntity {
    public enum Side { REQUESTED, RECEIVED }

    public enum State { OPEN, ANSWERED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "verification_id")
    private String verificationId;
    @Enumerated(EnumType.STRING)
    private Side side;
    @Column(name = "certificate_id")
    private Long certificateId;
    @Column(name = "partner_id")
    private String partnerId;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "reply_by")
    private LocalDate replyBy;
    @Column(name = "request_document")
    private String requestDocument;
    @Column(name = "request_transmission_id")
    private String requestTransmissionId;
    @Column(name = "request_message_id")
    private String requestMessageId;
    @Enumerated(EnumType.STRING)
    private State state;
    private String outcome;
    @Column(name = "answered_at")
    private Instant answeredAt;
    @Column(name = "answered_by")
    private String answeredBy;
    @Column(name = "answer_document")
    private String answerDocument;
    @Column(name = "answer_transmission_id")
    private String answerTransmissionId;

    protected VerificationEntity() {
    }

    public VerificationEntity(String verificationId, Side side, Long certificateId, String partnerId, String requestedBy,
                              Instant requestedAt, LocalDate replyBy, String requestDocument) {
        this.verificationId = verificationId;
        this.side = side;
        this.certificateId = certificateId;
        this.partnerId = partnerId;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.replyBy = replyBy;
        this.requestDocument = requestDocument;
        this.state = State.OPEN;
    }

    /** The transmission that carries the request (REQUESTED) or the partner's MessageId that brought it (RECEIVED). */
    public void requestTravelled(String transmissionId, String messageId) {
        this.requestTransmissionId = transmissionId;
        this.requestMessageId = messageId;
    }

    public void answered(String outcome, Instant at, String by, String document, String transmissionId) {
        this.state = State.ANSWERED;
        this.outcome = outcome;
        this.answeredAt = at;
        this.answeredBy = by;
        this.answerDocument = document;
        this.answerTransmissionId = transmissionId;
    }

    /** Open past its reply-by date: the date has ended in UTC without an answer. */
    public boolean overdue(Instant now) {
        return state == State.OPEN && now.atZone(java.time.ZoneOffset.UTC).toLocalDate().isAfter(replyBy);
    }

    public Long id() { return id; }
    public String verificationId() { return verificationId; }
    public Side side() { return side; }
    public Long certificateId() { return certificateId; }
    public String partnerId() { return partnerId; }
    public String requestedBy() { return requestedBy; }
    public Instant requestedAt() { return requestedAt; }
    public LocalDate replyBy() { return replyBy; }
    public String requestDocument() { return requestDocument; }
    public String requestTransmissionId() { return requestTransmissionId; }
    public String requestMessageId() { return requestMessageId; }
    public State state() { return state; }
    public String outcome() { return outcome; }
    public Instant answeredAt() { return answeredAt; }
    public String answeredBy() { return answeredBy; }
    public String answerDocument() { return answerDocument; }
    public String answerTransmissionId() { return answerTransmissionId; }
}
