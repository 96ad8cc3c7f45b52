package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.DocumentPart;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.partner.Partner;
import org.cogateway.store.InboundMessageEntity;
import org.hibernate.Session;

/** Reads one kind of document a partner sends, then applies it to the store. */
public interface DocumentReceiver {

    /** Parses and checks the payload; refuses it with findings the partner will see in EBMS:0004. */
    Effect read(Partner partner, byte[] payload) throws PayloadRejectedException;

    /**
     * As {@link #read(Partner, byte[])}, with the documents that came as further payload parts. Only
     * the kinds that carry documents take them; any other refuses a message that has some.
     */
    default Effect read(Partner partner, byte[] payload, List<DocumentPart> documents) throws PayloadRejectedException {
        if (!documents.isEmpty()) {
            throw new PayloadRejectedException(List.of("UNEXPECTED_PARTS: this document carries no attachments, the message has "
                    + documents.size() + " more payload part(s)"));
        }
        return read(partner, payload);
    }

    /** What a checked document does to the store, inside the transaction that stores its message. */
    interface Effect {
        void apply(Session s, InboundMessageEntity message);
    }

    /** A refusal discovered only against the stored data (e.g. the certificate is unknown). */
    final class Refused extends RuntimeException {
        private final List<String> findings;

        public Refused(String finding) {
            super(finding, null, false, false);
            this.findings = List.of(finding);
        }

        public Refused(List<String> findings) {
            super(String.join("; ", findings), null, false, false);
            this.findings = List.copyOf(findings);
        }

        public List<String> findings() {
            return findings;
        }
    }
}
