package org.cogateway.store;

import java.time.Instant;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.GoodsItemType;
import org.cogateway.contract.co.InvoiceType;
import org.cogateway.document.CertificateDocuments;
import org.hibernate.Session;

/**
 * Stores a validated certificate version with what is indexed about it: its invoices (for
 * QueryCertificate) and the certified quantity of each goods item (the utilisation balance).
 * The back-office uses it for what issuing bodies submit, the AS4 receiver for what partners send.
 */
public final class CertificateWriter {
    private final CertificateDocuments documents;

    public CertificateWriter(CertificateDocuments documents) {
        this.documents = documents;
    }

    public CertificateEntity insert(Session s, CertificateEntity.Direction direction, String issuingCountry,
                                    CertificateOfOriginType co, String owner, String partnerId, Instant at) {
        String xml = documents.certificateToXml(co);
        CertificateEntity entity = new CertificateEntity(direction, CertificateDocuments.facts(co, issuingCountry),
                owner, partnerId, CertificateDocuments.sha256(xml), xml, at);
        s.persist(entity);
        co.getInvoice().stream()
                .map(InvoiceType::getNumber)
                .distinct()
                .forEach(number -> s.persist(new CertificateInvoiceEntity(entity.id(), number)));
        for (GoodsItemType item : co.getGoodsItem()) {
            s.persist(new GoodsBalanceEntity(entity.id(), item.getItemNumber(), item.getQuantity().getUnit(),
                    item.getQuantity().getValue()));
        }
        return entity;
    }

    /** The digest that decides whether a resubmission is the same document as the stored one. */
    public String digest(CertificateOfOriginType co) {
        return CertificateDocuments.sha256(documents.certificateToXml(co));
    }
}
