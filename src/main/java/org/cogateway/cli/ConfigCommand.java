package org.cogateway.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.cogateway.config.ConfigKeys;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Works with a configuration file without serving.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Keys.class, CommandLine.HelpCommand.class})
final class ConfigCommand {

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "Prints every setting the gateway knows, with its type, default and meaning "
                    + "(the page docs/configuration.md).")
    static final class Keys implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(ConfigKeys.reference());
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Reads the configuration strictly, prints the effective settings (secrets masked) and runs "
                    + "every check 'serve' runs at start (keys, certificates, partners' TLS, database, listener) "
                    + "without serving. Exit code 0 when the gateway would start, 2 when not, each problem on one line.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Settings settings = config.settings();
            GatewayConfig cfg = ConfigOption.load(settings);
            out.println("configuration " + settings.origin() + ":");
            settings.summary().forEach(line -> out.println("  " + line));
            List<String> problems = StartChecks.problems(cfg);
            problems.forEach(problem -> err.println("co-gateway: " + problem));
            out.println(problems.isEmpty() ? "configuration OK: the gateway would start"
                    : problems.size() + " problem(s): the gateway would not start");
            out.flush();
            err.flush();
            return problems.isEmpty() ? 0 : Main.CONFIGURATION_ERROR;
        }
    }
}
