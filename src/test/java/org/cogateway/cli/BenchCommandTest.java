package org.cogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cogateway.testing.TestDatabases;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The bench command with a handful of COs: two real gateway JVMs, every figure printed, nothing left
 * behind. On the MariaDB pass it runs on the test server and must drop the schemas it made; the
 * tests of what does not depend on the database (gateways it did not start, one that cannot start)
 * run on the H2 pass only, as each starts two more JVMs.
 */
@Tag("slow")
class BenchCommandTest {

    @Test
    void aSmallRunDeliversEveryCoAndPrintsItsFigures() throws Exception {
        String printed = bench("-n", "6", "--warmup", "2", "--ceiling-time", "1s");
        assertThat(printed).contains("delivered              6 (failed 0, refused at submission 0)",
                "end to end", "submit latency         p50", "submit -> DELIVERED    p50", "attempts per CO        1.00",
                "CPU per CO             JP", "memory JP", "memory ID", "peak RSS", "key ceiling");
        assertThat(benchSchemas()).isEmpty();
    }

    @Test
    void theBacklogModeQueuesWithThePartnerDownThenDrains() throws Exception {
        String printed = bench("--backlog", "25", "--ceiling-time", "0s");
        assertThat(printed).contains("queueing 25 COs at JP with ID down", "queued 25 COs",
                "delivered              25 (failed 0, refused at submission 0)", "drain rate", "first 10 %", "last 10 %",
                "memory JP");
        assertThat(benchSchemas()).isEmpty();
    }

    @Test
    void withTargetItBenchesGatewaysThatAlreadyRunAndSaysWhatItDidNotMeasure() throws Exception {
        assumeFalse(TestDatabases.mariadb(), "the same on both databases: run on the H2 pass");
        try (TestGateways.Pair pair = TestGateways.pair(false, Map.of(), Map.of(), Clock.systemUTC()).startId().startJp()) {
            String unmeasured = bench("--target", pair.jp().baseUrl(), "-n", "4", "--warmup", "0", "--ceiling-time", "0s");
            assertThat(unmeasured).contains("running gateways, JP at " + pair.jp().baseUrl(),
                    "delivered              4 (failed 0, refused at submission 0)", "submit -> DELIVERED    p50",
                    "CPU per CO             JP not measured, ID not measured", "memory JP              not measured");

            // both gateways run in this JVM: its process id stands for each
            String pid = Long.toString(ProcessHandle.current().pid());
            String measured = bench("--target", pair.jp().baseUrl(), "--target-pids", pid + "," + pid, "-n", "4",
                    "--warmup", "0", "--ceiling-time", "0s");
            assertThat(measured).contains("delivered              4 (failed 0, refused at submission 0)",
                    "(heap not measured: the bench did not start this JVM)")
                    .containsPattern("CPU per CO             JP [0-9.]+ ms, ID [0-9.]+ ms");
        }
        assertThat(benchSchemas()).isEmpty();
    }

    @Test
    void aGatewayThatCannotStartLeavesItsLogWhereTheMessageSays() throws Exception {
        assumeFalse(TestDatabases.mariadb(), "the same on both databases: run on the H2 pass");
        // JP's admin port is taken: its start fails, and the message names its log in the data directory
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new Main());
            cli.setErr(new PrintWriter(err, true));
            PrintStream original = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                exit = cli.execute("bench", "--backlog", "5", "--ceiling-time", "0s", "--timeout", "3m", "--heap", "384m",
                        "--jp-setting", "admin.port=" + taken.getLocalPort());
            } finally {
                System.setOut(original);
            }
            String printed = out.toString(StandardCharsets.UTF_8) + err;
            assertThat(exit).as(printed).isNotZero();
            Matcher log = Pattern.compile("see (\\S+jp-load\\.log)").matcher(printed);
            assertThat(log.find()).as(printed).isTrue();
            Path file = Path.of(log.group(1));
            try {
                assertThat(file).as(printed).exists();
                assertThat(Files.readString(file)).contains("admin.port");
            } finally {
                try (Stream<Path> paths = Files.walk(file.getParent())) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        assertThat(benchSchemas()).isEmpty();
    }

    @Test
    void aTargetCannotBeDrainedAsABacklog() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute("bench", "--target", "http://127.0.0.1:9", "--backlog", "10");
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not with --target").doesNotContain("\tat ");
    }

    private static String bench(String... args) {
        List<String> command = new ArrayList<>(List.of("bench", "--timeout", "5m", "--heap", "384m"));
        command.addAll(List.of(args));
        if (TestDatabases.mariadb()) {
            command.addAll(List.of("--db-url", server() + "/", "--db-user", user(), "--db-password", password()));
        }
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute(command.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        return printed;
    }

    /** This JVM's bench schemas still on the server (none expected after a run). */
    private static List<String> benchSchemas() throws Exception {
        List<String> left = new ArrayList<>();
        if (!TestDatabases.mariadb()) {
            return left;
        }
        try (Connection c = DriverManager.getConnection(server() + "/", user(), password());
             ResultSet rs = c.createStatement().executeQuery(
                     "SHOW DATABASES LIKE 'cogw\\_bench\\_" + ProcessHandle.current().pid() + "\\_%'")) {
            while (rs.next()) {
                left.add(rs.getString(1));
            }
        }
        return left;
    }

    private static String server() {
        String url = System.getProperty("test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/cogateway_test");
        return url.substring(0, url.lastIndexOf('/'));
    }

    private static String user() {
        return System.getProperty("test.mariadb.user", "cogateway");
    }

    private static String password() {
        return System.getProperty("test.mariadb.password", "cogateway");
    }
}
