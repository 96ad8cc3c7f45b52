package org.cogateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;

/**
 * Checks a UsernameToken's plain-text password against the PBKDF2 hash in the configuration.
 * Digest passwords cannot be checked against a hash, so they are refused: callers send the
 * password as text over TLS. A successful check is remembered for a few minutes (as a SHA-256 of
 * the password, never the password) so a busy caller does not pay the deliberately slow PBKDF2 on
 * every call.
 */
public final class HashedPasswordValidator extends UsernameTokenValidator {
    private static final Duration REMEMBER = Duration.ofMinutes(5);

    private final Map<String, Caller> callers;
    private final Clock clock;
    private final Map<String, Verified> recent = new ConcurrentHashMap<>();

    private record Verified(byte[] passwordDigest, String storedHash, Instant until) {
    }

    public HashedPasswordValidator(Map<String, Caller> callersById, Clock clock) {
        this.callers = Map.copyOf(callersById);
        this.clock = clock;
    }

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        Caller caller = callers.get(token.getName());
        String password = token.getPassword();
        if (caller == null || caller.passwordHash() == null || password == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        byte[] digest = sha256(password);
        Verified seen = recent.get(caller.id());
        if (seen != null && seen.storedHash().equals(caller.passwordHash()) && clock.instant().isBefore(seen.until())
                && MessageDigest.isEqual(seen.passwordDigest(), digest)) {
            return;
        }
        if (!PasswordHasher.verify(password.toCharArray(), caller.passwordHash())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        recent.put(caller.id(), new Verified(digest, caller.passwordHash(), clock.instant().plus(REMEMBER)));
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
