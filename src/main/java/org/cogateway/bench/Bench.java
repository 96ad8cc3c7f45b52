package org.cogateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.cogateway.Gateway;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.partner.Profile;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.SampleCertificate;
import org.cogateway.security.GatewayCrypto;

/**
 * The {@code bench} program: the JP and ID demo gateways as two separate JVMs on loopback, each with
 * a fresh database (embedded H2 in a temporary directory, or its own schema on a MariaDB server),
 * COs submitted to JP over the back-office API and followed until DELIVERED, and the figures an
 * operator sizes a machine with. In backlog mode JP first queues every CO while its delivery is off
 * and ID is not running (a partner that was down), then both run and the queue drains. Everything
 * it made (data directories, schemas, processes) is removed at the end, also after a failure.
 */
public final class Bench {
    private static final String CHAMBER = "jp-chamber";
    private static final String CHAMBER_PASSWORD = "jp-chamber-demo";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * @param count       COs measured (in backlog mode: queued, then drained)
     * @param concurrency submitting clients
     * @param loadConcurrency submitting clients while a backlog is queued (delivery off)
     * @param rate        offered COs per second (open loop); 0 for the closed loop
     * @param items       goods items per CO
     * @param warmup      COs sent and delivered before measuring (not in backlog mode)
     * @param backlog     backlog mode
     * @param dbUrl       a MariaDB server ({@code jdbc:mariadb://host:port/}); null for the embedded H2
     * @param jvmOptions  options of both gateway JVMs (heap size)
     * @param jpSettings  settings given to JP on top of its demo configuration
     * @param jfrDir      where each gateway writes a Flight Recorder file; null for none
     * @param profile     the eDelivery AS4 profile both gateways agree on
     * @param target      gateways that already run ({@code --target}); null to start two
     */
    public record Options(int count, int concurrency, int loadConcurrency, double rate, int items, int warmup, boolean backlog,
                          String dbUrl, String dbUser, String dbPassword, List<String> jvmOptions,
                          Map<String, String> jpSettings, Duration ceilingTime, Duration timeout, Path jfrDir,
                          boolean keepData, Profile profile, Target target) {
    }

    /**
     * The settings that put the sample configuration's partner {@code partnerId} (JP or ID) on
     * {@code profile}: for as4-2.0 its Ed25519 and X25519 certificates of the sample truststores
     * (aliases {@code <id>-ed25519}, {@code <id>-x25519}); nothing for the default as4-1.15.
     */
    public static Map<String, String> sampleProfileSettings(String partnerId, Profile profile) {
        if (profile == Profile.AS4_1_15) {
            return Map.of();
        }
        String p = "partner." + partnerId + ".";
        String alias = partnerId.toLowerCase(Locale.ROOT);
        return Map.of(p + "profile", profile.id(), p + "signingCertAlias", alias + "-ed25519",
                p + "encryptionCertAlias", alias + "-x25519");
    }

    /**
     * A JP and an ID gateway that already run, JP's back-office at {@code jpBaseUrl} (e.g.
     * {@code http://127.0.0.1:8080}) with ID as its partner; the bench submits there as {@code user}.
     * CPU and resident memory are read only for the process ids given (gateways on this machine), heap
     * never (there is no GC log of a JVM the bench did not start).
     */
    public record Target(String jpBaseUrl, Long jpPid, Long idPid, String user, String password) {
    }

    private final Options options;
    private final PrintStream out;
    private final Instant deadline;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
    private Path dir;
    private final List<String> schemas = new ArrayList<>();
    private final List<GatewayProcess> started = new ArrayList<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private volatile boolean keepDataOfFailedStart;

    public Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.deadline = Instant.now().plus(options.timeout());
    }

    /** Runs the benchmark; 0 when every CO was delivered in time. */
    public int run() throws Exception {
        dir = Files.createTempDirectory("co-gateway-bench");
        if (options.jfrDir() != null) {
            // the JVM refuses to start when the recording's directory is missing
            Files.createDirectories(options.jfrDir());
        }
        // Ctrl-C or a kill must not leave schemas and data behind either
        Thread onExit = new Thread(this::cleanUp, "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            if (options.target() != null) {
                say("bench: from an empty queue, %d COs of %d goods items, %s; running gateways, JP at %s (CPU and"
                                + " RSS %s, heap not measured); %d CPUs", options.count(), options.items(), load(),
                        options.target().jpBaseUrl(), options.target().jpPid() == null && options.target().idPid() == null
                                ? "not measured: no --target-pids" : "of the processes given",
                        Runtime.getRuntime().availableProcessors());
            } else {
                say("bench: %s, %d COs of %d goods items, %s, %s, profile %s; %d CPUs; gateways' data in %s",
                        options.backlog() ? "backlog" : "from an empty queue", options.count(), options.items(), load(),
                        options.dbUrl() == null ? "embedded H2" : "MariaDB " + serverUrl(), options.profile(),
                        Runtime.getRuntime().availableProcessors(), dir);
            }
            boolean ok = options.backlog() ? backlog() : emptyQueue();
            ceiling();
            return ok ? 0 : 1;
        } finally {
            cleanUp();
            Runtime.getRuntime().removeShutdownHook(onExit);
        }
    }

