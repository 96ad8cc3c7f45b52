package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.cogateway.partner.RetryPolicy;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final RetryPolicy POLICY =
            new RetryPolicy(6, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofHours(1));
    private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
    /** nextDouble() of 0 and of just under 1: the two ends of the jitter. */
    private static final Backoff LOWEST = new Backoff(() -> 0L);
    private static final Backoff HIGHEST = new Backoff(() -> -1L);

    @Test
    void nominalDelayDoublesFromTheInitialBackoffUpToTheCeiling() {
        assertThat(LOWEST.nominalDelay(POLICY, 1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(LOWEST.nominalDelay(POLICY, 2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(LOWEST.nominalDelay(POLICY, 3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(LOWEST.nominalDelay(POLICY, 4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LOWEST.nominalDelay(POLICY, 5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LOWEST.nominalDelay(POLICY, 1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void equalJitterWaitsAtLeastHalfAndAtMostTheWholeNominalDelay() {
        assertThat(LOWEST.delay(POLICY, 2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(HIGHEST.delay(POLICY, 2)).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));

        Backoff seeded = new Backoff(new SplittableRandom(42));
        for (int attempt = 1; attempt <= 6; attempt++) {
            Duration nominal = seeded.nominalDelay(POLICY, attempt);
            for (int i = 0; i < 200; i++) {
                assertThat(seeded.delay(POLICY, attempt)).isBetween(nominal.dividedBy(2), nominal);
            }
        }
    }

    @Test
    void retriesAtNowPlusTheJitteredDelay() {
        Instant now = CREATED.plusSeconds(100);

        assertThat(LOWEST.decide(POLICY, 3, CREATED, now)).isEqualTo(new Backoff.RetryAt(now.plusSeconds(20)));
    }

    @Test
    void givesUpWhenAllAttemptsAreMade() {
        assertThat(LOWEST.decide(POLICY, 6, CREATED, CREATED.plusSeconds(100)))
                .isInstanceOfSatisfying(Backoff.GiveUp.class, g -> assertThat(g.why()).contains("all 6 attempts"));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldComeAfterTheMaximumAge() {
        Instant now = CREATED.plus(Duration.ofMinutes(59)).plusSeconds(35);

        assertThat(LOWEST.decide(POLICY, 4, CREATED, now))
                .isInstanceOfSatisfying(Backoff.GiveUp.class, g -> assertThat(g.why()).contains("maximum age"));
        assertThat(LOWEST.decide(POLICY, 4, CREATED, now.minusSeconds(10))).isInstanceOf(Backoff.RetryAt.class);
    }
}
