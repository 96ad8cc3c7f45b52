package org.cogateway.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cogateway.as4.Actions;
import org.cogateway.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges computed from the database every {@code interval}, not per scrape (a scrape must stay cheap
 * however often Prometheus comes): messages by kind, direction, state and partner; queue depth, sends
 * in flight, FAILED ones and the age of the oldest undelivered per partner. All nodes on one database
 * show the same figures; they are the database's, not the node's. The counts are moved by the messages'
 * state changes since the last tick ({@link StateCounts}), not counted again: a grouped count of the
 * whole tables would read a million-row log every tick on every node.
 */
final class MessageGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageGauges.class);

    private final StateCounts transmissions;
    private final StateCounts inbound;
    private final PartnerStatus partners;
    private final Clock clock;
    private final MultiGauge messages;
    private final MultiGauge queueDepth;
    private final MultiGauge inFlight;
    private final MultiGauge failed;
    private final MultiGauge oldest;
    private final ScheduledExecutorService timer = BackgroundThreads.single("admin-gauges");

    MessageGauges(DataSource dataSource, PartnerStatus partners, MeterRegistry registry, Clock clock) {
        Jdbc jdbc = new Jdbc(dataSource);
        this.transmissions = new StateCounts(jdbc, StateCounts.History.TRANSMISSIONS, clock);
        this.inbound = new StateCounts(jdbc, StateCounts.History.INBOUND, clock);
        this.partners = partners;
        this.clock = clock;
        this.messages = MultiGauge.builder("cogateway.messages")
                .description("messages in the database by kind, direction, state and partner").register(registry);
        this.queueDepth = MultiGauge.builder("cogateway.queue.depth")
                .description("transmissions waiting to be sent (QUEUED, RETRY_WAIT), by partner").register(registry);
        this.inFlight = MultiGauge.builder("cogateway.queue.sending")
                .description("transmissions being sent (SENDING) on any node, by partner").register(registry);
        this.failed = MultiGauge.builder("cogateway.queue.failed")
                .description("transmissions FAILED and waiting for an operator, by partner").register(registry);
        this.oldest = MultiGauge.builder("cogateway.queue.oldest.undelivered")
                .description("age of the oldest transmission not yet delivered, by partner")
                .baseUnit("seconds").register(registry);
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // the database is away: the gauges keep their last figures, readiness says why
            log.warn("cannot sample the message gauges: {}", e.toString());
        }
    }

    void sample() {
        Map<StateCounts.Group, Long> outbound = transmissions.now();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        outbound.forEach((g, n) -> rows.add(row(g.kind(), "outbound", g, n)));
        inbound.now().forEach((g, n) -> rows.add(row(Actions.kindOf(g.kind()).map(Enum::name).orElse(g.kind()),
                "inbound", g, n)));
        Map<String, PartnerStatus.Queue> queues = queues(outbound);
        Instant now = clock.instant();

        // every query is done before any gauge moves, so a scrape between two registers sees one tick's
        // figures, not this tick's counts beside the last tick's oldest age
        messages.register(rows, true);
        queueDepth.register(rows(queues, q -> q.queued()), true);
        inFlight.register(rows(queues, q -> q.inFlight()), true);
        failed.register(rows(queues, q -> q.failed()), true);
        oldest.register(rows(queues, q -> q.oldestAge(now).toMillis() / 1000.0), true);
    }

    private static MultiGauge.Row<?> row(String kind, String direction, StateCounts.Group g, long n) {
        return MultiGauge.Row.of(Tags.of("kind", kind, "direction", direction, "state", g.state(),
                "partner", g.partner()), n);
    }

    /**
     * Each partner's queue from the counts just taken (what {@link PartnerStatus#queues} counts), and its
     * oldest undelivered transmission for those with any.
     */
    private Map<String, PartnerStatus.Queue> queues(Map<StateCounts.Group, Long> outbound) {
        Map<String, long[]> counts = new HashMap<>();
        outbound.forEach((g, n) -> {
            int slot = switch (g.state()) {
                case "QUEUED", "RETRY_WAIT" -> 0;
                case "SENDING" -> 1;
                case "FAILED" -> 2;
                default -> -1;
            };
            if (slot >= 0) {
                counts.computeIfAbsent(g.partner(), p -> new long[3])[slot] += n;
            }
        });
        Map<String, PartnerStatus.Queue> queues = new HashMap<>();
        counts.forEach((partner, c) -> queues.put(partner,
                new PartnerStatus.Queue(c[0], c[1], c[2], partners.oldestUndelivered(partner))));
        return queues;
    }

    /** One row per configured partner (zero when nothing waits), so an empty queue shows as 0, not as no series. */
    private List<MultiGauge.Row<?>> rows(Map<String, PartnerStatus.Queue> queues,
                                         java.util.function.ToDoubleFunction<PartnerStatus.Queue> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String id : partners.partnerIds()) {
            rows.add(MultiGauge.Row.of(Tags.of("partner", id),
                    value.applyAsDouble(queues.getOrDefault(id, PartnerStatus.Queue.EMPTY))));
        }
        return rows;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
