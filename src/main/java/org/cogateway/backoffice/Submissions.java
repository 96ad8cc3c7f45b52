package org.cogateway.backoffice;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.contract.backoffice.SubmitStatusChangeRequest;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.CertificateStatusType;
import org.cogateway.contract.exchange.StatusChange;
import org.cogateway.document.DocumentKind;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.CertificateWriter;
import org.cogateway.store.Database;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.validation.Finding;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.w3c.dom.Element;

/**
 * The exporting side's writes: a new certificate, its cancellation, its replacement. Each stores
 * the certificate and queues its transmission in one transaction, and each is idempotent: the same
 * request again answers with the first tracking id and creates nothing.
 */
final class Submissions {
    private static final CertificateEntity.Direction OUT = CertificateEntity.Direction.OUTBOUND;

    private final Database db;
    private final CertificateRepository certificates;
    private final TransmissionRepository transmissions;
    private final CertificateWriter writer;
    private final CertificateChecks checks;
    private final CertificateDocuments documents;
    private final PartnerDirectory partners;
    private final Outbox outbox;
    private final Clock clock;

    Submissions(Database db, CertificateRepository certificates, TransmissionRepository transmissions,
                CertificateWriter writer, CertificateChecks checks, CertificateDocuments documents,
                PartnerDirectory partners, Outbox outbox, Clock clock) {
        this.db = db;
        this.certificates = certificates;
        this.transmissions = transmissions;
        this.writer = writer;
        this.checks = checks;
        this.documents = documents;
        this.partners = partners;
        this.outbox = outbox;
        this.clock = clock;
    }

    record Accepted(SubmissionReceiptType receipt, List<Finding> findings) {
    }

