package org.cogateway.as4;

import org.cogateway.partner.Profile;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cogateway.security.GatewayCrypto;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A WireMock response transformer that answers a JP user message as the ID gateway would, signed
 * with ID's sample key, for the message id it finds in the request, so that a stub can stand in for
 * a partner whose answer is genuinely signed but wrong in one precise way. A stub chooses the answer
 * with {@code .withTransformers(SignedAnswers.NAME).withTransformerParameter("answer", Answer.X.name())}.
 */
public final class SignedAnswers implements ResponseTransformerV2 {
    public static final String NAME = "signed-answers";
    public static final String ANSWER = "answer";

    public enum Answer {
        /** A receipt for the message, confirming every digest: what a good partner answers. */
        RECEIPT,
        /** A receipt for the message that confirms a wrong digest of eb:Messaging. */
        RECEIPT_WITH_WRONG_DIGEST,
        /** A receipt, correct in every digest, for a different message id. */
        RECEIPT_FOR_ANOTHER_MESSAGE,
        /** A receipt for the message that nobody signed. */
        UNSIGNED_RECEIPT,
        /** EBMS:0005 ConnectionFailure (Communication): the partner's side failed, a retry may pass. */
        RETRYABLE_ERROR,
        /** EBMS:0004 Other (Content): the partner refuses the message itself. */
        PERMANENT_ERROR,
        /**
         * EBMS:0004 with a generic eb:Description and the explanation in eb:ErrorDetail, worded as
         * phase4 4.4.1 answers a MessageId it already has instead of repeating its receipt.
         */
        DUPLICATE_ERROR
    }

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private final GatewayCrypto idCrypto = TestParties.idCrypto();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        Parameters parameters = event.getTransformerParameters();
        Answer answer = Answer.valueOf(parameters.getString(ANSWER));
        try {
            byte[] body = answer(answer, event.getRequest().getBody(), event.getRequest().contentTypeHeader().firstValue());
            return Response.Builder.like(response).but()
                    .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/soap+xml; charset=UTF-8")))
                    .body(body)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the " + answer + " answer", e);
        }
    }

    private byte[] answer(Answer answer, byte[] request, String contentType) throws Exception {
        Document envelope = SoapMessage.fromWire(request, contentType).envelope();
        String messageId = Messaging.readUserMessage(envelope).messageId();
        String signalId = UUID.randomUUID() + "@id-gw";
        Instant now = Instant.now();
        Document signal = switch (answer) {
            case RECEIPT, UNSIGNED_RECEIPT -> Messaging.receipt(now, signalId, messageId, references(envelope, false));
            case RECEIPT_WITH_WRONG_DIGEST -> Messaging.receipt(now, signalId, messageId, references(envelope, true));
            case RECEIPT_FOR_ANOTHER_MESSAGE -> Messaging.receipt(now, signalId, "another-" + messageId,
                    references(envelope, false));
            case RETRYABLE_ERROR -> connectionFailure(now, signalId, messageId);
            case PERMANENT_ERROR -> Messaging.error(now, signalId, messageId, EbmsError.OTHER,
                    "certificate refused by the test partner");
            case DUPLICATE_ERROR -> withDetail(Messaging.error(now, signalId, messageId, EbmsError.OTHER,
                    "An undefined error occurred."), "Not invoking SPIs, because message with Message ID '"
                    + messageId + "' was already handled (this is a duplicate)");
        };
        SoapMessage message = new SoapMessage(signal, List.of());
        if (answer != Answer.UNSIGNED_RECEIPT) {
            new As4Security(idCrypto).sign(message, now, Duration.ofMinutes(5), Profile.AS4_1_15);
        }
        return message.toWire().body();
    }

    /** EBMS:0005 is not among the codes this gateway sends, so the error is built as 0004 and renamed. */
    private static Document connectionFailure(Instant now, String signalId, String refTo) {
        Document error = Messaging.error(now, signalId, refTo, EbmsError.OTHER, "the test partner's back end is down");
        Element e = (Element) error.getElementsByTagNameNS(Ebms.NS, "Error").item(0);
        e.setAttribute("errorCode", "EBMS:0005");
        e.setAttribute("category", "Communication");
        e.setAttribute("shortDescription", "ConnectionFailure");
        return error;
    }

    private static Document withDetail(Document error, String detail) {
        Element e = (Element) error.getElementsByTagNameNS(Ebms.NS, "Error").item(0);
        Element d = error.createElementNS(Ebms.NS, "eb:ErrorDetail");
        d.setTextContent(detail);
        e.appendChild(d);
        return error;
    }

    /** The ds:Reference elements the sender signed, as a receipt repeats them; optionally one digest broken. */
    private static List<Element> references(Document envelope, boolean breakMessagingDigest) {
        NodeList found = envelope.getElementsByTagNameNS(DS, "Reference");
        List<Element> references = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            Element reference = (Element) found.item(i).cloneNode(true);
            if (breakMessagingDigest && reference.getAttribute("URI").equals("#" + Ebms.MESSAGING_ID)) {
                Element digest = (Element) reference.getElementsByTagNameNS(DS, "DigestValue").item(0);
                digest.setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            }
            references.add(reference);
        }
        return references;
    }
}
