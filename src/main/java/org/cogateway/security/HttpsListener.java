package org.cogateway.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.cogateway.config.GatewayConfig;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Makes CXF's Jetty engine on one port speak HTTPS. It must run before any endpoint is published
 * on that port: CXF creates the engine (and decides its protocol) on the first publication.
 */
public final class HttpsListener {
    private HttpsListener() {
    }

    /** Does nothing when the configuration has no listener key (plain HTTP). */
    public static void configure(Bus bus, String host, int port, TlsContexts tls) {
        if (!tls.config().https()) {
            return;
        }
        try {
            bus.getExtension(JettyHTTPServerEngineFactory.class)
                    .setTLSServerParametersForPort(host, port, parameters(tls));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up HTTPS on port " + port + ": " + e.getMessage(), e);
        }
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

    static TLSServerParameters parameters(TlsContexts tls) {
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