    Accepted submit(Caller caller, CertificateOfOriginType co, Element submitted) {
        Access.requireRole(caller, Role.ISSUING_BODY, "SubmitCertificate");
        if (co.getStatus() != CertificateStatusType.ISSUED || co.getReplaces() != null) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST,
                    "SubmitCertificate takes a new certificate with Status ISSUED and no Replaces; "
                            + "cancel or replace one with SubmitStatusChange");
        }
        List<Finding> findings = checks.requireAcceptable(caller, co, submitted);
        SubmissionReceiptType receipt = retryOnceOnRace(() -> db.fromTransaction(s -> {
            // one look-up answers the usual case, a number not seen before; a number seen before is either a
            // retry of an earlier submission (of the latest version or an older one), answered with its
            // receipt, or a conflict
            Optional<CertificateEntity> latest = certificates.findLatest(s, OUT, caller.country(), co.getCertificateNumber());
            if (latest.isPresent()) {
                CertificateEntity other = latest.get();
                Optional<SubmissionReceiptType> earlier = sameSubmission(s, caller, co, other.version() == co.getVersion()
                        ? latest : certificates.find(s, OUT, caller.country(), co.getCertificateNumber(), co.getVersion()));
                return earlier.orElseThrow(() -> new BackOfficeException(FaultCode.CONFLICT, "certificate "
                        + co.getCertificateNumber() + " version " + other.version() + " was already submitted; a new "
                        + "version replaces it through SubmitStatusChange"));
            }
            CertificateEntity stored = writer.insert(s, OUT, caller.country(), co, caller.id(), partnerFor(co).id(),
                    clock.instant());
            return queueCertificate(s, stored, caller, "submitted by " + caller.id());
        }));
        outbox.committed();
        return new Accepted(receipt, findings);
    }

    Accepted changeStatus(Caller caller, SubmitStatusChangeRequest request, Element submitted) {
        Access.requireRole(caller, Role.ISSUING_BODY, "SubmitStatusChange");
        if (request.getCancel() != null) {
            return new Accepted(cancel(caller, request.getCertificateNumber(), request.getCancel().getReason()), List.of());
        }
        if (request.getReplace() == null || request.getReplace().getCertificateOfOrigin() == null) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "SubmitStatusChange needs Cancel or Replace");
        }
        return replace(caller, request.getCertificateNumber(), request.getReplace().getCertificateOfOrigin(), submitted);
    }

    private SubmissionReceiptType cancel(Caller caller, String number, String reason) {
        SubmissionReceiptType receipt = db.fromTransaction(s -> {
            CertificateEntity current = ownLatest(s, caller, number);
            if (current.status() == CertificateEntity.Status.CANCELLED) {
                // a retried cancellation: answer with the cancellation already queued
                return transmissions.forCertificate(s, current.id(), DocumentKind.STATUS_CHANGE).stream().findFirst()
                        .map(t -> Receipts.of(t, current))
                        .orElseThrow(() -> new BackOfficeException(FaultCode.CONFLICT, "certificate " + number
                                + " is already cancelled"));
            }
            requireIssued(current);
            current.cancel(reason);
            StatusChange change = new StatusChange();
            change.setCertificate(Receipts.certificateId(current));
            change.setNewStatus(CertificateStatusType.CANCELLED);
            change.setDate(Dates.xml(LocalDate.now(clock.withZone(ZoneOffset.UTC))));
            change.setReason(reason);
            TransmissionEntity t = outbox.enqueue(s, DocumentKind.STATUS_CHANGE, current, current.partnerId(),
                    documents.toXml(change), null, "cancellation submitted by " + caller.id());
            return Receipts.of(t, current);
        });
        outbox.committed();
        return receipt;
    }

    private Accepted replace(Caller caller, String number, CertificateOfOriginType replacement, Element submitted) {
        if (replacement.getReplaces() == null || !number.equals(replacement.getReplaces().getCertificateNumber())) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "the replacing certificate's Replaces element "
                    + "must name certificate " + number);
        }
        if (replacement.getStatus() != CertificateStatusType.ISSUED) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "a replacing certificate has Status ISSUED");
        }
        List<Finding> findings = checks.requireAcceptable(caller, replacement, submitted);
        int replacedVersion = replacement.getReplaces().getVersion();
        SubmissionReceiptType receipt = retryOnceOnRace(() -> db.fromTransaction(s -> {
            Optional<SubmissionReceiptType> earlier = sameSubmission(s, caller, replacement);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            CertificateEntity replaced = certificates.find(s, OUT, caller.country(), number, replacedVersion)
                    .filter(c -> Access.canSee(caller, c))
                    .orElseThrow(() -> notFound(number + " version " + replacedVersion));
            requireIssued(replaced);
            if (certificates.find(s, OUT, caller.country(), replacement.getCertificateNumber(),
                    replacement.getVersion()).isPresent()) {
                throw new BackOfficeException(FaultCode.CONFLICT, "certificate " + replacement.getCertificateNumber()
                        + " version " + replacement.getVersion() + " already exists with other content");
            }
            CertificateEntity stored = writer.insert(s, OUT, caller.country(), replacement, caller.id(),
                    partnerFor(replacement).id(), clock.instant());
            replaced.replaceBy(stored.certificateNumber(), stored.version(), replacement.getReplaces().getReason());
            return queueCertificate(s, stored, caller, "replacement of " + number + " version " + replacedVersion
                    + " submitted by " + caller.id());
        }));
        outbox.committed();
        return new Accepted(receipt, findings);
    }

    /** The receipt of an identical earlier submission; a conflict if the same number and version differ. */
    private Optional<SubmissionReceiptType> sameSubmission(Session s, Caller caller, CertificateOfOriginType co) {
        return sameSubmission(s, caller, co,
                certificates.find(s, OUT, caller.country(), co.getCertificateNumber(), co.getVersion()));
    }

    /** As {@link #sameSubmission(Session, Caller, CertificateOfOriginType)}, given the stored same number and version. */
    private Optional<SubmissionReceiptType> sameSubmission(Session s, Caller caller, CertificateOfOriginType co,
                                                           Optional<CertificateEntity> sameVersion) {
        return sameVersion.map(existing -> {
            if (!existing.owner().equals(caller.id()) || !existing.contentSha256().equals(writer.digest(co))) {
                throw new BackOfficeException(FaultCode.CONFLICT, "certificate " + co.getCertificateNumber()
                        + " version " + co.getVersion() + " was already submitted with other content");
            }
            TransmissionEntity first = transmissions.forCertificate(s, existing.id(), DocumentKind.CERTIFICATE)
                    .stream().reduce((a, b) -> b).orElseThrow();
            return Receipts.of(first, existing);
        });
    }

    private SubmissionReceiptType queueCertificate(Session s, CertificateEntity stored, Caller caller, String detail) {
        TransmissionEntity t = outbox.enqueue(s, DocumentKind.CERTIFICATE, stored, stored.partnerId(),
                stored.document(), null, detail);
        return Receipts.of(t, stored);
    }

    private Partner partnerFor(CertificateOfOriginType co) {
        // validation has established that the import country is a partner's
        return partners.byCountry(co.getImportCountry()).orElseThrow();
    }

    private CertificateEntity ownLatest(Session s, Caller caller, String number) {
        return certificates.findLatest(s, OUT, caller.country(), number)
                .filter(c -> Access.canSee(caller, c))
                .orElseThrow(() -> notFound(number));
    }

    private static void requireIssued(CertificateEntity c) {
        if (c.status() != CertificateEntity.Status.ISSUED) {
            throw new BackOfficeException(FaultCode.CONFLICT, "certificate " + c.certificateNumber() + " version "
                    + c.version() + " is " + c.status() + (c.statusReason() != null ? " (" + c.statusReason() + ")" : ""));
        }
    }

    private static BackOfficeException notFound(String what) {
        return new BackOfficeException(FaultCode.NOT_FOUND, "no certificate " + what + " submitted by this caller");
    }

    /**
     * Two identical submissions racing each other: the loser hits the unique key, or sees the
     * winner's row appear between its own reads (the identical-submission check, then the check for
     * another version or the replaced certificate's status) and takes it for a conflict. On the
     * second try, in a new transaction, it finds the winner's row first and answers with its
     * tracking id; a real conflict is a conflict again.
     */
    private static <T> T retryOnceOnRace(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ConstraintViolationException e) {
            return work.get();
        } catch (BackOfficeException e) {
            if (e.code() != FaultCode.CONFLICT) {
                throw e;
            }
            return work.get();
        }
    }
}
