package org.cogateway.validation;

import org.w3c.dom.Element;

import java.util.HashSet;
import java.util.Set;

/**
 * DUPLICATE_INVOICE_NUMBER, UNKNOWN_INVOICE_REFERENCE: Customs find a certificate by certificate number plus
 * invoice number, so invoice numbers must be unique and every goods item must point at one of them.
 */
final class CheckInvoiceReferences implements CertificateRule {

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        Set<String> invoiceNumbers = new HashSet<>();
        for (Element number : certificate.all("Invoice", "Number")) {
            if (!invoiceNumbers.add(CertificateView.text(number))) {
                findings.severe("DUPLICATE_INVOICE_NUMBER", number,
                        "Invoice number '" + CertificateView.text(number) + "' is listed more than once");
            }
        }
        for (Element reference : certificate.all("GoodsItem", "InvoiceReference")) {
            if (!invoiceNumbers.contains(CertificateView.text(reference))) {
                findings.severe("UNKNOWN_INVOICE_REFERENCE", reference, "InvoiceReference '"
                        + CertificateView.text(reference) + "' is not the Number of any Invoice of this certificate");
            }
        }
    }
}
