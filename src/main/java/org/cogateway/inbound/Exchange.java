package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.PayloadRejectedException;
import org.cogateway.document.CertificateDocuments;

/** Parsing of the exchange documents, with schema errors turned into the partner's rejection. */
final class Exchange {
    private Exchange() {
    }

    static <T> T parse(CertificateDocuments documents, byte[] payload, Class<T> type) throws PayloadRejectedException {
        try {
            return documents.parseExchange(payload, type);
        } catch (CertificateDocuments.InvalidDocumentException e) {
            throw new PayloadRejectedException(List.of("SCHEMA: " + e.getMessage()));
        }
    }
}
