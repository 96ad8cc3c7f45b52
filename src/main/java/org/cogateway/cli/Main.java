package org.cogateway.cli;

import java.io.PrintWriter;
import org.cogateway.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code java -jar co-gateway.jar <command>}: the gateway's command line. */
@Command(name = "co-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Carries electronic Certificates of Origin between countries: back-office SOAP in, AS4 to partners.",
        subcommands = {ServeCommand.class, DemoCommand.class, PingCommand.class, ResendCommand.class, KeysCommand.class,
                ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** The exit code of a configuration that cannot work (a setting, a key, the database, the port). */
    static final int CONFIGURATION_ERROR = 2;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces of failures and the gateway's DEBUG log lines.")
    void debug(boolean on) {
        if (on) {
            Logging.debug();
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failure is one line on standard error, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::failed);
        return cli;
    }

    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        boolean debug = debugRequested(parsed);
        if (e instanceof ConfigException) {
            err.println("co-gateway: " + e.getMessage());
        } else {
            err.println("co-gateway: " + command.getCommandName() + " failed: " + e
                    + (debug ? "" : " (--debug shows the stack trace)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof ConfigException ? CONFIGURATION_ERROR : 1;
    }

    /** Whether --debug was given, before or after the (sub)command's name. */
    private static boolean debugRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The version and git commit the build wrote into build.properties (pom: write-build-properties). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("/org/cogateway/build.properties")) {
                if (in == null) {
                    return new String[] {"co-gateway (development build: not built by Maven)"};
                }
                build.load(in);
            }
            return new String[] {"co-gateway " + build.getProperty("version") + " (commit "
                    + build.getProperty("commit") + ")"};
        }
    }
}
