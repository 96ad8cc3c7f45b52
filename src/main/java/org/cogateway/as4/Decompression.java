package org.cogateway.as4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Gzip decompression of a payload with a bound on its expanded size (AS4 profile §3.1: the payload is
 * compressed). Inflates twice: first only counting, through a small buffer, so that a gzip bomb (4 MB
 * that expands to 4 GiB) costs the time to inflate up to the limit and no memory; then into an array of
 * exactly the size counted. Genuine payloads are a few kilobytes, for which the second pass is cheap.
 */
final class Decompression {
    private Decompression() {
    }

    /** The payload expands beyond the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the payload expands beyond " + limit + " bytes (as4.maxPayloadBytes)", null, false, false);
        }
    }

    /** @throws IOException when the bytes are not valid gzip */
    static byte[] gunzip(byte[] compressed, long maxBytes) throws IOException, TooLarge {
        long limit = Math.min(maxBytes, Integer.MAX_VALUE - 8);
        long size = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > limit) {
                    throw new TooLarge(maxBytes);
                }
            }
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] payload = new byte[(int) size];
            in.readNBytes(payload, 0, payload.length);
            return payload;
        }
    }
}
