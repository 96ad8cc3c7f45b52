package org.cogateway.validation;

/**
 * Answers whether the gateway knows a certificate, so a replacement can be checked against what it replaces.
 * Implemented by the store; validation itself keeps no certificates.
 */
@FunctionalInterface
public interface CertificateLookup {

    boolean exists(String issuingCountry, String certificateNumber, int version);
}
