package org.cogateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows, from the running gateway's admin API, a transmission's state, attempts and history "
                + "(by tracking id or MessageId), or a certificate's whole timeline in both directions (by certificate "
                + "number). Exit code 0 when found, 1 when not.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Mixin
    AdminClient.Options admin;

    @Parameters(paramLabel = "TRACKING_ID|CERTIFICATE_NUMBER", description = "What to look up.")
    String id;

    @Override
    public Integer call() {
        AdminClient.Answer a;
        try {
            a = AdminClient.of(config.load(), admin, System.getenv()).get("/api/v1/status/" + AdminClient.encode(id));
        } catch (AdminClient.Unusable e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!a.ok()) {
            System.out.println(a.error());
            return a.status() == 404 ? 1 : 2;
        }
        if (a.body().has("transmission")) {
            printTransmission(a.body().get("transmission"));
        } else {
            System.out.println("certificate " + a.body().path("certificateNumber").asText() + ":");
            for (JsonNode e : a.body().path("timeline")) {
                System.out.printf("  %s  %-8s v%d %-15s %s%s%n", e.path("at").asText(), e.path("direction").asText(),
                        e.path("version").asInt(), e.path("kind").asText(), e.path("what").asText(),
                        e.hasNonNull("detail") ? "  " + e.get("detail").asText() : "");
            }
        }
        return 0;
    }

    private static void printTransmission(JsonNode r) {
        JsonNode t = r.path("transmission");
        System.out.printf("%s %s of certificate %s v%d to %s: %s after %d attempt(s)%n", t.path("trackingId").asText(),
                t.path("kind").asText(), t.path("certificateNumber").asText(), t.path("version").asInt(),
                t.path("partner").asText(), t.path("state").asText(), t.path("attempts").asInt());
        System.out.println("  MessageId " + t.path("messageId").asText());
        if (t.hasNonNull("lastError")) {
            System.out.println("  last error: " + t.get("lastError").asText());
        }
        for (JsonNode a : r.path("attempts")) {
            System.out.printf("  attempt %d at %s: %s%s%s%s%n", a.path("attempt").asInt(), a.path("started").asText(),
                    a.path("outcome").asText(), a.hasNonNull("durationMs") ? " in " + a.get("durationMs").asLong() + " ms" : "",
                    a.hasNonNull("httpStatus") ? ", HTTP " + a.get("httpStatus").asInt() : "",
                    a.hasNonNull("reason") ? " - " + a.get("reason").asText() : "");
        }
        for (JsonNode h : r.path("history")) {
            System.out.println("  " + h.path("at").asText() + "  " + h.path("state").asText()
                    + (h.hasNonNull("detail") ? "  " + h.get("detail").asText() : ""));
        }
    }
}