    private String load() {
        return options.rate() > 0
                ? String.format("offered %.1f CO/s (open loop, %d clients)", options.rate(), options.concurrency())
                : "closed loop at concurrency " + options.concurrency();
    }

    private boolean emptyQueue() throws Exception {
        String jp;
        NodeFigures jpFigures;
        NodeFigures idFigures;
        if (options.target() != null) {
            jp = options.target().jpBaseUrl();
            jpFigures = NodeFigures.ofRunning("jp", options.target().jpPid());
            idFigures = NodeFigures.ofRunning("id", options.target().idPid());
        } else {
            int jpPort = GatewayProcess.freePort();
            int idPort = GatewayProcess.freePort();
            GatewayProcess id = start("id", node("id", idPort, jpPort, Map.of()));
            GatewayProcess jpNode = start("jp", node("jp", jpPort, idPort, options.jpSettings()));
            jp = jpNode.baseUrl();
            jpFigures = figures(jpNode);
            idFigures = figures(id);
        }
        Submitter submitter = new Submitter(jp, user(), password(),
                SampleCertificate.withItems(new CertificateDocuments(), options.items()), "JP-B" + run + "-");
        if (options.warmup() > 0) {
            say("warm-up: %d COs", options.warmup());
            Submitter warm = new Submitter(jp, user(), password(),
                    SampleCertificate.withItems(new CertificateDocuments(), options.items()), "JP-W" + run + "-");
            Deliveries warmed = new Deliveries(options.warmup());
            Thread follower = follow(warmed, jp);
            warm.submitAll(warmed, options.concurrency(), 0);
            awaitSettled(warmed, follower, jpFigures, idFigures, "warm-up");
        }
        Deliveries deliveries = new Deliveries(options.count());
        Duration jpCpu = jpFigures.cpu();
        Duration idCpu = idFigures.cpu();
        Thread follower = follow(deliveries, jp);
        long[] submitLatencies = submitter.submitAll(deliveries, options.concurrency(), options.rate());
        boolean complete = awaitSettled(deliveries, follower, jpFigures, idFigures, "run");
        report(deliveries, submitLatencies, jpFigures, jpCpu, idFigures, idCpu);
        stopAll();
        return complete && deliveries.failed() == 0 && deliveries.refusedCount() == 0;
    }

    private boolean backlog() throws Exception {
        int jpPort = GatewayProcess.freePort();
        int idPort = GatewayProcess.freePort();
        Map<String, String> loading = new HashMap<>(options.jpSettings());
        loading.put("delivery.enabled", "false");
        // a connection for each loading client: with the default pool of 10, 32 clients on a cold JVM waited past
        // the pool's timeout and some submissions were refused (INTERNAL_ERROR, nothing stored)
        loading.putIfAbsent("db.poolSize", Integer.toString(Math.max(10, options.loadConcurrency())));
        GatewayProcess jpLoading = start("jp-load", node("jp-load", jpPort, idPort, loading));
        Submitter submitter = new Submitter(jpLoading.baseUrl(), user(), password(),
                SampleCertificate.withItems(new CertificateDocuments(), options.items()), "JP-Q" + run + "-");
        Deliveries deliveries = new Deliveries(options.count());
        say("queueing %d COs at JP with ID down, %d clients", options.count(), options.loadConcurrency());
        Instant loadStart = Instant.now();
        long[] submitLatencies = submitter.submitAll(deliveries, options.loadConcurrency(), 0);
        double loadSeconds = Duration.between(loadStart, Instant.now()).toMillis() / 1000.0;
        say("queued %d COs in %.0f s (%.1f CO/s; submit p50 %s, p99 %s); JP peak RSS %d MiB", submitLatencies.length,
                loadSeconds, submitLatencies.length / loadSeconds, ms(percentile(submitLatencies, 50) / 1e6),
                ms(percentile(submitLatencies, 99) / 1e6), figures(jpLoading).peakRssMib());
        jpLoading.stop();
        say("ID up, JP restarted with delivery on: draining");
        GatewayProcess id = start("id", node("id", idPort, jpPort, Map.of()));
        GatewayProcess jp = start("jp", node("jp", jpPort, idPort, options.jpSettings()));
        NodeFigures jpFigures = figures(jp);
        NodeFigures idFigures = figures(id);
        Duration jpCpu = jpFigures.cpu();
        Duration idCpu = idFigures.cpu();
        Thread follower = follow(deliveries, jp.baseUrl());
        boolean complete = awaitSettled(deliveries, follower, jpFigures, idFigures, "drain");
        reportDrain(deliveries, jpFigures, jpCpu, idFigures, idCpu);
        stopAll();
        return complete && deliveries.failed() == 0 && deliveries.refusedCount() == 0;
    }

