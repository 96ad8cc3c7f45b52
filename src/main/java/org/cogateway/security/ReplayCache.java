package org.cogateway.security;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values seen recently (signature values of signed requests, Nonces of UsernameTokens), so that a
 * request sent again is recognised, in memory only: no file is written. Each value is
 * kept (as its SHA-256) until the time after which its timestamp would be refused as stale anyway.
 * At most {@code capacity} are kept: a full cache first forgets what has expired and, when nothing
 * has, refuses the new value, since forgetting a live one would let its replay through.
 */
public final class ReplayCache {
    /** What {@link #firstSeen} found. */
    public enum Outcome { FIRST, REPLAY, FULL }

    private final Clock clock;
    private final int capacity;
    // in order of insertion; entries expire in roughly that order, so the oldest are checked first
    private final Map<ByteBuffer, Instant> seen = new LinkedHashMap<>();

    public ReplayCache(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Records {@code signatureValue} until {@code keepUntil} unless it is already known. */
    public synchronized Outcome firstSeen(byte[] signatureValue, Instant keepUntil) {
        Instant now = clock.instant();
        ByteBuffer key = ByteBuffer.wrap(sha256(signatureValue));
        Instant until = seen.get(key);
        if (until != null && now.isBefore(until)) {
            return Outcome.REPLAY;
        }
        if (seen.size() >= capacity) {
            forgetExpired(now);
            if (seen.size() >= capacity) {
                return Outcome.FULL;
            }
        }
        seen.remove(key);
        seen.put(key, keepUntil);
        return Outcome.FIRST;
    }

    /** Changes how long a value recorded by {@link #firstSeen} is kept. */
    public synchronized void keepUntil(byte[] value, Instant keepUntil) {
        seen.computeIfPresent(ByteBuffer.wrap(sha256(value)), (key, until) -> keepUntil);
    }

    /**
     * The same cache in the form WSS4J asks for, for the Nonces of UsernameTokens. WSS4J asks whether a
     * nonce is known and then adds it; here the asking records it, and a full cache answers "known", so
     * that a token is refused rather than its later replay let through.
     */
    public org.apache.wss4j.common.cache.ReplayCache forWss4j(Duration defaultKeep) {
        return new org.apache.wss4j.common.cache.ReplayCache() {
            @Override
            public boolean contains(String identifier) {
                return firstSeen(bytes(identifier), clock.instant().plus(defaultKeep)) != Outcome.FIRST;
            }

            @Override
            public void add(String identifier) {
                // recorded by contains, with the default time
            }

            @Override
            public void add(String identifier, Instant expiry) {
                keepUntil(bytes(identifier), expiry);
            }

            @Override
            public void close() {
                // nothing to release: memory only
            }

            private byte[] bytes(String identifier) {
                return identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
    }

    private void forgetExpired(Instant now) {
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next())) {
                it.remove();
            }
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
