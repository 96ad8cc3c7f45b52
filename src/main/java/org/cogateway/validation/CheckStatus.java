package org.cogateway.validation;

import org.w3c.dom.Element;

import java.util.Optional;

/**
 * STATUS_INCONSISTENT, REPLACED_CERTIFICATE_UNKNOWN.
 * A cancelled certificate says why (Cancellation); only a cancelled one does. A replacing certificate is itself
 * ISSUED and names what it replaces (Replaces); the old certificate's REPLACED or CANCELLED status is set by a
 * status change, whose document has nothing to replace. What is replaced must be a certificate the gateway knows.
 */
final class CheckStatus implements CertificateRule {

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        Optional<String> status = certificate.text("Status");
        Optional<Element> cancellation = certificate.first("Cancellation");
        Optional<Element> replaces = certificate.first("Replaces");
        if (status.filter("CANCELLED"::equals).isPresent() && cancellation.isEmpty()) {
            findings.severe("STATUS_INCONSISTENT", certificate.first("Status").orElseThrow(),
                    "Status is CANCELLED but there is no Cancellation giving date and reason");
        }
        if (cancellation.isPresent() && status.filter("CANCELLED"::equals).isEmpty()) {
            findings.severe("STATUS_INCONSISTENT", cancellation.get(),
                    "Cancellation is given but Status is " + status.orElse("missing") + ", not CANCELLED");
        }
        if (replaces.isPresent() && status.filter("ISSUED"::equals).isEmpty()) {
            findings.severe("STATUS_INCONSISTENT", replaces.get(),
                    "Replaces is given but Status is " + status.orElse("missing")
                            + "; a replacing certificate is ISSUED");
        }
        replaces.ifPresent(reference -> checkReplacedIsKnown(reference, context, findings));
    }

    private static void checkReplacedIsKnown(Element reference, ValidationContext context, FindingCollector findings) {
        Optional<String> number = CertificateView.child(reference, "CertificateNumber").map(CertificateView::text);
        Optional<Integer> version = CertificateView.child(reference, "Version").map(CertificateView::text)
                .flatMap(CheckStatus::integer);
        if (number.isPresent() && version.isPresent()
                && !context.lookup().exists(context.issuingCountry(), number.get(), version.get())) {
            findings.severe("REPLACED_CERTIFICATE_UNKNOWN", reference, "Replaces certificate " + number.get()
                    + " version " + version.get() + " of " + context.issuingCountry() + ", which is not known");
        }
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
