package org.cogateway.http;

import java.util.List;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.transport.http_jetty.ThreadingParameters;
import org.cogateway.security.HttpsListener;
import org.cogateway.security.TlsContexts;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * Sets up the CXF Jetty engine of one port, before any endpoint is published on it (CXF creates and
 * starts the Jetty server on the first publication): HTTPS when the TLS configuration says so, the
 * thread pool, the time-outs and the request limits of {@link ListenerLimits}. Each listener the
 * gateway opens goes through here.
 */
public final class Listener {
    private Listener() {
    }

    /**
     * @param concurrentRequests path prefixes (e.g. {@code /as4}) and how many of their requests may be
     *                           processed at once; more are answered 503 with Retry-After
     */
    public static void configure(Bus bus, String host, int port, TlsContexts tls, ListenerLimits limits,
                                 Map<String, Integer> concurrentRequests) {
        JettyHTTPServerEngineFactory factory = bus.getExtension(JettyHTTPServerEngineFactory.class);
        GuardedEngine engine = new GuardedEngine(host, port, limits, concurrentRequests);
        if (tls.config().https()) {
            try {
                engine.setTlsServerParameters(HttpsListener.parameters(tls));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot set up HTTPS on port " + port + ": " + e.getMessage(), e);
            }
        }
        engine.setMaxIdleTime((int) Math.min(limits.idleTimeout().toMillis(), Integer.MAX_VALUE));
        ThreadingParameters threads = new ThreadingParameters();
        threads.setMaxThreads(limits.maxThreads());
        threads.setThreadNamePrefix("http-" + port);
        engine.setThreadingParameters(threads);
        engine.setSendServerVersion(false);
        try {
            engine.finalizeConfig();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot set up the listener on port " + port + ": " + e.getMessage(), e);
        }
        factory.setEnginesList(List.of(engine));
        if (factory.retrieveJettyHTTPServerEngine(port) != engine) {
            throw new IllegalStateException("port " + port + " already has a listener in this process");
        }
    }

    /**
     * Forgets the listener of {@code port} once its endpoints are stopped: CXF keeps a stopped engine
     * registered for its port, and {@link #configure} would refuse the port to the next gateway of this
     * process.
     */
    public static void release(int port) {
        JettyHTTPServerEngineFactory.destroyForPort(port);
    }

    /**
     * Adds a plain Jetty handler at {@code contextPath} to the listener of {@code port}, behind the
     * same limits as the CXF endpoints; call it after the first endpoint was published on the port
     * (CXF creates the server then).
     */
    public static void addHandler(Bus bus, int port, String contextPath, org.eclipse.jetty.server.Handler handler) {
        JettyHTTPServerEngine engine = bus.getExtension(JettyHTTPServerEngineFactory.class)
                .retrieveJettyHTTPServerEngine(port);
        if (engine == null || engine.getServer() == null
                || !(engine.getServer().getHandler() instanceof GuardedContexts contexts)) {
            throw new IllegalStateException("no listener on port " + port + " to add " + contextPath + " to");
        }
        org.eclipse.jetty.server.handler.ContextHandler context =
                new org.eclipse.jetty.server.handler.ContextHandler(handler, contextPath);
        contexts.addHandler(context);
        try {
            context.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + contextPath + " on port " + port, e);
        }
    }

    /**
     * The same limits for a Jetty server the gateway builds itself rather than through CXF (the admin
     * listener): connection idle and header time-outs, the body budget and minimum data rate, with
     * {@code handler} answering at the root behind them. Call before the server starts; its thread pool
     * is the caller's (sized from {@link ListenerLimits#maxThreads()}).
     */
    public static void guard(Server server, ServerConnector connector, ListenerLimits limits, Handler handler) {
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setIdleTimeout(limits.idleTimeout().toMillis());
        HeaderTimeout headerTimeout = new HeaderTimeout(server.getScheduler(), limits.headerTimeout(),
                limits.idleTimeout());
        connector.addBean(headerTimeout);
        GuardedContexts contexts = new GuardedContexts(limits, Map.of(), headerTimeout);
        contexts.addHandler(new ContextHandler(handler, "/"));
        server.setHandler(contexts);
    }

    /**
     * CXF's engine with our handler and HTTP settings. {@code setupThreadPool} is the one step CXF
     * runs after it has made the Jetty server and connector and before it installs its handlers and
     * starts the server; the handler set here is a collection, so CXF adds its contexts into it.
     */
    private static final class GuardedEngine extends JettyHTTPServerEngine {
        private final ListenerLimits limits;
        private final Map<String, Integer> concurrentRequests;

        GuardedEngine(String host, int port, ListenerLimits limits, Map<String, Integer> concurrentRequests) {
            super(null, host, port);
            this.limits = limits;
            this.concurrentRequests = Map.copyOf(concurrentRequests);
        }

        @Override
        protected void setupThreadPool() {
            super.setupThreadPool();
            ServerConnector connector = (ServerConnector) getConnector();
            HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
            http.setIdleTimeout(limits.idleTimeout().toMillis());
            HeaderTimeout headerTimeout = new HeaderTimeout(getServer().getScheduler(), limits.headerTimeout(),
                    limits.idleTimeout());
            connector.addBean(headerTimeout);
            getServer().setHandler(new GuardedContexts(limits, concurrentRequests, headerTimeout));
        }
    }
}