    private String user() {
        return options.target() != null ? options.target().user() : CHAMBER;
    }

    private String password() {
        return options.target() != null ? options.target().password() : CHAMBER_PASSWORD;
    }

    private Thread follow(Deliveries deliveries, String jpBaseUrl) {
        Thread follower = new Thread(() -> deliveries.follow(jpBaseUrl, user(), password()), "bench-follower");
        follower.setDaemon(true);
        follower.start();
        return follower;
    }

    /** Waits until every CO is settled, printing a progress line; false when the run's time ran out. */
    private boolean awaitSettled(Deliveries deliveries, Thread follower, NodeFigures jp, NodeFigures id, String phase)
            throws InterruptedException {
        Instant start = Instant.now();
        int before = deliveries.settled();
        Duration jpCpu = jp.cpu();
        Duration idCpu = id.cpu();
        while (true) {
            follower.join(PROGRESS_EVERY.toMillis());
            if (!follower.isAlive()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                deliveries.stop();
                say("time is up (--timeout): %d of %d settled", deliveries.settled(), deliveries.count());
                return false;
            }
            int now = deliveries.settled();
            Duration jpNow = jp.cpu();
            Duration idNow = id.cpu();
            // CPU per CO over the last interval: what a CO costs, whatever else the machine is running
            say("%s %4ds: %d/%d delivered, %.1f CO/s; JP %s; ID %s",
                    phase, Duration.between(start, Instant.now()).toSeconds(), now, deliveries.count(),
                    (now - before) / (double) PROGRESS_EVERY.toSeconds(), progress(jp, jpNow.minus(jpCpu), now - before),
                    progress(id, idNow.minus(idCpu), now - before));
            before = now;
            jpCpu = jpNow;
            idCpu = idNow;
        }
    }

    private static String progress(NodeFigures node, Duration cpu, int cos) {
        if (!node.measured()) {
            return "CPU and memory not measured";
        }
        if (!node.heapMeasured()) {
            return perCo(cpu, cos) + " CPU/CO, RSS " + node.rssMib() + " MiB, heap not measured";
        }
        NodeFigures.Heap heap = node.heap();
        return perCo(cpu, cos) + " CPU/CO, RSS " + node.rssMib() + " MiB, heap after GC " + heap.afterGcMib()
                + " MiB, live " + NodeFigures.Heap.mib(heap.liveMib());
    }

    private void report(Deliveries deliveries, long[] submitLatencies, NodeFigures jp, Duration jpCpuBefore,
                        NodeFigures id, Duration idCpuBefore) {
        long[] delivered = deliveries.deliveryTimesMicros();
        long[] latencies = deliveries.deliveryLatenciesMillis();
        double seconds = delivered.length == 0 ? 0 : (delivered[delivered.length - 1] - deliveries.firstSubmittedMicros()) / 1e6;
        say("---- result: %d COs of %d goods items, %s, %s ----", options.count(), options.items(), load(),
                options.target() != null ? "running gateways" : options.dbUrl() == null ? "H2" : "MariaDB");
        say("delivered              %d (failed %d, refused at submission %d)", delivered.length, deliveries.failed(),
                deliveries.refusedCount());
        throughput = delivered.length / seconds;
        say("end to end             %.1f CO/s (first submission to last DELIVERED: %.1f s)", throughput, seconds);
        say("submit latency         p50 %s  p95 %s  p99 %s", ms(percentile(submitLatencies, 50) / 1e6),
                ms(percentile(submitLatencies, 95) / 1e6), ms(percentile(submitLatencies, 99) / 1e6));
        say("submit -> DELIVERED    p50 %s  p95 %s  p99 %s", ms(percentile(latencies, 50)), ms(percentile(latencies, 95)),
                ms(percentile(latencies, 99)));
        resources(deliveries, jp, jpCpuBefore, id, idCpuBefore);
    }

