package org.cogateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.cogateway.Gateway;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.security.PasswordHasher;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateWriter;

/**
 * Starts a real Japanese gateway (party JP-GW, partner ID) through the composition root, on a free
 * loopback port and a fresh database, with the sample keys and the callers the back-office tests use:
 * <ul>
 *   <li>{@code jp-chamber} / {@code jp-chamber-demo}: issuing body, JP; also the subject of
 *       {@code keystores-sample/jp-chamber.p12}, so it may sign instead of sending a password</li>
 *   <li>{@code jp-chamber-osaka} / {@code osaka-demo}: a second Japanese issuing body</li>
 *   <li>{@code jp-customs} / {@code jp-customs-demo}: Customs, JP</li>
 *   <li>{@code id-customs} / {@code id-customs-demo}: Customs of another country (ID)</li>
 * </ul>
 * {@link #pair()} starts it with its partner, an Indonesian gateway (party ID-GW, partner JP) as
 * {@code config/gateway-id.properties} describes it, with callers {@code id-chamber} and {@code id-customs}.
 */
public final class TestGateways {
    public static final String CHAMBER = "jp-chamber";
    public static final String CHAMBER_PASSWORD = "jp-chamber-demo";
    public static final String OSAKA = "jp-chamber-osaka";
    public static final String OSAKA_PASSWORD = "osaka-demo";
    public static final String CUSTOMS = "jp-customs";
    public static final String CUSTOMS_PASSWORD = "jp-customs-demo";
    public static final String ID_CUSTOMS = "id-customs";
    public static final String ID_CUSTOMS_PASSWORD = "id-customs-demo";
    /** On the ID gateway of a {@link #pair()}: the Indonesian issuing body. */
    public static final String ID_CHAMBER = "id-chamber";
    public static final String ID_CHAMBER_PASSWORD = "id-chamber-demo";
    public static final String CHAMBER_SUBJECT =
            "CN=jp-chamber,O=Japan Chamber of Commerce and Industry (SAMPLE),C=JP";
    public static final Path KEYS = Path.of("keystores-sample").toAbsolutePath();

    // PBKDF2 is deliberately slow; every gateway of the run shares the hashes
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();
    private static final CertificateDocuments DOCUMENTS = new CertificateDocuments();
    private static final Map<Gateway, Clock> CLOCKS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private TestGateways() {
    }

    /** A JP gateway with the default request size limit. */
    public static Gateway jp() {
        return jp(Map.of());
    }

    /** A JP gateway with some settings overridden (e.g. {@code http.maxRequestBytes}). */
    public static Gateway jp(Map<String, String> overrides) {
        return jp(overrides, new TestClock());
    }

    /** The same on a clock the test holds, to move time past a lock-out or a timestamp's window. */
    public static Gateway jp(Map<String, String> overrides, Clock clock) {
        Properties p = jpSettings(freePort(), "http://127.0.0.1:9/as4");
        // the back-office is tested on its own: nothing is sent, so the queue and its history stay as the
        // operations left them (the exchange tests run the delivery worker: see pair())
        p.setProperty("delivery.enabled", "false");
        return start(p, overrides, clock);
    }

    /**
     * The clock a gateway started here runs on: what a signing caller stamps its wsu:Timestamp with, so
     * that the gateway finds it fresh whatever day the test clock shows.
     */
    public static Clock clockOf(Gateway gateway) {
        Clock clock = CLOCKS.get(gateway);
        if (clock == null) {
            throw new IllegalArgumentException("not a gateway started by TestGateways");
        }
        return clock;
    }

    /** The JP gateway's settings: party JP-GW, its sample keys and callers, partner ID at {@code idEndpoint}. */
    private static Properties jpSettings(int port, String idEndpoint) {
        Properties p = party("JP-GW", "JP", port, "jp", "sample-jp");
        caller(p, CHAMBER, "ISSUING_BODY", "JP", CHAMBER_PASSWORD);
        p.setProperty("caller." + CHAMBER + ".certificateSubject", CHAMBER_SUBJECT);
        caller(p, OSAKA, "ISSUING_BODY", "JP", OSAKA_PASSWORD);
        caller(p, CUSTOMS, "CUSTOMS", "JP", CUSTOMS_PASSWORD);
        caller(p, ID_CUSTOMS, "CUSTOMS", "ID", ID_CUSTOMS_PASSWORD);
        partner(p, "ID", "Indonesia CO gateway (SAMPLE)", "ID-GW", idEndpoint);
        return p;
    }

