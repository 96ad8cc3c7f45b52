package org.cogateway.backoffice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.cogateway.contract.backoffice.CertificateRecordType;
import org.cogateway.contract.backoffice.CertificateSummaryType;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.GetCertificateRequest;
import org.cogateway.contract.backoffice.ListInboundCertificatesRequest;
import org.cogateway.contract.backoffice.ListInboundCertificatesResponse;
import org.cogateway.contract.backoffice.QueryCertificateRequest;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.QueryOutcomeType;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.as4.Actions;
import org.cogateway.document.DocumentKind;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.InboundMessageEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.hibernate.Session;

/**
 * Reading certificates: Customs lists and queries what partners sent to its country; an issuing
 * body reads back what it submitted (GetCertificate).
 */
final class InboundCertificates {
    private static final String CURSOR_PREFIX = "v1:";

    private final Database db;
    private final CertificateRepository certificates;
    private final CertificateDocuments documents;
    private final Verifications verifications;
    private final LinkAnswers links;
    private final CertificateStates states;
    private final Clock clock;

    InboundCertificates(Database db, CertificateRepository certificates, CertificateDocuments documents,
                        Verifications verifications, LinkAnswers links, Clock clock) {
        this.db = db;
        this.certificates = certificates;
        this.documents = documents;
        this.verifications = verifications;
        this.links = links;
        this.states = new CertificateStates(certificates);
        this.clock = clock;
    }

    ListInboundCertificatesResponse list(Caller caller, ListInboundCertificatesRequest request) {
        Access.requireRole(caller, Role.CUSTOMS, "ListInboundCertificates");
        long after = decodeCursor(request.getCursor());
        Instant since = request.getSince() == null ? Instant.EPOCH : Dates.instant(request.getSince());
        int limit = PageSizes.of(request.getMaxResults());
        return db.fromTransaction(s -> {
            // one more than asked tells whether there is a next page
            List<CertificateEntity> rows = certificates.inboundPage(s, caller.country(), after, since, limit + 1);
            ListInboundCertificatesResponse response = new ListInboundCertificatesResponse();
            rows.stream().limit(limit).forEach(c -> response.getCertificate().add(summary(s, c)));
            handedOver(s, rows.stream().limit(limit).map(CertificateEntity::id).toList());
            if (rows.size() > limit) {
                response.setNextCursor(encodeCursor(rows.get(limit - 1).id()));
            }
            return response;
        });
    }

    CertificateRecordType get(Caller caller, GetCertificateRequest request) {
        CertificateEntity.Direction direction = Access.directionOf(caller);
        return db.fromTransaction(s -> {
            var found = request.getVersion() == null
                    ? certificates.findLatest(s, direction, request.getIssuingCountry(), request.getCertificateNumber())
                    : certificates.find(s, direction, request.getIssuingCountry(), request.getCertificateNumber(),
                            request.getVersion());
            CertificateEntity c = found.filter(x -> Access.canSee(caller, x)).orElseThrow(() ->
                    new BackOfficeException(FaultCode.NOT_FOUND, "no certificate " + request.getIssuingCountry() + " "
                            + request.getCertificateNumber()
                            + (request.getVersion() == null ? "" : " version " + request.getVersion())
                            + " for this caller"));
            if (c.direction() == CertificateEntity.Direction.INBOUND) {
                handedOver(s, List.of(c.id()));
            }
            return record(s, c);
        });
    }

    QueryCertificateResponse query(Caller caller, QueryCertificateRequest request) {
        Access.requireRole(caller, Role.CUSTOMS, "QueryCertificate");
        return db.fromTransaction(s -> {
            QueryCertificateResponse response = new QueryCertificateResponse();
            var found = certificates.findLatest(s, CertificateEntity.Direction.INBOUND, request.getIssuingCountry(),
                    request.getCertificateNumber()).filter(c -> Access.canSee(caller, c));
            if (found.isEmpty()) {
                response.setOutcome(QueryOutcomeType.NOT_FOUND);
                // not known here: say whether it could have arrived, so "does not exist" is told from "link down"
                response.setLink(links.forCountry(request.getIssuingCountry()));
                return response;
            }
            CertificateEntity c = found.get();
            if (!certificates.invoiceNumbers(s, c.id()).contains(request.getInvoiceNumber())) {
                response.setOutcome(QueryOutcomeType.INVOICE_MISMATCH);
                return response;
            }
            response.setOutcome(QueryOutcomeType.FOUND);
            response.setRecord(record(s, c));
            // an open, overdue or negative verification is what the officer at the counter must see
            response.setVerification(verifications.stateOf(s, c).orElse(null));
            handedOver(s, List.of(c.id()));
            return response;
        });
    }

    /** Customs has now seen these certificates: their inbound messages are DELIVERED_TO_BACKOFFICE. */
    private void handedOver(Session s, List<Long> certificateIds) {
        certificates.advanceInbound(s, certificateIds, Actions.action(DocumentKind.CERTIFICATE),
                InboundMessageEntity.State.DELIVERED_TO_BACKOFFICE, clock.instant());
    }

    private CertificateSummaryType summary(Session s, CertificateEntity c) {
        CertificateSummaryType x = new CertificateSummaryType();
        x.setCertificate(Receipts.certificateId(c));
        x.setCurrentStatus(currentStatus(c));
        x.setAgreement(c.agreement());
        x.setExporterName(c.exporterName());
        x.getInvoiceNumber().addAll(certificates.invoiceNumbers(s, c.id()));
        x.setReceivedAt(Dates.xml(c.receivedAt()));
        return x;
    }

    private CertificateRecordType record(Session s, CertificateEntity c) {
        CertificateRecordType r = new CertificateRecordType();
        r.setCurrentStatus(currentStatus(c));
        if (c.replacedByNumber() != null) {
            CertificateIdType by = new CertificateIdType();
            by.setIssuingCountry(c.issuingCountry());
            by.setCertificateNumber(c.replacedByNumber());
            by.setVersion(c.replacedByVersion());
            r.setReplacedBy(by);
        }
        r.setStatusReason(c.statusReason());
        r.setReceivedAt(Dates.xml(c.receivedAt()));
        r.setCertificateOfOrigin(documents.certificateFromXml(c.document()));
        var balances = certificates.balances(s, c.id());
        r.getBalance().addAll(Balances.of(balances));
        if (c.direction() == CertificateEntity.Direction.INBOUND) {
            r.setState(states.of(s, c, balances));
        }
        return r;
    }

    private static CurrentStatusType currentStatus(CertificateEntity c) {
        return switch (c.status()) {
            case ISSUED -> CurrentStatusType.VALID;
            case CANCELLED -> CurrentStatusType.CANCELLED;
            case REPLACED -> CurrentStatusType.REPLACED;
        };
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the fault below
        }
        throw new BackOfficeException(FaultCode.INVALID_REQUEST, "Cursor is not a NextCursor this gateway returned");
    }
}
