package org.cogateway.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cogateway.config.Durations;
import org.cogateway.testing.TwoNodeCluster;

/**
 * The soak run of issue 4 (not part of the test suite): N COs submitted through the back-office of
 * two JP nodes (separate JVMs, one MariaDB database) to the ID gateway behind a line that fails at
 * random, while the nodes are killed with SIGKILL and restarted; then it waits until nothing is
 * undelivered and prints what arrived. Exit code 0 only when every CO submitted was delivered and
 * stored exactly once by the partner. Needs the MariaDB of the tests (.ci/run sets it up):
 *
 * <pre>
 * scripts/soak.sh --count 10000 --fault-rate 0.2 --kills 3
 * </pre>
 *
 * Options: {@code --count} (10000), {@code --fault-rate} (0.2), {@code --kills} (3), {@code --clients}
 * (8 submitting threads), {@code --timeout} (60m, for the whole run), {@code --seed} (1).
 */
public final class Soak {
    private int count = 10_000;
    private double faultRate = 0.2;
    private int kills = 3;
    private int clients = 8;
    private Duration timeout = Duration.ofMinutes(60);
    private long seed = 1;

    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicLong submitRetries = new AtomicLong();
    private final Set<String> numbers = ConcurrentHashMap.newKeySet();
    private final List<String> killLog = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (System.getProperty("test.db") == null) {
            System.setProperty("test.db", "mariadb");
        }
        // the partner gateway runs in this JVM: its line per message would drown the figures
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Soak soak = new Soak();
        soak.parse(args);
        int exit = soak.run();
        System.exit(exit);
    }

    private void parse(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(value);
                case "--fault-rate" -> faultRate = Double.parseDouble(value);
                case "--kills" -> kills = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--timeout" -> timeout = Durations.parse("--timeout", value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
    }

    private int run() throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        say("soak: %d COs, fault rate %.2f, %d kills, %d clients, %d CPUs", count, faultRate, kills, clients,
                Runtime.getRuntime().availableProcessors());
        Instant deadline = Instant.now().plus(timeout);
        try (TwoNodeCluster cluster = new TwoNodeCluster(faultRate, Duration.ZERO, seed, (node, p) -> {
            p.setProperty("delivery.workers", "8");
            p.setProperty("delivery.perPartnerLimit", "8");
            p.setProperty("db.poolSize", "12");
            p.setProperty("partner.ID.connectTimeout", "2s");
            p.setProperty("partner.ID.readTimeout", "10s");
            // a fifth of all requests fail: three attempts would leave ~1 % FAILED; the policy is generous
            p.setProperty("partner.ID.retry.maxAttempts", "30");
            p.setProperty("partner.ID.retry.initialBackoff", "200ms");
            p.setProperty("partner.ID.retry.maxBackoff", "2s");
            p.setProperty("delivery.leaseMargin", "5s");
        })) {
            say("nodes up: jp-a %s, jp-b %s; partner ID %s behind %s; logs in %s", cluster.node(0).baseUrl(),
                    cluster.node(1).baseUrl(), cluster.partner().baseUrl(), cluster.proxy().url("/as4"), cluster.dir());
            Instant start = Instant.now();
            ExecutorService submitters = submitAll(cluster, run);
            killAndRestart(cluster, deadline);
            submitters.shutdown();
            if (!submitters.awaitTermination(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS)) {
                say("submissions did not finish in time");
            }
            while (cluster.undelivered() > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1_000);
            }
            Duration wall = Duration.between(start, Instant.now());
            return report(cluster, wall);
        }
    }

    /** Client threads submit COs to the two nodes in turn; a node that is down gets the CO at the other. */
    private ExecutorService submitAll(TwoNodeCluster cluster, String run) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String number = "JP-SOAK-" + run + "-" + i;
                    if (submit(cluster, i % 2, number)) {
                        numbers.add(number);
                        submitted.incrementAndGet();
                    }
                }
            });
        }
        return pool;
    }

    /**
     * Submits one CO, at the other node while one is down. Submitting the same CO again is
     * idempotent (the same tracking id), so a submission whose answer was lost is simply repeated.
     */
    private boolean submit(TwoNodeCluster cluster, int node, String number) {
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                cluster.submit((node + attempt) % 2, number);
                return true;
            } catch (Exception e) {
                submitRetries.incrementAndGet();
                sleep(250);
            }
        }
        say("gave up submitting %s", number);
        return false;
    }

    /** Kills a node (jp-a, jp-b, jp-a, ...) mid-send at evenly spaced points of the run, and restarts it at once. */
    private void killAndRestart(TwoNodeCluster cluster, Instant deadline) {
        for (int k = 0; k < kills; k++) {
            long due = (long) count * (k + 1) / (kills + 1);
            while (delivered(cluster) < due && Instant.now().isBefore(deadline)) {
                sleep(500);
            }
            int index = k % 2;
            String node = cluster.node(index).name();
            Instant waitForSend = Instant.now().plusSeconds(10);
            while (cluster.inFlight(node) == 0 && Instant.now().isBefore(waitForSend)) {
                sleep(5);
            }
            long inFlight = cluster.inFlight(node);
            cluster.node(index).kill();
            Instant killed = Instant.now();
            cluster.node(index).start();
            String line = String.format("kill %d: %s killed with %d send(s) in flight after %d delivered; back in %d ms",
                    k + 1, node, inFlight, delivered(cluster), Duration.between(killed, Instant.now()).toMillis());
            killLog.add(line);
            say(line);
        }
    }

    private static long delivered(TwoNodeCluster cluster) {
        return cluster.jp().count("SELECT COUNT(*) FROM transmission WHERE state IN ('DELIVERED', 'ACKNOWLEDGED')");
    }

    private int report(TwoNodeCluster cluster, Duration wall) {
        long delivered = delivered(cluster);
        long failed = cluster.jp().count("SELECT COUNT(*) FROM transmission WHERE state IN ('FAILED', 'REJECTED')");
        long undelivered = cluster.undelivered();
        Set<String> arrived = new HashSet<>(cluster.id().column(
                "SELECT certificate_number FROM certificate WHERE direction = 'INBOUND'"));
        long lost = numbers.stream().filter(n -> !arrived.contains(n)).count();
        long duplicates = cluster.duplicatesAtPartner();
        long stored = cluster.inboundMessages();
        long forwarded = cluster.proxy().forwarded();
        long attempts = cluster.jp().count("SELECT COUNT(*) FROM transmission_attempt");
        List<Long> latencies = cluster.jp().column("SELECT TIMESTAMPDIFF(MICROSECOND, t.created_at, e.at) FROM transmission t"
                + " JOIN transmission_event e ON e.transmission_id = t.id AND e.state = 'DELIVERED'").stream()
                .map(v -> Long.parseLong(v) / 1000).sorted().toList();
        double seconds = wall.toMillis() / 1000.0;

        say("---- soak result ----");
        say("submitted                         %d (%d submission retries while a node was down)", submitted.get(),
                submitRetries.get());
        say("delivered                         %d", delivered);
        say("failed (FAILED/REJECTED)          %d", failed);
        say("still undelivered                 %d", undelivered);
        say("lost (submitted, not at ID)       %d", lost);
        say("duplicates at ID's back-office    %d (inbound certificate rows per number+version > 1)", duplicates);
        say("stored at ID                      %d certificates, %d user messages", arrived.size(), stored);
        say("MSH-level duplicates eliminated   %d (%d user messages forwarded to ID, %d distinct)", forwarded - stored,
                forwarded, stored);
        say("attempts total                    %d (%s)", attempts,
                cluster.jp().rows("SELECT outcome, COUNT(*) FROM transmission_attempt GROUP BY outcome ORDER BY outcome"));
        say("line                              %s", cluster.proxy().summary());
        say("kills                             %d", killLog.size());
        killLog.forEach(l -> say("                                  %s", l));
        say("wall time                         %.1f s", seconds);
        say("throughput                        %.1f COs/s delivered", delivered / seconds);
        say("submit-to-delivered latency       p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", percentile(latencies, 50),
                percentile(latencies, 95), percentile(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1));
        boolean ok = lost == 0 && duplicates == 0 && failed == 0 && undelivered == 0 && delivered == submitted.get()
                && submitted.get() == count;
        say(ok ? "OK: every CO delivered, none lost, none duplicated" : "NOT OK: something was lost, failed or duplicated");
        return ok ? 0 : 1;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static void say(String format, Object... args) {
        System.out.printf("%s %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
        System.out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
