package org.cogateway.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cogateway.alerts.AlertStore.AttemptRow;
import org.cogateway.alerts.AlertStore.Reachability;
import org.cogateway.alerts.AlertStore.Receiver;
import org.cogateway.background.BackgroundThreads;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.delivery.Backoff;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts' entry point: checks the database and the key material every
 * {@code alert.checkInterval} ({@link AlertCheck}), takes failed-login reports from the login throttle
 * ({@link #failedLogins}) and ping outcomes ({@link #pinged}), logs every alert as one WARN line, and sends it to the kind's receivers
 * through the persisted outbox ({@link AlertDispatcher}).
 */
public final class Alerts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    static final String WEBHOOK = "WEBHOOK";
    static final String EMAIL = "EMAIL";

    private final AlertSettings settings;
    private final AlertStore store;
    private final AlertCheck check;
    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final String nodeId;
    private final ScheduledExecutorService scheduler;

    public Alerts(AlertSettings settings, Database db, GatewayCrypto crypto, PartnerDirectory partners,
                  String gatewayPartyId, String nodeId, Clock clock) {
        this.settings = settings;
        this.store = new AlertStore(db.dataSource());
        this.clock = clock;
        this.nodeId = nodeId;
        this.check = new AlertCheck(store, settings, WatchedCertificate.of(crypto, partners), this::receivers, clock,
                nodeId);
        Map<String, AlertChannel> channels = new HashMap<>();
        channels.put(WEBHOOK, new WebhookChannel(settings.webhookTimeout(), gatewayPartyId));
        if (settings.smtp() != null) {
            channels.put(EMAIL, new EmailChannel(settings.smtp(), settings.webhookTimeout(), gatewayPartyId));
        }
        // a send takes at most a connect and an answer timeout; the lease leaves room beyond that
        Duration lease = settings.webhookTimeout().multipliedBy(2).plusSeconds(30);
        this.dispatcher = new AlertDispatcher(store, channels, settings.retry(), new Backoff(new Random()), lease, clock,
                nodeId);
        this.scheduler = BackgroundThreads.single("alert-check");
    }

    /** Starts the periodic check and the outbox. */
    public void start() {
        dispatcher.start();
        long interval = settings.checkInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkLogged, 0, interval, TimeUnit.MILLISECONDS);
        log.info("alerts checked every {} on node {}", settings.checkInterval(), nodeId);
    }

    /**
     * Checks now: the history since the last check and every condition. The schedule calls it;
     * so may an operator's "check now".
     *
     * @return the alerts raised; none when another node was checking at that moment
     */
    public List<Alert> check() {
        List<Alert> raised = check.run();
        announce(raised);
        return raised;
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            // the schedule must go on: a database that is away now is checked again at the next interval
            log.warn("alert check failed on node {}: {}", nodeId, e.getMessage());
        }
    }

    /**
     * Reports failed logins in a row by {@code user} from {@code address}, as the login throttle
     * counts them. At {@code alert.failedLogins.threshold} failures, and at each multiple of it, one
     * FAILED_LOGINS alert is raised.
     *
     * @return the alert, or null when this count raises none (or the database could not store it: then
     *         it is only logged)
     */
    public Alert failedLogins(String user, String address, int count) {
        int threshold = settings.failedLoginsThreshold();
        if (!settings.enabled(AlertKind.FAILED_LOGINS) || count < threshold || count % threshold != 0) {
            return null;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String who = printable(user);
        String from = printable(address);
        Alert alert = new Alert(0, AlertStore.key("failedLogins", nodeId, who, from, Integer.toString(count),
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, now))), AlertKind.FAILED_LOGINS,
                Alert.Phase.RAISED, null, null, null, null, null,
                count + " failed logins in a row for user '" + who + "' from " + from, now, nodeId);
        Alert stored;
        try {
            stored = store.inTransaction(c -> store.insert(c, alert, receivers(AlertKind.FAILED_LOGINS)));
        } catch (AlertStore.AlertStoreException e) {
            // the login code must not fail on its report; the operator still sees the alert in the log
            log.warn("{} (not stored, so not sent: {})", alert.logLine(), e.getMessage());
            return null;
        }
        announce(List.of(stored));
        return stored;
    }

    /**
     * Reports the outcome of a ping (the ebMS test message) to a partner, which counts for its
     * reachability like a send attempt: a receipt ends a failing spell, no answer is a failure. The
     * next check raises or clears PARTNER_UNREACHABLE accordingly.
     */
    public void pinged(String partnerId, Instant startedAt, SendOutcome outcome) {
        AttemptRow ping = new AttemptRow(0, partnerId, startedAt, startedAt, outcome.kind().name(), outcome.httpStatus());
        store.inTransaction(c -> {
            // under the check's lock: a check running now would otherwise write back what it read before
            store.awaitCheckLock(c);
            Reachability before = store.reachability(c).getOrDefault(partnerId, Reachability.UNKNOWN);
            Reachability after = AlertCheck.apply(before, ping);
            if (!after.equals(before)) {
                store.saveReachability(c, partnerId, after);
            }
            return after;
        });
    }

    /** The newest alerts, newest first. */
    public List<Alert> recent(int limit) {
        return store.inTransaction(c -> store.recent(c, limit));
    }

    private void announce(List<Alert> alerts) {
        for (Alert alert : alerts) {
            log.warn("{}", alert.logLine());
        }
        if (!alerts.isEmpty()) {
            dispatcher.wakeUp();
        }
    }

    private List<Receiver> receivers(AlertKind kind) {
        AlertSettings.Receivers r = settings.receivers(kind);
        List<Receiver> receivers = new ArrayList<>();
        if (r.webhook() != null) {
            receivers.add(new Receiver(WEBHOOK, r.webhook().toString()));
        }
        r.email().forEach(address -> receivers.add(new Receiver(EMAIL, address)));
        return receivers;
    }

    /** What a caller typed, made safe for a log line and an e-mail: no control characters, at most 64 characters. */
    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 63) + "…";
    }

    /** Stops the check and the outbox; what is not sent yet stays in the outbox for the next start. */
    @Override
    public void close() {
        BackgroundThreads.stop(scheduler);
        dispatcher.stop(settings.webhookTimeout().multipliedBy(2));
    }
}
