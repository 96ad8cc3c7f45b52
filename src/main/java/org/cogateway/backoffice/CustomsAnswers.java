package org.cogateway.backoffice;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cogateway.contract.backoffice.AcknowledgeCertificateRequest;
import org.cogateway.contract.backoffice.RecordUtilisationRequest;
import org.cogateway.contract.backoffice.RecordUtilisationResponse;
import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.contract.exchange.Acknowledgement;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.contract.exchange.DrawType;
import org.cogateway.contract.exchange.UtilisationNotice;
import org.cogateway.document.DocumentKind;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.as4.Actions;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.cogateway.store.GoodsBalanceEntity;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.store.UtilisationEntity;
import org.cogateway.validation.Finding;
import org.cogateway.validation.Severity;
import org.hibernate.Session;

/**
 * What the importing Customs answers about a certificate: its acknowledgement and the import
 * declarations that drew on it. Each answer is stored and queued back to the issuing country's
 * gateway in one transaction.
 */
final class CustomsAnswers {
    private final Database db;
    private final CertificateRepository certificates;
    private final TransmissionRepository transmissions;
    private final CertificateDocuments documents;
    private final Outbox outbox;
    private final Clock clock;

    CustomsAnswers(Database db, CertificateRepository certificates, TransmissionRepository transmissions,
                   CertificateDocuments documents, Outbox outbox, Clock clock) {
        this.db = db;
        this.certificates = certificates;
        this.transmissions = transmissions;
        this.documents = documents;
        this.outbox = outbox;
        this.clock = clock;
    }

    SubmissionReceiptType acknowledge(Caller caller, AcknowledgeCertificateRequest request) {
        Access.requireRole(caller, Role.CUSTOMS, "AcknowledgeCertificate");
        SubmissionReceiptType receipt = db.fromTransaction(s -> {
            // locked: the same acknowledgement sent twice at once must find the first one queued
            CertificateEntity c = visibleForUpdate(s, caller, request.getCertificate());
            // the same acknowledgement sent again (a retry after a lost answer) is not queued twice
            var repeated = transmissions.forCertificate(s, c.id(), DocumentKind.ACKNOWLEDGEMENT).stream().findFirst()
                    .filter(latest -> sameAcknowledgement(documents.fromXml(transmissions.payload(s, latest.id()), Acknowledgement.class), request));
            if (repeated.isPresent()) {
                return Receipts.of(repeated.get(), c);
            }
            Acknowledgement ack = new Acknowledgement();
            ack.setCertificate(Receipts.certificateId(c));
            ack.setStatus(request.getStatus());
            ack.setRemarks(request.getRemarks());
            ack.setAcknowledgedAt(Dates.xml(clock.instant()));
            TransmissionEntity t = outbox.enqueue(s, DocumentKind.ACKNOWLEDGEMENT, c, c.partnerId(),
                    documents.toXml(ack), answering(s, c), request.getStatus() + " by " + caller.id());
            certificates.advanceInbound(s, List.of(c.id()), Actions.action(DocumentKind.CERTIFICATE),
                    InboundMessageEntity.State.ACKNOWLEDGED, clock.instant());
            certificates.recordAcknowledgement(s, c.id(), request.getStatus().value(), request.getRemarks(),
                    clock.instant());
            return Receipts.of(t, c);
        });
        outbox.committed();
        return receipt;
    }

    RecordUtilisationResponse recordUtilisation(Caller caller, RecordUtilisationRequest request) {
        Access.requireRole(caller, Role.CUSTOMS, "RecordUtilisation");
        RecordUtilisationResponse response = retryOnceOnDuplicate(() -> db.fromTransaction(s -> {
            CertificateEntity c = visible(s, caller, request.getCertificate());
            List<GoodsBalanceEntity> balances = certificates.balancesForUpdate(s, c.id());
            var earlier = certificates.utilisation(s, c.id(), request.getDeclarationNumber());
            if (earlier.isPresent()) {
                return repeated(s, c, earlier.get(), request, balances);
            }
            if (c.status() != CertificateEntity.Status.ISSUED) {
                throw new BackOfficeException(FaultCode.CONFLICT, "certificate " + c.certificateNumber()
                        + " is " + c.status() + " and cannot be drawn on");
            }
            draw(request.getDraw(), balances);
            UtilisationNotice notice = new UtilisationNotice();
            notice.setCertificate(Receipts.certificateId(c));
            notice.setDeclarationNumber(request.getDeclarationNumber());
            notice.setDeclarationDate(request.getDeclarationDate());
            notice.getDraw().addAll(request.getDraw());
            notice.getBalance().addAll(Balances.of(balances));
            String payload = documents.toXml(notice);
            TransmissionEntity t = outbox.enqueue(s, DocumentKind.UTILISATION, c, c.partnerId(), payload, answering(s, c),
                    "declaration " + request.getDeclarationNumber() + " recorded by " + caller.id());
            s.persist(new UtilisationEntity(c.id(), request.getDeclarationNumber(),
                    Dates.localDate(request.getDeclarationDate()), caller.id(), clock.instant(), t.id(), payload));
            certificates.recordUtilised(s, c.id(), clock.instant());
            return response(t, c, balances);
        }));
        outbox.committed();
        return response;
    }

    /** An answer's RefToMessageId: the partner's message that brought the certificate (none for one stored otherwise). */
    private String answering(Session s, CertificateEntity c) {
        return certificates.deliveringMessageId(s, c.id()).orElse(null);
    }

