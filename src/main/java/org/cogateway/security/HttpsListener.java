package org.cogateway.security;

import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.cogateway.config.GatewayConfig;

/** How CXF's Jetty engine speaks HTTPS, from the gateway's TLS configuration. */
public final class HttpsListener {
    private HttpsListener() {
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
