package org.cogateway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.cogateway.admin.AdminException;
import org.cogateway.admin.AdminRole;
import org.cogateway.admin.AdminUsers;
import org.cogateway.config.GatewayConfig;
import org.cogateway.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operators of the admin face, in the gateway's database. These commands open the database
 * themselves (the first user cannot log in to make itself), so on the embedded H2 they refuse to run
 * while the gateway does, instead of waiting for its lock; the API (/api/v1/users) manages users of
 * a running gateway.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Operators of the admin API and console: add, list, remove, and API tokens for scripts.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class,
                UsersCommand.Token.class})
final class UsersCommand {

    /** Runs {@code work} on the configured database; exit code 2 when it cannot be opened safely. */
    static int withUsers(ConfigOption config, Function<AdminUsers, Integer> work) {
        GatewayConfig cfg = config.load();
        if (cfg.database().embedded() && gatewayRuns(cfg)) {
            System.err.println("a gateway is running on this embedded database (its admin listener answers on "
                    + cfg.admin().host() + ":" + cfg.admin().port() + "): stop it first, or manage users through its"
                    + " API (POST /api/v1/users)");
            return 2;
        }
        try (Database db = Database.open(cfg.database())) {
            return work.apply(new AdminUsers(db.dataSource(), Clock.systemUTC()));
        } catch (AdminException e) {
            System.err.println("refused: " + e.getMessage());
            return 2;
        }
    }

    private static boolean gatewayRuns(GatewayConfig cfg) {
        if (!cfg.admin().enabled()) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(cfg.admin().host(), cfg.admin().port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds an operator. The password (12 characters or more) is prompted for, read from one "
                    + "line of standard input, or from the first line of --password-file; only its Argon2id hash is stored.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin (act, manage users) or viewer (read only).")
        String role;

        @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            AdminRole parsed;
            try {
                parsed = AdminRole.parse(role);
            } catch (AdminException e) {
                System.err.println("refused: " + e.getMessage());
                return 2;
            }
            char[] password = password();
            try {
                return withUsers(config, users -> {
                    users.add(name, parsed, password);
                    System.out.println("user " + name + " added with role " + parsed.label());
                    return 0;
                });
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() throws IOException {
            if (passwordFile != null) {
                return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                        .toCharArray();
            }
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("password for %s: ", name);
                char[] again = console.readPassword("again: ");
                if (first == null || !Arrays.equals(first, again)) {
                    throw new IOException("the two passwords differ");
                }
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the operators and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            return withUsers(config, users -> {
                users.list().forEach(u -> System.out.printf("%-32s %-7s since %s%n", u.name(), u.role().label(),
                        u.createdAt()));
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes an operator and their API tokens.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() {
            return withUsers(config, users -> {
                if (!users.remove(name)) {
                    System.err.println("no user " + name);
                    return 1;
                }
                System.out.println("user " + name + " removed");
                return 0;
            });
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Makes an API token for NAME and prints it once (only its hash is stored). Scripts and the "
                    + "commands resend, status and ping send it: COGW_ADMIN_TOKEN=... or --token-file.")
    static final class Token implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "NAME", description = "The user name; the token has that user's role.")
        String name;

        @Option(names = "--label", paramLabel = "TEXT", defaultValue = "cli", description = "What the token is for (default ${DEFAULT-VALUE}).")
        String label;

        @Override
        public Integer call() {
            return withUsers(config, users -> users.createToken(name, label).map(token -> {
                System.out.println(token);
                return 0;
            }).orElseGet(() -> {
                System.err.println("no user " + name);
                return 1;
            }));
        }
    }
}
