package org.cogateway.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cogateway.exchange.Tracking.deliver;
import static org.cogateway.testing.BackOfficeClient.faultOf;
import static org.cogateway.testing.TestGateways.queryLong;
import static org.cogateway.testing.TestGateways.queryRow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.cogateway.contract.backoffice.AnswerVerificationRequest;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.DocumentType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GetVerificationRequestRequest;
import org.cogateway.contract.backoffice.GetVerificationStatusRequest;
import org.cogateway.contract.backoffice.ListVerificationRequestsRequest;
import org.cogateway.contract.backoffice.RequestVerificationRequest;
import org.cogateway.contract.backoffice.RequestVerificationResponse;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.backoffice.VerificationStatusType;
import org.cogateway.contract.backoffice.VerificationType;
import org.cogateway.contract.exchange.DocumentMimeType;
import org.cogateway.contract.exchange.ItemResultType;
import org.cogateway.contract.exchange.VerificationReasonType;
import org.cogateway.contract.exchange.VerificationResultType;
import org.cogateway.document.Dates;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.RawSoap;
import org.cogateway.testing.Requests;
import org.cogateway.testing.ShiftableClock;
import org.cogateway.testing.TestClock;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verification of origin over two real gateways: ID Customs asks JP to verify a certificate JP
 * issued, with a PDF attached; the JP chamber that issued it answers item by item with a PDF of its
 * own. Both travel as their own signed and encrypted AS4 messages in the certificate's conversation.
 */
class VerificationExchangeTest {
    private static final LocalDate TODAY = TestClock.START.atZone(ZoneOffset.UTC).toLocalDate();

