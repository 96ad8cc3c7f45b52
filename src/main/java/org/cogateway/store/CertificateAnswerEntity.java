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
import org.cogateway.document.DocumentKind;

/** An answer the importing side sent about an outbound certificate, kept as received. */
@Entity
@Table(name = "certificate_answer")
public class CertificateAnswerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "certificate_id")
    private Long certificateId;
    @Enumerated(EnumType.STRING)
    private DocumentKind kind;
    @Column(name = "received_at")
    private Instant receivedAt;
    private String document;

    protected CertificateAnswerEntity() {
    }

    public CertificateAnswerEntity(Long certificateId, DocumentKind kind, Instant receivedAt, String document) {
        this.certificateId = certificateId;
        this.kind = kind;
        this.receivedAt = receivedAt;
        this.document = document;
    }

    public DocumentKind kind() { return kind; }
    public Instant receivedAt() { return receivedAt; }
    public String document() { return document; }
}
