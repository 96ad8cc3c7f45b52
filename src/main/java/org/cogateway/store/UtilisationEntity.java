package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** An import declaration that drew on an inbound certificate; the draws are kept as the notice sent. */
@Entity
@Table(name = "utilisation")
public class UtilisationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "certificate_id")
    private Long certificateId;
    @Column(name = "declaration_number")
    private String declarationNumber;
    @Column(name = "declaration_date")
    private LocalDate declarationDate;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;
    @Column(name = "transmission_id")
    private String transmissionId;
    private String draws;

    protected UtilisationEntity() {
    }

    public UtilisationEntity(Long certificateId, String declarationNumber, LocalDate declarationDate,
                             String recordedBy, Instant recordedAt, String transmissionId, String draws) {
        this.certificateId = certificateId;
        this.declarationNumber = declarationNumber;
        this.declarationDate = declarationDate;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
        this.transmissionId = transmissionId;
        this.draws = draws;
    }

    public String transmissionId() { return transmissionId; }
    public String draws() { return draws; }
}
