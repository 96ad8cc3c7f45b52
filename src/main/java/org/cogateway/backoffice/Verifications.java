package org.cogateway.backoffice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cogateway.as4.DocumentPart;
import org.cogateway.contract.backoffice.AnswerVerificationRequest;
import org.cogateway.contract.backoffice.DocumentType;
import org.cogateway.contract.backoffice.GetVerificationRequestRequest;
import org.cogateway.contract.backoffice.GetVerificationStatusRequest;
import org.cogateway.contract.backoffice.GetVerificationStatusResponse;
import org.cogateway.contract.backoffice.ListVerificationRequestsRequest;
import org.cogateway.contract.backoffice.ListVerificationRequestsResponse;
import org.cogateway.contract.backoffice.RequestVerificationRequest;
import org.cogateway.contract.backoffice.RequestVerificationResponse;
import org.cogateway.contract.backoffice.SubmissionReceiptType;
import org.cogateway.contract.backoffice.VerificationStateType;
import org.cogateway.contract.backoffice.VerificationStatusType;
import org.cogateway.contract.backoffice.VerificationType;
import org.cogateway.contract.exchange.AttachedDocumentType;
import org.cogateway.contract.exchange.VerificationAnswer;
import org.cogateway.contract.exchange.VerificationRequest;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.document.DocumentKind;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.Database;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.store.VerificationDocumentEntity;
import org.cogateway.store.VerificationEntity;
import org.cogateway.store.VerificationRepository;
import org.cogateway.validation.Finding;
import org.cogateway.validation.VerificationRules;
import org.hibernate.Session;

/**
 * Verification of origin (DESIGN.md §2.8): the importing Customs asks about a certificate addressed
 * to its country and follows the answer; the issuing body that issued the certificate lists the
 * requests and answers them. Each request and answer is checked (schema, then {@link VerificationRules})
 * before it is stored and queued, in one transaction, to the partner gateway, with its documents.
 */
final class Verifications {
    private final Database db;
    private final CertificateRepository certificates;
    private final VerificationRepository verifications;
    private final TransmissionRepository transmissions;
    private final CertificateDocuments documents;
    private final VerificationRules rules;
    private final Outbox outbox;
    private final long maxDocumentBytes;
    private final Clock clock;
    private final VerificationViews views;

    Verifications(Database db, CertificateRepository certificates, VerificationRepository verifications,
                  TransmissionRepository transmissions, CertificateDocuments documents, Outbox outbox,
                  long maxDocumentBytes, Clock clock) {
        this.db = db;
        this.certificates = certificates;
        this.verifications = verifications;
        this.transmissions = transmissions;
        this.documents = documents;
        this.rules = new VerificationRules(maxDocumentBytes);
        this.outbox = outbox;
        this.maxDocumentBytes = maxDocumentBytes;
        this.clock = clock;
        this.views = new VerificationViews(verifications, transmissions, documents, clock);
    }

    // --- the importing Customs

