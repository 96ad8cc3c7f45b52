package org.cogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.Test;

/**
 * samples/walkthrough.sh as a reader runs it after 'mvn package': both demo gateways as processes,
 * every sample request sent with curl as it is. Runs after packaging (see the pom's package-tests).
 */
class WalkthroughIT {

    @Test
    void theWalkthroughScriptPassesAgainstBothDemoGateways() throws Exception {
        Processes.Result r = Processes.run(Path.of("").toAbsolutePath(),
                Map.of("JP_HTTP_PORT", String.valueOf(TestGateways.freePort()),
                        "ID_HTTP_PORT", String.valueOf(TestGateways.freePort())),
                600, List.of("bash", "samples/walkthrough.sh"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("State: DELIVERED", "Outcome: FOUND", "Remaining: 600", "State: ACKNOWLEDGED",
                "CurrentStatus: CANCELLED", "Outcome: CONFIRMED", "walkthrough OK").doesNotContain("WALKTHROUGH FAILED");
    }
}
