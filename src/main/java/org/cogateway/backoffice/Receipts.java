package org.cogateway.backoffice;

import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.TransmissionEntity;

/** The small answers every write operation returns: which certificate, which transmission, what state. */
final class Receipts {
    private Receipts() {
    }

    static SubmissionReceiptType of(TransmissionEntity t, CertificateEntity c) {
        SubmissionReceiptType r = new SubmissionReceiptType();
        r.setTrackingId(t.id());
        r.setCertificate(certificateId(c));
        r.setPartner(t.partnerId());
        r.setState(TransmissionStateType.valueOf(t.state().name()));
        return r;
    }

    static CertificateIdType certificateId(CertificateEntity c) {
        CertificateIdType id = new CertificateIdType();
        id.setIssuingCountry(c.issuingCountry());
        id.setCertificateNumber(c.certificateNumber());
        id.setVersion(c.version());
        return id;
    }
}
