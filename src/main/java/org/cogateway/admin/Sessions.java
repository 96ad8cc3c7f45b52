package org.cogateway.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in this node's memory: a session ends after {@code idle} without a request and
 * at the latest {@code absolute} after login, whatever happens in between. Each session has its own
 * CSRF token, which every state-changing request must carry in the {@code X-CSRF-Token} header (or
 * the {@code csrf} form field): a page of another site can make the browser send the cookie, but it
 * cannot read the token. Sessions do not survive a restart and are not shared between nodes; an
 * operator logs in again.
 */
final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    Sessions(Clock clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    record Session(String id, String user, AdminRole role, String csrfToken, Instant created, Instant lastSeen) {
    }

    Session open(String user, AdminRole role) {
        Instant now = clock.instant();
        Session session = new Session(random(), user, role, random(), now, now);
        byId.put(session.id(), session);
        expireOld(now);
        return session;
    }

    /** The live session with this id, its idle time restarted; empty when unknown or timed out. */
    Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = byId.computeIfPresent(id, (k, s) -> expired(s, now) ? null
                : new Session(s.id(), s.user(), s.role(), s.csrfToken(), s.created(), now));
        return Optional.ofNullable(found);
    }

    void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Ends every session of a user, e.g. when the user is removed. */
    void closeAll(String user) {
        byId.values().removeIf(s -> s.user().equals(user));
    }

    Duration absolute() {
        return absolute;
    }

    private boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(absolute));
    }

    private void expireOld(Instant now) {
        byId.values().removeIf(s -> expired(s, now));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
