package org.cogateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** An invoice number cited by a certificate, indexed for QueryCertificate. */
@Entity
@Table(name = "certificate_invoice")
@IdClass(CertificateInvoiceEntity.Key.class)
public class CertificateInvoiceEntity {
    public record Key(Long certificateId, String invoiceNumber) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "certificate_id")
    private Long certificateId;
    @Id
    @Column(name = "invoice_number")
    private String invoiceNumber;

    protected CertificateInvoiceEntity() {
    }

    public CertificateInvoiceEntity(Long certificateId, String invoiceNumber) {
        this.certificateId = certificateId;
        this.invoiceNumber = invoiceNumber;
    }

    public String invoiceNumber() { return invoiceNumber; }
}
