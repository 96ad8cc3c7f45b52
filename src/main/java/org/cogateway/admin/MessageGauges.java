package org.cogateway.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Gauges computed from the database by one grouped query every {@code interval}, not per scrape
 * (a scrape must stay cheap however often Prometheus comes): messages by kind, direction, state and
 * partner; queue depth, sends in flight, FAILED ones and the age of the oldest undelivered per partner.
 * All nodes on one database show the same figures; they are the database's, not the node's.
 */
final class MessageGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageGauges.class);

    private final Jdbc jdbc;
    private final PartnerStatus partners;
    private final Clock clock;
    private final MultiGauge messages;
    private final MultiGauge queueDepth;
    private final MultiGauge inFlight;
    private final MultiGauge failed;
    private final MultiGauge oldest;
    private final ScheduledExecutorService timer = BackgroundThreads.single("admin-gauges");

    MessageGauges(DataSource dataSource, PartnerStatus partners, MeterRegistry registry, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
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
        record Count(String kind, String direction, String state, String partner, long n) {
        }
        List<Count> counts = new java.util.ArrayList<>(jdbc.query("SELECT kind, state, partner_id, COUNT(*) AS n"
                + " FROM transmission GROUP BY kind, state, partner_id", rs -> new Count(rs.getString("kind"),
                "outbound", rs.getString("state"), rs.getString("partner_id"), rs.getLong("n"))));
        counts.addAll(jdbc.query("SELECT action, state, partner_id, COUNT(*) AS n FROM inbound_message"
                + " GROUP BY action, state, partner_id", rs -> new Count(Actions.kindOf(rs.getString("action"))
                .map(Enum::name).orElse(rs.getString("action")), "inbound", rs.getString("state"),
                rs.getString("partner_id"), rs.getLong("n"))));
        List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
        for (Count c : counts) {
            rows.add(MultiGauge.Row.of(Tags.of("kind", c.kind(), "direction", c.direction(), "state", c.state(),
                    "partner", c.partner()), c.n()));
        }
        messages.register(rows, true);

        Map<String, PartnerStatus.Queue> queues = partners.queues();
        Instant now = clock.instant();
        queueDepth.register(rows(queues, q -> q.queued()), true);
        inFlight.register(rows(queues, q -> q.inFlight()), true);
        failed.register(rows(queues, q -> q.failed()), true);
        oldest.register(rows(queues, q -> q.oldestAge(now).toMillis() / 1000.0), true);
    }

    /** One row per configured partner (zero when nothing waits), so an empty queue shows as 0, not as no series. */
    private List<MultiGauge.Row<?>> rows(Map<String, PartnerStatus.Queue> queues,
                                         java.util.function.ToDoubleFunction<PartnerStatus.Queue> value) {
        List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
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
