package org.cogateway.cli;

import java.io.Console;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.cogateway.security.PasswordHasher;
import picocli.CommandLine.Command;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Key and password tools.",
        subcommands = {KeysCommand.HashPassword.class})
final class KeysCommand {

    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = "Reads a back-office caller's password (prompted, or one line on standard input) and "
                    + "prints the hash to put in caller.<id>.passwordHash.")
    static final class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            char[] password;
            Console console = System.console();
            if (console != null) {
                password = console.readPassword("password: ");
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
            }
            if (password == null || password.length < 12) {
                System.err.println("refused: a caller password needs at least 12 characters");
                return 2;
            }
            System.out.println(PasswordHasher.hash(password));
            return 0;
        }
    }
}
