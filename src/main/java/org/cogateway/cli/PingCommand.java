package org.cogateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Asks the running gateway (its admin API; an API token with the admin role) to send the ebMS "
                + "test message to a partner, signed and encrypted like any other and over the gateway's own TLS "
                + "settings, and reports the outcome and the round-trip time. Exit code 0 when a valid receipt came back.")
final class PingCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Mixin
    AdminClient.Options admin;

    @Parameters(paramLabel = "PARTNER", description = "The partner's id in the configuration (partner.<id>.*).")
    String partnerId;

    @Override
    public Integer call() {
        AdminClient.Answer a;
        try {
            a = AdminClient.of(config.load(), admin, System.getenv())
                    .post("/api/v1/partners/" + AdminClient.encode(partnerId) + "/ping", Map.of());
        } catch (AdminClient.Unusable e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!a.ok()) {
            System.err.println("ping " + partnerId + ": " + a.error());
            return 2;
        }
        JsonNode r = a.body();
        System.out.printf("ping %s at %s: %s in %d ms%s%n", partnerId, r.path("endpoint").asText(),
                r.path("outcome").asText(), r.path("ms").asLong(), r.path("delivered").asBoolean() ? ""
                        : " - " + r.path("reason").asText() + (r.hasNonNull("httpStatus")
                        ? " (HTTP " + r.get("httpStatus").asInt() + ")" : ""));
        return r.path("delivered").asBoolean() ? 0 : 1;
    }
}
