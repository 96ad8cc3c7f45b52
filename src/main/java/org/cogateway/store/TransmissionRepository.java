package org.cogateway.store;

import java.util.List;
import java.util.Optional;
import org.cogateway.document.DocumentKind;
import org.cogateway.delivery.TransmissionState;
import org.hibernate.Session;

/**
 * Creating transmissions and reading them with their history. Changing their state after creation
 * is the outbound queue's business (delivery.OutboundQueue), which does it by compare-and-set.
 */
public final class TransmissionRepository {

    /** Stores a new QUEUED transmission, its document and the first line of its history, in the caller's transaction. */
    public void enqueue(Session s, TransmissionEntity transmission, String payload, String detail) {
        s.persist(transmission);
        s.persist(new TransmissionPayloadEntity(transmission.id(), payload));
        s.persist(new TransmissionEventEntity(transmission.id(), transmission.createdAt(), TransmissionState.QUEUED, detail));
    }

    public Optional<TransmissionEntity> find(Session s, String id) {
        return Optional.ofNullable(s.find(TransmissionEntity.class, id));
    }

    /** The document a transmission carries, exactly as queued. */
    public String payload(Session s, String transmissionId) {
        TransmissionPayloadEntity payload = s.find(TransmissionPayloadEntity.class, transmissionId);
        if (payload == null) {
            throw new IllegalStateException("transmission " + transmissionId + " has no payload");
        }
        return payload.payload();
    }

    public List<TransmissionEntity> forCertificate(Session s, long certificateId, DocumentKind kind) {
        return s.createSelectionQuery("""
                        from TransmissionEntity t where t.certificateId = :id and t.kind = :kind
                        order by t.createdAt desc""", TransmissionEntity.class)
                .setParameter("id", certificateId)
                .setParameter("kind", kind)
                .getResultList();
    }

    public List<TransmissionEventEntity> history(Session s, String transmissionId) {
        return s.createSelectionQuery("""
                        from TransmissionEventEntity e where e.transmissionId = :id order by e.id""",
                        TransmissionEventEntity.class)
                .setParameter("id", transmissionId)
                .getResultList();
    }

    /**
     * Transmissions not yet at the partner, oldest first, limited to those a caller may see:
     * the certificates an issuing body submitted, or the inbound certificates of a customs country.
     */
    public List<TransmissionEntity> undelivered(Session s, CertificateEntity.Direction direction, String owner,
                                                String importCountry, String partnerId, int limit) {
        StringBuilder hql = new StringBuilder("""
                select t from TransmissionEntity t, CertificateEntity c
                where t.certificateId = c.id and t.state in :states and c.direction = :direction""");
        if (owner != null) {
            hql.append(" and c.owner = :owner");
        }
        if (importCountry != null) {
            hql.append(" and c.importCountry = :importCountry");
        }
        if (partnerId != null) {
            hql.append(" and t.partnerId = :partner");
        }
        hql.append(" order by t.createdAt, t.id");
        var q = s.createSelectionQuery(hql.toString(), TransmissionEntity.class)
                .setParameter("states", TransmissionState.UNDELIVERED)
                .setParameter("direction", direction)
                .setMaxResults(limit);
        if (owner != null) {
            q.setParameter("owner", owner);
        }
        if (importCountry != null) {
            q.setParameter("importCountry", importCountry);
        }
        if (partnerId != null) {
            q.setParameter("partner", partnerId);
        }
        return q.getResultList();
    }
}
