package org.cogateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that runs in real time from a given start and that a test can move forward, for
 * tests that need both timers that expire (retry backoff) and hours that pass at once (alert thresholds).
 */
public final class ShiftableClock extends Clock {
    private final Instant realStart = Instant.now();
    private volatile Instant start;

    public ShiftableClock(Instant start) {
        this.start = start;
    }

    public void shift(Duration by) {
        start = start.plus(by);
    }

    @Override
    public Instant instant() {
        return start.plus(Duration.between(realStart, Instant.now()));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving time seen in another zone (the validator reads dates in the CO's own zone). */
    @Override
    public Clock withZone(ZoneId zone) {
        ShiftableClock self = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return self.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }
        };
    }
}
