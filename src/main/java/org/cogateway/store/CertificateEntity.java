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

/** One version of one certificate, outbound (issued here) or inbound (received from a partner). */
@Entity
@Table(name = "certificate")
public class CertificateEntity {
    public enum Direction { OUTBOUND, INBOUND }

    public enum Status { ISSUED, CANCELLED, REPLACED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private Direction direction;
    @Column(name = "issuing_country")
    private String issuingCountry;
    @Column(name = "certificate_number")
    private String certificateNumber;
    private int version;
    @Column(name = "import_country")
    private String importCountry;
    private String agreement;
    @Column(name = "exporter_name")
    private String exporterName;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "status_reason")
    private String statusReason;
    @Column(name = "replaced_by_number")
    private String replacedByNumber;
    @Column(name = "replaced_by_version")
    private Integer replacedByVersion;
    private String owner;
    @Column(name = "partner_id")
    private String partnerId;
    @Column(name = "content_sha256")
    private String contentSha256;
    private String document;
    @Column(name = "received_at")
    private Instant receivedAt;

    protected CertificateEntity() {
    }

    public CertificateEntity(Direction direction, CertificateFacts facts, String owner, String partnerId,
                             String contentSha256, String document, Instant receivedAt) {
        this.direction = direction;
        this.issuingCountry = facts.issuingCountry();
        this.certificateNumber = facts.certificateNumber();
        this.version = facts.version();
        this.importCountry = facts.importCountry();
        this.agreement = facts.agreement();
        this.exporterName = facts.exporterName();
        this.status = facts.status();
        this.statusReason = facts.statusReason();
        this.owner = owner;
        this.partnerId = partnerId;
        this.contentSha256 = contentSha256;
        this.document = document;
        this.receivedAt = receivedAt;
    }

    public Long id() { return id; }
    public Direction direction() { return direction; }
    public String issuingCountry() { return issuingCountry; }
    public String certificateNumber() { return certificateNumber; }
    public int version() { return version; }
    public String importCountry() { return importCountry; }
    public String agreement() { return agreement; }
    public String exporterName() { return exporterName; }
    public Status status() { return status; }
    public String statusReason() { return statusReason; }
    public String replacedByNumber() { return replacedByNumber; }
    public Integer replacedByVersion() { return replacedByVersion; }
    public String owner() { return owner; }
    public String partnerId() { return partnerId; }
    public String contentSha256() { return contentSha256; }
    public String document() { return document; }
    public Instant receivedAt() { return receivedAt; }

    public void cancel(String reason) {
        this.status = Status.CANCELLED;
        this.statusReason = reason;
    }

    public void replaceBy(String number, int byVersion, String reason) {
        this.status = Status.REPLACED;
        this.statusReason = reason;
        this.replacedByNumber = number;
        this.replacedByVersion = byVersion;
    }
}
