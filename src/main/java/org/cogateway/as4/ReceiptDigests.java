package org.cogateway.as4;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The non-repudiation digests a stored receipt repeats (ebbp:NonRepudiationInformation), for an
 * operator to read. Whether they matched what was sent was decided when the receipt arrived
 * ({@link AnswerCheck}) and is recorded as the attempt's outcome; this only shows them.
 */
public final class ReceiptDigests {
    private ReceiptDigests() {
    }

    /** One ds:Reference of the receipt: the signed part's URI, the digest algorithm and the digest (base64). */
    public record Digest(String uri, String algorithm, String value) {
    }

    /** The digests of a receipt as received (a SOAP 1.2 envelope); empty when the answer is not a receipt. */
    public static Optional<List<Digest>> read(byte[] answer) {
        if (answer == null) {
            return Optional.empty();
        }
        try {
            Signal signal = Messaging.readSignal(Xml.parse(answer));
            if (!signal.isReceipt()) {
                return Optional.empty();
            }
            return Optional.of(signal.receiptReferences().stream().map(ReceiptDigests::digest).toList());
        } catch (IOException | Messaging.MalformedException e) {
            return Optional.empty();
        }
    }

    private static Digest digest(Element reference) {
        String algorithm = Xml.child(reference, Ebms.DS_NS, "DigestMethod").map(m -> m.getAttribute("Algorithm"))
                .orElse(null);
        String value = Xml.text(reference, Ebms.DS_NS, "DigestValue");
        return new Digest(reference.getAttribute("URI"), algorithm, value == null ? null : value.strip());
    }
}
