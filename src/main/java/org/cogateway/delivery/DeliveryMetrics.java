package org.cogateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.cogateway.partner.Partner;

/** What the delivery worker shows on the metrics endpoint: polls, attempts by partner and outcome, sends in flight. */
final class DeliveryMetrics {
    private final MeterRegistry registry;
    private final Counter polls;

    DeliveryMetrics(MeterRegistry registry, IntSupplier inFlight) {
        this.registry = registry;
        this.polls = Counter.builder("cogateway.delivery.polls")
                .description("times the worker read the queue for due transmissions")
                .register(registry);
        Gauge.builder("cogateway.delivery.in.flight", inFlight::getAsInt)
                .description("sends in flight on this node")
                .register(registry);
    }

    void polled() {
        polls.increment();
    }

    /**
     * One attempt: counted by partner and outcome (retries, attempts after the first, apart), its send
     * time as a histogram, and for a delivered one the time from the submission to the receipt.
     */
    void attempted(Partner partner, ClaimedTransmission claim, SendOutcome outcome, Duration took) {
        Counter.builder("cogateway.delivery.attempts")
                .description("attempts to send a transmission, by partner and outcome")
                .tag("partner", partner.id())
                .tag("outcome", outcome.kind().name())
                .register(registry)
                .increment();
        if (claim.attempt() > 1) {
            Counter.builder("cogateway.delivery.retries")
                    .description("attempts after the first, by partner")
                    .tag("partner", partner.id())
                    .register(registry)
                    .increment();
        }
        Timer.builder("cogateway.delivery.send")
                .description("time to send one attempt and read the partner's answer, by partner and outcome")
                .tag("partner", partner.id())
                .tag("outcome", outcome.kind().name())
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        if (outcome.delivered()) {
            Timer.builder("cogateway.delivery.time.to.receipt")
                    .description("time from submission to the partner's verified receipt, by partner and kind")
                    .tag("partner", partner.id())
                    .tag("kind", claim.kind().name())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.between(claim.createdAt(), claim.claimedAt()).plus(took));
        }
    }
}
