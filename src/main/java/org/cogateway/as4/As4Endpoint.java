package org.cogateway.as4;

import jakarta.activation.DataSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.http.HTTPBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.GatewayCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving MSH, published on CXF's default bus (and so on the same Jetty port as the
 * back-office service). It takes the request body at the HTTP level, before CXF parses MIME or
 * SOAP: the raw bytes are kept as received for non-repudiation, and the answer is the exact signed
 * bytes we produced. CXF's SAAJ path would re-serialise both.
 */
public final class As4Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(As4Endpoint.class);
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    private static final String TEXT = "text/plain; charset=UTF-8";

    private final InboundProcessor processor;
    private final int maxRequestBytes;
    private Server server;

    public As4Endpoint(GatewayConfig.Identity own, GatewayCrypto crypto, PartnerDirectory partners, InboundSink sink,
                       Clock clock) {
        this(own, crypto, partners, sink, clock, DEFAULT_WINDOW, DEFAULT_MAX_REQUEST_BYTES);
    }

    /**
     * @param window          how far a message's signed timestamp may be from our clock (replay defence)
     * @param maxRequestBytes largest request read; a larger one is answered HTTP 413 without being read
     */
    public As4Endpoint(GatewayConfig.Identity own, GatewayCrypto crypto, PartnerDirectory partners, InboundSink sink,
                       Clock clock, Duration window, long maxRequestBytes) {
        this.processor = new InboundProcessor(own, crypto, partners, sink, clock, window);
        this.maxRequestBytes = (int) Math.min(maxRequestBytes, Integer.MAX_VALUE - 8);
    }

    /** Publishes at e.g. {@code http://127.0.0.1:8080/as4}. */
    public synchronized void publish(String address) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setServiceBean(new Unused());
        factory.setAddress(address);
        factory.getInInterceptors().add(new RawExchange());
        server = factory.create();
    }

    public synchronized void stop() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    /** Answers the whole exchange at the RECEIVE phase and ends CXF's chain there. */
    private final class RawExchange extends AbstractPhaseInterceptor<Message> {
        RawExchange() {
            super(Phase.RECEIVE);
            addBefore(AttachmentInInterceptor.class.getName());
        }

        @Override
        public void handleMessage(Message message) {
            HttpServletResponse response = (HttpServletResponse) message.get(AbstractHTTPDestination.HTTP_RESPONSE);
            HttpServletRequest http = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
            message.getInterceptorChain().abort();
            try {
                if (!"POST".equals(http.getMethod())) {
                    response.setHeader("Allow", "POST");
                    write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, TEXT,
                            "partners POST AS4 messages here\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                // a declared oversize is refused unread; else read one byte more than allowed: a request that
                // has it is too large, and is not read further
                byte[] request = http.getContentLengthLong() > maxRequestBytes ? null
                        : message.getContent(InputStream.class).readNBytes(maxRequestBytes + 1);
                if (request == null || request.length > maxRequestBytes) {
                    LOG.warn("AS4 request refused: larger than {} bytes (http.maxRequestBytes)", maxRequestBytes);
                    write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TEXT,
                            ("request larger than " + maxRequestBytes + " bytes").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                byte[] answer = processor.process(request, (String) message.get(Message.CONTENT_TYPE));
                write(response, HttpServletResponse.SC_OK, Ebms.SOAP12_CONTENT_TYPE + "; charset=UTF-8", answer);
            } catch (ClientGone e) {
                LOG.info("AS4 answer not delivered: the client went away ({})", e.getCause().toString());
            } catch (Throwable e) {
                // storage down or a bug (logged with the message id by the processor): no ebMS answer,
                // so the sender retries later
                LOG.error("AS4 request could not be processed: {}", e.toString());
                try {
                    write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, TEXT,
                            "temporarily unable to process the message".getBytes(StandardCharsets.UTF_8));
                } catch (ClientGone gone) {
                    LOG.info("AS4 answer not delivered: the client went away ({})", gone.getCause().toString());
                }
            }
        }

        private void write(HttpServletResponse response, int status, String contentType, byte[] body) {
            try {
                response.setStatus(status);
                response.setContentType(contentType);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                response.flushBuffer();
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }
    }

    /** The answer could not be written: the client closed the connection (or it broke) first. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    /** CXF needs a service bean to publish an address; every request is answered before it is reached. */
    @WebServiceProvider
    @ServiceMode(Service.Mode.MESSAGE)
    @BindingType(HTTPBinding.HTTP_BINDING)
    public static final class Unused implements Provider<DataSource> {
        @Override
        public DataSource invoke(DataSource request) {
            throw new IllegalStateException("AS4 requests are answered by the RECEIVE interceptor");
        }
    }
}
