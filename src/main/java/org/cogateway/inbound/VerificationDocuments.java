package org.cogateway.inbound;

import java.util.List;
import org.cogateway.as4.DocumentPart;
import org.cogateway.contract.exchange.AttachedDocumentType;
import org.cogateway.store.VerificationDocumentEntity;
import org.cogateway.store.VerificationEntity;
import org.cogateway.validation.Finding;
import org.hibernate.Session;

/** Storing the documents of a verification request or answer, and its rule findings as the partner's refusal. */
public final class VerificationDocuments {
    private VerificationDocuments() {
    }

    /** Each described document with its part's bytes, in order; {@code transmissionId} when it is to be sent from here. */
    public static void store(Session s, VerificationEntity v, VerificationDocumentEntity.Part part,
                             List<AttachedDocumentType> described, List<DocumentPart> parts, String transmissionId) {
        for (int i = 0; i < described.size(); i++) {
            AttachedDocumentType d = described.get(i);
            s.persist(new VerificationDocumentEntity(v.id(), part, i + 1, d.getFileName(), d.getMimeType().value(),
                    d.getSha256(), parts.get(i).content(), transmissionId));
        }
    }

    static List<String> refusals(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + ": " + f.path() + ": " + f.message()).toList();
    }
}
