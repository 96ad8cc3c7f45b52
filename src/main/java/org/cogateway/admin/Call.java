package org.cogateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request as an operation sees it: path segments, query parameters, body, who is calling and
 * from where, and the cookie a login or logout sets.
 */
final class Call {
    final Map<String, String> path;
    final Map<String, String> query;
    final byte[] body;
    final Principal principal;
    final String remote;
    String setCookie;

    Call(Map<String, String> path, Map<String, String> query, byte[] body, Principal principal, String remote) {
        this.path = path;
        this.query = query;
        this.body = body;
        this.principal = principal;
        this.remote = remote;
    }

    /** Who is calling: a console session or an API token; null on a public route without login. */
    record Principal(String user, AdminRole role, Sessions.Session session) {
        boolean viaToken() {
            return session == null;
        }
    }

    JsonNode json() {
        return Json.object(body);
    }

    String actor() {
        return principal == null ? "-" : principal.user();
    }
}
