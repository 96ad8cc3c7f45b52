package org.cogateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cogateway.alerts.AlertStore.AttemptRow;
import org.cogateway.alerts.AlertStore.Reachability;
import org.junit.jupiter.api.Test;

/**
 * A partner's reachability from its attempts, which the check may read out of order and more than
 * once (rows become visible in commit order, and unsettled rows are read again).
 */
class ReachabilityTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");

    private static AttemptRow attempt(long id, int minute, String outcome, Integer httpStatus) {
        Instant at = T.plusSeconds(60L * minute);
        return new AttemptRow(id, "ID", at, at.plusMillis(50), outcome, httpStatus);
    }

    private static Reachability applyAll(List<AttemptRow> attempts) {
        Reachability r = Reachability.UNKNOWN;
        for (AttemptRow a : attempts) {
            r = AlertCheck.apply(r, a);
        }
        return r;
    }

    @Test
    void failuresSinceTheLastReceiptStartAFailingSpellAtTheFirstOfThem() {
        Reachability r = applyAll(List.of(attempt(1, 0, "DELIVERED", 200), attempt(2, 5, "RETRYABLE", 503),
                attempt(3, 9, "RETRYABLE", null), attempt(4, 12, "ABANDONED", null)));
        assertThat(r).isEqualTo(new Reachability(T, T.plusSeconds(540), T.plusSeconds(300)));
    }

    @Test
    void aReceiptOrAnErrorSignalEndsTheSpellButALocalFailureDoesNot() {
        assertThat(applyAll(List.of(attempt(1, 0, "RETRYABLE", null), attempt(2, 3, "DELIVERED", 200))).failingSince())
                .isNull();
        assertThat(applyAll(List.of(attempt(1, 0, "RETRYABLE", null), attempt(2, 3, "PERMANENT", 200))).failingSince())
                .as("the partner answered, if only to refuse").isNull();
        assertThat(applyAll(List.of(attempt(1, 0, "RETRYABLE", null), attempt(2, 3, "ALREADY_RECEIVED", 200)))
                .failingSince()).as("a retry the partner already had").isNull();
        assertThat(applyAll(List.of(attempt(1, 0, "RETRYABLE", null), attempt(2, 3, "PERMANENT", null))).failingSince())
                .as("a message that cannot be built says nothing about the partner").isEqualTo(T);
    }

    private static final List<AttemptRow> HISTORY = List.of(attempt(1, 0, "RETRYABLE", null),
            attempt(2, 1, "DELIVERED", 200), attempt(3, 2, "RETRYABLE", 500), attempt(4, 4, "RETRYABLE", null),
            attempt(5, 6, "PERMANENT", null), attempt(6, 7, "RETRYABLE", null));

    @Test
    void inTimeOrderTheSpellStartsAtTheFirstFailureAfterTheLastContactAndRowsReadTwiceChangeNothing() {
        Reachability exact = applyAll(HISTORY);
        assertThat(exact).isEqualTo(new Reachability(T.plusSeconds(60), T.plusSeconds(420), T.plusSeconds(120)));
        List<AttemptRow> twice = new ArrayList<>(HISTORY);
        twice.addAll(HISTORY.subList(2, HISTORY.size()));
        twice.sort(java.util.Comparator.comparing(AttemptRow::startedAt));
        assertThat(applyAll(twice)).isEqualTo(exact);
    }

    @Test
    void outOfOrderTheSpellNeverStartsEarlierThanItDid() {
        Instant exact = applyAll(HISTORY).failingSince();
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            List<AttemptRow> shuffled = new ArrayList<>(HISTORY);
            shuffled.addAll(HISTORY.subList(random.nextInt(HISTORY.size()), HISTORY.size()));
            Collections.shuffle(shuffled, random);
            Reachability r = applyAll(shuffled);
            assertThat(r.lastSuccessAt()).isEqualTo(T.plusSeconds(60));
            assertThat(r.failingSince()).as("order %s", shuffled.stream().map(AttemptRow::id).toList())
                    .isNotNull().isAfterOrEqualTo(exact);
        }
    }
}
