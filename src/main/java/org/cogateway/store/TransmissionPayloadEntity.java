package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The document a transmission carries, in its own table: written once when queued, read only to
 * send it, never updated, so the queue's frequent updates of the transmission row do not rewrite it.
 */
@Entity
@Table(name = "transmission_payload")
public class TransmissionPayloadEntity {
    @Id
    @Column(name = "transmission_id")
    private String transmissionId;
    private String payload;

    protected TransmissionPayloadEntity() {
    }

    public TransmissionPayloadEntity(String transmissionId, String payload) {
        this.transmissionId = transmissionId;
        this.payload = payload;
    }

    public String payload() {
        return payload;
    }
}
