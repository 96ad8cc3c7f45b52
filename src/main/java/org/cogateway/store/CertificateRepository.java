package org.cogateway.store;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cogateway.document.DocumentKind;
import org.hibernate.Session;

/** The queries on certificates, their invoices, balances, utilisations and answers, in one place. */
public final class CertificateRepository {

    public Optional<CertificateEntity> find(Session s, CertificateEntity.Direction direction, String issuingCountry,
                                            String number, int version) {
        return s.createSelectionQuery("""
                        from CertificateEntity c
                        where c.direction = :direction and c.issuingCountry = :country
                          and c.certificateNumber = :number and c.version = :version""", CertificateEntity.class)
                .setParameter("direction", direction)
                .setParameter("country", issuingCountry)
                .setParameter("number", number)
                .setParameter("version", version)
                .uniqueResultOptional();
    }

    /**
     * The same as {@link #find}, locking the row until the transaction ends, to serialise work on one
     * certificate. Make it the transaction's first read: on MariaDB the reads after it then come from
     * a snapshot taken once the lock is held, and so see what the previous holder committed.
     */
    public Optional<CertificateEntity> findForUpdate(Session s, CertificateEntity.Direction direction,
                                                     String issuingCountry, String number, int version) {
        return s.createSelectionQuery("""
                        from CertificateEntity c
                        where c.direction = :direction and c.issuingCountry = :country
                          and c.certificateNumber = :number and c.version = :version""", CertificateEntity.class)
                .setParameter("direction", direction)
                .setParameter("country", issuingCountry)
                .setParameter("number", number)
                .setParameter("version", version)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .uniqueResultOptional();
    }

        /** The highest version of a certificate number: the one that is current. */
    public Optional<CertificateEntity> findLatest(Session s, CertificateEntity.Direction direction,
                                                  String issuingCountry, String number) {
        return s.createSelectionQuery("""
                        from CertificateEntity c
                        where c.direction = :direction and c.issuingCountry = :country and c.certificateNumber = :number
                        order by c.version desc""", CertificateEntity.class)
                .setParameter("direction", direction)
                .setParameter("country", issuingCountry)
                .setParameter("number", number)
                .setMaxResults(1)
                .uniqueResultOptional();
    }

    /** Whether any version of the number exists in that direction (the validator's lookup). */
    public boolean exists(Session s, CertificateEntity.Direction direction, String issuingCountry, String number,
                          int version) {
        return find(s, direction, issuingCountry, number, version).isPresent();
    }

    /** Inbound certificates addressed to a country, in arrival order, after a cursor. */
    public List<CertificateEntity> inboundPage(Session s, String importCountry, long afterId,
                                               java.time.Instant since, int limit) {
        return s.createSelectionQuery("""
                        from CertificateEntity c
                        where c.direction = :direction and c.importCountry = :country and c.id > :after
                          and c.receivedAt >= :since
                        order by c.id""", CertificateEntity.class)
                .setParameter("direction", CertificateEntity.Direction.INBOUND)
                .setParameter("country", importCountry)
                .setParameter("after", afterId)
                .setParameter("since", since)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<String> invoiceNumbers(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        select i.invoiceNumber from CertificateInvoiceEntity i
                        where i.certificateId = :id order by i.invoiceNumber""", String.class)
                .setParameter("id", certificateId)
                .getResultList();
    }

    public List<GoodsBalanceEntity> balances(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        from GoodsBalanceEntity b where b.certificateId = :id order by b.itemNumber""",
                        GoodsBalanceEntity.class)
                .setParameter("id", certificateId)
                .getResultList();
    }

