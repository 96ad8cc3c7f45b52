package org.cogateway.validation;

import java.util.regex.Pattern;

/**
 * PORT_OF_LOADING_NOT_IN_EXPORT_COUNTRY, PORT_OF_DISCHARGE_NOT_IN_IMPORT_COUNTRY (warnings): goods usually leave
 * from the exporting and arrive in the importing country, but transit and transhipment are legitimate, so a
 * mismatch is worth a look, not a refusal.
 */
final class CheckPorts implements CertificateRule {

    private static final Pattern LOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");

    private final CodeLists codeLists;

    CheckPorts(CodeLists codeLists) {
        this.codeLists = codeLists;
    }

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        compare(certificate, "PortOfLoading", "ExportCountry", "PORT_OF_LOADING_NOT_IN_EXPORT_COUNTRY", findings);
        compare(certificate, "PortOfDischarge", "ImportCountry", "PORT_OF_DISCHARGE_NOT_IN_IMPORT_COUNTRY", findings);
    }

    private void compare(CertificateView certificate, String port, String countryField, String code,
                         FindingCollector findings) {
        certificate.first("Transport", port).ifPresent(portElement -> certificate.text(countryField).ifPresent(country -> {
            String locode = CertificateView.text(portElement);
            // a malformed LOCODE or an unknown country, here or in the port, already has its own finding
            if (LOCODE.matcher(locode).matches() && codeLists.isCountry(locode.substring(0, 2))
                    && codeLists.isCountry(country) && !locode.startsWith(country)) {
                findings.warning(code, portElement, port + " " + locode + " is not in the " + countryField + " " + country);
            }
        }));
    }
}
