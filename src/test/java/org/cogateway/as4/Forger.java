package org.cogateway.as4;

import org.cogateway.document.DocumentKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.w3c.dom.Document;

/**
 * Builds user messages from ID to JP the way As4Client does, with hooks to skip or spoil a stage,
 * and posts them raw; for the forgery tests of the receiving MSH.
 */
final class Forger {
    GatewayCrypto signer = TestParties.idCrypto();
    GatewayConfig.Identity from = TestParties.ID;
    String action = Actions.action(DocumentKind.CERTIFICATE);
    Instant time = Instant.now();
    boolean sign = true;
    boolean encrypt = true;
    X509Certificate recipient = TestParties.idCrypto().certificate("jp");
    UnaryOperator<Part> beforeSigning = p -> p;
    Consumer<Document> afterSigning = d -> { };
    UnaryOperator<Part> afterEncryption = p -> p;

    SoapMessage.Wire build(String messageId, byte[] payload) throws Exception {
        Partner jp = TestParties.jpPartner(URI.create("http://127.0.0.1:1/unused"));
        OutboundMessage m = new OutboundMessage(messageId, "conv-" + messageId, null, Actions.SERVICE, action,
                "JIEPA", payload, time);
        SoapMessage msg = new UserMessages(from).unsigned(m, jp, time, true);
        msg = new SoapMessage(msg.envelope(), msg.attachments().stream().map(beforeSigning).toList());
        As4Security security = new As4Security(signer);
        if (sign) {
            security.sign(msg, time, Duration.ofMinutes(10));
        }
        afterSigning.accept(msg.envelope());
        if (encrypt) {
            msg = security.encryptAttachments(msg, recipient);
        }
        return new SoapMessage(msg.envelope(), msg.attachments().stream().map(afterEncryption).toList()).toWire();
    }

    /** Posts the message and returns the ebMS error code of the answer, or "RECEIPT". */
    static String post(URI endpoint, SoapMessage.Wire wire) throws IOException, InterruptedException,
            Messaging.MalformedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", wire.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Signal signal = Messaging.readSignal(SoapMessage.fromWire(response.body(),
                response.headers().firstValue("Content-Type").orElseThrow()).envelope());
        List<Signal.Error> errors = signal.errors();
        return errors.isEmpty() ? "RECEIPT" : errors.get(0).code();
    }
}