    /** The ID gateway's settings, as config/gateway-id.properties: party ID-GW, partner JP at {@code jpEndpoint}. */
    private static Properties idSettings(int port, String jpEndpoint) {
        Properties p = party("ID-GW", "ID", port, "id", "sample-id");
        caller(p, ID_CHAMBER, "ISSUING_BODY", "ID", ID_CHAMBER_PASSWORD);
        caller(p, ID_CUSTOMS, "CUSTOMS", "ID", ID_CUSTOMS_PASSWORD);
        partner(p, "JP", "Japan CO gateway (SAMPLE)", "JP-GW", jpEndpoint);
        return p;
    }

    /** Identity, listener and keys of a party whose sample files are {@code <key>.p12} and {@code <key>-truststore.p12}. */
    private static Properties party(String partyId, String country, int port, String key, String password) {
        Properties p = new Properties();
        p.setProperty("gateway.partyId", partyId);
        p.setProperty("gateway.country", country);
        p.setProperty("http.host", "127.0.0.1");
        p.setProperty("http.port", String.valueOf(port));
        p.setProperty("admin.port", String.valueOf(freePort()));
        p.setProperty("keystore.path", KEYS.resolve(key + ".p12").toString());
        p.setProperty("keystore.password", password);
        p.setProperty("keystore.alias", key);
        p.setProperty("truststore.path", KEYS.resolve(key + "-truststore.p12").toString());
        p.setProperty("truststore.password", password);
        return p;
    }

    /**
     * Overrides that put partner {@code id} (JP or ID) on the eDelivery AS4 2.0 profile, with its
     * Ed25519 and X25519 certificates of the sample truststores, and give the gateway (the other
     * party) its own Ed25519 and X25519 keys of the sample keystore.
     */
    public static Map<String, String> onAs420(String id) {
        String prefix = "partner." + id + ".";
        String alias = id.toLowerCase(java.util.Locale.ROOT);
        String own = "id".equals(alias) ? "jp" : "id";
        return Map.of(prefix + "profile", "as4-2.0", prefix + "signingCertAlias", alias + "-ed25519",
                prefix + "encryptionCertAlias", alias + "-x25519",
                "keystore.ed25519.alias", own + "-ed25519", "keystore.x25519.alias", own + "-x25519");
    }

    private static void partner(Properties p, String id, String name, String partyId, String endpoint) {
        String prefix = "partner." + id + ".";
        p.setProperty(prefix + "name", name);
        p.setProperty(prefix + "country", id);
        p.setProperty(prefix + "partyId", partyId);
        p.setProperty(prefix + "endpoint", endpoint);
        p.setProperty(prefix + "agreements", "JIEPA,AJCEP,RCEP");
        p.setProperty(prefix + "signingCertAlias", id.toLowerCase(java.util.Locale.ROOT));
    }

    private static Gateway start(Properties p, Map<String, String> overrides, Clock clock) {
        overrides.forEach(p::setProperty);
        GatewayConfig parsed = GatewayConfig.from(Settings.of(p));
        GatewayConfig config = parsed.withDatabase(TestDatabases.fresh());
        return started(Gateway.start(config, clock), clock);
    }

    private static Gateway started(Gateway gateway, Clock clock) {
        CLOCKS.put(gateway, clock);
        return gateway;
    }

    /** A JP and an ID gateway that deliver to each other over HTTP, started, on the test clock. */
    public static Pair pair() {
        return pair(false, Map.of(), Map.of(), new TestClock()).startId().startJp();
    }

    /**
     * A JP and an ID gateway, not started yet, each on its own free port and fresh database, each
     * partner's endpoint pointing at the other; with {@code https}, both listen on HTTPS with the
     * sample TLS keys. The delivery worker runs on both. Both share {@code clock}, so that each
     * accepts the other's message times.
     */
    public static Pair pair(boolean https, Map<String, String> jpOverrides, Map<String, String> idOverrides,
                            Clock clock) {
        return pair(https, jpOverrides, idOverrides, clock, clock);
    }

    /** As {@link #pair(boolean, Map, Map, Clock)}, with a clock each (to make the two disagree). */
    public static Pair pair(boolean https, Map<String, String> jpOverrides, Map<String, String> idOverrides,
                            Clock jpClock, Clock idClock) {
        int jpPort = freePort();
        int idPort = freePort();
        String scheme = https ? "https" : "http";
        Properties jp = jpSettings(jpPort, scheme + "://127.0.0.1:" + idPort + Gateway.AS4_PATH);
        Properties id = idSettings(idPort, scheme + "://127.0.0.1:" + jpPort + Gateway.AS4_PATH);
        for (Properties p : new Properties[] {jp, id}) {
            p.setProperty("delivery.pollInterval", "100ms");
        }
        if (https) {
            tls(jp, "jp-tls.p12", "sample-jp");
            tls(id, "id-tls.p12", "sample-id");
        }
        return new Pair(jp, jpOverrides, id, idOverrides, jpClock, idClock);
    }

