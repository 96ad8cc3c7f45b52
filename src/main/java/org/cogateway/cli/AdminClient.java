package org.cogateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.cogateway.config.GatewayConfig;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.security.TlsContexts;
import picocli.CommandLine.Option;

/**
 * The commands that act on a running gateway call its admin API, never its database: the URL from
 * {@code --admin-url} or the configuration's admin.host/admin.port (HTTPS when the gateway's
 * listener is, trusting the gateway truststore), and an API token from {@code --token-file} or the
 * environment variable {@code COGW_ADMIN_TOKEN} (make one with {@code users token NAME}).
 */
final class AdminClient {
    static final String TOKEN_ENV = "COGW_ADMIN_TOKEN";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The options every API-calling command shares. */
    static final class Options {
        @Option(names = "--admin-url", paramLabel = "URL",
                description = "The running gateway's admin listener, e.g. https://127.0.0.1:8081. Default: from the"
                        + " configuration's admin.host and admin.port.")
        String adminUrl;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "File whose first line is an API token. Default: the environment variable "
                        + TOKEN_ENV + ".")
        Path tokenFile;
    }

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    private AdminClient(String baseUrl, String token, HttpClient http) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
    }

    /** A failure to reach or use the API, with a message for the operator; exit code 2. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    static AdminClient of(GatewayConfig cfg, Options options, Map<String, String> environment) {
        String token = token(options, environment);
        boolean https = cfg.tls().https();
        String host = cfg.admin().host().equals("0.0.0.0") ? "127.0.0.1" : cfg.admin().host();
        String url = options.adminUrl != null ? options.adminUrl.replaceAll("/+$", "")
                : (https ? "https://" : "http://") + host + ":" + cfg.admin().port();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (url.startsWith("https:")) {
            SSLContext context = new TlsContexts(cfg.tls(), new GatewayCrypto(cfg.keys())).gatewayTrustContext();
            builder.sslContext(context).sslParameters(TlsContexts.clientParameters(context));
        }
        return new AdminClient(url, token, builder.build());
    }

    private static String token(Options options, Map<String, String> environment) {
        if (options.tokenFile != null) {
            try {
                String first = Files.readAllLines(options.tokenFile, StandardCharsets.UTF_8).stream().findFirst()
                        .orElse("").strip();
                if (first.isEmpty()) {
                    throw new Unusable(options.tokenFile + " is empty; its first line must be an API token");
                }
                return first;
            } catch (IOException e) {
                throw new Unusable("cannot read the token file " + options.tokenFile + ": " + e.getMessage());
            }
        }
        String fromEnv = environment.get(TOKEN_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new Unusable("no API token: set " + TOKEN_ENV + " or pass --token-file"
                    + " (make a token with: users token NAME)");
        }
        return fromEnv.strip();
    }

    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String error() {
            return body.path("error").asText("HTTP " + status);
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), body);
        } catch (ConnectException e) {
            throw new Unusable("no gateway answers at " + baseUrl + " (is it running? is admin.enabled true?)");
        } catch (IOException e) {
            throw new Unusable("calling " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unusable("interrupted");
        }
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
