package org.cogateway.validation;

import java.util.Objects;

/**
 * One problem found in a certificate.
 *
 * @param code    stable UPPER_SNAKE code (see docs/validation-rules.md) that callers and partners can act on
 * @param path    XPath-like location such as {@code /CertificateOfOrigin/GoodsItem[2]/HsCode}
 * @param message human-readable explanation, for the issuing body's operator
 */
public record Finding(Severity severity, String code, String path, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
