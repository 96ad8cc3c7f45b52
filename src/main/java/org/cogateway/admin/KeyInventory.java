package org.cogateway.admin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.GatewayCrypto;

/** This gateway's key and every certificate it trusts, with what uses each and the days to expiry. */
public final class KeyInventory {
    private final GatewayCrypto crypto;
    private final PartnerDirectory partners;
    private final Clock clock;

    public KeyInventory(GatewayCrypto crypto, PartnerDirectory partners, Clock clock) {
        this.crypto = crypto;
        this.partners = partners;
        this.clock = clock;
    }

    public record Entry(String alias, String use, String subject, String issuer, String serial, String sha256,
                        Instant notBefore, Instant notAfter, long daysToExpiry) {
    }

    public List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        entries.add(entry(crypto.keyAlias(), "own key (signing, decryption)", crypto.ownCertificate()));
        for (Map.Entry<String, X509Certificate> e : crypto.trustedCertificates().entrySet()) {
            entries.add(entry(e.getKey(), uses(e.getKey()), e.getValue()));
        }
        return entries;
    }

    /** The earliest expiry of the own key's certificate: what readiness checks. */
    public X509Certificate ownCertificate() {
        return crypto.ownCertificate();
    }

    private String uses(String alias) {
        List<String> uses = new ArrayList<>();
        for (Partner p : partners.all()) {
            if (alias.equals(p.signingCertAlias())) {
                uses.add("partner " + p.id() + " signing");
            }
            if (alias.equals(p.encryptionCertAlias())) {
                uses.add("partner " + p.id() + " encryption");
            }
            if (alias.equals(p.tls().trustCertAlias())) {
                uses.add("partner " + p.id() + " TLS trust");
            }
        }
        return uses.isEmpty() ? "trusted" : String.join(", ", uses);
    }

    private Entry entry(String alias, String use, X509Certificate cert) {
        Instant notAfter = cert.getNotAfter().toInstant();
        return new Entry(alias, use, cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                cert.getSerialNumber().toString(16), fingerprint(cert), cert.getNotBefore().toInstant(), notAfter,
                Duration.between(clock.instant(), notAfter).toDays());
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + cert.getSubjectX500Principal(), e);
        }
    }
}
