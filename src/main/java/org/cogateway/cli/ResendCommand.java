package org.cogateway.cli;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Callable;
import org.cogateway.config.GatewayConfig;
import org.cogateway.delivery.Backoff;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "resend", mixinStandardHelpOptions = true,
        description = "Puts FAILED transmissions back in the queue with their MessageId unchanged (the partner "
                + "drops a copy it already has) and the partner's full retry policy. A running gateway on the same "
                + "database sends them at its next poll.")
final class ResendCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "TRACKING_ID", arity = "1..*", description = "Tracking ids of FAILED transmissions.")
    java.util.List<String> trackingIds;

    @Override
    public Integer call() {
        GatewayConfig cfg = config.load();
        int refused = 0;
        try (Database db = Database.open(cfg.database())) {
            OutboundQueue queue = new OutboundQueue(db, Clock.systemUTC(), new Backoff(new Random()), cfg.partners());
            for (String id : trackingIds) {
                if (queue.resend(id)) {
                    System.out.println(id + ": queued again");
                } else {
                    System.out.println(id + ": not resent (unknown, or not FAILED)");
                    refused++;
                }
            }
        }
        return refused == 0 ? 0 : 1;
    }
}
