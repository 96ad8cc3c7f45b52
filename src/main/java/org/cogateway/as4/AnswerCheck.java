package org.cogateway.as4;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.delivery.SendOutcome.Kind;
import org.w3c.dom.Element;

/**
 * Classifies a partner's HTTP answer to a user message. DELIVERED needs a receipt signed by the
 * partner's configured certificate, for our MessageId, whose NonRepudiationInformation repeats the
 * digests we signed over eb:Messaging, the Body and every attachment (AS4 profile §5.1.8). Anything
 * that does not prove receipt of these exact bytes is retryable, unless the partner says, in a
 * signed ebMS error, that the message itself is wrong.
 */
final class AnswerCheck {
    /** HTTP statuses without an ebMS answer that say resending the same message cannot succeed. */
    private static final java.util.Set<Integer> PERMANENT_HTTP = java.util.Set.of(400, 401, 403, 411, 413, 414, 415, 431);

    private final As4Security security;

    AnswerCheck(As4Security security) {
        this.security = security;
    }

    /** What we sent, to compare the answer with; the answer must be signed under the partner's {@code profile}. */
    record Sent(String messageId, List<Element> references, byte[] body, X509Certificate partnerCert,
                org.cogateway.partner.Profile profile) {
    }

    SendOutcome classify(Sent sent, int status, String contentType, byte[] body) {
        Outcome o = evaluate(sent, status, contentType, body);
        return new SendOutcome(o.status, status, o.code, o.reason, body, sent.body());
    }

    private record Outcome(Kind status, String code, String reason) {
        static Outcome retry(String reason) {
            return new Outcome(Kind.RETRYABLE, null, reason);
        }
    }

    private Outcome evaluate(Sent sent, int status, String contentType, byte[] body) {
        SoapMessage answer;
        Signal signal;
        try {
            answer = SoapMessage.fromWire(body, contentType);
            signal = Messaging.readSignal(answer.envelope());
        } catch (IOException | Messaging.MalformedException e) {
            return withoutSignal(status, e.getMessage());
        }
        As4Security.Verified verified;
        try {
            verified = security.verify(answer, sent.profile());
        } catch (As4Security.Failure e) {
            return Outcome.retry("answer not accepted (" + e.kind() + "): " + e.getMessage());
        }
        if (!verified.signer().equals(sent.partnerCert())) {
            return Outcome.retry("answer signed by " + verified.signer().getSubjectX500Principal()
                    + ", not by the partner's certificate");
        }
        try {
            if (!verified.signedElements().contains(Messaging.messagingElement(answer.envelope()))) {
                return Outcome.retry("answer's eb:Messaging is not signed");
            }
        } catch (Messaging.MalformedException e) {
            return Outcome.retry(e.getMessage());
        }
        if (!signal.errors().isEmpty()) {
            return fromError(signal.errors().get(0));
        }
        if (!signal.isReceipt()) {
            return Outcome.retry("signal is neither a receipt nor an error");
        }
        if (!sent.messageId().equals(signal.refToMessageId())) {
            return Outcome.retry("receipt is for message " + signal.refToMessageId() + ", not " + sent.messageId());
        }
        return missingDigest(sent.references(), signal.receiptReferences())
                .map(uri -> Outcome.retry("receipt does not confirm the digest of " + uri))
                .orElse(new Outcome(Kind.DELIVERED, null, "receipt verified"));
    }

    private static Outcome withoutSignal(int status, String problem) {
        if (PERMANENT_HTTP.contains(status)) {
            // the request or our configuration is wrong (credentials, size, media type): resending the
            // same message cannot help; FAILED lets an operator fix the cause and resend
            return new Outcome(Kind.PERMANENT, null, "HTTP " + status);
        }
        if (status >= 400) {
            // 5xx, 408, 429, and also 404/405: a partner gateway that is starting or being redeployed
            // answers those for a moment, and giving up on a CO for that would strand it
            return Outcome.retry("HTTP " + status);
        }
        return Outcome.retry("HTTP " + status + " without a readable ebMS signal: " + problem);
    }

    private static Outcome fromError(Signal.Error error) {
        String reason = error.shortDescription() + text(error.description()) + text(error.detail());
        Kind status = EbmsError.isDuplicateAnswer(error.code(), error.description(), error.detail())
                ? Kind.ALREADY_RECEIVED
                : EbmsError.retryFeasible(error.code()) ? Kind.RETRYABLE : Kind.PERMANENT;
        return new Outcome(status, error.code(), reason);
    }

    private static String text(String partnerText) {
        return partnerText == null || partnerText.isBlank() ? "" : ": " + partnerText.strip();
    }

    /**
     * The URI of a signed part (eb:Messaging, Body, attachment) whose digest the receipt does not
     * repeat. The wsu:Timestamp is left out: it is new on every attempt, and a duplicate is answered
     * with the receipt of the first one.
     */
    static Optional<String> missingDigest(List<Element> sentRefs, List<Element> receiptRefs) {
        for (Element sent : sentRefs) {
            String uri = sent.getAttribute("URI");
            if (uri.equals("#" + Ebms.TIMESTAMP_ID)) {
                continue;
            }
            byte[] digest = digest(sent);
            boolean confirmed = receiptRefs.stream()
                    .anyMatch(r -> uri.equals(r.getAttribute("URI")) && Arrays.equals(digest, digest(r)));
            if (!confirmed) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    private static byte[] digest(Element reference) {
        String text = Xml.text(reference, Ebms.DS_NS, "DigestValue");
        try {
            return text == null ? new byte[0] : Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
