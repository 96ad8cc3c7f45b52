package org.cogateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cogateway.as4.As4Client;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.partner.Partner;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.LoginThrottle;

/**
 * The operations of the JSON API, /api/v1/... (docs/admin.md): the message log, records and
 * bodies, a certificate's timeline, resends, partners and ping, certificates, the audit log, users
 * and tokens, login and logout. Every action writes an audit entry, whether it succeeded or not.
 */
final class AdminApi {
    static final String V1 = "/api/v1";
    /** Resend-all-matching acts on at most this many transmissions per call, oldest first. */
    static final int RESEND_BATCH = 1000;

    private final MessageLog log;
    private final PartnerStatus partnerStatus;
    private final KeyInventory keys;
    private final AuditLog audit;
    private final AdminUsers users;
    private final Sessions sessions;
    private final LoginThrottle loginAttempts;
    private final AdminFace.Resender resender;
    private final PartnerDirectory partners;
    private final As4Client as4;
    private final AdminFace.Pinged pinged;
    private final java.time.Clock clock;
    private final Retention retention;

    AdminApi(MessageLog log, PartnerStatus partnerStatus, KeyInventory keys, AuditLog audit, AdminUsers users,
             Sessions sessions, LoginThrottle loginAttempts, AdminFace.Resender resender, PartnerDirectory partners,
             As4Client as4, AdminFace.Pinged pinged, java.time.Clock clock, Retention retention) {
        this.log = log;
        this.partnerStatus = partnerStatus;
        this.keys = keys;
        this.audit = audit;
        this.users = users;
        this.sessions = sessions;
        this.loginAttempts = loginAttempts;
        this.resender = resender;
        this.partners = partners;
        this.as4 = as4;
        this.pinged = pinged;
        this.clock = clock;
        this.retention = retention;
    }

    List<Route> routes() {
        Route.Access viewer = Route.Access.VIEWER;
        Route.Access admin = Route.Access.ADMIN;
        return List.of(
                Route.of("POST", V1 + "/login", Route.Access.PUBLIC, this::login),
                Route.of("POST", V1 + "/logout", viewer, this::logout),
                Route.of("GET", V1 + "/me", viewer, this::me),
                Route.of("GET", V1 + "/transmissions", viewer, this::transmissions),
                Route.of("POST", V1 + "/transmissions/resend", admin, this::resendMatching),
                Route.of("GET", V1 + "/transmissions/{id}", viewer, this::transmission),
                Route.of("POST", V1 + "/transmissions/{id}/resend", admin, this::resend),
                Route.of("GET", V1 + "/transmissions/{id}/payload", viewer, c -> download(c,
                        new MessageLog.BodyRef(MessageLog.BodyKind.PAYLOAD, c.path.get("id"), 0), "payload.xml",
                        "application/xml")),
                Route.of("GET", V1 + "/transmissions/{id}/attempts/{n}/sent", viewer, c -> download(c,
                        new MessageLog.BodyRef(MessageLog.BodyKind.SENT, c.path.get("id"), attempt(c)),
                        "attempt-" + attempt(c) + "-sent.mime", "application/octet-stream")),
                Route.of("GET", V1 + "/transmissions/{id}/attempts/{n}/answer", viewer, c -> download(c,
                        new MessageLog.BodyRef(MessageLog.BodyKind.ANSWER, c.path.get("id"), attempt(c)),
                        "attempt-" + attempt(c) + "-answer.xml", "application/octet-stream")),
                Route.of("GET", V1 + "/inbound", viewer, this::inboundList),
                Route.of("GET", V1 + "/inbound/{id}", viewer, this::inbound),
                Route.of("GET", V1 + "/inbound/{id}/message", viewer, c -> download(c,
                        new MessageLog.BodyRef(MessageLog.BodyKind.INBOUND_MESSAGE, c.path.get("id"), 0),
                        "inbound-" + c.path.get("id") + ".mime", "application/octet-stream")),
                Route.of("GET", V1 + "/inbound/{id}/receipt", viewer, c -> download(c,
                        new MessageLog.BodyRef(MessageLog.BodyKind.INBOUND_RECEIPT, c.path.get("id"), 0),
                        "inbound-" + c.path.get("id") + "-receipt.xml", "application/octet-stream")),
                Route.of("GET", V1 + "/cos/{number}/timeline", viewer, this::timeline),
                Route.of("GET", V1 + "/status/{id}", viewer, this::status),
                Route.of("GET", V1 + "/partners", viewer, c -> Reply.json(Map.of("items", partnerStatus.all()))),
                Route.of("POST", V1 + "/partners/{id}/ping", admin, this::ping),
                Route.of("GET", V1 + "/certificates", viewer, c -> Reply.json(Map.of("items", keys.all()))),
                Route.of("GET", V1 + "/audit", viewer, this::auditLog),
                Route.of("GET", V1 + "/retention", viewer, c -> Reply.json(retention.status())),
                Route.of("POST", V1 + "/retention/run", admin, this::purgeNow),
                Route.of("GET", V1 + "/users", admin, c -> Reply.json(Map.of("items", users.list()))),
                Route.of("POST", V1 + "/users", admin, this::addUser),
                Route.of("DELETE", V1 + "/users/{name}", admin, this::removeUser),
                Route.of("POST", V1 + "/users/{name}/tokens", viewer, this::createToken));
    }

