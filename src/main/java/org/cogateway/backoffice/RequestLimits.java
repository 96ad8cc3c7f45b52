package org.cogateway.backoffice;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.cogateway.security.SecureXml;

/**
 * Bounds on what a request may cost the gateway before any of it is trusted: its size in bytes
 * (checked on the declared length and again while reading, for chunked requests) and, through
 * CXF's StAX limits, its shape (nesting depth, element and attribute counts, text length).
 * DTDs and entities are refused by CXF's parser configuration.
 */
public final class RequestLimits {
    private RequestLimits() {
    }

    /** CXF reads these from the endpoint properties when it creates each request's parser. */
    public static Map<String, Object> staxLimits() {
        return Map.of(
                "org.apache.cxf.stax.maxElementDepth", SecureXml.MAX_DEPTH,
                "org.apache.cxf.stax.maxChildElements", 5000,
                "org.apache.cxf.stax.maxAttributeCount", SecureXml.MAX_ATTRIBUTES,
                "org.apache.cxf.stax.maxAttributeSize", 65536,
                "org.apache.cxf.stax.maxTextLength", 1024 * 1024,
                "org.apache.cxf.stax.maxElementCount", 200_000L);
    }

    /** Refuses a request larger than {@code maxBytes}. */
    public static final class SizeLimit extends AbstractPhaseInterceptor<Message> {
        private final long maxBytes;

        public SizeLimit(long maxBytes) {
            super(Phase.RECEIVE);
            this.maxBytes = maxBytes;
        }

        @Override
        public void handleMessage(Message message) {
            Object declared = message.get("Content-Length");
            if (declared == null) {
                Object request = message.get("HTTP.REQUEST");
                if (request instanceof jakarta.servlet.http.HttpServletRequest http) {
                    declared = http.getContentLengthLong();
                }
            }
            if (declared instanceof Number n && n.longValue() > maxBytes) {
                throw new Fault(new TooLarge(maxBytes));
            }
            InputStream in = message.getContent(InputStream.class);
            if (in != null) {
                message.setContent(InputStream.class, new Bounded(in, maxBytes));
            }
        }
    }

    /**
     * Refuses a request whose Content-Type is not a SOAP one (text/xml for 1.1, application/soap+xml
     * for 1.2): CXF would otherwise parse any body that happens to hold an envelope, whatever it was
     * labelled, and a mislabelled request is not one a back-office system sends on purpose.
     */
    public static final class SoapContentType extends AbstractPhaseInterceptor<Message> {
        private static final java.util.Set<String> SOAP = java.util.Set.of("text/xml", "application/soap+xml");

        public SoapContentType() {
            super(Phase.RECEIVE);
        }

        @Override
        public void handleMessage(Message message) {
            if ("GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
                return; // ?wsdl and ?xsd=: nothing is read from the body
            }
            Object header = message.get(Message.CONTENT_TYPE);
            String mediaType = header == null ? "" : header.toString().split(";", 2)[0].trim()
                    .toLowerCase(java.util.Locale.ROOT);
            if (!SOAP.contains(mediaType)) {
                throw new Fault(new WrongContentType());
            }
        }
    }

    /** Not a SOAP content type; turned into an INVALID_REQUEST fault. */
    static final class WrongContentType extends RuntimeException {
        WrongContentType() {
            super("the Content-Type must be text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)", null, false, false);
        }
    }

    /** The request exceeded the configured size; turned into a REQUEST_TOO_LARGE fault. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long maxBytes) {
            super("the request is larger than the gateway accepts (" + maxBytes + " bytes, setting http.maxRequestBytes)",
                    null, false, false);
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new TooLarge(max);
            }
        }
    }
}