    /**
     * The same declaration recorded twice at once: the second waits for the balance lock, but on
     * MariaDB its reads still come from the snapshot taken before the first committed, so it misses
     * the first's utilisation and hits the unique key. Tried again in a new transaction, it finds it
     * and answers as for any repeated declaration.
     */
    private static <T> T retryOnceOnDuplicate(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            return work.get();
        }
    }

    private static boolean sameAcknowledgement(Acknowledgement sent, AcknowledgeCertificateRequest request) {
        return sent.getStatus() == request.getStatus() && Objects.equals(sent.getRemarks(), request.getRemarks());
    }

    /** Checks every draw against the locked balances, then applies them all or none. */
    private static void draw(List<DrawType> draws, List<GoodsBalanceEntity> balances) {
        Map<Integer, GoodsBalanceEntity> byItem = new LinkedHashMap<>();
        balances.forEach(b -> byItem.put(b.itemNumber(), b));
        Map<Integer, BigDecimal> wanted = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < draws.size(); i++) {
            DrawType d = draws.get(i);
            String path = "/RecordUtilisationRequest/Draw[" + (i + 1) + "]";
            GoodsBalanceEntity b = byItem.get(d.getItemNumber());
            if (b == null) {
                findings.add(new Finding(Severity.SEVERE, "UNKNOWN_ITEM", path + "/ItemNumber",
                        "the certificate has no goods item " + d.getItemNumber()));
            } else if (d.getQuantity().getValue() == null || d.getQuantity().getValue().signum() <= 0) {
                // the schema says positive, but requests are not schema-validated: a negative draw
                // would otherwise raise the balance
                findings.add(new Finding(Severity.SEVERE, "QUANTITY_NOT_POSITIVE", path + "/Quantity",
                        "item " + d.getItemNumber() + ": a draw must be a positive quantity, not "
                                + d.getQuantity().getValue()));
            } else if (!b.unit().equals(d.getQuantity().getUnit())) {
                findings.add(new Finding(Severity.SEVERE, "UNIT_MISMATCH", path + "/Quantity",
                        "item " + d.getItemNumber() + " is certified in " + b.unit() + ", not " + d.getQuantity().getUnit()));
            } else {
                wanted.merge(d.getItemNumber(), d.getQuantity().getValue(), BigDecimal::add);
            }
        }
        if (!findings.isEmpty()) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "the draws do not match the certificate's goods items",
                    findings);
        }
        wanted.forEach((item, quantity) -> {
            GoodsBalanceEntity b = byItem.get(item);
            if (quantity.compareTo(b.remaining()) > 0) {
                findings.add(new Finding(Severity.SEVERE, "BALANCE_EXCEEDED", "/RecordUtilisationRequest/Draw",
                        "item " + item + ": drawing " + quantity.stripTrailingZeros().toPlainString() + " " + b.unit()
                                + " exceeds the remaining " + b.remaining().stripTrailingZeros().toPlainString() + " " + b.unit()));
            }
        });
        if (!findings.isEmpty()) {
            throw new BackOfficeException(FaultCode.BALANCE_EXCEEDED, "the declaration draws more than the certificate "
                    + "has left; nothing was recorded", findings);
        }
        wanted.forEach((item, quantity) -> byItem.get(item).draw(quantity));
    }

    /** A declaration recorded before: the same draws answer as before; different draws are a conflict. */
    private RecordUtilisationResponse repeated(Session s, CertificateEntity c, UtilisationEntity earlier,
                                               RecordUtilisationRequest request, List<GoodsBalanceEntity> balances) {
        UtilisationNotice sent = documents.fromXml(earlier.draws(), UtilisationNotice.class);
        if (!sameDraws(sent.getDraw(), request.getDraw())) {
            throw new BackOfficeException(FaultCode.CONFLICT, "declaration " + request.getDeclarationNumber()
                    + " was already recorded against this certificate with other draws");
        }
        TransmissionEntity t = transmissions.find(s, earlier.transmissionId()).orElseThrow();
        return response(t, c, balances);
    }

    private static boolean sameDraws(List<DrawType> a, List<DrawType> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            DrawType x = a.get(i);
            DrawType y = b.get(i);
            if (x.getItemNumber() != y.getItemNumber() || x.getQuantity().getValue().compareTo(y.getQuantity().getValue()) != 0
                    || !x.getQuantity().getUnit().equals(y.getQuantity().getUnit())) {
                return false;
            }
        }
        return true;
    }

    private static RecordUtilisationResponse response(TransmissionEntity t, CertificateEntity c,
                                                      List<GoodsBalanceEntity> balances) {
        RecordUtilisationResponse r = new RecordUtilisationResponse();
        r.setReceipt(Receipts.of(t, c));
        r.getBalance().addAll(Balances.of(balances));
        return r;
    }

    private CertificateEntity visible(Session s, Caller caller, CertificateIdType id) {
        return visible(caller, id, certificates.find(s, CertificateEntity.Direction.INBOUND, id.getIssuingCountry(),
                id.getCertificateNumber(), id.getVersion()));
    }

    private CertificateEntity visibleForUpdate(Session s, Caller caller, CertificateIdType id) {
        return visible(caller, id, certificates.findForUpdate(s, CertificateEntity.Direction.INBOUND,
                id.getIssuingCountry(), id.getCertificateNumber(), id.getVersion()));
    }

    private static CertificateEntity visible(Caller caller, CertificateIdType id,
                                             java.util.Optional<CertificateEntity> found) {
        return found
                .filter(c -> Access.canSee(caller, c))
                .orElseThrow(() -> new BackOfficeException(FaultCode.NOT_FOUND, "no certificate "
                        + id.getIssuingCountry() + " " + id.getCertificateNumber() + " version " + id.getVersion()
                        + " addressed to " + caller.country()));
    }
}
