package org.cogateway.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.partner.Partner;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.CertificateWriter;
import org.cogateway.store.Database;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.validation.CertificateValidator;
import org.cogateway.validation.Finding;
import org.cogateway.validation.Severity;
import org.cogateway.validation.ValidationContext;
import org.cogateway.validation.ValidationReport;

/**
 * A certificate from a partner: validated by the same rules as at the issuing side, seen from
 * here (exported from the partner's country, imported into ours), then stored for Customs. A
 * replacement marks the certificate it replaces at once.
 */
public final class ReceiveCertificate implements DocumentReceiver {
    private static final CertificateEntity.Direction IN = CertificateEntity.Direction.INBOUND;

    private final Database db;
    private final CertificateValidator validator;
    private final CertificateDocuments documents;
    private final CertificateRepository certificates;
    private final CertificateWriter writer;
    private final String ownCountry;
    private final Clock clock;

    public ReceiveCertificate(Database db, CertificateValidator validator, CertificateDocuments documents,
                              CertificateRepository certificates, CertificateWriter writer, String ownCountry, Clock clock) {
        this.db = db;
        this.validator = validator;
        this.documents = documents;
        this.certificates = certificates;
        this.writer = writer;
        this.ownCountry = ownCountry;
        this.clock = clock;
    }

    @Override
    public Effect read(Partner partner, byte[] payload) throws PayloadRejectedException {
        ValidationContext context = new ValidationContext(Set.of(partner.country()), Set.of(ownCountry),
                (country, number, version) -> db.fromTransaction(s -> certificates.exists(s, IN, country, number, version)),
                partner.country());
        ValidationReport report = validator.validate(payload, context);
        List<String> severe = report.findings().stream().filter(f -> f.severity() == Severity.SEVERE)
                .map(ReceiveCertificate::describe).toList();
        if (!severe.isEmpty()) {
            throw new PayloadRejectedException(severe);
        }
        CertificateOfOriginType co = documents.certificateFromXml(new String(payload, StandardCharsets.UTF_8));
        if (!partner.allowsAgreement(co.getAgreement())) {
            throw new PayloadRejectedException(List.of("AGREEMENT_NOT_AGREED_WITH_PARTNER at /CertificateOfOrigin/Agreement: "
                    + co.getAgreement() + " is not agreed with " + partner.id()));
        }
        return (s, message) -> {
            var existing = certificates.find(s, IN, partner.country(), co.getCertificateNumber(), co.getVersion());
            if (existing.isPresent()) {
                // the same certificate in another message (the partner resubmitted it): nothing new
                if (!existing.get().contentSha256().equals(writer.digest(co))) {
                    throw new Refused("CONFLICT: certificate " + co.getCertificateNumber() + " version " + co.getVersion()
                            + " was received before with other content");
                }
                message.processed(InboundMessageEntity.State.VALIDATED, existing.get().id());
                return;
            }
            CertificateEntity stored = writer.insert(s, IN, partner.country(), co, partner.id(), partner.id(), clock.instant());
            if (co.getReplaces() != null) {
                certificates.find(s, IN, partner.country(), co.getReplaces().getCertificateNumber(),
                                co.getReplaces().getVersion())
                        .ifPresent(old -> old.replaceBy(stored.certificateNumber(), stored.version(),
                                co.getReplaces().getReason()));
            }
            message.processed(InboundMessageEntity.State.VALIDATED, stored.id());
        };
    }

    private static String describe(Finding f) {
        return f.code() + " at " + f.path() + ": " + f.message();
    }
}