    /** The balances, locked until the transaction ends, so two declarations cannot overdraw together. */
    public List<GoodsBalanceEntity> balancesForUpdate(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        from GoodsBalanceEntity b where b.certificateId = :id order by b.itemNumber""",
                        GoodsBalanceEntity.class)
                .setParameter("id", certificateId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    public Optional<UtilisationEntity> utilisation(Session s, long certificateId, String declarationNumber) {
        return s.createSelectionQuery("""
                        from UtilisationEntity u
                        where u.certificateId = :id and u.declarationNumber = :declaration""", UtilisationEntity.class)
                .setParameter("id", certificateId)
                .setParameter("declaration", declarationNumber)
                .uniqueResultOptional();
    }

    public List<CertificateAnswerEntity> answers(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        from CertificateAnswerEntity a where a.certificateId = :id order by a.receivedAt, a.id""",
                        CertificateAnswerEntity.class)
                .setParameter("id", certificateId)
                .getResultList();
    }

    /**
     * Moves the inbound messages that brought these certificates (action {@code action}) forward to
     * {@code reached} — never back: RECEIVED -> VALIDATED -> DELIVERED_TO_BACKOFFICE -> ACKNOWLEDGED —
     * with an inbound_event for each message moved.
     */
    public void advanceInbound(Session s, java.util.Collection<Long> certificateIds, String action,
                               InboundMessageEntity.State reached, Instant at) {
        if (certificateIds.isEmpty()) {
            return;
        }
        java.util.List<InboundMessageEntity.State> earlier = java.util.Arrays.stream(InboundMessageEntity.State.values())
                .filter(state -> state.ordinal() < reached.ordinal()).toList();
        // the events first: they select the messages the update is about to move
        s.createNativeMutationQuery("""
                        insert into inbound_event (inbound_id, at, state)
                        select id, :at, :reached from inbound_message
                        where certificate_id in (:ids) and action = :action and state in (:earlier)""")
                .setParameter("at", utc(at))
                .setParameter("reached", reached.name())
                .setParameterList("ids", certificateIds)
                .setParameter("action", action)
                .setParameterList("earlier", earlier.stream().map(Enum::name).toList())
                .executeUpdate();
        s.createMutationQuery("""
                        update InboundMessageEntity m set m.state = :reached
                        where m.certificateId in :ids and m.action = :action and m.state in :earlier""")
                .setParameter("reached", reached)
                .setParameter("ids", certificateIds)
                .setParameter("action", action)
                .setParameter("earlier", earlier)
                .executeUpdate();
    }

    /** Records the state a message just stored reached, in the transaction that stored it (its first inbound_event). */
    public void recordInboundState(Session s, InboundMessageEntity message, Instant at) {
        s.createNativeMutationQuery("insert into inbound_event (inbound_id, at, state) values (:id, :at, :state)")
                .setParameter("id", message.id())
                .setParameter("at", utc(at))
                .setParameter("state", message.state().name())
                .executeUpdate();
    }

    private static java.time.LocalDateTime utc(Instant at) {
        return java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
    }

    public Optional<InboundMessageEntity> inboundMessage(Session s, String partnerId, String messageId) {
        return s.createSelectionQuery("""
                        from InboundMessageEntity m where m.partnerId = :partner and m.messageId = :id""",
                        InboundMessageEntity.class)
                .setParameter("partner", partnerId)
                .setParameter("id", messageId)
                .uniqueResultOptional();
    }

    /** The MessageId of the partner's message that delivered this (inbound) certificate: what answers refer to. */
    public Optional<String> deliveringMessageId(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        select m.messageId from InboundMessageEntity m where m.certificateId = :id order by m.id""",
                        String.class)
                .setParameter("id", certificateId)
                .setMaxResults(1)
                .uniqueResultOptional();
    }

    /**
     * Keeps the latest acknowledgement on the certificate row (V16), where the statistics and the
     * certificate's state read it without parsing the acknowledgement documents.
     */
    public void recordAcknowledgement(Session s, long certificateId, String status, String remarks,
                                      java.time.Instant at) {
        StatisticsRollup.Change change = rollupBefore(s, certificateId);
        s.createNativeMutationQuery("UPDATE certificate SET ack_status = :status, ack_remarks = :remarks, ack_at = :at"
                        + " WHERE id = :id")
                .setParameter("status", status)
                .setParameter("remarks", remarks == null || remarks.length() <= 512 ? remarks : remarks.substring(0, 512))
                .setParameter("at", at)
                .setParameter("id", certificateId)
                .executeUpdate();
        s.doWork(c -> change.after());
    }

    /**
     * The certificate's contribution to the inbound roll-ups (V18) before a change of what they group
     * or count by, after whatever this session still had to write.
     */
    private static StatisticsRollup.Change rollupBefore(Session s, long certificateId) {
        s.flush();
        return s.doReturningWork(c -> StatisticsRollup.before(c, certificateId, null));
    }

    /** The first import declaration that drew on the certificate (V16): "time from issue to first utilisation". */
    public void recordUtilised(Session s, long certificateId, java.time.Instant at) {
        StatisticsRollup.Change change = rollupBefore(s, certificateId);
        int first = s.createNativeMutationQuery("UPDATE certificate SET first_utilised_at = :at"
                        + " WHERE id = :id AND first_utilised_at IS NULL")
                .setParameter("at", at)
                .setParameter("id", certificateId)
                .executeUpdate();
        if (first == 1) {
            s.doWork(c -> change.after());
        }
    }

    /** The latest acknowledgement recorded on a certificate: its status and when, or empty. */
    public Optional<Object[]> acknowledgement(Session s, long certificateId) {
        return s.createNativeQuery("SELECT ack_status, ack_at FROM certificate WHERE id = :id AND ack_status IS NOT NULL",
                        Object[].class)
                .setParameter("id", certificateId)
                .uniqueResultOptional();
    }

    /** When the latest message of this action about the certificate arrived (e.g. its cancellation), or empty. */
    public Optional<java.time.Instant> lastInboundAt(Session s, long certificateId, String action) {
        return s.createSelectionQuery("""
                        select max(m.receivedAt) from InboundMessageEntity m
                        where m.certificateId = :id and m.action = :action""", java.time.Instant.class)
                .setParameter("id", certificateId)
                .setParameter("action", action)
                .uniqueResultOptional();
    }

    /** When the latest import declaration drew on the certificate here, or empty. */
    public Optional<java.time.Instant> lastUtilisedAt(Session s, long certificateId) {
        return s.createSelectionQuery("""
                        select max(u.recordedAt) from UtilisationEntity u where u.certificateId = :id""",
                        java.time.Instant.class)
                .setParameter("id", certificateId)
                .uniqueResultOptional();
    }
}
