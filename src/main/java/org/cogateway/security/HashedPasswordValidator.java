package org.cogateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;

/**
 * Checks a UsernameToken's plain-text password against the PBKDF2 hash in the configuration, under a
 * {@link LoginThrottle}: a user name or remote address that failed too often is refused without a
 * check until its wait ends. Every refusal costs one PBKDF2 run, for unknown users (against a dummy
 * hash of the same parameters) and locked-out ones too, so the time an answer takes does not tell an
 * attacker whether a name exists or is locked. Digest passwords cannot be checked against a hash, so
 * they are refused: callers send the password as text over TLS. A successful check is remembered for
 * a few minutes (as a SHA-256 of the password, never the password) so a busy caller does not pay the
 * deliberately slow PBKDF2 on every call.
 */
public final class HashedPasswordValidator extends UsernameTokenValidator {
    private static final Duration REMEMBER = Duration.ofMinutes(5);
    // a hash no password matches in practice (random, never shown), made with the same parameters as real ones
    private static final String DUMMY_HASH = PasswordHasher.hash(randomPassword());

    private final Map<String, Caller> callers;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Map<String, Verified> recent = new ConcurrentHashMap<>();

    private record Verified(byte[] passwordDigest, String storedHash, Instant until) {
    }

    public HashedPasswordValidator(Map<String, Caller> callersById, Clock clock, LoginThrottle throttle) {
        this.callers = Map.copyOf(callersById);
        this.clock = clock;
        this.throttle = throttle;
    }

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        if (check(token.getName(), token.getPassword(), remoteAddress(data)).isEmpty()) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
    }

    /**
     * The caller whose password this is, under the throttle; empty for a wrong password, an unknown
     * name or a locked-out one, alike. The back-office's plain-HTTP face (the CSV export) checks
     * passwords here too, so one throttle counts failures on both.
     */
    public java.util.Optional<Caller> check(String user, String givenPassword, String address) {
        String password = givenPassword == null ? "" : givenPassword;
        Caller caller = user == null ? null : callers.get(user);
        String stored = caller != null && caller.passwordHash() != null ? caller.passwordHash() : DUMMY_HASH;
        if (throttle.lockedFor(user, address).isPresent()) {
            PasswordHasher.verify(password.toCharArray(), DUMMY_HASH); // the same work as a check, for the same timing
            return java.util.Optional.empty();
        }
        byte[] digest = sha256(password);
        Verified seen = caller == null ? null : recent.get(caller.id());
        boolean remembered = seen != null && seen.storedHash().equals(stored) && clock.instant().isBefore(seen.until())
                && MessageDigest.isEqual(seen.passwordDigest(), digest);
        // the hash is computed before the caller is looked at, so a known and an unknown name cost the same
        boolean matches = remembered || PasswordHasher.verify(password.toCharArray(), stored);
        if (!matches || stored.equals(DUMMY_HASH)) {
            throttle.failed(user, address);
            return java.util.Optional.empty();
        }
        throttle.succeeded(user, address);
        recent.put(caller.id(), new Verified(digest, stored, clock.instant().plus(REMEMBER)));
        return java.util.Optional.of(caller);
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }

    /** The peer's address as the listener saw it (a proxy in front of the gateway shows its own). */
    private static String remoteAddress(RequestData data) {
        if (data.getMsgContext() instanceof Message message
                && message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof jakarta.servlet.http.HttpServletRequest http) {
            return http.getRemoteAddr();
        }
        return "unknown";
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
