package org.cogateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A partner's line as it really is: a loopback HTTP proxy in front of a partner gateway that delays
 * every request and, with probability {@code faultRate}, fails it in one of three ways, chosen at
 * random:
 * <ul>
 *   <li>{@link Fault#UNAVAILABLE}: answers 503 without forwarding;</li>
 *   <li>{@link Fault#DROP_REQUEST}: closes the connection without forwarding or answering;</li>
 *   <li>{@link Fault#DROP_RESPONSE}: forwards the message, so the partner stores it and signs a
 *       receipt, then closes the connection instead of answering: the sender must send the same
 *       message again, and the partner must recognise it as a duplicate.</li>
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault { UNAVAILABLE, DROP_REQUEST, DROP_RESPONSE }

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final URI target;
    private final Random random;
    private volatile double faultRate;
    private volatile Duration delay;
    private final java.util.concurrent.atomic.AtomicInteger responsesToDrop = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final Map<Fault, AtomicLong> faults = new TreeMap<>();

    public FaultProxy(URI target, double faultRate, Duration delay, long seed) {
        this.target = target;
        this.faultRate = faultRate;
        this.delay = delay;
        this.random = new Random(seed);
        for (Fault f : Fault.values()) {
            faults.put(f, new AtomicLong());
        }
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        this.threads = Executors.newFixedThreadPool(32, task -> {
            Thread t = new Thread(task, "fault-proxy");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The proxy's address for {@code path}, e.g. {@code /as4}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void faultRate(double rate) {
        this.faultRate = rate;
    }

    /** The next {@code n} requests are forwarded and their answers dropped (a receipt lost on the line). */
    public void dropNextResponses(int n) {
        responsesToDrop.set(n);
    }

    public void delay(Duration d) {
        this.delay = d;
    }

    public long requests() {
        return requests.get();
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long faults(Fault f) {
        return faults.get(f).get();
    }

    private Fault nextFault() {
        if (responsesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Fault.DROP_RESPONSE;
        }
        synchronized (random) {
            if (random.nextDouble() >= faultRate) {
                return null;
            }
            return Fault.values()[random.nextInt(Fault.values().length)];
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Thread.sleep(delay.toMillis());
            Fault fault = nextFault();
            if (fault != null) {
                faults.get(fault).incrementAndGet();
            }
            if (fault == Fault.UNAVAILABLE) {
                byte[] text = "partner busy (fault proxy)".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(503, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            if (fault == Fault.DROP_REQUEST) {
                return; // closing the exchange before any response headers drops the connection
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                forward.header("Content-Type", contentType);
            }
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            if (fault == Fault.DROP_RESPONSE) {
                return;
            }
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the partner is away: the sender sees the connection close and retries
        }
    }

    /** A one-line summary of what the proxy did. */
    public String summary() {
        return "requests " + requests() + ", forwarded " + forwarded() + ", 503 " + faults(Fault.UNAVAILABLE)
                + ", dropped before forwarding " + faults(Fault.DROP_REQUEST) + ", dropped after forwarding "
                + faults(Fault.DROP_RESPONSE);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
