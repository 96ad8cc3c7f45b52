package org.cogateway.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.cogateway.as4.As4Client;
import org.cogateway.config.GatewayConfig;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Sends the ebMS test message (signed and encrypted like any other) to a partner and reports "
                + "the outcome and the round-trip time. Exit code 0 when a valid receipt came back.")
final class PingCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "PARTNER", description = "The partner's id in the configuration (partner.<id>.*).")
    String partnerId;

    @Override
    public Integer call() {
        GatewayConfig cfg = config.load();
        Partner partner = cfg.partners().byId(partnerId).orElse(null);
        if (partner == null) {
            System.err.println("no partner '" + partnerId + "'; configured: "
                    + String.join(", ", cfg.partners().all().stream().map(Partner::id).toList()));
            return 2;
        }
        As4Client client = new As4Client(cfg.identity(), new GatewayCrypto(cfg.keys()), Clock.systemUTC());
        long start = System.nanoTime();
        SendOutcome outcome = client.ping(partner);
        Duration rtt = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("ping %s (%s) at %s: %s in %d ms%s%n", partner.id(), partner.partyId(), partner.endpoint(),
                outcome.kind(), rtt.toMillis(), outcome.delivered() ? "" : " - " + outcome.reason()
                        + (outcome.httpStatus() == null ? "" : " (HTTP " + outcome.httpStatus() + ")"));
        return outcome.delivered() ? 0 : 1;
    }
}