    private void reportDrain(Deliveries deliveries, NodeFigures jp, Duration jpCpuBefore, NodeFigures id,
                             Duration idCpuBefore) {
        long[] delivered = deliveries.deliveryTimesMicros();
        say("---- result: a backlog of %d COs of %d goods items drained, %s ----", options.count(), options.items(),
                options.dbUrl() == null ? "H2" : "MariaDB");
        say("delivered              %d (failed %d, refused at submission %d)", delivered.length, deliveries.failed(),
                deliveries.refusedCount());
        if (delivered.length >= 20) {
            int tenth = delivered.length / 10;
            double first = rate(delivered, 0, tenth);
            double last = rate(delivered, delivered.length - 1 - tenth, delivered.length - 1);
            throughput = rate(delivered, 0, delivered.length - 1);
            say("drain rate             %.1f CO/s overall; first 10 %%: %.1f CO/s, last 10 %%: %.1f CO/s (last/first %.2f)",
                    throughput, first, last, last / first);
        }
        resources(deliveries, jp, jpCpuBefore, id, idCpuBefore);
    }

    private double throughput;

    /** COs per second between the {@code from}th and the {@code to}th delivery. */
    private static double rate(long[] times, int from, int to) {
        return (to - from) / ((times[to] - times[from]) / 1e6);
    }

    private void resources(Deliveries deliveries, NodeFigures jp, Duration jpCpuBefore, NodeFigures id,
                           Duration idCpuBefore) {
        int n = Math.max(1, deliveries.deliveryTimesMicros().length);
        say("attempts per CO        %.2f", deliveries.attemptsPerDelivered());
        say("CPU per CO             JP %s, ID %s", cpuPerCo(jp, jpCpuBefore, n), cpuPerCo(id, idCpuBefore, n));
        for (NodeFigures node : List.of(jp, id)) {
            if (!node.measured()) {
                say("memory %-3s             not measured (no process id: --target-pids)", node.name().toUpperCase());
                continue;
            }
            if (!node.heapMeasured()) {
                say("memory %-3s             peak RSS %d MiB (heap not measured: the bench did not start this JVM)",
                        node.name().toUpperCase(), node.peakRssMib());
                continue;
            }
            NodeFigures.Heap heap = node.heap();
            say("memory %-3s             peak heap used %d MiB, largest heap after a GC %d MiB, live (after the old"
                            + " generation's collections) largest %s, last %s, %d full GCs, peak RSS %d MiB",
                    node.name().toUpperCase(), heap.peakUsedMib(), heap.maxAfterGcMib(), NodeFigures.Heap.mib(heap.maxLiveMib()),
                    NodeFigures.Heap.mib(heap.liveMib()), heap.fullCollections(), node.peakRssMib());
        }
    }

    private static String cpuPerCo(NodeFigures node, Duration before, int cos) {
        return node.measured() ? String.format("%.1f ms", (node.cpu().minus(before).toNanos() / 1e6) / cos) : "not measured";
    }

    /** The private-key ceiling, measured when the gateways have stopped so that they do not share the CPUs. */
    private void ceiling() throws InterruptedException {
        if (options.ceilingTime().isZero()) {
            return;
        }
        GatewayCrypto jp = new GatewayCrypto(config("gateway-jp.properties").keys());
        GatewayCrypto id = new GatewayCrypto(config("gateway-id.properties").keys());
        KeyCeiling keys = new KeyCeiling(jp, id, options.profile());
        double ceiling = keys.exchangesPerSecond(options.ceilingTime());
        say("key ceiling            %.0f exchanges/s (%s with the gateways' keys, %d threads); the gateways reached"
                + " %.1f %% of it", ceiling, keys.operations(), Runtime.getRuntime().availableProcessors(),
                100 * throughput / ceiling);
        say("key CPU per exchange   %.2f ms (thread CPU time of those operations, %s)", keys.cpuMillisPerExchange(),
                options.profile());
    }

