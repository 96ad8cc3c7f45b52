package org.cogateway.validation;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UNKNOWN_AGREEMENT, AGREEMENT_NOT_BETWEEN_COUNTRIES, ORIGIN_CRITERION_NOT_IN_AGREEMENT: preference can only be
 * claimed under an agreement both countries are party to, with a criterion that agreement's form knows.
 */
final class CheckAgreement implements CertificateRule {

    private final CodeLists codeLists;

    CheckAgreement(CodeLists codeLists) {
        this.codeLists = codeLists;
    }

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        Optional<Element> agreementElement = certificate.first("Agreement");
        if (agreementElement.isEmpty() || CertificateView.text(agreementElement.get()).isEmpty()) {
            return;
        }
        String code = CertificateView.text(agreementElement.get());
        Optional<Agreement> agreement = codeLists.agreement(code);
        if (agreement.isEmpty()) {
            findings.severe("UNKNOWN_AGREEMENT", agreementElement.get(),
                    "Agreement '" + code + "' is not in codelists/agreements.properties");
            return;
        }
        checkMembers(certificate, agreement.get(), agreementElement.get(), findings);
        for (Element criterion : certificate.all("GoodsItem", "OriginCriterion")) {
            String value = CertificateView.text(criterion);
            if (!agreement.get().acceptsCriterion(value)) {
                findings.severe("ORIGIN_CRITERION_NOT_IN_AGREEMENT", criterion, "OriginCriterion '" + value
                        + "' is not a criterion of " + code + "; allowed: " + String.join(" ", sorted(agreement.get())));
            }
        }
    }

    /** One finding for the agreement, naming every country that is not a party. */
    private static void checkMembers(CertificateView certificate, Agreement agreement, Element at,
                                     FindingCollector findings) {
        List<String> outsiders = new ArrayList<>();
        for (String field : List.of("ExportCountry", "ImportCountry")) {
            certificate.text(field).filter(country -> !agreement.hasMember(country))
                    .ifPresent(country -> outsiders.add(field + " " + country));
        }
        if (!outsiders.isEmpty()) {
            findings.severe("AGREEMENT_NOT_BETWEEN_COUNTRIES", at, agreement.code() + " is not in force between "
                    + "the export and import country: " + String.join(" and ", outsiders) + " not a party");
        }
    }

    private static List<String> sorted(Agreement agreement) {
        return agreement.originCriteria().stream().sorted().toList();
    }
}
