package org.cogateway.http;

import java.time.Duration;

/**
 * What one HTTP listener lets its clients cost before their requests are trusted: threads,
 * connection time-outs, how slowly a body may arrive, how large one request and all requests being
 * read together may be. Every listener of the gateway applies them through {@link Listener}.
 *
 * @param maxThreads         the listener's thread pool
 * @param idleTimeout        a connection with no traffic for this long is closed
 * @param headerTimeout      the request head (request line and headers) must arrive within this
 *                           time of the connection opening (or, on a kept-alive connection, of the
 *                           idle time-out after the previous answer)
 * @param minRequestDataRate bytes per second a request body must keep arriving at, measured over
 *                           windows of {@link #RATE_WINDOW}; 0 switches the check off
 * @param maxRequestBytes    the largest request one caller may send
 * @param maxBufferedBytes   all request bodies held at once, read or being read (the global budget)
 */
public record ListenerLimits(int maxThreads, Duration idleTimeout, Duration headerTimeout, long minRequestDataRate,
                             long maxRequestBytes, long maxBufferedBytes) {
    /** Long enough to ride out a network hiccup, short enough that a trickling body is dropped within seconds. */
    public static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    /** Jetty takes acceptor and selector threads from the same pool; fewer leave none for requests. */
    public static final int MIN_THREADS = 16;
    public static final int DEFAULT_MAX_THREADS = 200;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Any live TCP transfer beats this many times over; a trickle of a byte every few seconds does not. */
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;

    public ListenerLimits {
        if (maxThreads < MIN_THREADS) {
            throw new IllegalArgumentException("setting 'http.maxThreads' must be at least " + MIN_THREADS + ", not "
                    + maxThreads);
        }
        if (maxBufferedBytes < maxRequestBytes) {
            throw new IllegalArgumentException("setting 'http.maxBufferedBytes' (" + maxBufferedBytes
                    + ") must hold at least one request of http.maxRequestBytes (" + maxRequestBytes + ")");
        }
    }

    /**
     * The default budget: an eighth of the heap, and at least one largest request. A body being
     * processed keeps its budget, and processing copies it a few times over (MIME parts, XML), so
     * this keeps what requests hold well inside the heap.
     */
    public static long defaultMaxBufferedBytes(long maxRequestBytes) {
        return Math.max(Runtime.getRuntime().maxMemory() / 8, maxRequestBytes);
    }

    /** Every limit at its default. */
    public static ListenerLimits defaults() {
        return new ListenerLimits(DEFAULT_MAX_THREADS, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_MIN_REQUEST_DATA_RATE, DEFAULT_MAX_REQUEST_BYTES,
                defaultMaxBufferedBytes(DEFAULT_MAX_REQUEST_BYTES));
    }
}
