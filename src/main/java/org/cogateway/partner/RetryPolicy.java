package org.cogateway.partner;

import java.time.Duration;

/**
 * How often and how long the gateway keeps trying to deliver to one partner.
 *
 * @param maxAttempts    attempts in all, the first included; then the transmission is FAILED
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     ceiling of the wait between two attempts
 * @param maxAge         no new attempt once the transmission is older than this
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxAge) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(12, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofDays(2));
}
