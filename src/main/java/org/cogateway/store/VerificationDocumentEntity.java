package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A document attached to a verification request or answer, in its place among the message's
 * payload parts ({@code seq}, from 1). One this gateway sends names its transmission, from which the
 * AS4 sender reads it; a received one has none.
 */
@Entity
@Table(name = "verification_document")
public class VerificationDocumentEntity {
    public enum Part { REQUEST, ANSWER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "verification_row_id")
    private Long verificationRowId;
    @Enumerated(EnumType.STRING)
    private Part part;
    private int seq;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "mime_type")
    private String mimeType;
    @Column(name = "size_bytes")
    private long sizeBytes;
    private String sha256;
    private byte[] content;
    @Column(name = "transmission_id")
    private String transmissionId;

    protected VerificationDocumentEntity() {
    }

    public VerificationDocumentEntity(Long verificationRowId, Part part, int seq, String fileName, String mimeType,
                                      String sha256, byte[] content, String transmissionId) {
        this.verificationRowId = verificationRowId;
        this.part = part;
        this.seq = seq;
        this.fileName = fileName;
        this.mimeType = mimeType;
        this.sizeBytes = content.length;
        this.sha256 = sha256;
        this.content = content;
        this.transmissionId = transmissionId;
    }

    public Part part() { return part; }
    public int seq() { return seq; }
    public String fileName() { return fileName; }
    public String mimeType() { return mimeType; }
    public long sizeBytes() { return sizeBytes; }
    public String sha256() { return sha256; }
    public byte[] content() { return content; }
}
