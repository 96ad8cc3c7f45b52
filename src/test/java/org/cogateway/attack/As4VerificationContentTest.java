package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.cogateway.as4.Actions;
import org.cogateway.as4.Forger;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.contract.exchange.ItemResultType;
import org.cogateway.contract.exchange.VerificationAnswer;
import org.cogateway.contract.exchange.VerificationReasonType;
import org.cogateway.contract.exchange.VerificationRequest;
import org.cogateway.contract.exchange.VerificationResultType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.document.DocumentKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verification requests and answers from a partner that signs and encrypts correctly but asks about
 * what it may not: each is refused with EBMS:0004 naming the rule, nothing is stored, and a genuine
 * message is received right after.
 */
class As4VerificationContentTest {
    private static final CertificateDocuments DOCUMENTS = new CertificateDocuments();
    static TargetGateway target;

    @BeforeAll
    static void start() {
        target = TargetGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static HttpResponse<byte[]> post(DocumentKind kind, String messageId, Object document, int extraParts)
            throws Exception {
        Forger f = new Forger();
        f.action = Actions.action(kind);
        f.extraAttachments = extraParts;
        byte[] payload = document instanceof byte[] b ? b : DOCUMENTS.toXml(document).getBytes(StandardCharsets.UTF_8);
        return Forger.send(target.as4, f.build(messageId, payload));
    }

    @Test
    void aRequestAboutACertificateNeverSentToThatPartnerIsRefused() throws Exception {
        long certificates = target.certificates();
        HttpResponse<byte[]> answer = post(DocumentKind.VERIFY_REQUEST, "verify-unknown@id-gw",
                request(id("JP", "JP-NEVER-SENT-1")), 0);
        assertThat(Forger.code(answer)).isEqualTo("EBMS:0004");
        assertThat(Forger.description(answer)).contains("UNKNOWN_CERTIFICATE");
        target.assertRefusedAndStillServes("verify-unknown@id-gw", certificates);
        assertThat(TestGatewaysCount.verifications(target)).isZero();
    }

    @Test
    void anAnswerToARequestNeverMadeIsRefused() throws Exception {
        long certificates = target.certificates();
        HttpResponse<byte[]> answer = post(DocumentKind.VERIFY_ANSWER, "answer-unknown@id-gw",
                answer(id("ID", "ID-NEVER-ASKED-1")), 0);
        assertThat(Forger.code(answer)).isEqualTo("EBMS:0004");
        assertThat(Forger.description(answer)).contains("UNKNOWN_VERIFICATION");
        target.assertRefusedAndStillServes("answer-unknown@id-gw", certificates);
    }

    @Test
    void anAnswerAboutACertificateOfAnotherCountryIsRefused() throws Exception {
        long certificates = target.certificates();
        HttpResponse<byte[]> answer = post(DocumentKind.VERIFY_ANSWER, "answer-other-country@id-gw",
                answer(id("JP", "JP-ANY-1")), 0);
        assertThat(Forger.code(answer)).isEqualTo("EBMS:0004");
        assertThat(Forger.description(answer)).contains("can only concern certificates issued in ID");
        target.assertRefusedAndStillServes("answer-other-country@id-gw", certificates);
    }

    @Test
    void aCertificateWithAFurtherPayloadPartIsRefused() throws Exception {
        long certificates = target.certificates();
        HttpResponse<byte[]> answer = post(DocumentKind.CERTIFICATE, "co-extra-part@id-gw", TargetGateway.certificate(), 1);
        assertThat(Forger.code(answer)).isEqualTo("EBMS:0004");
        assertThat(Forger.description(answer)).contains("UNEXPECTED_PARTS");
        target.assertRefusedAndStillServes("co-extra-part@id-gw", certificates);
    }

    private static CertificateIdType id(String country, String number) {
        CertificateIdType id = new CertificateIdType();
        id.setIssuingCountry(country);
        id.setCertificateNumber(number);
        id.setVersion(1);
        return id;
    }

    private static VerificationRequest request(CertificateIdType certificate) {
        VerificationRequest r = new VerificationRequest();
        r.setVerificationId(UUID.randomUUID().toString());
        r.setCertificate(certificate);
        r.getReason().add(VerificationReasonType.OTHER);
        r.setDetails("probing");
        r.setReplyBy(Dates.xml(LocalDate.now().plusDays(10)));
        r.setRequestedAt(Dates.xml(Instant.now()));
        r.setRequestedBy("id-customs");
        return r;
    }

    private static VerificationAnswer answer(CertificateIdType certificate) {
        VerificationAnswer a = new VerificationAnswer();
        a.setVerificationId(UUID.randomUUID().toString());
        a.setCertificate(certificate);
        ItemResultType item = new ItemResultType();
        item.setItemNumber(1);
        item.setResult(VerificationResultType.CONFIRMED);
        item.setFindings("fine");
        a.getItem().add(item);
        a.setAnsweredAt(Dates.xml(Instant.now()));
        a.setAnsweredBy("id-chamber");
        return a;
    }

    /** Plain SQL counts, so the test does not trust the code under test. */
    private static final class TestGatewaysCount {
        static long verifications(TargetGateway t) {
            return org.cogateway.testing.TestGateways.count(t.gateway, "verification");
        }
    }
}
