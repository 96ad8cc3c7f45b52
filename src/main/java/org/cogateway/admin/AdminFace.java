package org.cogateway.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.cogateway.as4.As4Client;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.LoginThrottle;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.security.HttpsListener;
import org.cogateway.security.TlsContexts;
import org.cogateway.store.Database;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' face: its own Jetty listener (admin.host, admin.port; HTTPS with the main
 * listener's TLS settings) serving the JSON API under /api/v1, /metrics and /health/*. Plain Jetty
 * (the Jetty 12.1 CXF already brings) with one handler: no servlet container or JAX-RS runtime is
 * needed for a few dozen JSON routes, and authentication, CSRF and cookies stay in one readable class.
 */
public final class AdminFace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminFace.class);

    private final Server server;
    private final ServerConnector connector;
    private final MessageGauges gauges;
    private final Health health;
    private final boolean https;

    /** What the admin face needs from the rest of the gateway. */
    public record Parts(GatewayConfig config, Database database, GatewayCrypto crypto, TlsContexts tls,
                        As4Client as4, Resender resender, PrometheusMeterRegistry metrics,
                        BooleanSupplier workerAlive, LoginThrottle loginAttempts, Pinged pinged, Retention retention,
                        Clock clock) {
    }

    /**
     * Hears every "ping now" outcome, so that the alerts' reachability bookkeeping counts it like a send
     * attempt: a successful ping clears a partner's unreachable alert.
     */
    public interface Pinged {
        void pinged(String partnerId, java.time.Instant startedAt, org.cogateway.delivery.SendOutcome outcome);
    }

    /** Puts a FAILED or REJECTED transmission back in the queue (same MessageId); false when it cannot. */
    public interface Resender {
        boolean resend(String trackingId);
    }

    private AdminFace(Server server, ServerConnector connector, MessageGauges gauges, Health health, boolean https) {
        this.server = server;
        this.connector = connector;
        this.gauges = gauges;
        this.health = health;
        this.https = https;
    }

    public static AdminFace start(Parts p) {
        GatewayConfig.Admin settings = p.config().admin();
        PartnerDirectory partners = p.config().partners();
        var dataSource = p.database().dataSource();
        AdminUsers users = new AdminUsers(dataSource, p.clock());
        Sessions sessions = new Sessions(p.clock(), settings.sessionIdle(), settings.sessionAbsolute());
        PartnerStatus partnerStatus = new PartnerStatus(dataSource, partners, p.clock());
        KeyInventory keys = new KeyInventory(p.crypto(), partners, p.clock());
        MessageLog messageLog = new MessageLog(dataSource);
        AuditLog audit = p.retention().audit();
        AdminApi api = new AdminApi(messageLog, partnerStatus, keys, audit, users, sessions, p.loginAttempts(),
                p.resender(), partners, p.as4(), p.pinged(), p.clock(), p.retention());
        GatewayConfig.Http main = p.config().http();
        Health health = new Health(dataSource, keys, p.config().delivery().enabled() ? p.workerAlive() : null,
                new InetSocketAddress(main.host(), main.port()), p.clock());

        List<Route> routes = new ArrayList<>(api.routes());
        routes.addAll(new Console(messageLog, partnerStatus, keys, audit, users, p.retention(), p.clock()).routes());
        routes.add(Route.of("GET", "/health/live", Route.Access.PUBLIC, c -> health.live()));
        routes.add(Route.of("GET", "/health/ready", Route.Access.PUBLIC, c -> health.ready()));
        routes.add(Route.of("GET", "/metrics", settings.metricsAnonymous() ? Route.Access.PUBLIC : Route.Access.VIEWER,
                c -> Reply.text(200, "text/plain; version=0.0.4", p.metrics().scrape())));

        boolean https = p.tls().config().https();
        // the main listener's limits (threads, time-outs, body budget, data rate): the admin port faces people
        // and scripts, and a slow or greedy client must cost it no more than it costs the main one
        org.cogateway.http.ListenerLimits limits = p.config().http().limits();
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), 2);
        threads.setName("admin");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector;
        if (https) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, new SslConnectionFactory(HttpsListener.jettyTls(p.tls()), "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        org.cogateway.http.Listener.guard(server, connector, limits, new AdminHandler(routes, sessions, users, https));
        MessageGauges gauges = new MessageGauges(dataSource, partnerStatus, p.metrics(), p.clock());
        try {
            server.start();
        } catch (Exception e) {
            health.close();
            throw new IllegalStateException("cannot start the admin listener on " + settings.host() + ":"
                    + settings.port() + " (setting admin.port): " + e.getMessage(), e);
        }
        PlatformMetrics.bindJetty(p.metrics(), "admin", server);
        gauges.start(settings.gaugeInterval());
        AdminFace face = new AdminFace(server, connector, gauges, health, https);
        log.info("admin listener on {}", face.baseUrl());
        return face;
    }

    public String baseUrl() {
        return (https ? "https://" : "http://") + connector.getHost() + ":" + connector.getLocalPort();
    }

    @Override
    public void close() {
        gauges.close();
        health.close();
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("admin listener did not stop cleanly: {}", e.toString());
        }
    }
}
