package org.cogateway.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A gateway node in its own JVM: {@code java -cp <test classpath> org.cogateway.cli.Main serve -c
 * <file>}, with its configuration written to a file and its output to a log file. {@link #kill()} is
 * {@code kill -9} (no shutdown hook runs, sends in flight keep their leases); {@link #start()} again
 * runs the same node (same port, same node id) as a restart would; {@link #stop()} is SIGTERM, an
 * orderly stop. Every process is also killed when this JVM exits, so a failing test or benchmark
 * leaves none behind. The crash tests and the {@code bench} command both run gateways this way.
 */
public final class GatewayProcess implements AutoCloseable {
    // generous: on a loaded machine a node applying its migrations to a busy MariaDB may take over a minute
    // a bound, not a figure: on the shared 2-CPU machine at load average 40-60 one JVM took 3 minutes to start
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Properties properties;
    private final Path dir;
    private final List<String> jvmOptions;
    private final String baseUrl;
    private Process process;
    private int starts;

    /**
     * @param name       the node's name, used as its {@code delivery.nodeId} and in file names
     * @param properties its configuration ({@link GatewayProperties}); http.port must be set
     * @param dir        where the configuration and log files go
     */
    public GatewayProcess(String name, Properties properties, Path dir) {
        this(name, properties, dir, List.of("-Xmx512m"));
    }

    /** As above, the JVM started with {@code jvmOptions} (e.g. {@code -Xmx256m} for a resource test, a GC log for the bench). */
    public GatewayProcess(String name, Properties properties, Path dir, List<String> jvmOptions) {
        this.name = name;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.properties.setProperty("delivery.nodeId", name);
        this.dir = dir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.baseUrl = "http://127.0.0.1:" + properties.getProperty("http.port");
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Path log() {
        return dir.resolve(name + ".log");
    }

    /** Starts the node and waits until its back-office answers. */
    public synchronized GatewayProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Path config = write(properties, dir.resolve(name + ".properties"));
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath(), "org.cogateway.cli.Main", "serve", "-c", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        // the node must read exactly its file, whatever COGW_* variables this JVM runs with
        builder.environment().keySet().removeIf(k -> k.startsWith("COGW_"));
        try {
            Files.writeString(log(), "=== start " + (++starts) + " at " + Instant.now() + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        awaitReady(started);
        return this;
    }

    private void awaitReady(Process started) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest wsdl = HttpRequest.newBuilder(URI.create(baseUrl + "/services/co?wsdl"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IllegalStateException(name + " exited with " + started.exitValue() + " while starting; see " + log());
            }
            try {
                if (HTTP.send(wsdl, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
            sleep(200);
        }
        started.destroyForcibly();
        throw new IllegalStateException(name + " did not answer within " + READY_TIMEOUT + "; see " + log());
    }

    /** {@code kill -9}: the JVM ends at once, without its shutdown hook. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** SIGTERM: the node stops claiming, lets its sends finish and closes its database. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    /** The running JVM's process, for its CPU time and memory. */
    public synchronized ProcessHandle handle() {
        if (process == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return process.toHandle();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }

    private static void waitFor(Process p) {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + p.pid() + " did not end after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A free loopback port, never one this JVM handed out before: a port is free only until its gateway
     * binds it, and the system may offer a released port again (a bench once gave JP's admin listener the
     * port it had just picked for JP's main one, and JP could not start).
     */
    public static int freePort() {
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                synchronized (HANDED_OUT) {
                    if (HANDED_OUT.add(socket.getLocalPort())) {
                        return socket.getLocalPort();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
    }

    /** Writes a configuration for {@code serve -c file}. */
    public static Path write(Properties p, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "a gateway node run by " + GatewayProcess.class.getName());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath this code runs with: under {@code exec:java} the project's class loader lists it
     * (the JVM's own classpath is Maven's); surefire names it in {@code surefire.test.class.path} (its
     * {@code java.class.path} may be a manifest-only jar); a plain {@code java -cp} run has it in
     * {@code java.class.path}. Entries that do not exist are left out.
     */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        if (GatewayProcess.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> urls = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    urls.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a file: not on a java -cp either
                }
            }
            cp = String.join(File.pathSeparator, urls);
        }
        List<String> entries = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank() && new File(entry).exists()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
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
