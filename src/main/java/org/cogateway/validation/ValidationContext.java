package org.cogateway.validation;

import java.util.Objects;
import java.util.Set;

/**
 * What the caller knows that the certificate does not say about itself.
 *
 * @param allowedExportCountries countries a certificate may be exported from on this route: the gateway's own
 *                               country for outbound certificates, the partners' countries for inbound ones
 * @param allowedImportCountries countries a certificate may be imported into: the partners' countries for
 *                               outbound, the gateway's own country for inbound. An empty set allows none.
 * @param lookup                 the certificates the gateway knows, to check what a replacement replaces
 * @param issuingCountry         whose certificate number space the Replaces element refers to
 */
public record ValidationContext(
        Set<String> allowedExportCountries,
        Set<String> allowedImportCountries,
        CertificateLookup lookup,
        String issuingCountry) {

    public ValidationContext {
        allowedExportCountries = Set.copyOf(allowedExportCountries);
        allowedImportCountries = Set.copyOf(allowedImportCountries);
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(issuingCountry, "issuingCountry");
    }
}
