package org.cogateway.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's contexts (CXF adds its servlet contexts here), behind its limits. A request body is
 * read without a thread, as its bytes arrive, into memory taken from one budget shared by every
 * request; only a complete body is handed to the servlet that answers it, so a client that sends
 * slowly holds no thread, and every servlet reads a body that is already there. A body that falls
 * below the minimum data rate is dropped (408); a request that cannot get budget, or whose path has
 * all its processing slots taken, is refused with 503 and Retry-After without its body being read.
 *
 * <p>A request larger than {@code maxRequestBytes} is not refused here: it is handed on cut short
 * (its declared length, or its first {@code maxRequestBytes + 1} bytes), so that each face refuses it
 * in its own terms (the AS4 endpoint with HTTP 413, the back-office with its REQUEST_TOO_LARGE fault).
 */
final class GuardedContexts extends ContextHandlerCollection {
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(GuardedContexts.class);

    private final ListenerLimits limits;
    private final List<Slots> slots;
    private final HeaderTimeout headerTimeout;
    private final AtomicLong buffered = new AtomicLong();
    private final Set<Body> reading = ConcurrentHashMap.newKeySet();
    private volatile Scheduler.Task sweep;

    /** @param concurrentRequests path prefix (e.g. {@code /as4}) and how many of its requests may be processed at once */
    GuardedContexts(ListenerLimits limits, Map<String, Integer> concurrentRequests, HeaderTimeout headerTimeout) {
        super(true);
        this.limits = limits;
        this.slots = concurrentRequests.entrySet().stream().map(e -> new Slots(e.getKey(), e.getValue())).toList();
        this.headerTimeout = headerTimeout;
    }

    /**
     * CXF adds every context of its engine again each time it publishes an endpoint; a context that
     * is here already stays as it is.
     */
    @Override
    public void addHandler(Handler handler) {
        if (!getHandlers().contains(handler)) {
            super.addHandler(handler);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (limits.minRequestDataRate() > 0) {
            scheduleSweep();
        }
    }

    @Override
    protected void doStop() throws Exception {
        Scheduler.Task task = sweep;
        if (task != null) {
            task.cancel();
        }
        super.doStop();
    }

    private void scheduleSweep() {
        sweep = getServer().getScheduler().schedule(() -> {
            if (isRunning()) {
                long now = NanoTime.now();
                reading.forEach(body -> body.checkRate(now));
                scheduleSweep();
            }
        }, 1, TimeUnit.SECONDS);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        headerTimeout.requestArrived(request.getConnectionMetaData().getConnection());
        Slots slot = slotsFor(request);
        if (slot != null && slot.full()) {
            refuseBusy(request, response, callback, "all " + slot.max + " processing slots of " + slot.prefix
                    + " are taken");
            return true;
        }
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared > limits.maxRequestBytes()) {
            // handed on without its body: each face refuses a declared oversize without reading it
            dispatch(request, new byte[0], 0, 0, slot, response, callback);
            return true;
        }
        if (declared <= 0 && !chunked) {
            dispatch(request, new byte[0], 0, 0, slot, response, callback);
            return true;
        }
        if (declared > 0 && !reserve(declared)) {
            refuseBusy(request, response, callback, "no buffer budget left for " + declared + " bytes");
            return true;
        }
        Body body = new Body(request, response, callback, slot, declared, declared > 0 ? declared : 0);
        reading.add(body);
        body.run();
        return true;
    }

    private Slots slotsFor(Request request) {
        String path = Request.getPathInContext(request);
        for (Slots s : slots) {
            if (path.equals(s.prefix) || path.startsWith(s.prefix + "/")) {
                return s;
            }
        }
        return null;
    }

    private boolean reserve(long bytes) {
        long max = limits.maxBufferedBytes();
        while (true) {
            long now = buffered.get();
            if (now + bytes > max) {
                return false;
            }
            if (buffered.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Runs the request in the contexts with its body as read; slot and budget are given back when it completes. */
    private void dispatch(Request request, byte[] data, int size, long reserved, Slots slot, Response response,
                          Callback callback) {
        if (slot != null && !slot.permits.tryAcquire()) {
            buffered.addAndGet(-reserved);
            refuseBusy(request, response, callback, "all " + slot.max + " processing slots of " + slot.prefix
                    + " are taken");
            return;
        }
        // given back before the answer completes: once it has, the connection may already carry the next request
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                giveBack();
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                giveBack();
                super.failed(failure);
            }

            private void giveBack() {
                buffered.addAndGet(-reserved);
                if (slot != null) {
                    slot.permits.release();
                }
                headerTimeout.requestDone(request.getConnectionMetaData().getConnection());
            }
        };
        Request withBody = new BufferedRequest(request, ByteBuffer.wrap(data, 0, size));
        try {
            if (!super.handle(withBody, response, done)) {
                Response.writeError(withBody, response, done, 404);
            }
        } catch (Throwable e) {
            done.failed(e);
        }
    }

    private void refuseBusy(Request request, Response response, Callback callback, String reason) {
        LOG.info("{} {} from {} refused with 503: {}", request.getMethod(), Request.getPathInContext(request),
                Request.getRemoteAddr(request), reason);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        refuse(response, callback, 503, "busy, retry later");
    }

    private static void refuse(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=UTF-8");
        // the body was not read (or not all of it): the connection cannot carry another request
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Content.Sink.write(response, true, text + "\n", callback);
    }

    /** One request body being read: in the demand callback as bytes arrive, checked by the sweep for its rate. */
    private final class Body implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Slots slot;
        private final long declared;
        private long reserved;
        private byte[] data = new byte[0];
        private int size;
        private boolean finished;
        private long windowStart = NanoTime.now();
        private long windowBytes;

        Body(Request request, Response response, Callback callback, Slots slot, long declared, long reserved) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.slot = slot;
            this.declared = declared;
            this.reserved = reserved;
        }