    private Reply login(Call c) {
        JsonNode body = c.json();
        String user = Json.required(body, "user");
        String password = Json.required(body, "password");
        var locked = loginAttempts.lockedFor(user, c.remote);
        if (locked.isPresent()) {
            audit.record(user, c.remote, "login", user, "locked", "locked out for " + locked.get().toSeconds() + " s");
            long seconds = Math.max(1, locked.get().toSeconds());
            return Reply.error(429, "too many failed logins; try again in " + seconds + " s")
                    .with("Retry-After", String.valueOf(seconds));
        }
        var found = users.authenticate(user, password.toCharArray());
        if (found.isEmpty()) {
            loginAttempts.failed(user, c.remote);
            audit.record(user, c.remote, "login", user, "refused", "wrong user name or password");
            return Reply.error(401, "wrong user name or password");
        }
        loginAttempts.succeeded(user, c.remote);
        Sessions.Session session = sessions.open(found.get().name(), found.get().role());
        audit.record(user, c.remote, "login", user, "ok", null);
        c.setCookie = session.id();
        return Reply.json(me(session.user(), session.role(), session.csrfToken()));
    }

    private Reply logout(Call c) {
        if (c.principal.session() != null) {
            sessions.close(c.principal.session().id());
            c.setCookie = "";
        }
        audit.record(c.actor(), c.remote, "logout", c.actor(), "ok", null);
        return Reply.json(Map.of("loggedOut", true));
    }

    private Reply me(Call c) {
        return Reply.json(me(c.principal.user(), c.principal.role(),
                c.principal.session() == null ? null : c.principal.session().csrfToken()));
    }

