package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.cogateway.Gateway;
import org.cogateway.as4.Forger;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;

/**
 * The gateway under attack: a real JP gateway (composition root, HTTP listener, database) on the system
 * clock, with partner ID, whose keys the attacks use as a hostile partner would. Every attack test ends
 * by checking that nothing was stored and that a genuine certificate from ID is still received.
 */
final class TargetGateway implements AutoCloseable {
    private static final CertificateDocuments DOCUMENTS = new CertificateDocuments();
    private static final AtomicInteger GENUINE = new AtomicInteger();

    final Gateway gateway;
    final URI as4;

    private TargetGateway(Gateway gateway) {
        this.gateway = gateway;
        this.as4 = URI.create(gateway.baseUrl() + Gateway.AS4_PATH);
    }

    static TargetGateway start(Map<String, String> overrides) {
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", TestDatabases.fresh());
        p.setProperty("delivery.enabled", "false");
        overrides.forEach(p::setProperty);
        return new TargetGateway(GatewayProperties.start(p));
    }

    /** A valid certificate from ID for JP, under a number of its own, as the payload XML. */
    static byte[] certificate() {
        return certificate(newNumber());
    }

    private static byte[] certificate(String number) {
        return DOCUMENTS.certificateToXml(Certificates.inbound(number)).getBytes(StandardCharsets.UTF_8);
    }

    /** Unique across runs on one database, within the schema's 35 characters. */
    private static String newNumber() {
        return "ID-ATK-" + Instant.now().toEpochMilli() + "-" + GENUINE.incrementAndGet();
    }

    /** Messages stored under this MessageId, counted with plain SQL. */
    long stored(String messageId) {
        Map<String, Object> row = TestGateways.queryRow(gateway,
                "select count(*) as n from inbound_message where message_id = ?", messageId);
        return ((Number) row.get("n")).longValue();
    }

    long certificates() {
        return TestGateways.count(gateway, "certificate");
    }

    /** Nothing of the attack is stored, and a genuine message sent right after it is received and stored. */
    void assertRefusedAndStillServes(String attackMessageId, long certificatesBefore) throws Exception {
        assertThat(stored(attackMessageId)).as("messages stored for the attack").isZero();
        assertThat(certificates()).as("certificates stored by the attack").isEqualTo(certificatesBefore);
        assertServesGenuine();
    }

    /** A genuine certificate from ID is answered with a receipt and stored. */
    void assertServesGenuine() throws Exception {
        String number = newNumber();
        String messageId = "genuine-" + number + "@id-gw";
        long before = certificates();
        assertThat(Forger.post(as4, new Forger().build(messageId, certificate(number)))).isEqualTo("RECEIPT");
        assertThat(stored(messageId)).isEqualTo(1);
        assertThat(certificates()).isEqualTo(before + 1);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