        /** Reads what has arrived, then asks to be called again when more does. */
        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (!isFinished()) {
                        request.demand(this);
                    }
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    clientGone(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                Next next;
                try {
                    next = append(chunk.getByteBuffer());
                } finally {
                    chunk.release();
                }
                if (next == Next.REFUSE) {
                    refuseBusy(request, response, callback, "no buffer budget left for a chunked body past "
                            + size + " bytes");
                    return;
                }
                if (next == Next.STOP) {
                    return;
                }
                if (last || next == Next.COMPLETE) {
                    complete();
                    return;
                }
            }
        }

        private synchronized boolean isFinished() {
            return finished;
        }

        /** What to do after a chunk: read on, hand the body on, refuse it for want of budget, or nothing. */
        private synchronized Next append(ByteBuffer bytes) {
            if (finished) {
                return Next.STOP;
            }
            int n = bytes.remaining();
            windowBytes += n;
            long room = limits.maxRequestBytes() + 1 - size;
            if (n > room) {
                // larger than allowed: handed on cut short, for the face to refuse
                n = (int) room;
                bytes.limit(bytes.position() + n);
            }
            if (declared <= 0) {
                if (!reserve(n)) {
                    finish();
                    buffered.addAndGet(-reserved);
                    return Next.REFUSE;
                }
                reserved += n;
            }
            if (size + n > data.length) {
                long capacity = declared > 0 ? declared : Math.max(2L * data.length, size + n);
                data = java.util.Arrays.copyOf(data, (int) Math.min(capacity, limits.maxRequestBytes() + 1));
            }
            bytes.get(data, size, n);
            size += n;
            return size > limits.maxRequestBytes() ? Next.COMPLETE : Next.READ;
        }

        private void complete() {
            byte[] body;
            int length;
            long held;
            synchronized (this) {
                if (!finish()) {
                    return;
                }
                body = data;
                length = size;
                held = reserved;
            }
            dispatch(request, body, length, held, slot, response, callback);
        }

        /** Drops a body that has arrived slower than the minimum rate over the last window. */
        void checkRate(long now) {
            long window = ListenerLimits.RATE_WINDOW.toNanos();
            synchronized (this) {
                if (finished || NanoTime.elapsed(windowStart, now) < window) {
                    return;
                }
                long wanted = limits.minRequestDataRate() * ListenerLimits.RATE_WINDOW.toSeconds();
                if (windowBytes >= wanted) {
                    windowStart = now;
                    windowBytes = 0;
                    return;
                }
                finish();
                buffered.addAndGet(-reserved);
            }
            LOG.warn("{} {} from {} dropped with 408: its body arrived at less than {} bytes/s"
                            + " (http.minRequestDataRate), {} of {} bytes after {} s", request.getMethod(),
                    Request.getPathInContext(request), Request.getRemoteAddr(request), limits.minRequestDataRate(),
                    size, declared > 0 ? declared : "?", NanoTime.secondsSince(request.getBeginNanoTime()));
            refuse(response, callback, 408, "request body too slow");
        }

        private void clientGone(Throwable failure) {
            synchronized (this) {
                if (!finish()) {
                    return;
                }
                buffered.addAndGet(-reserved);
            }
            LOG.info("{} {} from {}: the client went away after {} bytes of its body ({})", request.getMethod(),
                    Request.getPathInContext(request), Request.getRemoteAddr(request), size, failure.toString());
            callback.failed(failure);
        }

        /** Marks the body as done (once); the caller then owns its budget. */
        private boolean finish() {
            if (finished) {
                return false;
            }
            finished = true;
            reading.remove(this);
            return true;
        }
    }

    /** A request whose body was read here: the servlet reads it from memory. */
    private static final class BufferedRequest extends Request.Wrapper {
        private final ByteBufferContentSource body;

        BufferedRequest(Request request, ByteBuffer bytes) {
            super(request);
            this.body = new ByteBufferContentSource(bytes);
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

    }

    private enum Next { READ, COMPLETE, REFUSE, STOP }

    /** How many requests under one path may be processed at once. */
    private static final class Slots {
        final String prefix;
        final int max;
        final Semaphore permits;

        Slots(String prefix, int max) {
            this.prefix = prefix;
            this.max = max;
            this.permits = new Semaphore(max);
        }

        boolean full() {
            return permits.availablePermits() == 0;
        }
    }
}