    private static void tls(Properties p, String file, String password) {
        p.setProperty("http.tls.keystore.path", KEYS.resolve(file).toString());
        p.setProperty("http.tls.keystore.password", password);
        p.setProperty("http.tls.keystore.alias", "tls");
    }

    /** Two partner gateways; each side is started (and may be stopped and started again) on its own. */
    public static final class Pair implements AutoCloseable {
        private final Properties jpSettings;
        private final Map<String, String> jpOverrides;
        private final Properties idSettings;
        private final Map<String, String> idOverrides;
        private final Clock jpClock;
        private final Clock idClock;
        private final GatewayConfig.Database idDatabase = TestDatabases.fresh();
        private Gateway jp;
        private Gateway id;

        private Pair(Properties jpSettings, Map<String, String> jpOverrides, Properties idSettings,
                     Map<String, String> idOverrides, Clock jpClock, Clock idClock) {
            this.jpSettings = jpSettings;
            this.jpOverrides = jpOverrides;
            this.idSettings = idSettings;
            this.idOverrides = idOverrides;
            this.jpClock = jpClock;
            this.idClock = idClock;
        }

        public Pair startJp() {
            jp = start(copy(jpSettings), jpOverrides, jpClock);
            return this;
        }

        /** Starts ID; started again after {@link #stopId()}, it finds its database as it left it. */
        public Pair startId() {
            Properties p = copy(idSettings);
            idOverrides.forEach(p::setProperty);
            id = started(Gateway.start(GatewayConfig.from(Settings.of(p)).withDatabase(idDatabase), idClock), idClock);
            return this;
        }

        public void stopId() {
            id.close();
            id = null;
        }

        public Gateway jp() {
            return jp;
        }

        public Gateway id() {
            return id;
        }

        /** JP's settings with its overrides, as a configuration file for JP would hold them. */
        public Properties jpSettings() {
            Properties p = copy(jpSettings);
            jpOverrides.forEach(p::setProperty);
            return p;
        }

        /** The port ID listens (or will listen) on. */
        public int idPort() {
            return Integer.parseInt(idSettings.getProperty("http.port"));
        }

        @Override
        public void close() {
            if (jp != null) {
                jp.close();
            }
            if (id != null) {
                id.close();
            }
        }

        private static Properties copy(Properties p) {
            Properties c = new Properties();
            c.putAll(p);
            return c;
        }
    }

    private static void caller(Properties p, String id, String role, String country, String password) {
        p.setProperty("caller." + id + ".role", role);
        p.setProperty("caller." + id + ".country", country);
        p.setProperty("caller." + id + ".passwordHash",
                HASHES.computeIfAbsent(password, pw -> PasswordHasher.hash(pw.toCharArray())));
    }

    /**
     * Puts a certificate a partner sent into the store, as the AS4 receiver will: INBOUND, owned by
     * the sending partner. Issue 2 lets the importing-side tests do this until the receiver exists.
     */
    public static void storeInbound(Gateway gateway, CertificateOfOriginType co, Instant receivedAt) {
        CertificateWriter writer = new CertificateWriter(DOCUMENTS);
        gateway.database().inTransaction(s -> writer.insert(s, CertificateEntity.Direction.INBOUND,
                co.getExportCountry(), co, "ID", "ID", receivedAt));
    }

    /** Rows in a table, read with plain SQL so the test does not trust the code under test. */
    public static long count(Gateway gateway, String table) {
        return queryLong(gateway, "select count(*) from " + table);
    }

    public static long queryLong(Gateway gateway, String sql) {
        try (Connection c = gateway.database().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            long value = r.getLong(1);
            c.rollback();
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first row's columns of a parameterised query (null when there is none), read with plain SQL. */
    public static Map<String, Object> queryRow(Gateway gateway, String sql, Object... args) {
        try (Connection c = gateway.database().dataSource().getConnection();
             java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                Map<String, Object> row = null;
                if (r.next()) {
                    row = new java.util.HashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        Object value = r.getObject(i);
                        if (value instanceof java.sql.Blob blob) {
                            value = blob.getBytes(1, (int) blob.length());
                        } else if (value instanceof java.sql.Clob clob) {
                            value = clob.getSubString(1, (int) clob.length());
                        }
                        row.put(r.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), value);
                    }
                }
                c.rollback();
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Row counts of every table the back-office writes, to prove a refused call changed nothing. */
    public static Map<String, Long> rowCounts(Gateway gateway) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : new String[] {"certificate", "certificate_invoice", "goods_balance", "utilisation",
                "transmission", "transmission_event", "certificate_answer"}) {
            counts.put(table, count(gateway, table));
        }
        return counts;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
