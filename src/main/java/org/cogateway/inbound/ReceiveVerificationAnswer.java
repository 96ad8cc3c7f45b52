package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.DocumentPart;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.exchange.VerificationAnswer;
import org.cogateway.contract.exchange.VerificationRequest;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.delivery.TransmissionState;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.store.VerificationDocumentEntity;
import org.cogateway.store.VerificationEntity;
import org.cogateway.store.VerificationRepository;
import org.cogateway.validation.VerificationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuing authority answered a verification request Customs sent from here: the answer and its
 * documents are kept for Customs, and the request's transmission becomes ACKNOWLEDGED, as a
 * certificate's does when Customs acknowledges it. Only the partner the request went to can answer
 * it, once.
 */
public final class ReceiveVerificationAnswer implements DocumentReceiver {
    private static final Logger log = LoggerFactory.getLogger(ReceiveVerificationAnswer.class);

    private final CertificateDocuments documents;
    private final VerificationRepository verifications;
    private final VerificationRules rules;
    private final OutboundQueue queue;

    public ReceiveVerificationAnswer(CertificateDocuments documents, VerificationRepository verifications,
                                     VerificationRules rules, OutboundQueue queue) {
        this.documents = documents;
        this.verifications = verifications;
        this.rules = rules;
        this.queue = queue;
    }

    @Override
    public Effect read(Partner partner, byte[] payload) throws PayloadRejectedException {
        return read(partner, payload, List.of());
    }

    @Override
    public Effect read(Partner partner, byte[] payload, List<DocumentPart> parts) throws PayloadRejectedException {
        VerificationAnswer a = Exchange.parse(documents, payload, VerificationAnswer.class);
        if (!partner.country().equals(a.getCertificate().getIssuingCountry())) {
            throw new PayloadRejectedException(List.of("a verification answer from " + partner.id()
                    + " can only concern certificates issued in " + partner.country()));
        }
        String xml = documents.toXml(a);
        return (s, message) -> {
            VerificationEntity v = verifications.findForUpdate(s, VerificationEntity.Side.REQUESTED, a.getVerificationId())
                    .filter(x -> x.partnerId().equals(partner.id()))
                    .orElseThrow(() -> new Refused("UNKNOWN_VERIFICATION: no verification " + a.getVerificationId()
                            + " was requested from " + partner.id()));
            CertificateEntity c = s.get(CertificateEntity.class, v.certificateId());
            if (!c.certificateNumber().equals(a.getCertificate().getCertificateNumber()) || c.version() != a.getCertificate().getVersion()) {
                throw new Refused("CERTIFICATE_MISMATCH: verification " + a.getVerificationId() + " is about certificate "
                        + c.certificateNumber() + " version " + c.version());
            }
            if (v.state() == VerificationEntity.State.ANSWERED) {
                throw new Refused("ALREADY_ANSWERED: verification " + a.getVerificationId() + " was answered at " + v.answeredAt());
            }
            VerificationRequest asked = documents.fromXml(v.requestDocument(), VerificationRequest.class);
            List<String> findings = VerificationDocuments.refusals(rules.answer(a, asked,
                    documents.certificateFromXml(c.document()), parts));
            if (!findings.isEmpty()) {
                throw new Refused(findings);
            }
            String outcome = VerificationRules.outcome(a.getItem()).value();
            v.answered(outcome, Dates.instant(a.getAnsweredAt()), a.getAnsweredBy(), xml, null);
            verifications.storeDocuments(s, v, VerificationDocumentEntity.Part.ANSWER, a.getDocument(), parts, null);
            if (v.requestMessageId() != null && !queue.markAnswered(s, v.requestMessageId(), TransmissionState.ACKNOWLEDGED,
                    "verification answered: " + outcome)) {
                log.warn("answer to verification {} kept, but its request's transmission was not changed", a.getVerificationId());
            }
            message.processed(InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE, c.id());
        };
    }
}