    private static Map<String, Object> me(String user, AdminRole role, String csrfToken) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user);
        me.put("role", role.label());
        if (csrfToken != null) {
            me.put("csrfToken", csrfToken);
        }
        return me;
    }

    private Reply transmissions(Call c) {
        LogFilter filter = LogFilter.parse(c.query, true);
        return Reply.json(log.outbound(filter, Keyset.Cursor.decode(c.query.get("cursor")),
                Keyset.limit(c.query.get("limit"))));
    }

    private Reply inboundList(Call c) {
        LogFilter filter = LogFilter.parse(c.query, false);
        return Reply.json(log.inbound(filter, Keyset.Cursor.decode(c.query.get("cursor")),
                Keyset.limit(c.query.get("limit"))));
    }

    private Reply transmission(Call c) {
        String id = c.path.get("id");
        return Reply.json(log.outboundRecord(id).orElseThrow(() -> AdminException.notFound("no transmission " + id)));
    }

    private Reply inbound(Call c) {
        String id = c.path.get("id");
        return Reply.json(log.inboundRecord(MessageLog.parseId(id))
                .orElseThrow(() -> AdminException.notFound("no inbound message " + id)));
    }

    private Reply download(Call c, MessageLog.BodyRef ref, String fileName, String type) {
        var body = log.body(ref);
        if (body.isEmpty() || body.get().length == 0) {
            var purged = log.purgedAt(ref);
            if (purged.isPresent()) {
                // gone on purpose, not missing: the record (states, outcomes, receipt digests) is still there
                throw new AdminException(410, "purged on " + purged.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + " by retention (retention.olderThan); the message's record and receipt are kept");
            }
        }
        return body.map(b -> Reply.download(b, fileName, type))
                .orElseThrow(() -> AdminException.notFound("no " + ref.kind().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + " stored for " + ref.owner()
                        + (ref.attempt() > 0 ? " attempt " + ref.attempt() : "")));
    }

    private static int attempt(Call c) {
        try {
            return Integer.parseInt(c.path.get("n"));
        } catch (NumberFormatException e) {
            throw AdminException.notFound("no attempt " + c.path.get("n"));
        }
    }

    private Reply timeline(Call c) {
        String number = c.path.get("number");
        List<MessageLog.TimelineEntry> entries = log.timeline(number, c.query.get("issuingCountry"));
        if (entries.isEmpty()) {
            throw AdminException.notFound("no certificate " + number);
        }
        return Reply.json(Map.of("certificateNumber", number, "entries", entries));
    }

    /** A tracking id or MessageId gives that transmission's record; anything else is taken as a certificate number. */
    private Reply status(Call c) {
        String id = c.path.get("id");
        return log.trackingIdOf(id).flatMap(log::outboundRecord)
                .map(r -> Reply.json(Map.of("transmission", r)))
                .orElseGet(() -> {
                    List<MessageLog.TimelineEntry> entries = log.timeline(id, null);
                    if (entries.isEmpty()) {
                        throw AdminException.notFound("no transmission or certificate " + id);
                    }
                    return Reply.json(Map.of("certificateNumber", id, "timeline", entries));
                });
    }

    private Reply resend(Call c) {
        String id = c.path.get("id");
        var record = log.outboundRecord(id).orElseThrow(() -> AdminException.notFound("no transmission " + id));
        String state = record.transmission().state();
        if (record.bodyPurgedAt() != null && resendable(state)) {
            audit.record(c.actor(), c.remote, "resend", id, "refused", "body purged on " + record.bodyPurgedAt());
            throw new AdminException(409, "transmission " + id + " cannot be resent: its body was purged on "
                    + record.bodyPurgedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + " by retention; submit the certificate again");
        }
        if (!resendable(state)) {
            audit.record(c.actor(), c.remote, "resend", id, "refused", "state " + state);
            throw new AdminException(409, "transmission " + id + " is " + state + "; only FAILED or REJECTED ones"
                    + " are resent");
        }
        boolean done = resender.resend(id);
        audit.record(c.actor(), c.remote, "resend", id, done ? "ok" : "refused", done ? "was " + state
                : "state changed meanwhile");
        if (!done) {
            throw new AdminException(409, "transmission " + id + " changed state meanwhile; not resent");
        }
        return Reply.json(Map.of("trackingId", id, "messageId", record.transmission().messageId(), "state", "QUEUED"));
    }

    private static boolean resendable(String state) {
        return "FAILED".equals(state) || "REJECTED".equals(state);
    }

    /** Resends every FAILED or REJECTED transmission the filter (the request body, same names as the log's) matches. */
    private Reply resendMatching(Call c) {
        JsonNode body = c.body.length == 0 ? Json.MAPPER.createObjectNode() : c.json();
        Map<String, String> query = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
                : e.getValue().toString()));
        LogFilter filter = LogFilter.parse(query, true);
        List<String> states = filter.state() == null ? List.of("FAILED", "REJECTED") : List.of(filter.state());
        if (!states.stream().allMatch(AdminApi::resendable)) {
            throw AdminException.badRequest("only FAILED or REJECTED transmissions are resent");
        }
        List<String> resent = new ArrayList<>();
        for (String id : log.outboundIds(filter, states, RESEND_BATCH)) {
            boolean done = resender.resend(id);
            audit.record(c.actor(), c.remote, "resend", id, done ? "ok" : "refused", "resend all matching " + query);
            if (done) {
                resent.add(id);
            }
        }
        return Reply.json(Map.of("resent", resent.size(), "trackingIds", resent));
    }

    private Reply ping(Call c) {
        String id = c.path.get("id");
        Partner partner = partners.byId(id).orElseThrow(() -> AdminException.notFound("no partner " + id));
        java.time.Instant startedAt = clock.instant();
        long start = System.nanoTime();
        SendOutcome outcome = as4.ping(partner);
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        try {
            pinged.pinged(id, startedAt, outcome);
        } catch (RuntimeException e) {
            // the operator still gets the ping's answer; the next send attempt or ping updates reachability
            org.slf4j.LoggerFactory.getLogger(AdminApi.class).warn("ping of {} not counted for reachability: {}", id,
                    e.getMessage());
        }
        audit.record(c.actor(), c.remote, "ping", id, outcome.delivered() ? "ok" : "failed",
                outcome.delivered() ? ms + " ms" : outcome.reason());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("partner", id);
        result.put("endpoint", partner.endpoint().toString());
        result.put("outcome", outcome.kind().name());
        result.put("delivered", outcome.delivered());
        result.put("ms", ms);
        if (outcome.httpStatus() != null) {
            result.put("httpStatus", outcome.httpStatus());
        }
        if (outcome.ebmsErrorCode() != null) {
            result.put("ebmsErrorCode", outcome.ebmsErrorCode());
        }
        if (outcome.reason() != null && !outcome.delivered()) {
            result.put("reason", outcome.reason());
        }
        return Reply.json(result);
    }

    /** "Purge now": runs retention on this node unless another node is running it (the run audits itself). */
    private Reply purgeNow(Call c) {
        Retention.Outcome outcome = retention.run(true);
        audit.record(c.actor(), c.remote, "retention-run", "message bodies", outcome.ran() ? "ok" : "refused",
                outcome.ran() ? outcome.transmissions() + " transmissions, " + outcome.inbound() + " inbound messages"
                        : outcome.message());
        if (!outcome.ran()) {
            throw new AdminException(409, outcome.message());
        }
        return Reply.json(outcome);
    }

    private Reply auditLog(Call c) {
        for (String name : c.query.keySet()) {
            if (!List.of("cursor", "limit", "action", "actor").contains(name)) {
                throw AdminException.badRequest("unknown parameter '" + name + "'; known: action, actor, cursor, limit");
            }
        }
        return Reply.json(audit.page(Keyset.Cursor.decode(c.query.get("cursor")), Keyset.limit(c.query.get("limit")),
                c.query.get("action"), c.query.get("actor")));
    }

    private Reply addUser(Call c) {
        JsonNode body = c.json();
        String name = Json.required(body, "name");
        AdminRole role = AdminRole.parse(Json.required(body, "role"));
        try {
            AdminUsers.User user = users.add(name, role, Json.required(body, "password").toCharArray());
            audit.record(c.actor(), c.remote, "user-add", name, "ok", "role " + role.label());
            return Reply.json(201, user);
        } catch (AdminException e) {
            audit.record(c.actor(), c.remote, "user-add", name, "refused", e.getMessage());
            throw e;
        }
    }

    private Reply removeUser(Call c) {
        String name = c.path.get("name");
        if (name.equals(c.actor())) {
            throw new AdminException(409, "you cannot remove yourself");
        }
        boolean removed = users.remove(name);
        sessions.closeAll(name);
        audit.record(c.actor(), c.remote, "user-remove", name, removed ? "ok" : "refused", removed ? null : "no such user");
        if (!removed) {
            throw AdminException.notFound("no user " + name);
        }
        return Reply.json(Map.of("removed", name));
    }

    /** An admin may make a token for anyone; a viewer only for themself. */
    private Reply createToken(Call c) {
        String name = c.path.get("name");
        if (!name.equals(c.actor()) && !c.principal.role().mayAct()) {
            throw new AdminException(403, "a viewer makes tokens only for themself");
        }
        String label = c.body.length == 0 ? null : Json.text(c.json(), "label");
        String token = users.createToken(name, label).orElseThrow(() -> AdminException.notFound("no user " + name));
        audit.record(c.actor(), c.remote, "token-create", name, "ok", label);
        return Reply.json(201, Map.of("user", name, "token", token));
    }
}
