package org.cogateway.as4;

import org.cogateway.partner.Profile;
import org.cogateway.document.DocumentKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds user messages from ID to JP the way As4Client does, with hooks to skip or spoil a stage,
 * and posts them raw; for the forgery tests of the receiving MSH (the attack suite). Public, with
 * public types only, so that tests outside this package can build attacks with the real code.
 */
public final class Forger {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public GatewayCrypto signer = TestParties.idCrypto();
    public GatewayConfig.Identity from = TestParties.ID;
    public String action = Actions.action(DocumentKind.CERTIFICATE);
    public Instant time = Instant.now();
    public boolean sign = true;
    public boolean encrypt = true;
    public X509Certificate recipient = TestParties.idCrypto().certificate("jp");
    /** The algorithms signed and encrypted with (as4-2.0 also needs {@link #recipient} = JP's X25519 certificate). */
    public Profile profile = Profile.AS4_1_15;
    /** Replaces the (gzip-compressed) payload bytes before anything is signed. */
    public UnaryOperator<byte[]> beforeSigning = p -> p;
    public Consumer<Document> afterSigning = d -> { };
    /** Replaces the payload bytes after they were signed, before they are encrypted. */
    public UnaryOperator<byte[]> afterSigningPayload = p -> p;
    /** Replaces the payload bytes as they go on the wire (encrypted, unless {@link #encrypt} is off). */
    public UnaryOperator<byte[]> afterEncryption = p -> p;
    /** Further attachments (each named in PayloadInfo, signed and encrypted like the payload). */
    public int extraAttachments;

    /** A request as posted: its body and Content-Type. */
    public record Wire(byte[] body, String contentType) {
    }

    public Wire build(String messageId, byte[] payload) throws Exception {
        Partner jp = TestParties.jpPartner(URI.create("http://127.0.0.1:1/unused"));
        OutboundMessage m = new OutboundMessage(messageId, "conv-" + messageId, null, Actions.SERVICE, action,
                "JIEPA", payload, time);
        SoapMessage msg = new UserMessages(from).unsigned(m, jp, time, true);
        List<Part> parts = new ArrayList<>();
        for (Part p : msg.attachments()) {
            parts.add(new Part(p.contentId(), p.contentType(), beforeSigning.apply(p.content())));
        }
        for (int i = 0; i < extraAttachments; i++) {
            String id = "extra-" + i + "@" + messageId;
            parts.add(new Part(id, "application/octet-stream", ("attachment " + i).getBytes()));
            Element payloadInfo = (Element) msg.envelope().getElementsByTagNameNS(Ebms.NS, "PayloadInfo").item(0);
            Xml.append(payloadInfo, Ebms.NS, "eb:PartInfo", null).setAttribute("href", "cid:" + id);
        }
        msg = new SoapMessage(msg.envelope(), parts);
        As4Security security = new As4Security(signer);
        if (sign) {
            security.sign(msg, time, Duration.ofMinutes(10), profile);
        }
        afterSigning.accept(msg.envelope());
        msg = new SoapMessage(msg.envelope(), msg.attachments().stream()
                .map(p -> new Part(p.contentId(), p.contentType(), afterSigningPayload.apply(p.content()))).toList());
        if (encrypt) {
            msg = security.encryptAttachments(msg, recipient, profile);
        }
        List<Part> sent = msg.attachments().stream()
                .map(p -> new Part(p.contentId(), p.contentType(), afterEncryption.apply(p.content()))).toList();
        SoapMessage.Wire wire = new SoapMessage(msg.envelope(), sent).toWire();
        return new Wire(wire.body(), wire.contentType());
    }

    /** Posts the request; the HTTP response as received. */
    public static HttpResponse<byte[]> send(URI endpoint, Wire wire) throws IOException, InterruptedException {
        return send(endpoint, wire, Duration.ofSeconds(60));
    }

    /** Posts the request, giving up (HttpTimeoutException) when no answer comes within {@code timeout}. */
    public static HttpResponse<byte[]> send(URI endpoint, Wire wire, Duration timeout)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(endpoint)
                        .timeout(timeout)
                        .header("Content-Type", wire.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts the message and returns the ebMS error code of the answer, or "RECEIPT". */
    public static String post(URI endpoint, Wire wire) throws IOException, InterruptedException,
            Messaging.MalformedException {
        return code(send(endpoint, wire));
    }

    /** The ebMS error code of an answer, or "RECEIPT"; fails when the answer is no ebMS signal. */
    public static String code(HttpResponse<byte[]> response) throws IOException, Messaging.MalformedException {
        List<Signal.Error> errors = signal(response).errors();
        return errors.isEmpty() ? "RECEIPT" : errors.get(0).code();
    }

    /** The description of the answer's first ebMS error, null for a receipt. */
    public static String description(HttpResponse<byte[]> response) throws IOException, Messaging.MalformedException {
        List<Signal.Error> errors = signal(response).errors();
        return errors.isEmpty() ? null : errors.get(0).description();
    }

    private static Signal signal(HttpResponse<byte[]> response) throws IOException, Messaging.MalformedException {
        return Messaging.readSignal(SoapMessage.fromWire(response.body(),
                response.headers().firstValue("Content-Type").orElseThrow()).envelope());
    }
}
