package org.cogateway.validation;

import org.w3c.dom.Element;

import java.util.Optional;
import java.util.Set;

/**
 * EXPORT_COUNTRY_NOT_ALLOWED, IMPORT_COUNTRY_NOT_ALLOWED, SAME_EXPORT_AND_IMPORT_COUNTRY: a gateway only carries
 * certificates on the routes its caller serves (its own country out, its partners' in, or the reverse).
 */
final class CheckRoute implements CertificateRule {

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        Optional<Element> exportCountry = certificate.first("ExportCountry");
        Optional<Element> importCountry = certificate.first("ImportCountry");
        exportCountry.ifPresent(country -> checkAllowed(country, context.allowedExportCountries(),
                "EXPORT_COUNTRY_NOT_ALLOWED", findings));
        importCountry.ifPresent(country -> checkAllowed(country, context.allowedImportCountries(),
                "IMPORT_COUNTRY_NOT_ALLOWED", findings));
        if (exportCountry.isPresent() && importCountry.isPresent()
                && CertificateView.text(exportCountry.get()).equals(CertificateView.text(importCountry.get()))) {
            findings.severe("SAME_EXPORT_AND_IMPORT_COUNTRY", importCountry.get(), "ImportCountry "
                    + CertificateView.text(importCountry.get()) + " is also the ExportCountry");
        }
    }

    private static void checkAllowed(Element country, Set<String> allowed, String code, FindingCollector findings) {
        String value = CertificateView.text(country);
        if (!allowed.contains(value)) {
            findings.severe(code, country, country.getLocalName() + " '" + value + "' is not served on this route;"
                    + " allowed: " + String.join(" ", allowed.stream().sorted().toList()));
        }
    }
}
