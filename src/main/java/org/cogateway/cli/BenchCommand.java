package org.cogateway.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cogateway.bench.Bench;
import org.cogateway.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the gateway as an issuing body loads it: starts the JP and ID demo gateways as two "
                + "JVMs on loopback with fresh databases, submits COs to JP over the back-office SOAP API, follows "
                + "each until DELIVERED (receipt verified), and prints CO/s, latencies, CPU and memory per gateway, "
                + "and the private-key ceiling of this machine. Run it from the project directory after "
                + "'mvn package'; or, with --target, benches two gateways that already run. Exit code 0 when every CO was"
                + " delivered. See BENCHMARKS.md.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--count"}, defaultValue = "2000", description = "COs measured (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8",
            description = "Submitting clients (default ${DEFAULT-VALUE}); with --rate, enough for the rate.")
    int concurrency;

    @Option(names = "--rate", defaultValue = "0",
            description = "Offered COs per second, open loop (latency from each CO's due time); 0: closed loop.")
    double rate;

    @Option(names = "--items", defaultValue = "3", description = "Goods items per CO, e.g. 3, 30, 200 (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--warmup", defaultValue = "200", description = "COs delivered before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--backlog", paramLabel = "N",
            description = "Backlog mode: queue N COs at JP while ID is down, then drain; prints the drain rate "
                    + "in the first and last 10 %% and memory while draining.")
    Integer backlog;

    @Option(names = "--load-concurrency", defaultValue = "32",
            description = "Backlog mode: submitting clients while the backlog is queued (default ${DEFAULT-VALUE}); "
                    + "delivery is off then, so more clients only fill the queue sooner: the drain is what is measured.")
    int loadConcurrency;

    @Option(names = "--db-url", description = "A MariaDB server, e.g. jdbc:mariadb://127.0.0.1:3306/ : each gateway "
            + "gets a schema cogw_bench_<pid>_jp/_id, dropped at the end. Default: embedded H2.")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "cogateway", description = "MariaDB user (default ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "cogateway", description = "MariaDB password (default ${DEFAULT-VALUE}).")
    String dbPassword;

    @Option(names = "--heap", defaultValue = "1g", description = "Maximum heap of each gateway JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--jp-setting", paramLabel = "KEY=VALUE",
            description = "A setting for JP on top of its demo configuration, e.g. delivery.perPartnerLimit=8; repeatable.")
    Map<String, String> jpSettings = new LinkedHashMap<>();

    @Option(names = "--ceiling-time", defaultValue = "5s",
            description = "How long the private-key loop runs (default ${DEFAULT-VALUE}; 0s: skip it).")
    String ceilingTime;

    @Option(names = "--timeout", defaultValue = "60m", description = "Longest the whole run may take (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--jfr", paramLabel = "DIR", description = "Each gateway records a Flight Recorder file (jp.jfr, id.jfr) into DIR.")
    Path jfrDir;

    @Option(names = "--profile", defaultValue = "as4-1.15", description = "The eDelivery AS4 profile both gateways agree "
            + "on, as4-1.15 (RSA) or as4-2.0 (Ed25519, X25519); the key ceiling does that profile's private-key "
            + "operations (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--keep-data", description = "Keep the gateways' data directory (logs, GC logs, H2 files).")
    boolean keepData;

    @Option(names = "--target", paramLabel = "URL", description = "Bench gateways that already run instead of starting"
            + " two: JP's back-office base URL, e.g. http://127.0.0.1:8080 (its partner ID must be up). The database,"
            + " heap and JFR options then do not apply; not with --backlog.")
    String target;

    @Option(names = "--target-pids", paramLabel = "JP,ID", split = ",", description = "With --target: the process ids"
            + " of the running JP and ID on this machine, for their CPU per CO and resident memory (heap is not"
            + " measured: the bench did not start them).")
    List<Long> targetPids;

    @Option(names = "--user", defaultValue = "jp-chamber", description = "With --target: the issuing body's"
            + " back-office user (default ${DEFAULT-VALUE}, the demo's).")
    String user;

    @Option(names = "--password", defaultValue = "jp-chamber-demo", description = "With --target: its password"
            + " (default: the demo's).")
    String password;

    @Override
    public Integer call() throws Exception {
        boolean backlogMode = backlog != null;
        if (target != null && backlogMode) {
            throw new ParameterException(spec.commandLine(), "--backlog restarts the gateways, so it needs to start them:"
                    + " not with --target");
        }
        if (targetPids != null && (target == null || targetPids.size() != 2)) {
            throw new ParameterException(spec.commandLine(), "--target-pids takes two process ids, JP's and ID's,"
                    + " and only with --target");
        }
        Bench.Target running = target == null ? null : new Bench.Target(target.replaceAll("/+$", ""),
                targetPids == null ? null : targetPids.get(0), targetPids == null ? null : targetPids.get(1), user,
                password);
        Bench.Options options = new Bench.Options(backlogMode ? backlog : count, concurrency, loadConcurrency, rate,
                items,
                backlogMode ? 0 : warmup, backlogMode, dbUrl, dbUser, dbPassword, List.of("-Xmx" + heap), jpSettings,
                Durations.parse("--ceiling-time", ceilingTime), Durations.parse("--timeout", timeout), jfrDir, keepData,
                org.cogateway.partner.Profile.parse("--profile", profile), running);
        return new Bench(options, System.out).run();
    }
}
