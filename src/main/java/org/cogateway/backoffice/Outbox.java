package org.cogateway.backoffice;

import java.time.Clock;
import java.util.UUID;
import org.cogateway.document.DocumentKind;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;
import org.hibernate.Session;

/**
 * Puts a document in the outbound queue inside the caller's transaction, so a document is queued
 * if and only if the data it reports is stored. The MessageId is fixed here, once: every attempt
 * to deliver it reuses it, which is what lets the partner drop duplicates.
 */
public final class Outbox {
    private final TransmissionRepository transmissions;
    private final String ownPartyId;
    private final Clock clock;
    private final Runnable onQueued;

    public Outbox(TransmissionRepository transmissions, String ownPartyId, Clock clock, Runnable onQueued) {
        this.transmissions = transmissions;
        this.ownPartyId = ownPartyId;
        this.clock = clock;
        this.onQueued = onQueued;
    }

    public TransmissionEntity enqueue(Session s, DocumentKind kind, CertificateEntity certificate, String partnerId,
                                      String payloadXml, String refToMessageId, String detail) {
        String trackingId = UUID.randomUUID().toString();
        TransmissionEntity t = new TransmissionEntity(trackingId, kind, certificate.id(), partnerId,
                trackingId + "@" + ownPartyId, conversationId(certificate), refToMessageId, certificate.agreement(),
                clock.instant());
        transmissions.enqueue(s, t, payloadXml, detail);
        return t;
    }

    /** Tells the delivery worker there is work, once the transaction that queued it has committed. */
    public void committed() {
        onQueued.run();
    }

    /** Every message about one certificate, in both directions, shares one ebMS conversation. */
    public static String conversationId(CertificateEntity c) {
        return "co:" + c.issuingCountry() + ":" + c.certificateNumber();
    }
}
