package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.co.CertificateStatusType;
import org.cogateway.contract.exchange.StatusChange;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.InboundMessageEntity;

/** The issuing country cancelled a certificate: Customs here sees it as CANCELLED at once. */
public final class ReceiveStatusChange implements DocumentReceiver {
    private final CertificateDocuments documents;
    private final CertificateRepository certificates;

    public ReceiveStatusChange(CertificateDocuments documents, CertificateRepository certificates) {
        this.documents = documents;
        this.certificates = certificates;
    }

    @Override
    public Effect read(Partner partner, byte[] payload) throws PayloadRejectedException {
        StatusChange change = Exchange.parse(documents, payload, StatusChange.class);
        var id = change.getCertificate();
        if (!partner.country().equals(id.getIssuingCountry())) {
            throw new PayloadRejectedException(List.of("a status change from " + partner.id()
                    + " can only concern certificates issued in " + partner.country()));
        }
        if (change.getNewStatus() != CertificateStatusType.CANCELLED) {
            throw new PayloadRejectedException(List.of("status changes carry cancellations; a replacement travels "
                    + "as a new certificate with Replaces"));
        }
        return (s, message) -> {
            CertificateEntity c = certificates.find(s, CertificateEntity.Direction.INBOUND, id.getIssuingCountry(),
                            id.getCertificateNumber(), id.getVersion())
                    .orElseThrow(() -> new Refused("UNKNOWN_CERTIFICATE: no certificate " + id.getCertificateNumber()
                            + " version " + id.getVersion() + " was received from " + partner.id()));
            c.cancel(change.getReason());
            message.processed(InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE, c.id());
        };
    }
}
