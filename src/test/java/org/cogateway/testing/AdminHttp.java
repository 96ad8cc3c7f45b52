package org.cogateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.cogateway.Gateway;

/**
 * A client of a gateway's admin listener over real HTTP, as a browser (session cookie, CSRF header)
 * or a script (API token) would use it. Every call returns the status and the body; nothing is hidden.
 */
public final class AdminHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http;
    private String csrfToken;
    private String bearer;

    private AdminHttp(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** Not logged in; keeps the cookies the listener sets, like a browser. */
    public static AdminHttp anonymous(Gateway gateway) {
        return new AdminHttp(gateway.adminUrl(), HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }

    /** Not logged in, over HTTPS trusting {@code trust}. */
    public static AdminHttp anonymous(Gateway gateway, javax.net.ssl.SSLContext trust) {
        return new AdminHttp(gateway.adminUrl(), HttpClient.newBuilder().sslContext(trust)
                .cookieHandler(new CookieManager()).build());
    }

    public static AdminHttp loggedIn(Gateway gateway, String user, String password) {
        AdminHttp client = anonymous(gateway);
        Response r = client.login(user, password);
        if (r.status() != 200) {
            throw new AssertionError("login as " + user + ": " + r);
        }
        return client;
    }

    /** A script's client: every call carries {@code Authorization: Bearer token}, no cookie, no CSRF token. */
    public static AdminHttp withToken(Gateway gateway, String token) {
        AdminHttp client = new AdminHttp(gateway.adminUrl(), HttpClient.newHttpClient());
        client.bearer = token;
        return client;
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response login(String user, String password) {
        Response r = post("/api/v1/login", Map.of("user", user, "password", password));
        if (r.status() == 200) {
            csrfToken = r.json().get("csrfToken").asText();
        }
        return r;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + r.statusCode());
            }
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** POST with the session's CSRF token (when logged in by cookie). */
    public Response post(String path, Object body) {
        return send(withCsrf(request(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** POST as a page of another site could make the browser send it: the cookie, but no CSRF token. */
    public Response postWithoutCsrf(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Response delete(String path) {
        return send(withCsrf(request(path)).DELETE());
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder b) {
        return csrfToken == null ? b : b.header("X-CSRF-Token", csrfToken);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
