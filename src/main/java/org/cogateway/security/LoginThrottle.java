package org.cogateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down and then stops password guessing, for any kind of login. Failures are counted per user
 * name and, separately, per remote address (many addresses trying one name, one address trying many
 * names). After each failure of a user name, its next attempt is not even checked until a wait has
 * passed, a wait that doubles with every further failure; after {@link Policy#maxFailures()} failures
 * it is locked out for {@link Policy#lockout()}. An address is not made to wait (several honest callers
 * may share one), but after {@link Policy#maxAddressFailures()} failures it is locked out likewise.
 * An attempt during a wait or lock-out is refused by the caller without checking the password and is
 * not counted.
 *
 * <p>Memory is bounded: at most {@link Policy#capacity()} keys are remembered, and when an attacker
 * sprays names or addresses, the least recently failed ones are forgotten first. A key is also
 * forgotten once it has been quiet for a lock-out period after its wait ended; until then one more
 * failure after a lock-out locks it out again at once.
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String USER = "user:";
    private static final String ADDRESS = "address:";
    private static final int MAX_LOGGED_CHARS = 64;

    /**
     * @param maxFailures        failed logins of one user name before it is locked out
     * @param maxAddressFailures failed logins from one remote address, whatever the names, before it is locked out
     * @param firstDelay         the wait after a first failure; it doubles with each further one (zero: no wait)
     * @param lockout            how long a lock-out lasts
     * @param capacity           most user names and addresses remembered at once
     */
    public record Policy(int maxFailures, int maxAddressFailures, Duration firstDelay, Duration lockout, int capacity) {
        public Policy {
            if (maxFailures < 1 || maxAddressFailures < 1 || capacity < 2) {
                throw new IllegalArgumentException("failure limits must be at least 1 and the capacity at least 2");
            }
            if (firstDelay.isNegative() || lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException("the delay must not be negative and the lock-out must be positive");
            }
        }

        public static Policy defaults() {
            return new Policy(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), 10_000);
        }
    }

    private static final class Failures {
        int count;
        Instant blockedUntil;
    }

    /** Told of each failure of a user name with its count (up to the lock-out), e.g. to raise an alert. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(String user, String remoteAddress, int failuresOfUser);
    }

    private final Clock clock;
    private final Policy policy;
    private final FailureListener listener;
    // in order of last failure, oldest first: the eldest is what an overflowing table forgets
    private final Map<String, Failures> failures;

    public LoginThrottle(Clock clock, Policy policy) {
        this(clock, policy, (user, address, count) -> { });
    }

    public LoginThrottle(Clock clock, Policy policy, FailureListener listener) {
        this.clock = clock;
        this.policy = policy;
        this.listener = listener;
        this.failures = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > policy.capacity();
            }
        };
    }

    /** How long this user, from this address, must still wait before a login is checked; empty: it may try now. */
    public synchronized Optional<Duration> lockedFor(String user, String remoteAddress) {
        Instant now = clock.instant();
        Duration wait = max(remaining(USER + user, now), remaining(ADDRESS + remoteAddress, now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a wrong password (or unknown user) against the user name and the address, logs it and tells the listener. */
    public void failed(String user, String remoteAddress) {
        // the listener may write to the database: not while other logins wait for this lock
        listener.failed(user, remoteAddress, count(user, remoteAddress));
    }

    private synchronized int count(String user, String remoteAddress) {
        Instant now = clock.instant();
        String who = printable(user);
        String from = printable(remoteAddress);
        Failures byUser = count(USER + user, policy.maxFailures(), true, now);
        Failures byAddress = count(ADDRESS + remoteAddress, policy.maxAddressFailures(), false, now);
        log.warn("login failed: user '{}' from {} (failure {} of the user, {} from the address)", who, from,
                byUser.count, byAddress.count);
        if (byUser.count == policy.maxFailures()) {
            log.warn("login locked out: user '{}' for {} after {} failures, the last from {}", who, policy.lockout(),
                    byUser.count, from);
        }
        if (byAddress.count == policy.maxAddressFailures()) {
            log.warn("login locked out: address {} for {} after {} failures, the last for user '{}'", from,
                    policy.lockout(), byAddress.count, who);
        }
        return byUser.count;
    }

    /**
     * A correct password: the user name's failures are forgotten. The address's are kept, so that
     * an attacker who owns one account cannot clear its address's count between guesses at others.
     */
    public synchronized void succeeded(String user, String remoteAddress) {
        failures.remove(USER + user);
    }

    private Duration remaining(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || !now.isBefore(f.blockedUntil) ? Duration.ZERO : Duration.between(now, f.blockedUntil);
    }

    private Failures count(String key, int max, boolean wait, Instant now) {
        Failures f = failures.remove(key); // put back below, so the order stays "least recently failed first"
        if (f == null || now.isAfter(f.blockedUntil.plus(policy.lockout()))) {
            f = new Failures();
        }
        f.count = Math.min(f.count + 1, max);
        f.blockedUntil = now.plus(f.count >= max ? policy.lockout() : wait ? delay(f.count) : Duration.ZERO);
        failures.put(key, f);
        return f;
    }

    /** The first delay doubled for each failure after the first, never longer than a lock-out. */
    private Duration delay(int failureCount) {
        Duration d = policy.firstDelay().multipliedBy(1L << Math.min(failureCount - 1, 30));
        return d.compareTo(policy.lockout()) > 0 ? policy.lockout() : d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The caller's words go into the log: no line breaks or control characters, and not too many. */
    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > MAX_LOGGED_CHARS ? clean.substring(0, MAX_LOGGED_CHARS) + "..." : clean;
    }
}
