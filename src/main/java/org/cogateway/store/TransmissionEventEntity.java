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
import org.cogateway.delivery.TransmissionState;

/** One line of a transmission's history: the state it entered, when, and why. */
@Entity
@Table(name = "transmission_event")
public class TransmissionEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "transmission_id")
    private String transmissionId;
    private Instant at;
    @Enumerated(EnumType.STRING)
    private TransmissionState state;
    private String detail;

    protected TransmissionEventEntity() {
    }

    public TransmissionEventEntity(String transmissionId, Instant at, TransmissionState state, String detail) {
        this.transmissionId = transmissionId;
        this.at = at;
        this.state = state;
        this.detail = detail;
    }

    public Instant at() { return at; }
    public TransmissionState state() { return state; }
    public String detail() { return detail; }
}
