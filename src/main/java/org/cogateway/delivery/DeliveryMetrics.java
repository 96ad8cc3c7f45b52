package org.cogateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

    void attempted(Partner partner, SendOutcome outcome) {
        Counter.builder("cogateway.delivery.attempts")
                .description("attempts to send a transmission, by partner and outcome")
                .tag("partner", partner.id())
                .tag("outcome", outcome.kind().name())
                .register(registry)
                .increment();
    }
}
