package org.cogateway.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One loopback connection that writes HTTP by hand, as a hostile client does: a head with a declared
 * length and then as much of the body as it likes, as slowly as it likes. It reads the answer the
 * gateway gives (or sees the connection closed) without ever blocking longer than asked.
 */
final class HostileHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    HostileHttpClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** A POST head declaring {@code contentLength} body bytes; none of the body is sent. */
    HostileHttpClient postHead(String path, String contentType, long contentLength) throws IOException {
        write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Writes and flushes; false when the gateway has closed the connection. */
    boolean send(byte[] bytes) {
        try {
            write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * The answer's status line and headers (names in lower case), read within {@code timeout}; null
     * when none came in that time; {@code status} 0 when the connection was closed without an answer.
     */
    Answer answer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!endsWithBlankLine(head.toByteArray())) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() > deadline) {
                    return null;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                int b = in.read();
                if (b < 0) {
                    return head.size() == 0 ? new Answer(0, Map.of()) : parse(head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            // reset by the gateway: closed without an answer we could read
            return new Answer(0, Map.of());
        }
        return parse(head.toString(StandardCharsets.ISO_8859_1));
    }

    /** Whether the gateway closed the connection (or answered it) within {@code timeout}. */
    boolean endedWithin(Duration timeout) throws IOException {
        return answer(timeout) != null;
    }

    private static boolean endsWithBlankLine(byte[] b) {
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    private static Answer parse(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(status, headers);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket the gateway has already reset
        }
    }

    /** A status (0: closed without one) and the headers of an answer. */
    record Answer(int status, Map<String, String> headers) {
    }
}
