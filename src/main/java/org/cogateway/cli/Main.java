package org.cogateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar co-gateway.jar <command>}: the gateway's command line. */
@Command(name = "co-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Carries electronic Certificates of Origin between countries: back-office SOAP in, AS4 to partners.",
        subcommands = {ServeCommand.class, DemoCommand.class, PingCommand.class, ResendCommand.class, StatusCommand.class,
                UsersCommand.class, KeysCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"co-gateway " + (v == null ? "(development build)" : v)};
        }
    }
}
