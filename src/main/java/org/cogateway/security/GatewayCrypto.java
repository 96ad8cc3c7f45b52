package org.cogateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.security.auth.callback.CallbackHandler;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;

/**
 * The gateway's key material, read once at start: its own key (to sign and to decrypt) and the
 * certificates it trusts (partners' certificates and the CAs that issued them). The one place
 * that opens keystores, so that a wrong path or password is reported at start, naming the file.
 */
public final class GatewayCrypto {
    private final KeyStore keystore;
    private final KeyStore truststore;
    private final String keyAlias;
    private final String keyPassword;
    private final String ed25519Alias;
    private final String x25519Alias;
    private final Merlin ownCrypto;
    private final Merlin trustCrypto;

    public GatewayCrypto(GatewayConfig.KeyMaterial keys) {
        this.keystore = load(keys.keystore(), keys.keystorePassword(), "keystore");
        this.truststore = load(keys.truststore(), keys.truststorePassword(), "truststore");
        this.keyAlias = keys.keyAlias();
        this.keyPassword = keys.keyPassword();
        checkPrivateKey(keystore, keys.keystore(), keyAlias, keyPassword, "keystore");
        this.ed25519Alias = keys.ed25519Alias();
        this.x25519Alias = keys.x25519Alias();
        if (ed25519Alias != null) {
            checkPrivateKey(keystore, keys.keystore(), ed25519Alias, keyPassword, "keystore");
        }
        if (x25519Alias != null) {
            checkPrivateKey(keystore, keys.keystore(), x25519Alias, keyPassword, "keystore");
        }
        this.ownCrypto = new Merlin();
        ownCrypto.setKeyStore(keystore);
        this.trustCrypto = new Merlin();
        trustCrypto.setTrustStore(truststore);
    }

    /** Opens a PKCS#12 file; {@code what} names it in the error (e.g. the setting that points to it). */
    static KeyStore load(Path file, String password, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new ConfigException(what + " " + file + ": file not found");
        } catch (IOException e) {
            // PKCS12 reports a wrong password as an IOException whose cause is UnrecoverableKeyException
            String problem = e.getCause() instanceof UnrecoverableKeyException
                    ? "wrong password" : "cannot be read as PKCS12 (" + e.getMessage() + ")";
            throw new ConfigException(what + " " + file + ": " + problem);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(what + " " + file + ": " + e.getMessage());
        }
    }

    static void checkPrivateKey(KeyStore keystore, Path file, String keyAlias, String keyPassword, String what) {
        try {
            if (!(keystore.getKey(keyAlias, keyPassword.toCharArray()) instanceof PrivateKey)) {
                throw new ConfigException(what + " " + file + ": no private key under alias '" + keyAlias
                        + "' (aliases: " + aliases(keystore) + ")");
            }
            if (!(keystore.getCertificate(keyAlias) instanceof X509Certificate)) {
                throw new ConfigException(what + " " + file + ": no X.509 certificate under alias '" + keyAlias + "'");
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException(what + " " + file + ": private key '" + keyAlias + "' cannot be read: "
                    + e.getMessage());
        }
    }

    static List<String> aliases(KeyStore store) {
        try {
            return Collections.list(store.aliases());
        } catch (GeneralSecurityException e) {
            return List.of();
        }
    }

    /** WSS4J crypto holding the own private key: for signing and for decrypting what partners send. */
    public Crypto ownCrypto() {
        return ownCrypto;
    }

    /** WSS4J crypto holding only trusted certificates: for checking partners' signatures and chains. */
    public Crypto trustCrypto() {
        return trustCrypto;
    }

    /** The trusted certificates, for TLS trust managers (see {@link TlsContexts}). */
    KeyStore truststore() {
        return truststore;
    }

    public String keyAlias() {
        return keyAlias;
    }

    public String keyPassword() {
        return keyPassword;
    }

    /**
     * The alias of the own key that signs for a partner on {@code profile}: the RSA message key for
     * as4-1.15, the Ed25519 key for as4-2.0. (Decryption needs no alias: WSS4J finds the private key
     * of the certificate the sender names, RSA or X25519, in the same keystore.)
     */
    public String signingAlias(org.cogateway.partner.Profile profile) {
        return switch (profile) {
            case AS4_1_15 -> keyAlias;
            case AS4_2_0 -> {
                if (ed25519Alias == null) {
                    throw new ConfigException("no Ed25519 key configured for the as4-2.0 profile: set keystore.ed25519.alias");
                }
                yield ed25519Alias;
            }
        };
    }

    /** The alias of the own Ed25519 key (as4-2.0 signing), or null when none is configured. */
    public String ed25519Alias() {
        return ed25519Alias;
    }

    /** The alias of the own X25519 key (as4-2.0 decryption), or null when none is configured. */
    public String x25519Alias() {
        return x25519Alias;
    }

    /** The own certificate under a keystore alias (e.g. the Ed25519 or X25519 one, for partners). */
    public X509Certificate ownCertificate(String alias) {
        try {
            return (X509Certificate) keystore.getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("own certificate '" + alias + "' vanished", e);
        }
    }

    /** Answers WSS4J's question for the own key's password (signing and decryption). */
    public CallbackHandler keyPasswordHandler() {
        return callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc) {
                    pc.setPassword(keyPassword);
                }
            }
        };
    }

    public X509Certificate ownCertificate() {
        try {
            return (X509Certificate) keystore.getCertificate(keyAlias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("own certificate '" + keyAlias + "' vanished", e);
        }
    }

    /** The own private key, for callers that sign outside WSS4J (e.g. back-office X.509 calls). */
    public PrivateKey ownPrivateKey() {
        try {
            return (PrivateKey) keystore.getKey(keyAlias, keyPassword.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("own private key '" + keyAlias + "' vanished", e);
        }
    }

    /** An own private key by keystore alias (e.g. the Ed25519 or X25519 one), for the benchmark's key ceiling. */
    public PrivateKey privateKey(String alias) {
        try {
            return (PrivateKey) keystore.getKey(alias, keyPassword.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("own private key '" + alias + "' vanished", e);
        }
    }

    /** Every certificate of the truststore by alias, in alias order: for expiry alerts and the admin face. */
    public java.util.SortedMap<String, X509Certificate> trustedCertificates() {
        java.util.SortedMap<String, X509Certificate> certificates = new java.util.TreeMap<>();
        for (String alias : aliases(truststore)) {
            try {
                if (truststore.getCertificate(alias) instanceof X509Certificate cert) {
                    certificates.put(alias, cert);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("truststore certificate '" + alias + "' cannot be read", e);
            }
        }
        return certificates;
    }

    /** A trusted certificate by truststore alias, e.g. a partner's signing or encryption certificate. */
    public X509Certificate certificate(String truststoreAlias) {
        try {
            if (truststore.getCertificate(truststoreAlias) instanceof X509Certificate cert) {
                return cert;
            }
        } catch (GeneralSecurityException e) {
            // fall through: reported below with the aliases that exist
        }
        throw new ConfigException("truststore: no certificate under alias '" + truststoreAlias
                + "' (aliases: " + aliases(truststore) + ")");
    }
}
