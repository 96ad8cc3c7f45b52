package org.cogateway.as4;

import java.util.Objects;

/**
 * A document that travels as a further payload part after the business document (e.g. a PDF attached
 * to a verification request): its MIME type (the part's MimeType property) and its bytes before
 * compression. Compressed, signed and encrypted like the business document.
 */
public record DocumentPart(String mimeType, byte[] content) {
    public DocumentPart {
        Objects.requireNonNull(mimeType);
        Objects.requireNonNull(content);
    }
}
