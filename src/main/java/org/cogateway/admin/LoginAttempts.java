package org.cogateway.admin;

import java.time.Duration;
import java.util.Optional;

/**
 * What the login check asks before and tells after checking a password: whether this user from this
 * address is locked out for now (growing delay after repeated failures), and each outcome. The
 * gateway plugs in the security package's login throttle here; {@link #UNLIMITED} keeps no count.
 */
public interface LoginAttempts {
    Optional<Duration> lockedFor(String user, String remoteAddress);

    void failed(String user, String remoteAddress);

    void succeeded(String user, String remoteAddress);

    LoginAttempts UNLIMITED = new LoginAttempts() {
        @Override
        public Optional<Duration> lockedFor(String user, String remoteAddress) {
            return Optional.empty();
        }

        @Override
        public void failed(String user, String remoteAddress) {
        }

        @Override
        public void succeeded(String user, String remoteAddress) {
        }
    };
}
