package org.cogateway.store;

import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** The queries on verification requests, their answers and their attached documents, in one place. */
public final class VerificationRepository {

    public Optional<VerificationEntity> find(Session s, VerificationEntity.Side side, String verificationId) {
        return s.createSelectionQuery("from VerificationEntity v where v.side = :side and v.verificationId = :id",
                        VerificationEntity.class)
                .setParameter("side", side)
                .setParameter("id", verificationId)
                .uniqueResultOptional();
    }

    /** As {@link #find}, locked until the transaction ends: two answers to one request at once are serialised. */
    public Optional<VerificationEntity> findForUpdate(Session s, VerificationEntity.Side side, String verificationId) {
        return s.createSelectionQuery("from VerificationEntity v where v.side = :side and v.verificationId = :id",
                        VerificationEntity.class)
                .setParameter("side", side)
                .setParameter("id", verificationId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .uniqueResultOptional();
    }

    /** The newest request about one certificate version, if any. */
    public Optional<VerificationEntity> latestFor(Session s, long certificateId) {
        return s.createSelectionQuery("from VerificationEntity v where v.certificateId = :c order by v.id desc",
                        VerificationEntity.class)
                .setParameter("c", certificateId)
                .setMaxResults(1)
                .uniqueResultOptional();
    }

    /** The open requests about one certificate version, oldest first. */
    public List<VerificationEntity> openRequests(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        from VerificationEntity v where v.certificateId = :c and v.side = :side and v.state = :state
                        order by v.id""", VerificationEntity.class)
                .setParameter("c", certificateId)
                .setParameter("side", VerificationEntity.Side.REQUESTED)
                .setParameter("state", VerificationEntity.State.OPEN)
                .getResultList();
    }

    /** Every request about any version of a certificate number, newest first. */
    public List<VerificationEntity> forCertificateNumber(Session s, VerificationEntity.Side side,
                                                         CertificateEntity.Direction direction, String issuingCountry,
                                                         String number) {
        return s.createSelectionQuery("""
                        select v from VerificationEntity v, CertificateEntity c
                        where c.id = v.certificateId and v.side = :side and c.direction = :direction
                          and c.issuingCountry = :country and c.certificateNumber = :number
                        order by v.id desc""", VerificationEntity.class)
                .setParameter("side", side)
                .setParameter("direction", direction)
                .setParameter("country", issuingCountry)
                .setParameter("number", number)
                .setMaxResults(100)
                .getResultList();
    }

    /**
     * Received requests about the certificates one issuing body submitted, oldest first after a
     * cursor: in {@code state}, and with {@code repliedBefore} only those whose reply-by date is
     * before it (the overdue ones).
     */
    public List<VerificationEntity> receivedPage(Session s, String owner, VerificationEntity.State state,
                                                 LocalDate replyByBefore, long afterId, int limit) {
        return s.createSelectionQuery("""
                        select v from VerificationEntity v, CertificateEntity c
                        where c.id = v.certificateId and v.side = :side and c.owner = :owner
                          and v.state = :state and v.replyBy < :before and v.id > :after
                        order by v.id""", VerificationEntity.class)
                .setParameter("side", VerificationEntity.Side.RECEIVED)
                .setParameter("owner", owner)
                .setParameter("state", state)
                .setParameter("before", replyByBefore == null ? LocalDate.of(9999, 12, 31) : replyByBefore)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<VerificationDocumentEntity> documents(Session s, long verificationRowId,
                                                      VerificationDocumentEntity.Part part) {
        return s.createSelectionQuery("""
                        from VerificationDocumentEntity d where d.verificationRowId = :v and d.part = :part
                        order by d.seq""", VerificationDocumentEntity.class)
                .setParameter("v", verificationRowId)
                .setParameter("part", part)
                .getResultList();
    }

    /**
     * Stores the documents of a request or answer, each described document with the bytes of its part,
     * in order; {@code transmissionId} names the transmission they travel with when sent from here.
     */
    public void storeDocuments(Session s, VerificationEntity v, VerificationDocumentEntity.Part part,
                               List<org.cogateway.contract.exchange.AttachedDocumentType> described,
                               List<org.cogateway.as4.DocumentPart> parts, String transmissionId) {
        for (int i = 0; i < described.size(); i++) {
            var d = described.get(i);
            s.persist(new VerificationDocumentEntity(v.id(), part, i + 1, d.getFileName(), d.getMimeType().value(),
                    d.getSha256(), parts.get(i).content(), transmissionId));
        }
    }

    /** The documents that travel with one outbound transmission, in their order as payload parts. */
    public List<VerificationDocumentEntity> documentsOf(Session s, String transmissionId) {
        return s.createSelectionQuery("from VerificationDocumentEntity d where d.transmissionId = :t order by d.seq",
                        VerificationDocumentEntity.class)
                .setParameter("t", transmissionId)
                .getResultList();
    }
}
