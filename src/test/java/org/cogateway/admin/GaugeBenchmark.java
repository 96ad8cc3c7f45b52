package org.cogateway.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.cogateway.delivery.Backoff;
import org.cogateway.delivery.ClaimedTransmission;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.DocumentKind;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionRepository;

/**
 * What one tick of the message gauges costs on a big log ({@code scripts/log-benchmark.sh --gauges N}):
 * the grouped count of both whole tables that the gauges ran every tick before V19, and the gauges now,
 * while the last minute's changes of {@code recent} COs (queued, claimed and delivered just now, three
 * events each) are in the window every tick reads again.
 */
public final class GaugeBenchmark {
    private GaugeBenchmark() {
    }

    public static void run(Database db, List<String> partnerIds, int recent, int runs) {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));
        PartnerDirectory directory = new PartnerDirectory(partnerIds.stream().map(id -> new Partner(id, id, id.substring(0, 2),
                id + "-GW", "urn:oasis:names:tc:ebcore:partyid-type:unregistered", URI.create("http://127.0.0.1:9/as4"),
                Set.of("RCEP"), id, id, policy, Duration.ofSeconds(2), Duration.ofSeconds(5))).toList());
        Clock clock = Clock.systemUTC();
        PartnerStatus partners = new PartnerStatus(db.dataSource(), directory, clock);
        Jdbc jdbc = new Jdbc(db.dataSource());

        long t = System.nanoTime();
        OutboundQueue queue = new OutboundQueue(db, clock, new Backoff(() -> 0L), directory);
        TransmissionRepository transmissions = new TransmissionRepository();
        for (int i = 0; i < recent; i++) {
            String id = UUID.randomUUID().toString();
            TransmissionEntity row = new TransmissionEntity(id, DocumentKind.CERTIFICATE, 1L, partnerIds.get(0),
                    id + "@JP-GW", "recent-" + id, null, "RCEP", clock.instant());
            db.inTransaction(s -> transmissions.enqueue(s, row, "<co/>", "benchmark"));
        }
        for (List<ClaimedTransmission> claimed = queue.claimDue("bench", 50, Duration.ofMinutes(5)); !claimed.isEmpty();
             claimed = queue.claimDue("bench", 50, Duration.ofMinutes(5))) {
            for (ClaimedTransmission c : claimed) {
                queue.recordOutcome(c, SendOutcome.delivered(200, new byte[] {1}));
            }
        }
        System.out.printf("%,d COs queued, claimed and delivered just now (%,d events in the last minute) in %d s%n",
                recent, 3L * recent, Duration.ofNanos(System.nanoTime() - t).toSeconds());

        measure("gauge tick before V19 (grouped counts, queues())", runs, () -> {
            jdbc.query("SELECT kind, state, partner_id, COUNT(*) AS n FROM transmission GROUP BY kind, state, partner_id",
                    rs -> rs.getLong("n"));
            jdbc.query("SELECT action, state, partner_id, COUNT(*) AS n FROM inbound_message"
                    + " GROUP BY action, state, partner_id", rs -> rs.getLong("n"));
            return partners.queues();
        });
        MessageGauges gauges = new MessageGauges(db.dataSource(), partners, new SimpleMeterRegistry(), clock);
        long first = System.nanoTime();
        gauges.sample();
        System.out.printf("%-52s %6.1f ms (once, when a node starts)%n", "gauges' first tick (counts the tables)",
                (System.nanoTime() - first) / 1e6);
        measure("gauge tick now (changes since the cursor)", runs, () -> {
            gauges.sample();
            return null;
        });
        gauges.close();
    }

    private static void measure(String what, int runs, Supplier<Object> tick) {
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            tick.get();
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%-52s p50 %7.1f ms  max %7.1f ms  (%d ticks)%n", what, micros[runs / 2] / 1000.0,
                micros[runs - 1] / 1000.0, runs);
    }
}
