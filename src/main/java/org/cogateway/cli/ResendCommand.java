package org.cogateway.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resend", mixinStandardHelpOptions = true,
        description = "Asks the running gateway (its admin API; an API token with the admin role) to put FAILED or "
                + "REJECTED transmissions back in the queue, with their MessageId unchanged (the partner drops a copy "
                + "it already has) and the partner's full retry policy. Exit code 0 when every one was resent.")
final class ResendCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Mixin
    AdminClient.Options admin;

    @Parameters(paramLabel = "TRACKING_ID", arity = "0..*", description = "Tracking ids of FAILED or REJECTED transmissions.")
    List<String> trackingIds = List.of();

    @Option(names = "--all-failed", description = "Resend every FAILED and REJECTED transmission (at most 1000 a call),"
            + " optionally only those of --partner.")
    boolean allFailed;

    @Option(names = "--partner", paramLabel = "PARTNER", description = "With --all-failed: only this partner's.")
    String partner;

    @Override
    public Integer call() {
        if (trackingIds.isEmpty() != allFailed) {
            System.err.println("give tracking ids or --all-failed, not both and not neither");
            return 2;
        }
        try {
            AdminClient client = AdminClient.of(config.load(), admin, System.getenv());
            return allFailed ? resendAll(client) : resendEach(client);
        } catch (AdminClient.Unusable e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private int resendEach(AdminClient client) {
        int refused = 0;
        for (String id : trackingIds) {
            AdminClient.Answer a = client.post("/api/v1/transmissions/" + AdminClient.encode(id) + "/resend", Map.of());
            if (a.ok()) {
                System.out.println(id + ": queued again (MessageId " + a.body().path("messageId").asText() + ")");
            } else {
                System.out.println(id + ": not resent - " + a.error());
                refused++;
            }
        }
        return refused == 0 ? 0 : 1;
    }

    private int resendAll(AdminClient client) {
        Map<String, String> filter = new LinkedHashMap<>();
        if (partner != null) {
            filter.put("partner", partner);
        }
        AdminClient.Answer a = client.post("/api/v1/transmissions/resend", filter);
        if (!a.ok()) {
            System.out.println("not resent - " + a.error());
            return 1;
        }
        a.body().path("trackingIds").forEach(id -> System.out.println(id.asText() + ": queued again"));
        System.out.println(a.body().path("resent").asInt() + " transmission(s) queued again");
        return 0;
    }
}
