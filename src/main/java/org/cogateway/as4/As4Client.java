package org.cogateway.as4;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.delivery.SendOutcome.Kind;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.security.TlsContexts;
import org.cogateway.security.TlsFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The sending MSH: the one path by which a user message leaves the gateway. Fixed stages: build the
 * UserMessage, compress, sign, encrypt, POST, classify the answer. Thread-safe; one HTTP client per
 * partner, reused across sends.
 */
public final class As4Client {
    private static final Logger LOG = LoggerFactory.getLogger(As4Client.class);
    static final Duration TIMESTAMP_TTL = Duration.ofMinutes(10);

    private final GatewayConfig.Identity own;
    private final GatewayCrypto crypto;
    private final Clock clock;
    private final UserMessages userMessages;
    private final As4Security security;
    private final AnswerCheck answers;
    private final TlsContexts tls;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** HTTPS partners are verified against the gateway truststore; no client certificate. */
    public As4Client(GatewayConfig.Identity own, GatewayCrypto crypto, Clock clock) {
        this(own, crypto, TlsContexts.trustOnly(crypto), clock);
    }

    public As4Client(GatewayConfig.Identity own, GatewayCrypto crypto, TlsContexts tls, Clock clock) {
        this.own = own;
        this.tls = tls;
        this.crypto = crypto;
        this.clock = clock;
        this.userMessages = new UserMessages(own);
        this.security = new As4Security(crypto);
        this.answers = new AnswerCheck(security);
    }

    /**
     * Sends one message and classifies the result. Never throws for the partner's or the line's
     * faults. A resend must reuse the MessageId and {@link OutboundMessage#created()} so that the
     * partner's stored receipt for a duplicate still confirms our digests.
     */
    public SendOutcome send(OutboundMessage message, Partner partner) {
        Instant now = clock.instant();
        Instant created = message.created() != null ? message.created() : now;
        X509Certificate partnerSigning;
        SoapMessage.Wire wire;
        List<Element> references;
        try {
            partnerSigning = crypto.certificate(partner.signingCertAlias());
            X509Certificate partnerEncryption = crypto.certificate(partner.encryptionCertAlias());
            SoapMessage unsigned = userMessages.unsigned(message, partner, created, true);
            references = security.sign(unsigned, now, TIMESTAMP_TTL, partner.profile());
            wire = security.encryptAttachments(unsigned, partnerEncryption, partner.profile()).toWire();
        } catch (WSSecurityException | RuntimeException e) {
            LOG.error("message {} to {} cannot be built: {}", message.messageId(), partner.id(), e.toString());
            return new SendOutcome(Kind.PERMANENT, null, null, "cannot build the message: " + e.getMessage(),
                    null, null);
        }
        SendOutcome outcome = post(partner, wire,
                new AnswerCheck.Sent(message.messageId(), references, wire.body(), partnerSigning,
                        partner.profile()));
        LOG.info("message {} to {}: {} ({})", message.messageId(), partner.id(), outcome.kind(), outcome.reason());
        return outcome;
    }

    /** Sends an ebMS test message (ebMS 3.0 core §5.2.2.9), answered by the partner with a receipt. */
    public SendOutcome ping(Partner partner) {
        String id = UUID.randomUUID() + "@" + own.partyId().toLowerCase();
        return send(new OutboundMessage(id, id, null, Ebms.TEST_SERVICE, Ebms.TEST_ACTION, null,
                "<ping/>".getBytes(StandardCharsets.UTF_8)), partner);
    }

    private SendOutcome post(Partner partner, SoapMessage.Wire wire, AnswerCheck.Sent sent) {
        HttpRequest request = HttpRequest.newBuilder(partner.endpoint())
                .timeout(partner.readTimeout())
                .header("Content-Type", wire.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body()))
                .build();
        HttpClient client;
        try {
            client = client(partner);
        } catch (RuntimeException e) {
            return new SendOutcome(Kind.PERMANENT, null, null, "TLS configuration: " + e.getMessage(), null,
                    wire.body());
        }
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return answers.classify(sent, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (HttpTimeoutException e) {
            return lineFailure(wire, "timeout: " + e.getMessage());
        } catch (SSLException e) {
            return lineFailure(wire, TlsFailure.describe(e, partner));
        } catch (ConnectException e) {
            return lineFailure(wire, "cannot connect to " + partner.endpoint() + ": " + e.getMessage());
        } catch (IOException e) {
            return lineFailure(wire, TlsFailure.causedBy(e)
                    ? TlsFailure.describe(e, partner) : "I/O error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lineFailure(wire, "interrupted");
        }
    }

    private static SendOutcome lineFailure(SoapMessage.Wire wire, String reason) {
        return new SendOutcome(Kind.RETRYABLE, null, null, reason, null, wire.body());
    }

    private HttpClient client(Partner partner) {
        return clients.computeIfAbsent(partner.id(), id -> {
            SSLContext context = tls.clientContext(partner);
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(partner.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(context)
                    .sslParameters(TlsContexts.clientParameters(context))
                    .build();
        });
    }
}
