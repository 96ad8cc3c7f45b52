package org.cogateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.cogateway.partner.RetryPolicy;

/**
 * When to try a failed transmission again, or that it is time to give up: exponential backoff with
 * "equal jitter". The nominal delay after the n-th failed attempt is
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}; the actual delay is half of it plus a random
 * share of the other half.
 *
 * <p>Equal rather than full jitter: when a partner comes back after an outage, every transmission
 * that failed against it is due again, and the random half spreads them out; but unlike full jitter
 * (anything from zero to the nominal delay) a retry never comes almost at once, so a partner that is
 * down is not hit again immediately and the attempts allowed by the agreement cover at least half
 * the time span the agreement intends, instead of being spent in a burst.
 */
public final class Backoff {
    /** 2^30 times any sensible initial backoff is far beyond any ceiling; beyond it, no overflow. */
    private static final int MAX_DOUBLINGS = 30;

    private final RandomGenerator random;

    /** @param random the jitter's source; the worker's threads share it, so it must be thread-safe ({@link java.util.Random} is) */
    public Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** What to do after a failed attempt. */
    public sealed interface Decision {
    }

    public record RetryAt(Instant at) implements Decision {
    }

    public record GiveUp(String why) implements Decision {
    }

    /** The delay before jitter after {@code failedAttempts} failed attempts (1 for the first). */
    public Duration nominalDelay(RetryPolicy policy, int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), MAX_DOUBLINGS);
        Duration delay = policy.initialBackoff().multipliedBy(1L << doublings);
        return delay.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : delay;
    }

    /** The delay to wait: between half the nominal delay (included) and the nominal delay. */
    public Duration delay(RetryPolicy policy, int failedAttempts) {
        long nominalMicros = nominalDelay(policy, failedAttempts).toNanos() / 1_000;
        long half = nominalMicros / 2;
        long jitter = (long) (random.nextDouble() * (nominalMicros - half));
        return Duration.ofNanos((half + jitter) * 1_000);
    }

    /**
     * After the {@code attemptsMade}-th attempt failed at {@code now}: retry at a time, or give up
     * when no attempt is left or the next one would come after the transmission's maximum age.
     */
    public Decision decide(RetryPolicy policy, int attemptsMade, Instant createdAt, Instant now) {
        if (attemptsMade >= policy.maxAttempts()) {
            return new GiveUp("all " + policy.maxAttempts() + " attempts made");
        }
        Instant next = now.plus(delay(policy, attemptsMade));
        Instant deadline = createdAt.plus(policy.maxAge());
        if (next.isAfter(deadline)) {
            return new GiveUp("a next attempt at " + next + " would be past the maximum age " + policy.maxAge()
                    + " (until " + deadline + ")");
        }
        return new RetryAt(next);
    }
}
