package org.cogateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local MariaDB server the tests run on, stopped and started as .ci/run starts it
 * ({@code start-stop-daemon} on {@code /usr/sbin/mariadbd}, as root). Other tests need it, so a test
 * that stops it must {@link #start()} it again in a {@code finally}; start waits until it answers.
 */
public final class MariadbServer {
    private static final String DAEMON = "/usr/sbin/mariadbd";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private MariadbServer() {
    }

    /** Whether this test may stop and start the server: it is local, managed like .ci/run does, and we are root. */
    public static boolean controllable() {
        return Files.isExecutable(Path.of(DAEMON)) && run(List.of("id", "-u")).equals("0")
                && !run(List.of("sh", "-c", "command -v start-stop-daemon")).isEmpty() && answers();
    }

    /** Stops the server and waits until its process has ended. */
    public static void stop() {
        run(List.of("start-stop-daemon", "--stop", "--oknodo", "--retry", "60", "--exec", DAEMON));
    }

    /** Starts the server (if it is not running) and waits until it answers. */
    public static void start() {
        run(List.of("sh", "-c", "mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld"));
        run(List.of("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", DAEMON));
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!answers()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("MariaDB did not answer within " + TIMEOUT + " of its start");
            }
            sleep(250);
        }
    }

    public static boolean answers() {
        return run(List.of("mysqladmin", "--user=root", "--connect-timeout=2", "ping")).contains("alive");
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + TIMEOUT);
            }
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
