package org.cogateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.testing.TestDatabases;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The outbound queue's SQL for one CO, on a fresh database of the tests' kind (embedded H2 in a
 * temporary directory by default; {@code -jvmArgs -Dtest.db=mariadb} for the tests' MariaDB),
 * removed when the benchmark's JVM exits. {@code enqueue} is what the back-office adds per CO;
 * {@code enqueueClaimAndRecord} adds the delivery worker's claim of one due row and the recording
 * of its DELIVERED outcome (attempt row, state, history event) — the difference is claim + outcome.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class QueueBenchmark {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final byte[] RECEIPT = "<receipt/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] SENT = new byte[4096];

    private Database db;
    private QueueFixture fixture;
    private OutboundQueue queue;
    private final Clock clock = Clock.systemUTC();

    @Setup(Level.Trial)
    public void open() {
        db = Database.open(TestDatabases.fresh());
        fixture = new QueueFixture(db);
        queue = new OutboundQueue(db, clock, new Backoff(() -> 0L),
                new PartnerDirectory(List.of(QueueFixture.partner("id", RetryPolicy.DEFAULT))));
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public String enqueue() {
        return fixture.enqueue("id", clock.instant());
    }

    @Benchmark
    public boolean enqueueClaimAndRecord() {
        fixture.enqueue("id", clock.instant());
        List<ClaimedTransmission> claimed = queue.claimDue("node-a", 1, LEASE);
        if (claimed.size() != 1) {
            throw new IllegalStateException("claimed " + claimed.size() + " rows, expected the one just queued");
        }
        SendOutcome delivered = new SendOutcome(SendOutcome.Kind.DELIVERED, 200, null, null, RECEIPT, SENT);
        return queue.recordOutcome(claimed.get(0), delivered);
    }
}
