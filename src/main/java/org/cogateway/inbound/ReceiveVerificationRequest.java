package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.DocumentPart;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.exchange.VerificationRequest;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.store.VerificationEntity;
import org.cogateway.store.VerificationRepository;
import org.cogateway.validation.VerificationRules;

/**
 * The importing Customs asks to verify a certificate issued here: the request and its documents
 * are kept for the issuing body that issued the certificate, which lists and answers it. A request
 * about a certificate not sent to that partner, or that breaks the rules, is refused (EBMS:0004).
 */
public final class ReceiveVerificationRequest implements DocumentReceiver {
    private final CertificateDocuments documents;
    private final CertificateRepository certificates;
    private final VerificationRepository verifications;
    private final VerificationRules rules;
    private final String ownCountry;

    public ReceiveVerificationRequest(CertificateDocuments documents, CertificateRepository certificates,
                                      VerificationRepository verifications, VerificationRules rules, String ownCountry) {
        this.documents = documents;
        this.certificates = certificates;
        this.verifications = verifications;
        this.rules = rules;
        this.ownCountry = ownCountry;
    }

    @Override
    public Effect read(Partner partner, byte[] payload) throws PayloadRejectedException {
        return read(partner, payload, List.of());
    }

    @Override
    public Effect read(Partner partner, byte[] payload, List<DocumentPart> parts) throws PayloadRejectedException {
        VerificationRequest r = Exchange.parse(documents, payload, VerificationRequest.class);
        AnsweredCertificate.requireIssuedHere(r.getCertificate(), ownCountry, partner);
        String xml = documents.toXml(r);
        return (s, message) -> {
            CertificateEntity c = AnsweredCertificate.find(s, certificates, r.getCertificate(), partner);
            List<String> findings = VerificationDocuments.refusals(rules.request(r, documents.certificateFromXml(c.document()), parts));
            if (!findings.isEmpty()) {
                throw new Refused(findings);
            }
            if (verifications.find(s, VerificationEntity.Side.RECEIVED, r.getVerificationId()).isPresent()) {
                throw new Refused("DUPLICATE_VERIFICATION: verification " + r.getVerificationId() + " was received before");
            }
            VerificationEntity v = new VerificationEntity(r.getVerificationId(), VerificationEntity.Side.RECEIVED, c.id(),
                    partner.id(), r.getRequestedBy(), Dates.instant(r.getRequestedAt()), Dates.localDate(r.getReplyBy()), xml);
            v.requestTravelled(null, message.messageId());
            s.persist(v);
            s.flush();
            verifications.storeDocuments(s, v, org.cogateway.store.VerificationDocumentEntity.Part.REQUEST, r.getDocument(),
                    parts, null);
            message.processed(InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE, c.id());
        };
    }
}
