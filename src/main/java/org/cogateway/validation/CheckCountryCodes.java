package org.cogateway.validation;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** UNKNOWN_COUNTRY: every country a certificate names, including the country part of its UN/LOCODEs. */
final class CheckCountryCodes implements CertificateRule {

    // only well-formed codes are looked up: a malformed one is already the schema's finding
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern LOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");

    private final CodeLists codeLists;

    CheckCountryCodes(CodeLists codeLists) {
        this.codeLists = codeLists;
    }

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        List<Element> countries = new ArrayList<>();
        countries.addAll(certificate.all("ExportCountry"));
        countries.addAll(certificate.all("ImportCountry"));
        for (Element address : certificate.descendants("Address")) {
            countries.addAll(CertificateView.children(address, "Country"));
        }
        for (Element country : countries) {
            String code = CertificateView.text(country);
            if (COUNTRY.matcher(code).matches() && !codeLists.isCountry(code)) {
                findings.severe("UNKNOWN_COUNTRY", country,
                        certificate.label(country) + " '" + code + "' is not an ISO 3166-1 alpha-2 country code");
            }
        }
        for (Element port : certificate.all("Transport", "PortOfLoading")) {
            checkLocode(certificate, port, findings);
        }
        for (Element port : certificate.all("Transport", "PortOfDischarge")) {
            checkLocode(certificate, port, findings);
        }
    }

    private void checkLocode(CertificateView certificate, Element port, FindingCollector findings) {
        String locode = CertificateView.text(port);
        if (LOCODE.matcher(locode).matches() && !codeLists.isCountry(locode.substring(0, 2))) {
            findings.severe("UNKNOWN_COUNTRY", port, certificate.label(port) + " '" + locode
                    + "' does not start with an ISO 3166-1 alpha-2 country code");
        }
    }
}
