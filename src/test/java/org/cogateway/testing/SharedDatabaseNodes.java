package org.cogateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Properties;
import java.util.function.Consumer;
import org.cogateway.Gateway;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.config.GatewayConfig;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;

/**
 * Two JP gateway nodes, {@code jp-a} and {@code jp-b}, in this JVM on one fresh database, sending to a
 * partner (a WireMock on loopback) that answers every message 503: what the tests of work that one node
 * at a time must do (alerts, retention) start from. {@link #close()} stops what is still running.
 */
public final class SharedDatabaseNodes implements AutoCloseable {
    private final WireMockServer partner;
    private Gateway a;
    private Gateway b;

    /** @param settings applied to each node's configuration after the common ones */
    public SharedDatabaseNodes(Consumer<Properties> settings) {
        partner = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        partner.start();
        partner.stubFor(post(urlEqualTo("/as4")).willReturn(aResponse().withStatus(503)));
        try {
            GatewayConfig.Database db = TestDatabases.fresh();
            a = GatewayProperties.start(node("jp-a", db, settings));
            b = GatewayProperties.start(node("jp-b", db, settings));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Properties node(String nodeId, GatewayConfig.Database db, Consumer<Properties> settings) {
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(), partner.baseUrl() + "/as4", db);
        p.setProperty("delivery.nodeId", nodeId);
        settings.accept(p);
        return p;
    }

    /** A node by its id, null once {@link #leave(String) left}. */
    public Gateway node(String nodeId) {
        return nodeId.equals("jp-a") ? a : b;
    }

    /** A CO submitted to {@code jp-a}; its tracking id. */
    public String submit(String certificateNumber) throws GatewayFault {
        SubmitCertificateRequest request = new SubmitCertificateRequest();
        request.setCertificateOfOrigin(Certificates.outbound(certificateNumber));
        return BackOfficeCaller.port(a.baseUrl(), GatewayProperties.CHAMBER, GatewayProperties.CHAMBER_PASSWORD)
                .submitCertificate(request).getReceipt().getTrackingId();
    }

    /** Stops one node; the other goes on. Returns the one that goes on. */
    public Gateway leave(String nodeId) {
        if (nodeId.equals("jp-a")) {
            a.close();
            a = null;
            return b;
        }
        b.close();
        b = null;
        return a;
    }

    @Override
    public void close() {
        for (Gateway g : new Gateway[] {a, b}) {
            if (g != null) {
                g.close();
            }
        }
        partner.stop();
    }
}
