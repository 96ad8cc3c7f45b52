package org.cogateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener's one handler: finds the route, authenticates the caller (API token in
 * {@code Authorization: Bearer}, or the session cookie), checks the role, checks the CSRF token of
 * a cookie-authenticated request that changes state, runs the operation, and writes its reply with
 * headers that keep browsers from caching, sniffing or framing it. Any failure becomes a JSON error
 * with a status; an unexpected one is logged with an incident id, which is all the caller sees.
 */
final class AdminHandler extends Handler.Abstract {
    static final String SESSION_COOKIE = "cogw_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final List<String> SAFE_METHODS = List.of("GET", "HEAD");

    private final List<Route> routes;
    private final Sessions sessions;
    private final AdminUsers users;
    private final boolean https;

    AdminHandler(List<Route> routes, Sessions sessions, AdminUsers users, boolean https) {
        super(InvocationType.BLOCKING);
        this.routes = routes;
        this.sessions = sessions;
        this.users = users;
        this.https = https;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        Prepared prepared = null;
        try {
            prepared = prepare(request);
            reply = prepared.route().action().run(prepared.call());
        } catch (AdminException e) {
            if (e.status() == 401 && Console.isPage(Request.getPathInContext(request))) {
                reply = Reply.redirect(Console.LOGIN);
            } else if (e instanceof AdminException.Database) {
                String incident = UUID.randomUUID().toString();
                log.error("admin {} {}: incident {}", request.getMethod(), Request.getPathInContext(request), incident,
                        e.getCause());
                reply = Reply.error(e.status(), e.getMessage() + " (incident " + incident + ")");
            } else {
                reply = Reply.error(e.status(), e.getMessage());
            }
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            log.error("admin {} {}: incident {}", request.getMethod(), Request.getPathInContext(request), incident, e);
            reply = Reply.error(500, "internal error (incident " + incident + ")");
        }
        write(response, reply, prepared == null ? null : prepared.call().setCookie, callback);
        return true;
    }

    private record Prepared(Route route, Call call) {
    }

    private Prepared prepare(Request request) throws IOException {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Route route = null;
        Map<String, String> segments = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> m = r.match(path);
            if (m != null) {
                pathKnown = true;
                if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) {
                    route = r;
                    segments = m;
                    break;
                }
            }
        }
        if (route == null) {
            throw pathKnown ? new AdminException(405, method + " is not allowed on " + path)
                    : AdminException.notFound("no such page: " + path);
        }
        Call.Principal principal = authenticate(request);
        if (route.access() != Route.Access.PUBLIC) {
            if (principal == null) {
                throw new AdminException(401, "log in first (POST /api/v1/login) or send an API token");
            }
            if (route.access() == Route.Access.ADMIN && !principal.role().mayAct()) {
                throw new AdminException(403, "this needs the admin role; " + principal.user() + " is a viewer");
            }
        }
        if (principal != null && !principal.viaToken() && !SAFE_METHODS.contains(method)) {
            requireCsrfToken(request, principal.session());
        }
        byte[] body = SAFE_METHODS.contains(method) ? new byte[0] : body(request);
        if (body.length > 0 && !isJson(request)) {
            // a cross-site form can post text/plain or urlencoded without a preflight, never JSON
            throw new AdminException(415, "send the request body as application/json");
        }
        return new Prepared(route, new Call(segments, query(request), body, principal, Request.getRemoteAddr(request)));
    }

    private Call.Principal authenticate(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new AdminException(401, "the Authorization header must be 'Bearer <API token>'");
            }
            return users.forToken(authorization.substring(7).strip())
                    .map(u -> new Call.Principal(u.name(), u.role(), null))
                    .orElseThrow(() -> new AdminException(401, "unknown or revoked API token"));
        }
        return sessionId(request).flatMap(sessions::touch)
                .map(s -> new Call.Principal(s.user(), s.role(), s))
                .orElse(null);
    }

    static Optional<String> sessionId(Request request) {
        return Request.getCookies(request).stream().filter(c -> SESSION_COOKIE.equals(c.getName()))
                .map(HttpCookie::getValue).findFirst();
    }

    private static void requireCsrfToken(Request request, Sessions.Session session) {
        String sent = request.getHeaders().get(CSRF_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new AdminException(403, "missing or wrong " + CSRF_HEADER + " header (the csrfToken of your login)");
        }
    }

    private static boolean isJson(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static byte[] body(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            throw new AdminException(413, "request body larger than " + MAX_BODY + " bytes");
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new AdminException(413, "request body larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static Map<String, String> query(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, String> query = new HashMap<>();
        for (Fields.Field f : fields) {
            if (f.getValues().size() > 1) {
                throw AdminException.badRequest("parameter '" + f.getName() + "' given more than once");
            }
            query.put(f.getName(), f.getValue());
        }
        return query;
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure on HTTPS; empty value ends it. */
    private HttpCookie cookie(String value) {
        HttpCookie.Builder b = HttpCookie.build(SESSION_COOKIE, value.isEmpty() ? "" : value)
                .path("/").httpOnly(true).secure(https).sameSite(HttpCookie.SameSite.STRICT);
        if (value.isEmpty()) {
            b.maxAge(0);
        } else {
            b.maxAge(sessions.absolute().toSeconds());
        }
        return b.build();
    }

    private void write(Response response, Reply reply, String setCookie, Callback callback) {
        response.setStatus(reply.status());
        var headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType().startsWith("text/") || reply.contentType().endsWith("json")
                ? reply.contentType() + "; charset=utf-8" : reply.contentType());
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        if (https) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
        reply.headers().forEach(headers::put);
        if (setCookie != null) {
            Response.addCookie(response, cookie(setCookie));
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
