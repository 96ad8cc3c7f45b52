package org.cogateway.security;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;
import org.cogateway.partner.Profile;

/**
 * The start checks of the key material: every keystore opens, every alias the configuration names
 * holds a certificate that is valid now and allows what it is used for. Each problem is one line
 * that names the setting and the fix; nothing is thrown, so every problem of a configuration is
 * reported at once.
 */
public final class KeyChecks {
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    private KeyChecks() {
    }

    public static List<String> problems(GatewayConfig config, Instant now) {
        List<String> problems = new ArrayList<>();
        GatewayConfig.KeyMaterial keys = config.keys();
        KeyStore own = open(keys.keystore(), keys.keystorePassword(), "keystore.path", problems);
        if (own != null) {
            ownKey(own, keys.keystore(), keys.keyAlias(), keys.keyPassword(), "keystore", now, problems,
                    KEY_ENCIPHERMENT);
            profileKey(own, keys, keys.ed25519Alias(), "keystore.ed25519", "Ed25519", DIGITAL_SIGNATURE, now, problems);
            profileKey(own, keys, keys.x25519Alias(), "keystore.x25519", "X25519", KEY_AGREEMENT, now, problems);
        }
        for (Partner partner : config.partners().all()) {
            if (partner.profile() == Profile.AS4_2_0) {
                for (String[] key : new String[][] {{"keystore.ed25519.alias", keys.ed25519Alias()},
                        {"keystore.x25519.alias", keys.x25519Alias()}}) {
                    if (key[1] == null) {
                        problems.add("setting 'partner." + partner.id() + ".profile' is as4-2.0, which needs the "
                                + "gateway's own Ed25519 and X25519 keys: set " + key[0]
                                + " (keystores-sample/make-sample-keys.sh shows how to make them)");
                    }
                }
            }
        }
        for (GatewayConfig.TlsKey tls : distinct(config.tls())) {
            KeyStore store = open(tls.keystore(), tls.password(), tls.setting() + ".path", problems);
            if (store != null) {
                ownKey(store, tls.keystore(), tls.alias(), tls.keyPassword(), tls.setting(), now, problems, -1);
            }
        }
        KeyStore trust = open(keys.truststore(), keys.truststorePassword(), "truststore.path", problems);
        if (trust == null) {
            return problems;
        }
        for (Partner partner : config.partners().all()) {
            String p = "partner." + partner.id() + ".";
            boolean as420 = partner.profile() == Profile.AS4_2_0;
            int encryptionUsage = as420 ? KEY_AGREEMENT : KEY_ENCIPHERMENT;
            partnerCertificate(trust, keys, p + "signingCertAlias", partner.signingCertAlias(), now,
                    DIGITAL_SIGNATURE, problems);
            keyType(certificate(trust, partner.signingCertAlias()), p + "signingCertAlias", as420 ? "Ed25519" : "RSA",
                    partner.profile(), problems);
            if (!partner.encryptionCertAlias().equals(partner.signingCertAlias())) {
                partnerCertificate(trust, keys, p + "encryptionCertAlias", partner.encryptionCertAlias(), now,
                        encryptionUsage, problems);
                keyType(certificate(trust, partner.encryptionCertAlias()), p + "encryptionCertAlias",
                        as420 ? "X25519" : "RSA", partner.profile(), problems);
            } else if (as420) {
                problems.add("setting '" + p + "encryptionCertAlias': an as4-2.0 partner is encrypted for with its "
                        + "X25519 certificate, not its Ed25519 signing one: import it and name its alias");
            } else {
                usage(certificate(trust, partner.signingCertAlias()), p + "signingCertAlias (also used for encryption)",
                        KEY_ENCIPHERMENT, problems);
            }
            if (partner.tls().trustCertAlias() != null) {
                partnerCertificate(trust, keys, p + "tls.trustCertAlias", partner.tls().trustCertAlias(), now, -1,
                        problems);
            }
        }
        return problems;
    }

    /** An own as4-2.0 key, when configured: a private key of {@code type}, valid now, allowing {@code usage}. */
    private static void profileKey(KeyStore store, GatewayConfig.KeyMaterial keys, String alias, String setting,
                                   String type, int usage, Instant now, List<String> problems) {
        if (alias == null) {
            return;
        }
        try {
            GatewayCrypto.checkPrivateKey(store, keys.keystore(), alias, keys.keyPassword(), setting);
        } catch (ConfigException e) {
            problems.add(e.getMessage() + ": correct " + setting + ".alias (the key password is keystore.keyPassword)");
            return;
        }
        X509Certificate cert = certificate(store, alias);
        String what = setting + ".alias '" + alias + "'";
        String found = keyType(cert);
        if (!type.equals(found)) {
            problems.add(what + ": certificate " + cert.getSubjectX500Principal().getName() + " has a " + found
                    + " key, not " + type + ": name the " + type + " key");
        } else if (validity(cert, what, now, "make a new key and send partners its certificate", problems)) {
            usage(cert, what, usage, problems);
        }
    }

