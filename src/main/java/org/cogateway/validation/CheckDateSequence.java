package org.cogateway.validation;

import org.w3c.dom.Element;

import java.time.LocalDate;
import java.util.Optional;

/**
 * ISSUED_AFTER_DEPARTURE_NOT_FLAGGED_RETROACTIVE, INVOICE_AFTER_ISSUE (warnings). Agreements allow a certificate
 * issued after shipment only when it is marked "issued retroactively", and one normally certifies invoiced goods;
 * importing Customs decide, so the gateway only points it out.
 */
final class CheckDateSequence implements CertificateRule {

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        Optional<Element> issueDateElement = certificate.first("IssueDate");
        Optional<LocalDate> issueDate = issueDateElement.flatMap(CertificateView::date);
        if (issueDate.isEmpty()) {
            return;
        }
        boolean flaggedRetroactive = certificate.text("Flags", "IssuedRetroactively")
                .filter(flag -> flag.equals("true") || flag.equals("1")).isPresent();
        certificate.date("Transport", "DepartureDate")
                .filter(departure -> issueDate.get().isAfter(departure) && !flaggedRetroactive)
                .ifPresent(departure -> findings.warning("ISSUED_AFTER_DEPARTURE_NOT_FLAGGED_RETROACTIVE",
                        issueDateElement.get(), "IssueDate " + issueDate.get() + " is after the DepartureDate "
                                + departure + " but Flags/IssuedRetroactively is not true"));
        for (Element invoiceDate : certificate.all("Invoice", "Date")) {
            CertificateView.date(invoiceDate).filter(date -> date.isAfter(issueDate.get()))
                    .ifPresent(date -> findings.warning("INVOICE_AFTER_ISSUE", invoiceDate,
                            "Invoice Date " + date + " is after the IssueDate " + issueDate.get()));
        }
    }
}
