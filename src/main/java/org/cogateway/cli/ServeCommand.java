package org.cogateway.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cogateway.Gateway;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the gateway until stopped (Ctrl-C or SIGTERM): the back-office SOAP service on "
                + "/services/co (SOAP 1.1) and /services/co12 (SOAP 1.2), WSDL at /services/co?wsdl. "
                + "Runs the checks of 'config check' first; exit code 2 when one fails.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.settings();
        GatewayConfig cfg = ConfigOption.load(settings);
        log.info("configuration {}: {}", settings.origin(), String.join(", ", settings.summary()));
        List<String> problems = StartChecks.problems(cfg);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> spec.commandLine().getErr().println("co-gateway: " + problem));
            spec.commandLine().getErr().flush();
            return Main.CONFIGURATION_ERROR;
        }
        Gateway gateway = Gateway.start(cfg, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("co-gateway " + cfg.identity().partyId() + " serving; WSDL: " + gateway.baseUrl()
                + BackOfficeService.SOAP11_PATH + "?wsdl");
        stopped.await();
        return 0;
    }
}
