package org.cogateway.security;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;

/**
 * The gateway's TLS: the listener's key, the client key presented to partners that require one,
 * and trust in the gateway's truststore. Keys are read once, at start, through the same loader as
 * {@link GatewayCrypto}, so a wrong path, password or alias stops the start naming the setting and
 * the file. TLS 1.2 and 1.3 only; the JDK's default cipher suites minus those without forward
 * secrecy or with weak primitives. Certificates are always verified: there is no trust-all mode.
 */
public final class TlsContexts {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Pattern WEAK_SUITE = Pattern.compile(
            "^SSL_.*|^TLS_RSA_.*|.*_(NULL|anon|EXPORT|DES|DES40|3DES|RC4)_.*|.*_(MD5|SHA)$");

    private final GatewayConfig.Tls config;
    private final GatewayCrypto crypto;
    private final KeyManager[] listenerKeys;
    private final KeyManager[] clientKeys;

    public TlsContexts(GatewayConfig.Tls config, GatewayCrypto crypto) {
        this.config = config;
        this.crypto = crypto;
        this.listenerKeys = config.listenerKey() == null ? null : keyManagers(config.listenerKey());
        this.clientKeys = config.clientKey() == null ? null
                : config.clientKey().equals(config.listenerKey()) ? listenerKeys : keyManagers(config.clientKey());
    }

    /** No TLS keys: HTTPS partners are verified against the gateway truststore, no client certificate. */
    public static TlsContexts trustOnly(GatewayCrypto crypto) {
        return new TlsContexts(GatewayConfig.Tls.NONE, crypto);
    }

    public GatewayConfig.Tls config() {
        return config;
    }

    /** The key managers of the HTTPS listener; null when the listener is plain HTTP. */
    KeyManager[] listenerKeys() {
        return listenerKeys;
    }

    /** Trust managers over the whole gateway truststore: for the listener's client certificates. */
    TrustManager[] gatewayTrust() {
        return trustManagers(crypto.truststore());
    }

    /**
     * The context for one partner's HTTPS endpoint: trusts the gateway truststore (or only the
     * partner's {@code trustCertAlias}) and presents the client key when the partner asks for it.
     * Throws a {@link ConfigException} naming the partner's setting when that cannot be done.
     */
    public SSLContext clientContext(Partner partner) {
        Partner.Tls tls = partner.tls();
        String p = "partner." + partner.id() + ".tls.";
        if (tls.clientCertificate() && clientKeys == null) {
            throw new ConfigException("setting '" + p + "clientCertificate' is true but the gateway has no TLS key:"
                    + " set tls.client.keystore.path (or http.tls.keystore.path)");
        }
        KeyStore trust = crypto.truststore();
        if (tls.trustCertAlias() != null) {
            try {
                trust = singleCertificate(tls.trustCertAlias(), crypto.certificate(tls.trustCertAlias()));
            } catch (ConfigException e) {
                throw new ConfigException("setting '" + p + "trustCertAlias': " + e.getMessage());
            }
        }
        return context(tls.clientCertificate() ? clientKeys : null, trustManagers(trust));
    }

    /**
     * A client context that trusts the gateway truststore and presents no key: for the command line
     * calling its own gateway's HTTPS admin listener, whose certificate chains to that truststore.
     */
    public SSLContext gatewayTrustContext() {
        return context(null, gatewayTrust());
    }

    /** Protocols and cipher suites for a client connection (hostname verification is the HTTP client's). */
    public static SSLParameters clientParameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(strongCipherSuites(context).toArray(String[]::new));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** The context's default cipher suites minus weak ones (static RSA, SHA-1 MACs, NULL, anon, DES, RC4...). */
    static List<String> strongCipherSuites(SSLContext context) {
        return Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(suite -> !WEAK_SUITE.matcher(suite).matches())
                .toList();
    }

    static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context", e);
        }
    }

    /**
     * Key managers over the one key under the configured alias: a keystore may hold several keys,
     * and the JDK would otherwise pick any of them.
     */
    private static KeyManager[] keyManagers(GatewayConfig.TlsKey key) {
        String what = "TLS keystore (setting " + key.setting() + ".path)";
        KeyStore store = GatewayCrypto.load(key.keystore(), key.password(), what);
        GatewayCrypto.checkPrivateKey(store, key.keystore(), key.alias(), key.keyPassword(), what);
        try {
            char[] password = key.keyPassword().toCharArray();
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry(key.alias(), store.getKey(key.alias(), password), password,
                    store.getCertificateChain(key.alias()));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(single, password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ConfigException(what + " " + key.keystore() + ": key '" + key.alias() + "' cannot be used for TLS: "
                    + e.getMessage());
        }
    }

    private static KeyStore singleCertificate(String alias, Certificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(alias, certificate);
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot hold certificate '" + alias + "' in memory", e);
        }
    }

    private static TrustManager[] trustManagers(KeyStore trust) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make trust managers", e);
        }
    }
}
