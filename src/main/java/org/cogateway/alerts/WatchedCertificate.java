package org.cogateway.alerts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.GatewayCrypto;

/**
 * A certificate whose expiry is watched: the gateway's own (keystore) or a trusted one (truststore),
 * with the partners whose agreement names it.
 *
 * @param where       which store and alias, as an operator looks for it ({@code keystore 'jp'})
 * @param partnerIds  the partners that sign, encrypt or serve TLS with it, comma-separated, or null
 * @param fingerprint SHA-256 of the certificate, which names it in the alert's condition
 */
record WatchedCertificate(String where, String partnerIds, X509Certificate certificate, String fingerprint) {

    /** The own keys' certificates (RSA; Ed25519 and X25519 when configured) and every certificate of the truststore. */
    static List<WatchedCertificate> of(GatewayCrypto crypto, PartnerDirectory partners) {
        List<WatchedCertificate> watched = new ArrayList<>();
        watched.add(watch("keystore '" + crypto.keyAlias() + "'", null, crypto.ownCertificate()));
        for (String alias : new String[] {crypto.ed25519Alias(), crypto.x25519Alias()}) {
            if (alias != null) {
                watched.add(watch("keystore '" + alias + "'", null, crypto.ownCertificate(alias)));
            }
        }
        for (Map.Entry<String, X509Certificate> trusted : crypto.trustedCertificates().entrySet()) {
            String alias = trusted.getKey();
            String users = partners.all().stream()
                    .filter(p -> alias.equals(p.signingCertAlias()) || alias.equals(p.encryptionCertAlias())
                            || alias.equals(p.tls().trustCertAlias()))
                    .map(Partner::id).collect(Collectors.joining(","));
            watched.add(watch("truststore '" + alias + "'", users.isEmpty() ? null : users, trusted.getValue()));
        }
        return watched;
    }

    private static WatchedCertificate watch(String where, String partnerIds, X509Certificate certificate) {
        try {
            String fingerprint = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            return new WatchedCertificate(where, partnerIds, certificate, fingerprint);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate in " + where, e);
        }
    }

    /** Subject, serial number and expiry, as the alert names the certificate. */
    String describe() {
        return certificate.getSubjectX500Principal().getName() + ", serial " + certificate.getSerialNumber().toString(16)
                + ", not after " + certificate.getNotAfter().toInstant();
    }
}
