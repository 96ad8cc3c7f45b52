package org.cogateway.security;

import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.cogateway.config.GatewayConfig;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** How CXF's Jetty engine speaks HTTPS, from the gateway's TLS configuration. */
public final class HttpsListener {
    private HttpsListener() {
    }

    /**
     * The same TLS for a listener of plain Jetty (the admin listener): the listener key, the gateway
     * truststore for client certificates, TLS 1.2/1.3, the strong suites and the client-auth setting.
     */
    public static SslContextFactory.Server jettyTls(TlsContexts tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(TlsContexts.context(tls.listenerKeys(), tls.gatewayTrust()));
        factory.setIncludeProtocols(TlsContexts.PROTOCOLS.toArray(String[]::new));
        factory.setIncludeCipherSuites(TlsContexts.strongCipherSuites(TlsContexts.context(null, null))
                .toArray(String[]::new));
        factory.setWantClientAuth(tls.config().clientAuth() != GatewayConfig.ClientAuth.NONE);
        factory.setNeedClientAuth(tls.config().clientAuth() == GatewayConfig.ClientAuth.NEED);
        return factory;
    }

    /** The TLS side of the listener (see {@code http.Listener}): TLS 1.2/1.3, strong suites, client certificates as configured. */
    public static TLSServerParameters parameters(TlsContexts tls) {
        TLSServerParameters parameters = new TLSServerParameters();
        parameters.setKeyManagers(tls.listenerKeys());
        parameters.setTrustManagers(tls.gatewayTrust());
        parameters.setIncludeProtocols(TlsContexts.PROTOCOLS);
        parameters.setCipherSuites(TlsContexts.strongCipherSuites(TlsContexts.context(null, null)));
        ClientAuthentication clientAuth = new ClientAuthentication();
        clientAuth.setWant(tls.config().clientAuth() != GatewayConfig.ClientAuth.NONE);
        clientAuth.setRequired(tls.config().clientAuth() == GatewayConfig.ClientAuth.NEED);
        parameters.setClientAuthentication(clientAuth);
        return parameters;
    }
}
