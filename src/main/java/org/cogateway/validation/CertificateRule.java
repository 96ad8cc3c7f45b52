package org.cogateway.validation;

/**
 * One business check of a certificate. Rules record findings instead of throwing, read the certificate
 * tolerantly (a missing or malformed element is the schema's finding, not theirs) and keep no state between
 * certificates, so one instance serves all threads.
 */
interface CertificateRule {

    void check(CertificateView certificate, ValidationContext context, FindingCollector findings);
}
