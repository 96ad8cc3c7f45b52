package org.cogateway.store;

/** The facts of a certificate the gateway indexes, read from its document. */
public record CertificateFacts(
        String issuingCountry,
        String certificateNumber,
        int version,
        String importCountry,
        String agreement,
        String exporterName,
        CertificateEntity.Status status,
        String statusReason) {
}
