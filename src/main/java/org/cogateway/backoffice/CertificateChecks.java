package org.cogateway.backoffice;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.cogateway.validation.CertificateValidator;
import org.cogateway.validation.Finding;
import org.cogateway.validation.Severity;
import org.cogateway.validation.ValidationContext;
import org.cogateway.validation.ValidationReport;
import org.w3c.dom.Element;

/**
 * Runs the certificate validator with the context of this gateway and caller, and adds what only
 * the back-office knows: that the partner of the import country has agreed to the agreement.
 */
final class CertificateChecks {
    private final CertificateValidator validator;
    private final CertificateDocuments documents;
    private final PartnerDirectory partners;
    private final String ownCountry;
    private final Database db;
    private final CertificateRepository certificates;

    CertificateChecks(CertificateValidator validator, CertificateDocuments documents, PartnerDirectory partners,
                      String ownCountry, Database db, CertificateRepository certificates) {
        this.validator = validator;
        this.documents = documents;
        this.partners = partners;
        this.ownCountry = ownCountry;
        this.db = db;
        this.certificates = certificates;
    }

    /**
     * All findings about a certificate as the caller would submit it (issuing body) or receive it (Customs).
     * {@code submitted} is the certificate element as the caller sent it, validated in preference to a
     * copy re-marshalled from {@code co}, which may have lost what JAXB could not bind; null when absent.
     */
    List<Finding> check(Caller caller, CertificateOfOriginType co, Element submitted) {
        Set<String> partnerCountries = partners.all().stream().map(Partner::country).collect(Collectors.toSet());
        boolean outbound = caller.role() == Role.ISSUING_BODY;
        CertificateEntity.Direction direction = outbound ? CertificateEntity.Direction.OUTBOUND
                : CertificateEntity.Direction.INBOUND;
        ValidationContext context = new ValidationContext(
                outbound ? Set.of(ownCountry) : partnerCountries,
                outbound ? partnerCountries : Set.of(ownCountry),
                // only what the caller may see: another issuing body's certificate must look unknown
                (country, number, version) -> db.fromTransaction(s -> certificates.find(s, direction, country, number,
                        version).filter(c -> Access.canSee(caller, c)).isPresent()),
                outbound ? ownCountry : co.getExportCountry());
        Element document = submitted != null ? submitted : documents.certificateToDom(co).getDocumentElement();
        ValidationReport report = validator.validate(document, context);
        List<Finding> findings = new ArrayList<>(report.findings());
        if (outbound) {
            partners.byCountry(co.getImportCountry())
                    .filter(p -> co.getAgreement() != null && !p.allowsAgreement(co.getAgreement()))
                    .ifPresent(p -> findings.add(new Finding(Severity.SEVERE, "AGREEMENT_NOT_AGREED_WITH_PARTNER",
                            "/CertificateOfOrigin/Agreement",
                            "the partner gateway " + p.id() + " (" + p.country() + ") does not accept certificates under "
                                    + co.getAgreement() + "; agreed: " + String.join(", ", p.agreements().stream().sorted().toList()))));
        }
        return findings;
    }

    /** The findings, or a VALIDATION_FAILED fault naming every one when any is SEVERE. */
    List<Finding> requireAcceptable(Caller caller, CertificateOfOriginType co, Element submitted) {
        List<Finding> findings = check(caller, co, submitted);
        if (findings.stream().anyMatch(f -> f.severity() == Severity.SEVERE)) {
            long severe = findings.stream().filter(f -> f.severity() == Severity.SEVERE).count();
            throw new BackOfficeException(FaultCode.VALIDATION_FAILED,
                    "the certificate has " + severe + " severe finding(s); nothing was stored", findings);
        }
        return findings;
    }
}
