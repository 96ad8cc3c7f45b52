package org.cogateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's clock in tests: starts on the day the samples were written for (2026-11-26, UTC), so
 * the samples' dates are never "in the future", and moves one millisecond per reading, so that rows
 * written one after the other never share a timestamp (orderings by time stay well defined).
 */
public final class TestClock extends Clock {
    public static final Instant START = Instant.parse("2026-11-26T01:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plusMillis(1));
    }

    /**
     * A clock that runs in real time but starts at {@code start}: for tests that wait on timers
     * (retry backoff), which a clock moving only when read would not let expire.
     */
    public static Clock runningFrom(Instant start) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }
}
