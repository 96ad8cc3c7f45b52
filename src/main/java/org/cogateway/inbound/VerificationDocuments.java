package org.cogateway.inbound;

import java.util.List;
import org.cogateway.validation.Finding;

/** A verification document's rule findings as the partner's refusal (EBMS:0004 descriptions). */
final class VerificationDocuments {
    private VerificationDocuments() {
    }

    static List<String> refusals(List<Finding> findings) {
        return findings.stream().map(f -> f.code() + ": " + f.path() + ": " + f.message()).toList();
    }
}
