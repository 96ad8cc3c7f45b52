package org.cogateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The web console: server-rendered pages (Thymeleaf templates in {@code console/}) over the same
 * reads as the JSON API, and one small script that sends the actions (login, logout, resend, ping,
 * users) to the JSON API with the page's CSRF token. Nothing is fetched from elsewhere: the script
 * and the style sheet are served from the jar. The pages get the API's JSON shapes as maps, so a
 * template names the same fields as docs/admin.md.
 */
final class Console {
    static final String LOGIN = "/console/login";
    private static final Set<String> STATIC = Set.of("app.js", "style.css");

    private final TemplateEngine templates;
    private final MessageLog log;
    private final PartnerStatus partners;
    private final KeyInventory keys;
    private final AuditLog audit;
    private final AdminUsers users;
    private final Retention retention;
    private final Clock clock;

    Console(MessageLog log, PartnerStatus partners, KeyInventory keys, AuditLog audit, AdminUsers users,
            Retention retention, Clock clock) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Console.class.getClassLoader());
        resolver.setPrefix("console/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        this.templates = new TemplateEngine();
        this.templates.setTemplateResolver(resolver);
        this.log = log;
        this.partners = partners;
        this.keys = keys;
        this.audit = audit;
        this.users = users;
        this.retention = retention;
        this.clock = clock;
    }

    /** Whether a path is a console page, whose refusal for want of a login sends the browser to the login page. */
    static boolean isPage(String path) {
        return (path.equals("/console") || path.startsWith("/console/")) && !path.startsWith("/console/static/")
                && !path.equals(LOGIN);
    }

    List<Route> routes() {
        Route.Access viewer = Route.Access.VIEWER;
        return List.of(
                Route.of("GET", "/", Route.Access.PUBLIC, c -> Reply.redirect("/console")),
                Route.of("GET", LOGIN, Route.Access.PUBLIC, c -> page(c, "login", Map.of())),
                Route.of("GET", "/console/static/{file}", Route.Access.PUBLIC, this::asset),
                Route.of("GET", "/console", viewer, this::dashboard),
                Route.of("GET", "/console/log", viewer, this::messageLog),
                Route.of("GET", "/console/transmissions/{id}", viewer, this::transmission),
                Route.of("GET", "/console/inbound/{id}", viewer, this::inbound),
                Route.of("GET", "/console/cos/{number}", viewer, this::timeline),
                Route.of("GET", "/console/partners", viewer, c -> page(c, "partners", Map.of("partners",
                        json(partners.all())))),
                Route.of("GET", "/console/certificates", viewer, c -> page(c, "certificates", Map.of("certificates",
                        json(keys.all())))),
                Route.of("GET", "/console/audit", viewer, c -> page(c, "audit", Map.of("page", json(audit.page(
                        Keyset.Cursor.decode(c.query.get("cursor")), Keyset.DEFAULT_LIMIT, null, null))))),
                Route.of("GET", "/console/users", Route.Access.ADMIN, c -> page(c, "users", Map.of("users",
                        json(users.list())))));
    }

    private Reply dashboard(Call c) {
        Map<String, Map<String, Long>> outbound = new LinkedHashMap<>();
        Map<String, Map<String, Long>> inbound = new LinkedHashMap<>();
        for (MessageLog.StateCount s : log.stateCounts()) {
            (s.direction().equals("outbound") ? outbound : inbound).computeIfAbsent(s.partner(), p -> new LinkedHashMap<>())
                    .put(s.state(), s.count());
        }
        return page(c, "dashboard", Map.of(
                "outbound", outbound,
                "inbound", inbound,
                "partners", json(partners.all()),
                "failures", json(log.failureReasons(clock.instant().minus(Duration.ofHours(24)), 10)),
                "retention", json(retention.status())));
    }

    private Reply messageLog(Call c) {
        boolean in = "in".equals(c.query.get("dir"));
        Map<String, String> query = new HashMap<>(c.query);
        query.remove("dir");
        query.values().removeIf(v -> v == null || v.isBlank());
        LogFilter filter = LogFilter.parse(query, !in);
        Keyset.Cursor cursor = Keyset.Cursor.decode(query.get("cursor"));
        int limit = Keyset.limit(query.get("limit"));
        Object page = in ? log.inbound(filter, cursor, limit) : log.outbound(filter, cursor, limit);
        Map<String, String> filters = new LinkedHashMap<>(query);
        filters.remove("cursor");
        return page(c, "log", Map.of("dir", in ? "in" : "out", "page", json(page), "filters", filters));
    }

    private Reply transmission(Call c) {
        String id = c.path.get("id");
        return page(c, "transmission", Map.of("r", json(log.outboundRecord(id)
                .orElseThrow(() -> AdminException.notFound("no transmission " + id)))));
    }

    private Reply inbound(Call c) {
        String id = c.path.get("id");
        return page(c, "inbound", Map.of("r", json(log.inboundRecord(MessageLog.parseId(id))
                .orElseThrow(() -> AdminException.notFound("no inbound message " + id)))));
    }

    private Reply timeline(Call c) {
        String number = c.path.get("number");
        List<MessageLog.TimelineEntry> entries = log.timeline(number, null);
        if (entries.isEmpty()) {
            throw AdminException.notFound("no certificate " + number);
        }
        return page(c, "timeline", Map.of("number", number, "entries", json(entries)));
    }

    private Reply asset(Call c) throws IOException {
        String file = c.path.get("file");
        if (!STATIC.contains(file)) {
            throw AdminException.notFound("no such file");
        }
        try (InputStream in = Console.class.getClassLoader().getResourceAsStream("console/static/" + file)) {
            if (in == null) {
                throw AdminException.notFound("no such file");
            }
            return new Reply(200, file.endsWith(".js") ? "text/javascript" : "text/css", in.readAllBytes(), Map.of());
        }
    }

    private Reply page(Call c, String template, Map<String, Object> model) {
        Map<String, Object> all = new HashMap<>(model);
        if (c.principal != null) {
            all.put("user", c.principal.user());
            all.put("admin", c.principal.role().mayAct());
            all.put("csrf", c.principal.session() == null ? "" : c.principal.session().csrfToken());
        }
        all.put("page", model.getOrDefault("page", Map.of()));
        all.put("view", template);
        return Reply.text(200, "text/html", templates.process(template, new Context(Locale.ROOT, all)));
    }

    /** The API's JSON shape of a value, as maps and lists, for the templates. */
    private static Object json(Object value) {
        return Json.MAPPER.convertValue(value, Object.class);
    }
}
