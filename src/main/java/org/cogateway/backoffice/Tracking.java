package org.cogateway.backoffice;

import java.util.List;
import org.cogateway.contract.backoffice.AnswerType;
import org.cogateway.contract.backoffice.DocumentKindType;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.HistoryEntryType;
import org.cogateway.contract.backoffice.ListUndeliveredResponse;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.backoffice.TransmissionType;
import org.cogateway.contract.exchange.Acknowledgement;
import org.cogateway.contract.exchange.UtilisationNotice;
import org.cogateway.document.DocumentKind;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.store.CertificateAnswerEntity;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;

/** Where a transmission is: its state, its history, and what the importing side answered. */
final class Tracking {

    private final Database db;
    private final CertificateRepository certificates;
    private final TransmissionRepository transmissions;
    private final CertificateDocuments documents;

    Tracking(Database db, CertificateRepository certificates, TransmissionRepository transmissions,
             CertificateDocuments documents) {
        this.db = db;
        this.certificates = certificates;
        this.transmissions = transmissions;
        this.documents = documents;
    }

    GetDeliveryStatusResponse deliveryStatus(Caller caller, String trackingId) {
        return db.fromTransaction(s -> {
            TransmissionEntity t = transmissions.find(s, trackingId).orElseThrow(() -> unknown(trackingId));
            CertificateEntity c = s.find(CertificateEntity.class, t.certificateId());
            if (!Access.canSee(caller, c)) {
                throw unknown(trackingId);
            }
            GetDeliveryStatusResponse response = new GetDeliveryStatusResponse();
            response.setTransmission(transmission(t, c));
            transmissions.history(s, t.id()).forEach(e -> {
                HistoryEntryType h = new HistoryEntryType();
                h.setAt(Dates.xml(e.at()));
                h.setState(TransmissionStateType.valueOf(e.state().name()));
                h.setDetail(e.detail());
                response.getHistory().add(h);
            });
            certificates.answers(s, c.id()).forEach(a -> response.getAnswer().add(answer(a)));
            return response;
        });
    }

    ListUndeliveredResponse undelivered(Caller caller, String partnerId, Integer maxResults) {
        int limit = PageSizes.of(maxResults);
        return db.fromTransaction(s -> {
            boolean issuer = caller.role() == Role.ISSUING_BODY;
            List<TransmissionEntity> rows = transmissions.undelivered(s, Access.directionOf(caller),
                    issuer ? caller.id() : null, issuer ? null : caller.country(), partnerId, limit);
            ListUndeliveredResponse response = new ListUndeliveredResponse();
            rows.forEach(t -> response.getTransmission().add(transmission(t, s.find(CertificateEntity.class, t.certificateId()))));
            return response;
        });
    }

    private static TransmissionType transmission(TransmissionEntity t, CertificateEntity c) {
        TransmissionType x = new TransmissionType();
        x.setTrackingId(t.id());
        x.setKind(DocumentKindType.valueOf(t.kind().name()));
        x.setCertificate(Receipts.certificateId(c));
        x.setPartner(t.partnerId());
        x.setMessageId(t.messageId());
        x.setState(TransmissionStateType.valueOf(t.state().name()));
        x.setCreatedAt(Dates.xml(t.createdAt()));
        x.setUpdatedAt(Dates.xml(t.updatedAt()));
        x.setAttempts(t.attempts());
        x.setLastError(t.lastError());
        return x;
    }

    private AnswerType answer(CertificateAnswerEntity a) {
        AnswerType x = new AnswerType();
        x.setReceivedAt(Dates.xml(a.receivedAt()));
        if (a.kind() == DocumentKind.ACKNOWLEDGEMENT) {
            x.setAcknowledgement(documents.fromXml(a.document(), Acknowledgement.class));
        } else {
            x.setUtilisationNotice(documents.fromXml(a.document(), UtilisationNotice.class));
        }
        return x;
    }

    private static BackOfficeException unknown(String trackingId) {
        return new BackOfficeException(FaultCode.NOT_FOUND, "no transmission " + trackingId + " for this caller");
    }
}
