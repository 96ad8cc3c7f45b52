package org.cogateway.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs the alert as JSON; any 2xx answer means the receiver took it, anything else is tried again. */
final class WebhookChannel implements AlertChannel {
    private final HttpClient client;
    private final Duration timeout;
    private final String gateway;

    WebhookChannel(Duration timeout, String gateway) {
        // redirects are not followed: a webhook that moved is a configuration to fix, not to guess
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.gateway = gateway;
    }

    @Override
    public void send(Alert alert, String receiver) throws AlertSendException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("User-Agent", "co-gateway alerts")
                .POST(HttpRequest.BodyPublishers.ofString(AlertJson.of(alert, gateway), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new AlertSendException("webhook " + receiver + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertSendException("webhook " + receiver + ": interrupted (the gateway is stopping)", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AlertSendException("webhook " + receiver + " answered HTTP " + response.statusCode());
        }
    }
}