    RequestVerificationResponse request(Caller caller, RequestVerificationRequest r) {
        Access.requireRole(caller, Role.CUSTOMS, "RequestVerification");
        if (r.getReason().contains(null)) {
            // a code outside the schema's list reads as null
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "Reason must be one of "
                    + java.util.Arrays.toString(org.cogateway.contract.exchange.VerificationReasonType.values()));
        }
        Attached attached = attached("/RequestVerificationRequest", r.getDocument());
        RequestVerificationResponse response = db.fromTransaction(s -> {
            CertificateEntity c = inbound(s, caller, r.getIssuingCountry(), r.getCertificateNumber(), r.getVersion());
            // locked: the same request sent twice at once must find the first one stored
            certificates.findForUpdate(s, c.direction(), c.issuingCountry(), c.certificateNumber(), c.version());
            VerificationRequest doc = new VerificationRequest();
            doc.setVerificationId(UUID.randomUUID().toString());
            doc.setCertificate(Receipts.certificateId(c));
            doc.setInvoiceNumber(r.getInvoiceNumber());
            doc.getReason().addAll(r.getReason());
            doc.setDetails(r.getDetails());
            doc.getItemNumber().addAll(r.getItemNumber());
            doc.setReplyBy(r.getReplyBy());
            doc.setRequestedAt(Dates.xml(clock.instant()));
            doc.setRequestedBy(caller.id());
            doc.getDocument().addAll(attached.described());
            String xml = checked(doc, VerificationRequest.class);
            require(rules.request(doc, documents.certificateFromXml(c.document()), attached.parts()));
            // the same request sent again (a retry after a lost answer) is not sent twice
            Optional<RequestVerificationResponse> repeated = repeated(s, c, doc);
            if (repeated.isPresent()) {
                return repeated.get();
            }

            VerificationEntity v = new VerificationEntity(doc.getVerificationId(), VerificationEntity.Side.REQUESTED, c.id(),
                    c.partnerId(), caller.id(), clock.instant(), Dates.localDate(r.getReplyBy()), xml);
            s.persist(v);
            s.flush();
            TransmissionEntity t = outbox.enqueue(s, DocumentKind.VERIFY_REQUEST, c, c.partnerId(), xml,
                    certificates.deliveringMessageId(s, c.id()).orElse(null),
                    "verification " + doc.getVerificationId() + " requested by " + caller.id());
            v.requestTravelled(t.id(), t.messageId());
            verifications.storeDocuments(s, v, VerificationDocumentEntity.Part.REQUEST, attached.described(),
                    attached.parts(), t.id());
            RequestVerificationResponse x = new RequestVerificationResponse();
            x.setVerificationId(doc.getVerificationId());
            x.setReceipt(Receipts.of(t, c));
            return x;
        });
        outbox.committed();
        return response;
    }

    /** An open request about the same certificate asking the same (reasons, details, items, date, documents). */
    private Optional<RequestVerificationResponse> repeated(Session s, CertificateEntity c, VerificationRequest asked) {
        return verifications.openRequests(s, c.id()).stream()
                .filter(v -> sameRequest(documents.fromXml(v.requestDocument(), VerificationRequest.class), asked))
                .findFirst()
                .flatMap(v -> transmissions.find(s, v.requestTransmissionId()).map(t -> {
                    RequestVerificationResponse x = new RequestVerificationResponse();
                    x.setVerificationId(v.verificationId());
                    x.setReceipt(Receipts.of(t, c));
                    return x;
                }));
    }

    private static boolean sameRequest(VerificationRequest a, VerificationRequest b) {
        return java.util.Objects.equals(a.getInvoiceNumber(), b.getInvoiceNumber()) && a.getReason().equals(b.getReason())
                && a.getDetails().equals(b.getDetails()) && a.getItemNumber().equals(b.getItemNumber())
                && Dates.localDate(a.getReplyBy()).equals(Dates.localDate(b.getReplyBy()))
                && a.getDocument().stream().map(AttachedDocumentType::getSha256).toList()
                        .equals(b.getDocument().stream().map(AttachedDocumentType::getSha256).toList());
    }

    GetVerificationStatusResponse status(Caller caller, GetVerificationStatusRequest r) {
        Access.requireRole(caller, Role.CUSTOMS, "GetVerificationStatus");
        if ((r.getVerificationId() == null) == (r.getCertificate() == null)) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "give either VerificationId or Certificate");
        }
        return db.fromTransaction(s -> {
            List<VerificationEntity> found = new ArrayList<>();
            if (r.getVerificationId() != null) {
                verifications.find(s, VerificationEntity.Side.REQUESTED, r.getVerificationId()).ifPresent(found::add);
            } else {
                found.addAll(verifications.forCertificateNumber(s, VerificationEntity.Side.REQUESTED,
                        CertificateEntity.Direction.INBOUND, r.getCertificate().getIssuingCountry(),
                        r.getCertificate().getCertificateNumber()));
            }
            GetVerificationStatusResponse response = new GetVerificationStatusResponse();
            for (VerificationEntity v : found) {
                CertificateEntity c = s.get(CertificateEntity.class, v.certificateId());
                if (Access.canSee(caller, c)) {
                    response.getVerification().add(views.view(s, v, c, true));
                }
            }
            if (response.getVerification().isEmpty()) {
                throw new BackOfficeException(FaultCode.NOT_FOUND, "no verification request "
                        + (r.getVerificationId() != null ? r.getVerificationId()
                        : "about " + r.getCertificate().getIssuingCountry() + " " + r.getCertificate().getCertificateNumber())
                        + " by " + caller.country());
            }
            return response;
        });
    }

    /** The certificate's newest verification, for QueryCertificate's answer. */
    Optional<VerificationStateType> stateOf(Session s, CertificateEntity c) {
        return views.stateOf(s, c);
    }

    // --- the issuing body

    ListVerificationRequestsResponse list(Caller caller, ListVerificationRequestsRequest r) {
        Access.requireRole(caller, Role.ISSUING_BODY, "ListVerificationRequests");
        long after = InboundCertificates.decodeCursor(r.getCursor());
        int limit = PageSizes.of(r.getMaxResults());
        VerificationStatusType wanted = r.getStatus() == null ? VerificationStatusType.OPEN : r.getStatus();
        VerificationEntity.State state = wanted == VerificationStatusType.ANSWERED
                ? VerificationEntity.State.ANSWERED : VerificationEntity.State.OPEN;
        LocalDate before = wanted == VerificationStatusType.OVERDUE ? today() : null;
        return db.fromTransaction(s -> {
            List<VerificationEntity> rows = verifications.receivedPage(s, caller.id(), state, before, after, limit + 1);
            ListVerificationRequestsResponse response = new ListVerificationRequestsResponse();
            rows.stream().limit(limit).forEach(v ->
                    response.getVerification().add(views.view(s, v, s.get(CertificateEntity.class, v.certificateId()), false)));
            if (rows.size() > limit) {
                response.setNextCursor(InboundCertificates.encodeCursor(rows.get(limit - 1).id()));
            }
            return response;
        });
    }

    VerificationType get(Caller caller, GetVerificationRequestRequest r) {
        Access.requireRole(caller, Role.ISSUING_BODY, "GetVerificationRequest");
        return db.fromTransaction(s -> {
            VerificationEntity v = verifications.find(s, VerificationEntity.Side.RECEIVED, r.getVerificationId())
                    .orElseThrow(() -> notFound(caller, r.getVerificationId()));
            CertificateEntity c = s.get(CertificateEntity.class, v.certificateId());
            if (!Access.canSee(caller, c)) {
                throw notFound(caller, r.getVerificationId());
            }
            return views.view(s, v, c, true);
        });
    }

    SubmissionReceiptType answer(Caller caller, AnswerVerificationRequest r) {
        Access.requireRole(caller, Role.ISSUING_BODY, "AnswerVerification");
        Attached attached = attached("/AnswerVerificationRequest", r.getDocument());
        SubmissionReceiptType receipt = db.fromTransaction(s -> {
            // locked: two answers at once must not both be queued
            VerificationEntity v = verifications.findForUpdate(s, VerificationEntity.Side.RECEIVED, r.getVerificationId())
                    .orElseThrow(() -> notFound(caller, r.getVerificationId()));
            CertificateEntity c = s.get(CertificateEntity.class, v.certificateId());
            if (!Access.canSee(caller, c)) {
                throw notFound(caller, r.getVerificationId());
            }
            if (v.state() == VerificationEntity.State.ANSWERED) {
                throw new BackOfficeException(FaultCode.CONFLICT, "verification " + v.verificationId()
                        + " was answered at " + v.answeredAt() + " by " + v.answeredBy());
            }
            VerificationRequest asked = documents.fromXml(v.requestDocument(), VerificationRequest.class);
            VerificationAnswer doc = new VerificationAnswer();
            doc.setVerificationId(v.verificationId());
            doc.setCertificate(asked.getCertificate());
            doc.getItem().addAll(r.getItem());
            doc.setRemarks(r.getRemarks());
            doc.setAnsweredAt(Dates.xml(clock.instant()));
            doc.setAnsweredBy(caller.id());
            doc.getDocument().addAll(attached.described());
            String xml = checked(doc, VerificationAnswer.class);
            require(rules.answer(doc, asked, documents.certificateFromXml(c.document()), attached.parts()));

            TransmissionEntity t = outbox.enqueue(s, DocumentKind.VERIFY_ANSWER, c, v.partnerId(), xml,
                    v.requestMessageId(), "verification " + v.verificationId() + " answered by " + caller.id());
            v.answered(VerificationRules.outcome(doc.getItem()).value(), clock.instant(), caller.id(), xml, t.id());
            verifications.storeDocuments(s, v, VerificationDocumentEntity.Part.ANSWER, attached.described(),
                    attached.parts(), t.id());
            return Receipts.of(t, c);
        });
        outbox.committed();
        return receipt;
    }

    // --- checks

    /** The caller's documents as the exchange document describes them and as the parts that carry them. */
    private record Attached(List<AttachedDocumentType> described, List<DocumentPart> parts) {
    }

    private Attached attached(String root, List<DocumentType> given) {
        List<Finding> findings = new ArrayList<>();
        List<AttachedDocumentType> described = new ArrayList<>();
        List<DocumentPart> parts = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            DocumentType d = given.get(i);
            String path = root + "/Document[" + (i + 1) + "]";
            if (d.getContent() == null || d.getContent().length == 0 || d.getFileName() == null) {
                findings.add(new Finding(org.cogateway.validation.Severity.SEVERE, "DOCUMENT_INCOMPLETE", path,
                        "a document needs FileName, MimeType and Content"));
                continue;
            }
            if (d.getMimeType() == null) {
                // an unknown type reads as null: the schema's list is what a partner accepts
                findings.add(new Finding(org.cogateway.validation.Severity.SEVERE, "DOCUMENT_TYPE_NOT_ACCEPTED",
                        path + "/MimeType", "MimeType must be one of application/pdf, image/png, image/jpeg, image/tiff"));
                continue;
            }
            if (d.getContent().length > maxDocumentBytes) {
                findings.add(new Finding(org.cogateway.validation.Severity.SEVERE, "DOCUMENT_TOO_LARGE", path,
                        d.getFileName() + " is " + d.getContent().length + " bytes; at most " + maxDocumentBytes
                                + " are accepted (as4.maxDocumentBytes)"));
                continue;
            }
            AttachedDocumentType a = new AttachedDocumentType();
            a.setFileName(d.getFileName());
            a.setMimeType(d.getMimeType());
            a.setSize(java.math.BigInteger.valueOf(d.getContent().length));
            a.setSha256(VerificationRules.sha256(d.getContent()));
            described.add(a);
            parts.add(new DocumentPart(d.getMimeType().value(), d.getContent()));
        }
        require(findings);
        return new Attached(described, parts);
    }

    /** The exchange document as it will travel, checked against the exchange schema as the partner will check it. */
    private String checked(Object doc, Class<?> type) {
        String xml = documents.toXml(doc);
        try {
            documents.parseExchange(xml.getBytes(StandardCharsets.UTF_8), type);
        } catch (CertificateDocuments.InvalidDocumentException e) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "the request does not make a valid "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
        return xml;
    }

    private static void require(List<Finding> findings) {
        if (!findings.isEmpty()) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "the verification breaks "
                    + findings.size() + " rule(s); nothing was sent", findings);
        }
    }

    private CertificateEntity inbound(Session s, Caller caller, String country, String number, Integer version) {
        var found = version == null
                ? certificates.findLatest(s, CertificateEntity.Direction.INBOUND, country, number)
                : certificates.find(s, CertificateEntity.Direction.INBOUND, country, number, version);
        return found.filter(c -> Access.canSee(caller, c)).orElseThrow(() -> new BackOfficeException(FaultCode.NOT_FOUND,
                "no certificate " + country + " " + number + (version == null ? "" : " version " + version)
                        + " addressed to " + caller.country()));
    }

    private static BackOfficeException notFound(Caller caller, String verificationId) {
        return new BackOfficeException(FaultCode.NOT_FOUND, "no verification request " + verificationId
                + " about a certificate of " + caller.id());
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