    private static GatewayConfig config(String file) {
        return GatewayConfig.from(Settings.load(Path.of("config", file), Map.of()));
    }

    /**
     * A gateway's configuration: its demo file from config/ (paths made absolute), on {@code port},
     * its partner on {@code partnerPort}, its own data directory and database, and {@code settings}.
     */
    private Properties node(String name, int port, int partnerPort, Map<String, String> settings) throws IOException {
        boolean jp = name.startsWith("jp");
        Path file = Path.of("config", jp ? "gateway-jp.properties" : "gateway-id.properties").toAbsolutePath();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith(".path")) {
                p.setProperty(key, file.getParent().resolve(p.getProperty(key)).normalize().toString());
            }
        }
        p.setProperty("http.port", Integer.toString(port));
        // the demo files' fixed admin ports would make two benches (or a bench and a demo) collide at start
        p.setProperty("admin.port", Integer.toString(GatewayProcess.freePort()));
        p.setProperty(jp ? "partner.ID.endpoint" : "partner.JP.endpoint", "http://127.0.0.1:" + partnerPort + Gateway.AS4_PATH);
        String db = jp ? "jp" : "id";
        p.setProperty("gateway.dataDir", dir.resolve(db).toString());
        if (options.dbUrl() != null) {
            p.setProperty("db.url", serverUrl() + "/" + schema(db));
            p.setProperty("db.user", options.dbUser());
            p.setProperty("db.password", options.dbPassword());
        }
        p.putAll(sampleProfileSettings(jp ? "ID" : "JP", options.profile()));
        p.putAll(settings);
        return p;
    }

    private GatewayProcess start(String name, Properties p) {
        List<String> jvm = new ArrayList<>(options.jvmOptions());
        jvm.addAll(NodeFigures.gcLogOptions(dir.resolve(name + "-gc.log")));
        if (options.jfrDir() != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + options.jfrDir().toAbsolutePath().resolve(name + ".jfr"));
        }
        GatewayProcess node = new GatewayProcess(name, p, dir, jvm);
        started.add(node);
        try {
            return node.start();
        } catch (IllegalStateException e) {
            // the message points at the node's log in the data directory: it must still be there
            keepDataOfFailedStart = true;
            throw e;
        }
    }

    private NodeFigures figures(GatewayProcess node) {
        return new NodeFigures(node, dir.resolve(node.name() + "-gc.log"));
    }

    /** This run's schema for one gateway, created empty on first use. */
    private String schema(String gateway) {
        String name = "cogw_bench_" + ProcessHandle.current().pid() + "_" + gateway;
        if (!schemas.contains(name)) {
            sql("DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            schemas.add(name);
        }
        return name;
    }

    private String serverUrl() {
        String url = options.dbUrl();
        // jdbc:mariadb://host:port/anything -> jdbc:mariadb://host:port
        int slash = url.indexOf('/', "jdbc:mariadb://".length());
        return slash < 0 ? url : url.substring(0, slash);
    }

    private void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(serverUrl() + "/", options.dbUser(), options.dbPassword());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + serverUrl() + ": " + e.getMessage(), e);
        }
    }

    private void stopAll() {
        // JP first: it stops sending before its partner goes away
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
    }

    private synchronized void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        for (GatewayProcess node : started) {
            node.kill();
        }
        for (String schema : schemas) {
            try {
                sql("DROP DATABASE IF EXISTS " + schema);
            } catch (IllegalStateException e) {
                say("could not drop %s: %s", schema, e.getMessage());
            }
        }
        if (options.keepData() || keepDataOfFailedStart) {
            say("data kept in %s%s", dir, keepDataOfFailedStart ? " (a gateway failed to start: its log is there;"
                    + " delete the directory when done)" : "");
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static String perCo(Duration cpu, int cos) {
        return cos == 0 ? "-" : ms(cpu.toNanos() / 1e6 / cos);
    }

    private static String ms(double millis) {
        return millis < 10 ? String.format("%.1f ms", millis) : String.format("%.0f ms", millis);
    }

    private void say(String format, Object... args) {
        out.printf("%s %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
        out.flush();
    }
}
