package org.cogateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cogateway.testing.SettableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final String ADDRESS = "192.0.2.7";
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T09:00:00Z"));

    private LoginThrottle throttle(int capacity) {
        return new LoginThrottle(clock, new LoginThrottle.Policy(4, 100, Duration.ofSeconds(1), Duration.ofMinutes(15),
                capacity));
    }

    @Test
    void theWaitDoublesWithEachFailureThenTheLockoutHolds() {
        LoginThrottle t = throttle(100);
        assertThat(t.lockedFor("alice", ADDRESS)).isEmpty();

        t.failed("alice", ADDRESS);
        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.lockedFor("alice", ADDRESS)).isEmpty();
        t.failed("alice", ADDRESS);
        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        t.failed("alice", ADDRESS);
        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(4));
        t.failed("alice", ADDRESS);
        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofMinutes(15));
        // from any other address too: the lock-out is the user name's
        assertThat(t.lockedFor("alice", "198.51.100.1")).contains(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15));
        assertThat(t.lockedFor("alice", ADDRESS)).isEmpty();
        // one more wrong guess right after a lock-out locks it out again at once
        t.failed("alice", ADDRESS);
        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessForgetsTheUsersFailures() {
        LoginThrottle t = throttle(100);
        t.failed("alice", ADDRESS);
        t.failed("alice", ADDRESS);
        clock.advance(Duration.ofSeconds(2));

        t.succeeded("alice", ADDRESS);
        t.failed("alice", ADDRESS);

        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofSeconds(1));
    }

    @Test
    void failuresAreForgottenAfterAQuietLockoutPeriod() {
        LoginThrottle t = throttle(100);
        t.failed("alice", ADDRESS);
        clock.advance(Duration.ofMinutes(16));

        t.failed("alice", ADDRESS);

        assertThat(t.lockedFor("alice", ADDRESS)).contains(Duration.ofSeconds(1));
    }

    @Test
    void sprayedNamesAreBoundedByTheCapacityForgettingTheLeastRecentlyFailed() {
        LoginThrottle t = throttle(10);
        t.failed("alice", ADDRESS);
        for (int i = 0; i < 1000; i++) {
            t.failed("sprayed-" + i, "203.0.113." + (i % 250));
        }

        assertThat(t.lockedFor("alice", "198.51.100.1")).isEmpty();
        Optional<Duration> latest = t.lockedFor("sprayed-999", "198.51.100.1");
        assertThat(latest).isPresent();
    }
}
