package org.cogateway.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.cogateway.Gateway;
import org.cogateway.testing.SharedDatabaseNodes;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two JP nodes on one database, both checking every 20 ms: a FAILED transmission is alerted and posted once. */
class SharedDatabaseAlertTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private SharedDatabaseNodes nodes;
    private WireMockServer hook;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
        if (hook != null) {
            hook.stop();
        }
    }

    @Test
    void twoNodesAlertAFailureOnce() throws Exception {
        hook = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        hook.start();
        hook.stubFor(post(urlEqualTo("/alerts")).willReturn(aResponse().withStatus(200)));
        nodes = new SharedDatabaseNodes(p -> {
            p.setProperty("alert.checkInterval", "20ms");
            p.setProperty("alert.webhook.url", hook.baseUrl() + "/alerts");
        });
        Gateway a = nodes.node("jp-a");
        String trackingId = nodes.submit("JP-ALN-" + System.currentTimeMillis() % 100_000);

        await().atMost(WAIT).untilAsserted(() -> hook.verify(1, postRequestedFor(urlEqualTo("/alerts"))
                .withRequestBody(matchingJsonPath("$.trackingId", equalTo(trackingId)))));
        // both nodes go on checking, taking turns on the check row's lock
        Set<Object> checkers = new HashSet<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            checkers.add(TestGateways.queryRow(a, "SELECT checked_by FROM alert_check").get("checked_by"));
            return checkers.size() == 2;
        });
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);

        assertThat(checkers).containsExactlyInAnyOrder("jp-a", "jp-b");
        assertThat(AlertRows.alerts(a)).extracting(AlertRows.Row::kindPhase).containsExactly("MESSAGE_FAILED RAISED");
        assertThat(AlertRows.deliveries(a)).singleElement().satisfies(d -> assertThat(d.state()).isEqualTo("DELIVERED"));
        hook.verify(1, postRequestedFor(urlEqualTo("/alerts")));
    }
}