    private static void keyType(X509Certificate cert, String setting, String expected, Profile profile,
                                List<String> problems) {
        if (cert != null && !expected.equals(keyType(cert))) {
            problems.add("setting '" + setting + "': certificate " + cert.getSubjectX500Principal().getName() + " has a "
                    + keyType(cert) + " key, but the partner's profile " + profile.id() + " needs " + expected
                    + ": import the partner's " + expected + " certificate or correct partner.<id>.profile");
        }
    }

    /** RSA, Ed25519, X25519 (the curve, not the JCA family name EdDSA/XDH), or the key's algorithm. */
    static String keyType(X509Certificate cert) {
        java.security.PublicKey key = cert.getPublicKey();
        if (key instanceof java.security.interfaces.EdECKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof java.security.interfaces.XECKey xec
                && xec.getParams() instanceof java.security.spec.NamedParameterSpec named) {
            return named.getName();
        }
        return key.getAlgorithm();
    }

    private static List<GatewayConfig.TlsKey> distinct(GatewayConfig.Tls tls) {
        List<GatewayConfig.TlsKey> keys = new ArrayList<>();
        if (tls.listenerKey() != null) {
            keys.add(tls.listenerKey());
        }
        if (tls.clientKey() != null && !tls.clientKey().equals(tls.listenerKey())) {
            keys.add(tls.clientKey());
        }
        return keys;
    }

    private static KeyStore open(java.nio.file.Path file, String password, String setting, List<String> problems) {
        try {
            return GatewayCrypto.load(file, password, "setting '" + setting + "'");
        } catch (ConfigException e) {
            problems.add(e.getMessage() + ": correct " + setting + " or its password");
            return null;
        }
    }

    private static void ownKey(KeyStore store, java.nio.file.Path file, String alias, String keyPassword,
                               String setting, Instant now, List<String> problems, int extraUsage) {
        try {
            GatewayCrypto.checkPrivateKey(store, file, alias, keyPassword, setting);
        } catch (ConfigException e) {
            problems.add(e.getMessage() + ": correct " + setting + ".alias or " + setting + ".keyPassword");
            return;
        }
        X509Certificate cert = certificate(store, alias);
        String what = setting + ".alias '" + alias + "'";
        if (validity(cert, what, now, "make a new key and send partners its certificate", problems)) {
            usage(cert, what, DIGITAL_SIGNATURE, problems);
            if (extraUsage >= 0) {
                usage(cert, what, extraUsage, problems);
            }
        }
    }

    private static void partnerCertificate(KeyStore trust, GatewayConfig.KeyMaterial keys, String setting,
                                           String alias, Instant now, int neededUsage, List<String> problems) {
        X509Certificate cert = certificate(trust, alias);
        if (cert == null) {
            problems.add("setting '" + setting + "': no certificate '" + alias + "' in the truststore " + keys.truststore()
                    + " (aliases: " + String.join(", ", GatewayCrypto.aliases(trust)) + "): import the partner's "
                    + "certificate under that alias (keytool -importcert -alias " + alias + ") or correct the setting");
            return;
        }
        if (validity(cert, "setting '" + setting + "' ('" + alias + "')", now,
                "import the partner's current certificate into the truststore", problems) && neededUsage >= 0) {
            usage(cert, "setting '" + setting + "' ('" + alias + "')", neededUsage, problems);
        }
    }

    private static X509Certificate certificate(KeyStore store, String alias) {
        try {
            Certificate cert = store.getCertificate(alias);
            return cert instanceof X509Certificate x509 ? x509 : null;
        } catch (KeyStoreException e) {
            return null;
        }
    }

    private static boolean validity(X509Certificate cert, String what, Instant now, String fix, List<String> problems) {
        String subject = cert.getSubjectX500Principal().getName();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            problems.add(what + ": certificate " + subject + " expired on "
                    + cert.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate() + ": " + fix);
            return false;
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            problems.add(what + ": certificate " + subject + " is valid only from "
                    + cert.getNotBefore().toInstant().atOffset(ZoneOffset.UTC) + ": check the clock or " + fix);
            return false;
        }
        return true;
    }

    /** A certificate without the key-usage extension may be used for anything (RFC 5280, 4.2.1.3). */
    private static void usage(X509Certificate cert, String what, int bit, List<String> problems) {
        if (cert == null) {
            return;
        }
        boolean[] usage = cert.getKeyUsage();
        if (usage != null && (usage.length <= bit || !usage[bit])) {
            problems.add(what + ": certificate " + cert.getSubjectX500Principal().getName() + " does not allow "
                    + (bit == DIGITAL_SIGNATURE ? "digitalSignature" : bit == KEY_AGREEMENT ? "keyAgreement" : "keyEncipherment")
                    + " (key usage): use a certificate made for message signing and encryption");
        }
    }
}
