package org.cogateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    public static final String CHAMBER_SUBJECT =
            "CN=jp-chamber,O=Japan Chamber of Commerce and Industry (SAMPLE),C=JP";
    public static final Path KEYS = Path.of("keystores-sample").toAbsolutePath();

    // PBKDF2 is deliberately slow; every gateway of the run shares the hashes
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();
    private static final CertificateDocuments DOCUMENTS = new CertificateDocuments();

    private TestGateways() {
    }

    /** A JP gateway with the default request size limit. */
    public static Gateway jp() {
        return jp(Map.of());
    }

    /** A JP gateway with some settings overridden (e.g. {@code http.maxRequestBytes}). */
    public static Gateway jp(Map<String, String> overrides) {
        Properties p = new Properties();
        p.setProperty("gateway.partyId", "JP-GW");
        p.setProperty("gateway.country", "JP");
        p.setProperty("http.host", "127.0.0.1");
        p.setProperty("http.port", String.valueOf(freePort()));
        p.setProperty("keystore.path", KEYS.resolve("jp.p12").toString());
        p.setProperty("keystore.password", "sample-jp");
        p.setProperty("keystore.alias", "jp");
        p.setProperty("truststore.path", KEYS.resolve("jp-truststore.p12").toString());
        p.setProperty("truststore.password", "sample-jp");
        caller(p, CHAMBER, "ISSUING_BODY", "JP", CHAMBER_PASSWORD);
        p.setProperty("caller." + CHAMBER + ".certificateSubject", CHAMBER_SUBJECT);
        caller(p, OSAKA, "ISSUING_BODY", "JP", OSAKA_PASSWORD);
        caller(p, CUSTOMS, "CUSTOMS", "JP", CUSTOMS_PASSWORD);
        caller(p, ID_CUSTOMS, "CUSTOMS", "ID", ID_CUSTOMS_PASSWORD);
        p.setProperty("partner.ID.name", "Indonesia CO gateway (SAMPLE)");
        p.setProperty("partner.ID.country", "ID");
        p.setProperty("partner.ID.partyId", "ID-GW");
        p.setProperty("partner.ID.endpoint", "http://127.0.0.1:9/as4");
        p.setProperty("partner.ID.agreements", "JIEPA,AJCEP,RCEP");
        p.setProperty("partner.ID.signingCertAlias", "id");
        // the back-office is tested on its own: nothing is sent, so the queue and its history stay as the
        // operations left them (the exchange tests run the delivery worker)
        p.setProperty("delivery.enabled", "false");
        overrides.forEach(p::setProperty);
        GatewayConfig parsed = GatewayConfig.from(Settings.of(p));
        GatewayConfig config = parsed.withDatabase(TestDatabases.fresh());
        return Gateway.start(config, new TestClock());
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

    /** Row counts of every table the back-office writes, to prove a refused call changed nothing. */
    public static Map<String, Long> rowCounts(Gateway gateway) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : new String[] {"certificate", "certificate_invoice", "goods_balance", "utilisation",
                "transmission", "transmission_event", "certificate_answer"}) {
            counts.put(table, count(gateway, table));
        }
        return counts;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