    private TestGateways.Pair pair;
    private CertificateOfOriginPortType jpChamber;
    private CertificateOfOriginPortType idCustoms;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private void start(TestGateways.Pair started) {
        pair = started;
        jpChamber = BackOfficeClient.as(pair.jp(), TestGateways.CHAMBER, TestGateways.CHAMBER_PASSWORD);
        idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS, TestGateways.ID_CUSTOMS_PASSWORD);
    }

    @Test
    void aRequestWithAPdfReachesTheIssuerAndItsAnswerWithAPdfComesBack() throws Exception {
        start(TestGateways.pair());
        deliver(jpChamber, "JP-V-001");
        byte[] invoiceScan = pdf(120_000, 1);

        RequestVerificationResponse asked = idCustoms.requestVerification(request("JP-V-001", TODAY.plusDays(30),
                document("invoice-scan.pdf", DocumentMimeType.APPLICATION_PDF, invoiceScan), 1, 2));
        String id = asked.getVerificationId();
        assertThat(status(id).getStatus()).isEqualTo(VerificationStatusType.OPEN);

        VerificationType atJp = await().atMost(Tracking.TIMEOUT).ignoreException(GatewayFault.class)
                .until(() -> jpChamber.getVerificationRequest(get(id)).getVerification(), v -> v != null);
        assertThat(atJp.getCertificate().getCertificateNumber()).isEqualTo("JP-V-001");
        assertThat(atJp.getRequestingCountry()).isEqualTo("ID");
        assertThat(atJp.getReason()).containsExactly(VerificationReasonType.ORIGIN_CRITERION, VerificationReasonType.PRODUCER);
        assertThat(atJp.getItemNumber()).containsExactly(1, 2);
        assertThat(atJp.getDocument()).singleElement().satisfies(d -> {
            assertThat(d.getFileName()).isEqualTo("invoice-scan.pdf");
            assertThat(d.getContent()).isEqualTo(invoiceScan);
        });
        assertThat(jpChamber.listVerificationRequests(new ListVerificationRequestsRequest()).getVerification())
                .extracting(VerificationType::getVerificationId).contains(id);
        // the request travelled in the certificate's conversation, its PDF encrypted: never in clear on the wire
        Map<String, Object> inbound = queryRow(pair.jp(), "select conversation_id, raw_message from inbound_message"
                + " where action = 'RequestVerification'");
        assertThat(inbound.get("conversation_id")).isEqualTo("co:JP:JP-V-001");
        assertThat(new String((byte[]) inbound.get("raw_message"), StandardCharsets.ISO_8859_1)).doesNotContain("%PDF-");
        assertThat(idCustoms.queryCertificate(Requests.query("JP", "JP-V-001", Certificates.INVOICE_1)).getVerification())
                .satisfies(v -> assertThat(v.getStatus()).isEqualTo(VerificationStatusType.OPEN));

        byte[] report = pdf(90_000, 2);
        AnswerVerificationRequest answer = new AnswerVerificationRequest();
        answer.setVerificationId(id);
        answer.getItem().add(item(1, VerificationResultType.CONFIRMED, "producer's records match"));
        answer.getItem().add(item(2, VerificationResultType.NOT_CONFIRMED, "regional value content 31%, below 40%"));
        answer.setRemarks("site visit on 2026-11-30");
        answer.getDocument().add(document("site-visit.pdf", DocumentMimeType.APPLICATION_PDF, report));
        String answerTracking = jpChamber.answerVerification(answer).getReceipt().getTrackingId();

        VerificationType answered = awaitStatus(id, v -> v.getStatus() == VerificationStatusType.ANSWERED);
        assertThat(answered.getAnswer().getOutcome()).isEqualTo(VerificationResultType.PARTIALLY_CONFIRMED);
        assertThat(answered.getAnswer().getItem()).extracting(ItemResultType::getResult)
                .containsExactly(VerificationResultType.CONFIRMED, VerificationResultType.NOT_CONFIRMED);
        assertThat(answered.getAnswer().getAnsweredBy()).isEqualTo(TestGateways.CHAMBER);
        assertThat(answered.getAnswer().getDocument()).singleElement()
                .satisfies(d -> assertThat(d.getContent()).isEqualTo(report));
        // the answer acknowledges the request's transmission, as Customs' acknowledgement does a certificate's
        assertThat(answered.getTransmissionState()).isEqualTo(TransmissionStateType.ACKNOWLEDGED);
        assertThat(idCustoms.queryCertificate(Requests.query("JP", "JP-V-001", Certificates.INVOICE_1)).getVerification())
                .satisfies(v -> {
                    assertThat(v.getStatus()).isEqualTo(VerificationStatusType.ANSWERED);
                    assertThat(v.getOutcome()).isEqualTo(VerificationResultType.PARTIALLY_CONFIRMED);
                });
        Tracking.awaitState(jpChamber, answerTracking, TransmissionStateType.DELIVERED);
        assertThat(queryLong(pair.id(), "select count(*) from inbound_message where action = 'AnswerVerification'"
                + " and conversation_id = 'co:JP:JP-V-001'")).isEqualTo(1);
        assertThat(jpChamber.listVerificationRequests(new ListVerificationRequestsRequest()).getVerification())
                .extracting(VerificationType::getVerificationId).doesNotContain(id);

        // answered once: a second answer is a conflict and sends nothing
        assertThat(faultOf(() -> jpChamber.answerVerification(answer)).getCode()).isEqualTo("CONFLICT");
    }

    @Test
    void onlyCustomsOfTheImportingCountryMayAskAndOnlyTheIssuingBodyThatIssuedItMayAnswer() throws Exception {
        start(TestGateways.pair());
        deliver(jpChamber, "JP-V-002");
        RequestVerificationRequest request = request("JP-V-002", TODAY.plusDays(30), null, 1);

        assertThat(faultOf(() -> jpChamber.requestVerification(request)).getCode()).isEqualTo("NOT_AUTHORIZED");
        CertificateOfOriginPortType jpCustoms = BackOfficeClient.as(pair.jp(), TestGateways.CUSTOMS,
                TestGateways.CUSTOMS_PASSWORD);
        assertThat(faultOf(() -> jpCustoms.requestVerification(request)).getCode())
                .as("JP Customs: the certificate is not addressed to JP").isEqualTo("NOT_FOUND");
        CertificateOfOriginPortType idChamber = BackOfficeClient.as(pair.id(), TestGateways.ID_CHAMBER,
                TestGateways.ID_CHAMBER_PASSWORD);
        assertThat(faultOf(() -> idChamber.requestVerification(request)).getCode()).isEqualTo("NOT_AUTHORIZED");

        String id = idCustoms.requestVerification(request).getVerificationId();
        // the same request again (a retry after a lost answer) answers the same verification and sends nothing more
        assertThat(idCustoms.requestVerification(request).getVerificationId()).isEqualTo(id);
        assertThat(queryLong(pair.id(), "select count(*) from transmission where kind = 'VERIFY_REQUEST'")).isEqualTo(1);
        await().atMost(Tracking.TIMEOUT).ignoreException(GatewayFault.class)
                .until(() -> jpChamber.getVerificationRequest(get(id)).getVerification(), v -> v != null);

        CertificateOfOriginPortType osaka = BackOfficeClient.as(pair.jp(), TestGateways.OSAKA, TestGateways.OSAKA_PASSWORD);
        assertThat(osaka.listVerificationRequests(new ListVerificationRequestsRequest()).getVerification()).isEmpty();
        assertThat(faultOf(() -> osaka.getVerificationRequest(get(id))).getCode()).isEqualTo("NOT_FOUND");
        AnswerVerificationRequest answer = new AnswerVerificationRequest();
        answer.setVerificationId(id);
        answer.getItem().add(item(1, VerificationResultType.CONFIRMED, "fine"));
        assertThat(faultOf(() -> osaka.answerVerification(answer)).getCode()).isEqualTo("NOT_FOUND");
        assertThat(faultOf(() -> idCustoms.answerVerification(answer)).getCode()).isEqualTo("NOT_AUTHORIZED");
        assertThat(faultOf(() -> BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS, TestGateways.ID_CUSTOMS_PASSWORD)
                .getVerificationStatus(statusRequest("00000000-0000-0000-0000-000000000000"))).getCode())
                .isEqualTo("NOT_FOUND");
        assertThat(queryLong(pair.jp(), "select count(*) from transmission where kind = 'VERIFY_ANSWER'")).isZero();
    }

    @Test
    void aRequestThatBreaksTheRulesIsRefusedWithItsFindingsAndNothingIsSent() throws Exception {
        start(TestGateways.pair());
        deliver(jpChamber, "JP-V-003");
        byte[] png = pdf(1000, 3);

        var mislabelled = faultOf(() -> idCustoms.requestVerification(request("JP-V-003", TODAY.plusDays(30),
                document("scan.png", DocumentMimeType.IMAGE_PNG, png), 1)));
        assertThat(mislabelled.getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(mislabelled.getFinding()).extracting(f -> f.getCode()).containsExactly("DOCUMENT_CONTENT_MISMATCH");

        var rules = faultOf(() -> idCustoms.requestVerification(request("JP-V-003", TODAY, null, 1, 99)));
        assertThat(rules.getFinding()).extracting(f -> f.getCode())
                .containsExactlyInAnyOrder("UNKNOWN_ITEM", "REPLY_BY_NOT_AFTER_REQUEST");

        var tooLarge = faultOf(() -> idCustoms.requestVerification(request("JP-V-003", TODAY.plusDays(30),
                document("big.pdf", DocumentMimeType.APPLICATION_PDF, pdf(196_609, 4)), 1)));
        assertThat(tooLarge.getFinding()).extracting(f -> f.getCode()).containsExactly("DOCUMENT_TOO_LARGE");

        // codes outside the contract's lists, sent as raw SOAP (a generated client cannot): a clear fault, no trace
        String sample = java.nio.file.Files.readString(java.nio.file.Path.of("samples", "soap", "request-verification.xml"))
                .replace("JP-2026-000123", "JP-V-003");
        RawSoap.Response reason = RawSoap.post11(pair.id(), sample.replace("<bo:Reason>PRODUCER</bo:Reason>",
                "<bo:Reason>BRIBERY</bo:Reason>"));
        assertThat(reason.faultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reason.faultMessage()).contains("Reason must be one of");
        RawSoap.Response type = RawSoap.post11(pair.id(), sample.replace("application/pdf", "application/x-msdownload"));
        assertThat(type.faultCode()).isEqualTo("INVALID_REQUEST");
        assertThat(type.findings()).singleElement().asString().contains("DOCUMENT_TYPE_NOT_ACCEPTED");
        assertThat(reason.body() + type.body()).doesNotContain("Exception").doesNotContain("at org.");

        assertThat(queryLong(pair.id(), "select count(*) from transmission where kind = 'VERIFY_REQUEST'")).isZero();
        assertThat(queryLong(pair.id(), "select count(*) from verification")).isZero();
    }

    @Test
    void aRequestPastItsReplyByDateIsOverdueAtBothEndsAndAlertedUntilAnswered() throws Exception {
        ShiftableClock clock = new ShiftableClock(TestClock.START);
        start(TestGateways.pair(false, Map.of("alert.checkInterval", "100ms"), Map.of("alert.checkInterval", "100ms"),
                clock).startId().startJp());
        deliver(jpChamber, "JP-V-004");
        String id = idCustoms.requestVerification(request("JP-V-004", TODAY.plusDays(2), null, 3)).getVerificationId();
        await().atMost(Tracking.TIMEOUT).ignoreException(GatewayFault.class)
                .until(() -> jpChamber.getVerificationRequest(get(id)).getVerification(), v -> v != null);
        assertThat(status(id).getStatus()).isEqualTo(VerificationStatusType.OPEN);

        clock.shift(Duration.ofDays(3));

        assertThat(status(id).getStatus()).isEqualTo(VerificationStatusType.OVERDUE);
        assertThat(idCustoms.queryCertificate(Requests.query("JP", "JP-V-004", Certificates.INVOICE_1)).getVerification()
                .getStatus()).isEqualTo(VerificationStatusType.OVERDUE);
        ListVerificationRequestsRequest overdue = new ListVerificationRequestsRequest();
        overdue.setStatus(VerificationStatusType.OVERDUE);
        assertThat(jpChamber.listVerificationRequests(overdue).getVerification()).singleElement()
                .satisfies(v -> assertThat(v.getStatus()).isEqualTo(VerificationStatusType.OVERDUE));
        await().atMost(Tracking.TIMEOUT).until(() -> overdueAlerts(pair.id(), "RAISED") == 1
                && overdueAlerts(pair.jp(), "RAISED") == 1);

        AnswerVerificationRequest answer = new AnswerVerificationRequest();
        answer.setVerificationId(id);
        answer.getItem().add(item(3, VerificationResultType.CONFIRMED, "late, but confirmed"));
        jpChamber.answerVerification(answer);
        awaitStatus(id, v -> v.getStatus() == VerificationStatusType.ANSWERED);

        await().atMost(Tracking.TIMEOUT).until(() -> overdueAlerts(pair.id(), "CLEARED") == 1
                && overdueAlerts(pair.jp(), "CLEARED") == 1);
        assertThat(overdueAlerts(pair.id(), "RAISED")).isEqualTo(1);
    }

    @Test
    void anAnswerForAPartnerThatIsDownIsResentWithItsDocumentOnceThePartnerIsUp() throws Exception {
        // attempts enough to outlast ID's restart however slow the machine is (it took 20 s once under load)
        start(TestGateways.pair(false, Map.of("partner.ID.retry.initialBackoff", "200ms",
                        "partner.ID.retry.maxBackoff", "500ms", "partner.ID.connectTimeout", "1s",
                        "partner.ID.retry.maxAttempts", "1000"), Map.of(),
                TestClock.runningFrom(TestClock.START)).startId().startJp());
        deliver(jpChamber, "JP-V-005");
        String id = idCustoms.requestVerification(request("JP-V-005", TODAY.plusDays(30), null, 1)).getVerificationId();
        await().atMost(Tracking.TIMEOUT).ignoreException(GatewayFault.class)
                .until(() -> jpChamber.getVerificationRequest(get(id)).getVerification(), v -> v != null);
        pair.stopId();

        byte[] report = pdf(50_000, 5);
        AnswerVerificationRequest answer = new AnswerVerificationRequest();
        answer.setVerificationId(id);
        answer.getItem().add(item(1, VerificationResultType.NOT_CONFIRMED, "the producer did not make these goods"));
        answer.getDocument().add(document("findings.pdf", DocumentMimeType.APPLICATION_PDF, report));
        String tracking = jpChamber.answerVerification(answer).getReceipt().getTrackingId();
        Tracking.awaitState(jpChamber, tracking, TransmissionStateType.RETRY_WAIT);

        pair.startId();
        idCustoms = BackOfficeClient.as(pair.id(), TestGateways.ID_CUSTOMS, TestGateways.ID_CUSTOMS_PASSWORD);

        Tracking.awaitState(jpChamber, tracking, TransmissionStateType.DELIVERED);
        VerificationType answered = awaitStatus(id, v -> v.getStatus() == VerificationStatusType.ANSWERED);
        assertThat(answered.getAnswer().getOutcome()).isEqualTo(VerificationResultType.NOT_CONFIRMED);
        assertThat(answered.getAnswer().getDocument()).singleElement()
                .satisfies(d -> assertThat(d.getContent()).isEqualTo(report));
        assertThat(queryLong(pair.jp(), "select count(*) from transmission_attempt where transmission_id = '"
                + tracking + "'")).isGreaterThan(1);
    }

    // --- helpers

    private VerificationType status(String id) throws GatewayFault {
        return idCustoms.getVerificationStatus(statusRequest(id)).getVerification().get(0);
    }

    private VerificationType awaitStatus(String id, Predicate<VerificationType> done) {
        return await().atMost(Tracking.TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreException(GatewayFault.class)
                .until(() -> status(id), done);
    }

    private static long overdueAlerts(org.cogateway.Gateway gateway, String phase) {
        return queryLong(gateway, "select count(*) from alert where kind = 'VERIFICATION_OVERDUE' and phase = '" + phase + "'");
    }

    private static GetVerificationStatusRequest statusRequest(String id) {
        GetVerificationStatusRequest r = new GetVerificationStatusRequest();
        r.setVerificationId(id);
        return r;
    }

    private static GetVerificationRequestRequest get(String id) {
        GetVerificationRequestRequest r = new GetVerificationRequestRequest();
        r.setVerificationId(id);
        return r;
    }

    static RequestVerificationRequest request(String number, LocalDate replyBy, DocumentType document, int... items) {
        RequestVerificationRequest r = new RequestVerificationRequest();
        r.setIssuingCountry("JP");
        r.setCertificateNumber(number);
        r.setInvoiceNumber(Certificates.INVOICE_1);
        r.getReason().add(VerificationReasonType.ORIGIN_CRITERION);
        r.getReason().add(VerificationReasonType.PRODUCER);
        r.setDetails("the producer named is a trading house; please confirm the origin criterion of the items named");
        for (int i : items) {
            r.getItemNumber().add(i);
        }
        r.setReplyBy(Dates.xml(replyBy));
        if (document != null) {
            r.getDocument().add(document);
        }
        return r;
    }

    static DocumentType document(String name, DocumentMimeType type, byte[] content) {
        DocumentType d = new DocumentType();
        d.setFileName(name);
        d.setMimeType(type);
        d.setContent(content);
        return d;
    }

    static ItemResultType item(int number, VerificationResultType result, String findings) {
        ItemResultType x = new ItemResultType();
        x.setItemNumber(number);
        x.setResult(result);
        x.setFindings(findings);
        return x;
    }

    /** A PDF-headed document of {@code size} bytes whose body does not compress (like a scanned page). */
    static byte[] pdf(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, content, 0, header.length);
        return content;
    }
}
