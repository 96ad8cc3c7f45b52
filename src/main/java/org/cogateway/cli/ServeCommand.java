package org.cogateway.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cogateway.Gateway;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the gateway until stopped (Ctrl-C or SIGTERM): the back-office SOAP service on "
                + "/services/co (SOAP 1.1) and /services/co12 (SOAP 1.2), WSDL at /services/co?wsdl.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig cfg = config.load();
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
