package org.cogateway.testing;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.cogateway.Gateway;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.security.PasswordHasher;

/**
 * Configurations of the JP and ID sample gateways for the reliability tests and the soak program,
 * as plain properties: started in this JVM ({@link #start}) or written to a file for a gateway
 * process ({@link org.cogateway.bench.GatewayProcess}). Unlike {@link TestGateways}, these gateways run on the system clock, so
 * that retry backoff, leases and AS4 timestamps pass in real time (the test clock moves one
 * millisecond per reading, which would stretch a 100 ms backoff over a hundred readings), and the
 * delivery worker runs.
 */
public final class GatewayProperties {
    public static final String CHAMBER = TestGateways.CHAMBER;
    public static final String CHAMBER_PASSWORD = TestGateways.CHAMBER_PASSWORD;
    public static final String ID_CUSTOMS = "id-customs";
    public static final String ID_CUSTOMS_PASSWORD = "id-customs-demo";
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private GatewayProperties() {
    }

    /** JP-GW on {@code port}, sending to partner ID at {@code idEndpoint} with a quick retry policy. */
    public static Properties jp(int port, String idEndpoint, GatewayConfig.Database db) {
        Properties p = common("JP-GW", "JP", port, db, "jp", "sample-jp");
        caller(p, CHAMBER, "ISSUING_BODY", "JP", CHAMBER_PASSWORD);
        p.setProperty("partner.ID.name", "Indonesia CO gateway (SAMPLE)");
        p.setProperty("partner.ID.country", "ID");
        p.setProperty("partner.ID.partyId", "ID-GW");
        p.setProperty("partner.ID.endpoint", idEndpoint);
        p.setProperty("partner.ID.agreements", "JIEPA,AJCEP,RCEP");
        p.setProperty("partner.ID.signingCertAlias", "id");
        p.setProperty("partner.ID.connectTimeout", "1s");
        p.setProperty("partner.ID.readTimeout", "2s");
        p.setProperty("partner.ID.retry.maxAttempts", "3");
        p.setProperty("partner.ID.retry.initialBackoff", "100ms");
        p.setProperty("partner.ID.retry.maxBackoff", "200ms");
        p.setProperty("delivery.enabled", "true");
        p.setProperty("delivery.pollInterval", "100ms");
        // lease = 2 x (connect + read) + margin = 7 s: a dead node's sends are taken over within seconds
        p.setProperty("delivery.leaseMargin", "1s");
        p.setProperty("delivery.stopGrace", "2s");
        return p;
    }

    /** ID-GW on {@code port}, the receiving partner; it sends nothing itself. */
    public static Properties id(int port, String jpEndpoint, GatewayConfig.Database db) {
        Properties p = common("ID-GW", "ID", port, db, "id", "sample-id");
        caller(p, ID_CUSTOMS, "CUSTOMS", "ID", ID_CUSTOMS_PASSWORD);
        p.setProperty("partner.JP.name", "Japan CO gateway (SAMPLE)");
        p.setProperty("partner.JP.country", "JP");
        p.setProperty("partner.JP.partyId", "JP-GW");
        p.setProperty("partner.JP.endpoint", jpEndpoint);
        p.setProperty("partner.JP.agreements", "JIEPA,AJCEP,RCEP");
        p.setProperty("partner.JP.signingCertAlias", "jp");
        p.setProperty("delivery.enabled", "false");
        return p;
    }

    private static Properties common(String partyId, String country, int port, GatewayConfig.Database db,
                                     String key, String password) {
        Properties p = new Properties();
        p.setProperty("gateway.partyId", partyId);
        p.setProperty("gateway.country", country);
        p.setProperty("http.host", "127.0.0.1");
        p.setProperty("http.port", String.valueOf(port));
        p.setProperty("admin.port", String.valueOf(freePort()));
        p.setProperty("keystore.path", TestGateways.KEYS.resolve(key + ".p12").toString());
        p.setProperty("keystore.password", password);
        p.setProperty("keystore.alias", key);
        p.setProperty("truststore.path", TestGateways.KEYS.resolve(key + "-truststore.p12").toString());
        p.setProperty("truststore.password", password);
        p.setProperty("gateway.dataDir", db.dataDir().toAbsolutePath().toString());
        if (!db.embedded()) {
            p.setProperty("db.url", db.url());
            p.setProperty("db.user", db.user());
            p.setProperty("db.password", db.password());
        }
        p.setProperty("db.poolSize", String.valueOf(db.poolSize()));
        return p;
    }

    private static void caller(Properties p, String id, String role, String country, String password) {
        p.setProperty("caller." + id + ".role", role);
        p.setProperty("caller." + id + ".country", country);
        p.setProperty("caller." + id + ".passwordHash",
                HASHES.computeIfAbsent(password, pw -> PasswordHasher.hash(pw.toCharArray())));
    }

    /** Starts the gateway these properties describe in this JVM, on the system clock. */
    public static Gateway start(Properties p) {
        GatewayConfig config = GatewayConfig.from(Settings.of(p));
        return Gateway.start(config, Clock.systemUTC());
    }

    /** A free loopback port. */
    public static int freePort() {
        return TestGateways.freePort();
    }
}
