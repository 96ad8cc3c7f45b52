package org.cogateway.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.cogateway.Gateway;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.config.GatewayConfig;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;

/**
 * What the crash tests and the soak program run: the ID partner gateway in this JVM behind a
 * {@link FaultProxy}, and two JP gateway nodes ({@code jp-a}, {@code jp-b}) as separate JVMs on one
 * MariaDB database, sending to ID through the proxy. Everything runs on loopback; {@link #close()}
 * kills both nodes and stops the partner, also after a failure.
 */
public final class TwoNodeCluster implements AutoCloseable {
    private final GatewayConfig.Database jpDb;
    private final GatewayConfig.Database idDb;
    private final Gateway id;
    private final FaultProxy proxy;
    private final List<GatewayProcess> nodes;
    private final Sql jpSql;
    private final Sql idSql;
    private final Path dir;
    private final ThreadLocal<Map<String, CertificateOfOriginPortType>> ports = ThreadLocal.withInitial(HashMap::new);

    /**
     * @param jpSettings applied to each node's configuration, given its name (e.g. {@code delivery.workers})
     */
    public TwoNodeCluster(double faultRate, Duration proxyDelay, long seed, BiConsumer<String, Properties> jpSettings) {
        this(TestDatabases::fresh, faultRate, proxyDelay, seed, jpSettings);
    }

    /** The same on databases from {@code databases}, e.g. on a {@link MariadbServer} of the test's own. */
    public TwoNodeCluster(Supplier<GatewayConfig.Database> databases, double faultRate, Duration proxyDelay, long seed,
                          BiConsumer<String, Properties> jpSettings) {
        dir = TestDatabases.tempDir("cogw-cluster");
        jpDb = databases.get();
        idDb = databases.get();
        if (jpDb.embedded()) {
            throw new IllegalStateException("gateway processes share a MariaDB database; the embedded H2 cannot be shared");
        }
        jpSql = new Sql(jpDb);
        idSql = new Sql(idDb);
        Gateway partner = null;
        FaultProxy line = null;
        GatewayProcess a = null;
        GatewayProcess b = null;
        try {
            partner = GatewayProperties.start(GatewayProperties.id(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", idDb));
            line = new FaultProxy(URI.create(partner.baseUrl()), faultRate, proxyDelay, seed);
            a = node("jp-a", line, jpSettings);
            b = node("jp-b", line, jpSettings);
            // one after the other: the first applies the schema migrations
            a.start();
            b.start();
        } catch (RuntimeException e) {
            closeAll(a, b, line, partner);
            throw e;
        }
        id = partner;
        proxy = line;
        nodes = List.of(a, b);
    }

    private GatewayProcess node(String name, FaultProxy line, BiConsumer<String, Properties> settings) {
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), line.url("/as4"), jpDb);
        settings.accept(name, p);
        return new GatewayProcess(name, p, dir);
    }

    public GatewayProcess node(int index) {
        return nodes.get(index);
    }

    public FaultProxy proxy() {
        return proxy;
    }

    /** The JP nodes' shared database. */
    public Sql jp() {
        return jpSql;
    }

    /** The ID partner's database. */
    public Sql id() {
        return idSql;
    }

    public Gateway partner() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    /** Submits a new JP-to-ID CO numbered {@code number} at node {@code index}; returns its tracking id. */
    public String submit(int index, String number) throws GatewayFault {
        String baseUrl = nodes.get(index).baseUrl();
        CertificateOfOriginPortType port = ports.get().computeIfAbsent(baseUrl, url ->
                BackOfficeCaller.port(url, GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD));
        SubmitCertificateRequest request = new SubmitCertificateRequest();
        request.setCertificateOfOrigin(Certificates.outbound(number));
        return port.submitCertificate(request).getReceipt().getTrackingId();
    }

    /** Transmissions by state, e.g. {@code {DELIVERED=40}}. */
    public Map<String, Long> states() {
        Map<String, Long> states = new java.util.TreeMap<>();
        jpSql.rows("SELECT state, COUNT(*) FROM transmission GROUP BY state")
                .forEach(r -> states.put(r.get(0), Long.parseLong(r.get(1))));
        return states;
    }

    /** Transmissions not yet delivered (nor given up on): still queued, waiting or being sent. */
    public long undelivered() {
        return jpSql.count("SELECT COUNT(*) FROM transmission WHERE state IN ('QUEUED', 'SENDING', 'RETRY_WAIT')");
    }

    /** Sends node {@code nodeId} has claimed and not yet recorded. */
    public long inFlight(String nodeId) {
        return jpSql.count("SELECT COUNT(*) FROM transmission WHERE state = 'SENDING' AND lease_owner = ?", nodeId);
    }

    /** Certificate versions stored more than once at the partner (its back-office would see them twice). */
    public long duplicatesAtPartner() {
        return idSql.count("SELECT COUNT(*) FROM (SELECT certificate_number, version FROM certificate"
                + " WHERE direction = 'INBOUND' GROUP BY certificate_number, version HAVING COUNT(*) > 1) d");
    }

    public long inboundCertificates() {
        return idSql.count("SELECT COUNT(*) FROM certificate WHERE direction = 'INBOUND'");
    }

    public long inboundMessages() {
        return idSql.count("SELECT COUNT(*) FROM inbound_message");
    }

    public long distinctInboundMessageIds() {
        return idSql.count("SELECT COUNT(DISTINCT message_id) FROM inbound_message");
    }

    @Override
    public void close() {
        closeAll(nodes.get(0), nodes.get(1), proxy, id);
    }

    private static void closeAll(GatewayProcess a, GatewayProcess b, FaultProxy line, Gateway partner) {
        for (AutoCloseable c : new AutoCloseable[] {a, b, line, partner}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
        }
    }
}
