package org.cogateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cogateway.background.BackgroundThreads;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.store.PartnerLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings (ebMS test service) a partner nothing has gone to or come from for half its
 * {@code quietAfter}, so that QueryCertificate knows the link's state without traffic. A node pings
 * only what it claimed in the database ({@link PartnerLinks#claimPing}), so of several nodes one pings.
 */
public final class QuietPartnerPinger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuietPartnerPinger.class);
    private static final Duration MIN_CHECK = Duration.ofMillis(200);
    private static final Duration MAX_CHECK = Duration.ofSeconds(30);

    /** What a ping's outcome is also reported to (the alerts' reachability). */
    public interface Listener {
        void pinged(String partnerId, Instant startedAt, SendOutcome outcome);
    }

    private final PartnerDirectory partners;
    private final PartnerLinks links;
    private final Function<Partner, SendOutcome> ping;
    private final Listener listener;
    private final Clock clock;
    private final String nodeId;
    private final ScheduledExecutorService scheduler;

    public QuietPartnerPinger(PartnerDirectory partners, PartnerLinks links, Function<Partner, SendOutcome> ping,
                              Listener listener, Clock clock, String nodeId) {
        this.partners = partners;
        this.links = links;
        this.ping = ping;
        this.listener = listener;
        this.clock = clock;
        this.nodeId = nodeId;
        this.scheduler = BackgroundThreads.single("quiet-partner-pinger");
    }

    /** Checks every quarter of the shortest quietAfter (between 200 ms and 30 s). */
    public void start() {
        if (partners.all().isEmpty()) {
            return;
        }
        Duration shortest = partners.all().stream().map(Partner::quietAfter).min(Duration::compareTo).orElseThrow();
        Duration interval = clamp(shortest.dividedBy(4));
        scheduler.scheduleWithFixedDelay(this::checkLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("quiet partners checked every {} on node {}", interval, nodeId);
    }

    /** One round: pings each partner that is quiet and whose ping this node claimed. */
    public void check() {
        for (Partner p : partners.all()) {
            Instant now = clock.instant();
            Duration half = p.quietAfter().dividedBy(2);
            Instant last = links.facts(p.id()).lastContactAt();
            if (last != null && Duration.between(last, now).compareTo(half) < 0) {
                continue;
            }
            if (!links.claimPing(p.id(), now, now.plus(half), nodeId)) {
                continue;
            }
            SendOutcome outcome = ping.apply(p);
            Instant done = clock.instant();
            links.recordPing(p.id(), done, outcome.delivered() ? null : outcome.kind() + ": " + outcome.reason());
            if (!outcome.delivered()) {
                log.info("ping of quiet partner {} failed: {}", p.id(), outcome.reason());
            }
            listener.pinged(p.id(), now, outcome);
        }
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            // the schedule goes on: a database away now is tried again at the next round
            log.warn("quiet-partner check failed on node {}: {}", nodeId, e.getMessage());
        }
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MIN_CHECK) < 0 ? MIN_CHECK : d.compareTo(MAX_CHECK) > 0 ? MAX_CHECK : d;
    }

    @Override
    public void close() {
        BackgroundThreads.stop(scheduler);
    }
}
