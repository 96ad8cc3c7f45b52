package org.cogateway.backoffice;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.cogateway.contract.backoffice.DocumentType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.backoffice.VerificationStateType;
import org.cogateway.contract.backoffice.VerificationStatusType;
import org.cogateway.contract.backoffice.VerificationType;
import org.cogateway.contract.exchange.VerificationAnswer;
import org.cogateway.contract.exchange.VerificationRequest;
import org.cogateway.contract.exchange.VerificationResultType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.store.VerificationDocumentEntity;
import org.cogateway.store.VerificationEntity;
import org.cogateway.store.VerificationRepository;
import org.hibernate.Session;

/**
 * A verification as both sides read it: the request as it travelled, its status (OVERDUE computed
 * from the reply-by date on the gateway's clock, never stored), the delivery of what was sent from
 * here, and the answer with its documents.
 */
final class VerificationViews {
    private final VerificationRepository verifications;
    private final TransmissionRepository transmissions;
    private final CertificateDocuments documents;
    private final Clock clock;

    VerificationViews(VerificationRepository verifications, TransmissionRepository transmissions,
                      CertificateDocuments documents, Clock clock) {
        this.verifications = verifications;
        this.transmissions = transmissions;
        this.documents = documents;
        this.clock = clock;
    }

    /** The certificate's newest verification, for QueryCertificate's answer. */
    Optional<VerificationStateType> stateOf(Session s, CertificateEntity c) {
        return verifications.latestFor(s, c.id()).map(v -> {
            VerificationStateType x = new VerificationStateType();
            x.setVerificationId(v.verificationId());
            x.setStatus(status(v));
            x.setReplyBy(Dates.xml(v.replyBy()));
            if (v.outcome() != null) {
                x.setOutcome(VerificationResultType.fromValue(v.outcome()));
                x.setAnsweredAt(Dates.xml(v.answeredAt()));
            }
            return x;
        });
    }


    VerificationType view(Session s, VerificationEntity v, CertificateEntity c, boolean withContent) {
        VerificationRequest asked = documents.fromXml(v.requestDocument(), VerificationRequest.class);
        VerificationType x = new VerificationType();
        x.setVerificationId(v.verificationId());
        x.setCertificate(asked.getCertificate());
        x.setStatus(status(v));
        x.setRequestingCountry(c.importCountry());
        x.setRequestedBy(v.requestedBy());
        x.setRequestedAt(Dates.xml(v.requestedAt()));
        x.setReplyBy(Dates.xml(v.replyBy()));
        x.setInvoiceNumber(asked.getInvoiceNumber());
        x.getReason().addAll(asked.getReason());
        x.setDetails(asked.getDetails());
        x.getItemNumber().addAll(asked.getItemNumber());
        x.getDocument().addAll(documentsOf(s, v, VerificationDocumentEntity.Part.REQUEST, withContent));
        String sentFromHere = v.side() == VerificationEntity.Side.REQUESTED ? v.requestTransmissionId() : v.answerTransmissionId();
        if (sentFromHere != null) {
            transmissions.find(s, sentFromHere).ifPresent(t -> {
                x.setTrackingId(t.id());
                x.setTransmissionState(TransmissionStateType.valueOf(t.state().name()));
            });
        }
        if (v.answerDocument() != null) {
            VerificationAnswer answer = documents.fromXml(v.answerDocument(), VerificationAnswer.class);
            VerificationType.Answer a = new VerificationType.Answer();
            a.setOutcome(VerificationResultType.fromValue(v.outcome()));
            a.getItem().addAll(answer.getItem());
            a.setRemarks(answer.getRemarks());
            a.setAnsweredAt(answer.getAnsweredAt());
            a.setAnsweredBy(answer.getAnsweredBy());
            a.getDocument().addAll(documentsOf(s, v, VerificationDocumentEntity.Part.ANSWER, withContent));
            x.setAnswer(a);
        }
        return x;
    }

    private List<DocumentType> documentsOf(Session s, VerificationEntity v, VerificationDocumentEntity.Part part,
                                           boolean withContent) {
        return verifications.documents(s, v.id(), part).stream().map(d -> {
            DocumentType x = new DocumentType();
            x.setFileName(d.fileName());
            x.setMimeType(org.cogateway.contract.exchange.DocumentMimeType.fromValue(d.mimeType()));
            x.setSize(d.sizeBytes());
            if (withContent) {
                x.setContent(d.content());
            }
            return x;
        }).toList();
    }

    private VerificationStatusType status(VerificationEntity v) {
        if (v.state() == VerificationEntity.State.ANSWERED) {
            return VerificationStatusType.ANSWERED;
        }
        return v.overdue(clock.instant()) ? VerificationStatusType.OVERDUE : VerificationStatusType.OPEN;
    }
}
