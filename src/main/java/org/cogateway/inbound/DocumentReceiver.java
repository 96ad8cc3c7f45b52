package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.partner.Partner;
import org.cogateway.store.InboundMessageEntity;
import org.hibernate.Session;

/** Reads one kind of document a partner sends, then applies it to the store. */
public interface DocumentReceiver {

    /** Parses and checks the payload; refuses it with findings the partner will see in EBMS:0004. */
    Effect read(Partner partner, byte[] payload) throws PayloadRejectedException;

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

        public List<String> findings() {
            return findings;
        }
    }
}
