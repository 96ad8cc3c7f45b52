package org.cogateway.as4;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.cogateway.config.GatewayConfig;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.partner.Profile;
import org.cogateway.security.GatewayCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The receiving MSH's processing of one user message: ordered steps over one context, each of which
 * records an ebMS error instead of throwing; the first error ends the run and is answered. The
 * answer is a signed receipt or a signed ebMS error, never library exception text.
 */
final class InboundProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

    private record Step(String name, Consumer<InboundContext> action) {
    }

    private final GatewayConfig.Identity own;
    private final GatewayCrypto crypto;
    private final PartnerDirectory partners;
    private final InboundSink sink;
    private final Clock clock;
    private final GatewayConfig.As4 limits;
    private final As4Security security;
    private final java.util.function.Consumer<String> refused;
    private final List<Step> steps = List.of(
            new Step("ParseMessage", this::parseMessage),
            new Step("CheckAttachments", this::checkAttachments),
            new Step("ResolvePartner", this::resolvePartner),
            new Step("CheckRecipient", this::checkRecipient),
            new Step("CheckCollaboration", this::checkCollaboration),
            new Step("VerifySecurity", this::verifySecurity),
            new Step("CheckSigner", this::checkSigner),
            new Step("RequireSignedParts", this::requireSignedParts),
            new Step("RequireEncryptedPayload", this::requireEncryptedPayload),
            new Step("CheckFreshness", this::checkFreshness),
            new Step("DecompressPayload", this::decompressPayload),
            new Step("CreateReceipt", this::createReceipt),
            new Step("DeliverToSink", this::deliverToSink));

    /**
     * Santuario's secure validation (on in WSS4J) allows 30 references in one signature; eb:Messaging,
     * the Body and the wsu:Timestamp take three. More attachments cannot all be signed, so are refused
     * up front, saying so, instead of failing somewhere inside signature verification.
     */
    static final int MAX_ATTACHMENTS = 27;

    /** {@code refused} hears the ebMS error code of every refused message (for the metrics). */
    InboundProcessor(GatewayConfig.Identity own, GatewayCrypto crypto, PartnerDirectory partners, InboundSink sink,
                     Clock clock, GatewayConfig.As4 limits, java.util.function.Consumer<String> refused) {
        this.refused = refused;
        this.own = own;
        this.crypto = crypto;
        this.partners = partners;
        this.sink = sink;
        this.clock = clock;
        this.limits = limits;
        this.security = new As4Security(crypto);
    }

    /** Runs the steps; returns the SOAP answer (receipt or error), signed. */
    byte[] process(byte[] rawRequest, String contentType, String remoteAddress) {
        InboundContext ctx = new InboundContext(rawRequest, contentType, remoteAddress);
        for (Step step : steps) {
            run(step, ctx);
            if (ctx.failed()) {
                LOG.warn("{} refused at {}: {} {}{}", ctx.describe(), step.name(), ctx.error.code(), ctx.errorDetail,
                        ctx.logReason == null ? "" : " [" + ctx.logReason + "]");
                refused.accept(ctx.error.code());
                return signed(Messaging.error(clock.instant(), newMessageId(), ctx.messageId(), ctx.error,
                        ctx.errorDetail), profileOf(ctx));
            }
        }
        LOG.info("{} received ({})", ctx.describe(), ctx.header.action());
        return ctx.receipt;
    }

    /** A step that fails (storage down, out of memory, a bug) is not known to be the sender's fault. */
    static final class Unprocessed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unprocessed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Logged here with what is known of the message, rethrown for the endpoint to answer without an
     * ebMS signal (HTTP 503), so that the sender retries later.
     */
    private static void run(Step step, InboundContext ctx) {
        try {
            step.action().accept(ctx);
        } catch (RuntimeException | Error e) {
            LOG.error("{}: {} failed", ctx.describe(), step.name(), e);
            throw new Unprocessed(ctx.describe() + ": " + step.name() + " failed: " + e, e);
        }
    }

    private void parseMessage(InboundContext ctx) {
        try {
            ctx.message = SoapMessage.fromWire(ctx.rawRequest, ctx.contentType);
            ctx.header = Messaging.readUserMessage(ctx.message.envelope());
        } catch (IOException | Messaging.MalformedException e) {
            ctx.fail(EbmsError.INVALID_HEADER, "not a readable ebMS user message: " + e.getMessage());
        }
    }

    /** Before any security processing: what the signature and the decryption would have to handle. */
    private void checkAttachments(InboundContext ctx) {
        int count = ctx.message.attachments().size();
        if (count > MAX_ATTACHMENTS) {
            ctx.fail(EbmsError.POLICY_NONCOMPLIANCE, count + " attachments: at most " + MAX_ATTACHMENTS
                    + " can be signed (the limit of 30 references in one signature)");
            return;
        }
        ctx.message.attachments().stream().filter(p -> p.content().length > limits.maxAttachmentBytes()).findFirst()
                .ifPresent(p -> ctx.fail(EbmsError.OTHER, "attachment " + p.contentId() + " is " + p.content().length
                        + " bytes, larger than the " + limits.maxAttachmentBytes() + " accepted (as4.maxAttachmentBytes)"));
    }

    private void resolvePartner(InboundContext ctx) {
        UserMessageHeader.Party from = ctx.header.from();
        partners.byPartyId(from.partyId())
                .filter(p -> from.partyIdType() == null || from.partyIdType().equals(p.partyIdType()))
                .ifPresentOrElse(p -> ctx.partner = p,
                        () -> ctx.fail(EbmsError.VALUE_NOT_RECOGNIZED, "unknown sender party " + from.partyId()));
    }

    private void checkRecipient(InboundContext ctx) {
        UserMessageHeader.Party to = ctx.header.to();
        if (!own.partyId().equals(to.partyId())) {
            ctx.fail(EbmsError.VALUE_INCONSISTENT, "message is for party " + to.partyId() + ", this is " + own.partyId());
        }
    }

    private void checkCollaboration(InboundContext ctx) {
        UserMessageHeader h = ctx.header;
        if (!h.isTestMessage() && !(Actions.SERVICE.equals(h.service())
                && Actions.kindOf(h.action()).isPresent())) {
            ctx.fail(EbmsError.VALUE_NOT_RECOGNIZED, "service " + h.service() + " / action " + h.action()
                    + " is not part of the agreement");
        } else if (h.agreementRef() != null && !h.isTestMessage() && !ctx.partner.allowsAgreement(h.agreementRef())) {
            ctx.fail(EbmsError.VALUE_INCONSISTENT, "agreement " + h.agreementRef() + " is not agreed with " + ctx.partner.id());
        } else if (!payloadMatchesParts(ctx)) {
            ctx.fail(EbmsError.VALUE_INCONSISTENT, "PayloadInfo must name exactly the attachments of the message");
        } else if (h.parts().isEmpty() && !h.isTestMessage()) {
            ctx.fail(EbmsError.VALUE_INCONSISTENT, "a business message needs a payload");
        }
    }

    private static boolean payloadMatchesParts(InboundContext ctx) {
        List<String> named = ctx.header.parts().stream().map(UserMessageHeader.PartInfo::contentId).sorted().toList();
        List<String> attached = ctx.message.attachments().stream().map(Part::contentId).sorted().toList();
        return named.equals(attached);
    }

    private void verifySecurity(InboundContext ctx) {
        try {
            ctx.verified = security.verify(ctx.message, ctx.partner.profile());
        } catch (As4Security.Failure e) {
            switch (e.kind()) {
                case NOT_SIGNED -> ctx.fail(EbmsError.POLICY_NONCOMPLIANCE, "the message must be signed",
                        e.getMessage());
                case DECRYPTION -> ctx.fail(EbmsError.FAILED_DECRYPTION, "the payload could not be decrypted",
                        e.getMessage());
                case AUTHENTICATION -> ctx.fail(EbmsError.FAILED_AUTHENTICATION,
                        "the signature could not be verified or its certificate is not trusted", e.getMessage());
                case WRONG_PROFILE -> ctx.fail(EbmsError.POLICY_NONCOMPLIANCE,
                        "the message's security does not follow the profile agreed with " + ctx.partner.id()
                                + " (" + ctx.partner.profile().id() + ")", e.getMessage());
            }
        }
    }

    private void checkSigner(InboundContext ctx) {
        if (!ctx.verified.signer().equals(crypto.certificate(ctx.partner.signingCertAlias()))) {
            ctx.fail(EbmsError.FAILED_AUTHENTICATION, "signed by " + ctx.verified.signer().getSubjectX500Principal()
                    + ", not by the certificate agreed with " + ctx.partner.id());
        }
    }

    private void requireSignedParts(InboundContext ctx) {
        try {
            Document envelope = ctx.message.envelope();
            boolean headerAndBody = ctx.verified.signedElements().contains(Messaging.messagingElement(envelope))
                    && ctx.verified.signedElements().contains(Messaging.body(envelope));
            boolean attachments = ctx.message.attachments().stream()
                    .allMatch(p -> ctx.verified.signedAttachments().contains(p.contentId()));
            if (!headerAndBody || !attachments) {
                ctx.fail(EbmsError.FAILED_AUTHENTICATION, "the signature must cover eb:Messaging, the Body and every attachment");
            }
        } catch (Messaging.MalformedException e) {
            ctx.fail(EbmsError.INVALID_HEADER, e.getMessage());
        }
    }

    private void requireEncryptedPayload(InboundContext ctx) {
        List<String> plain = ctx.message.attachments().stream().map(Part::contentId)
                .filter(id -> !ctx.verified.decryptedAttachments().contains(id)).toList();
        if (!plain.isEmpty()) {
            ctx.fail(EbmsError.POLICY_NONCOMPLIANCE, "every payload must be encrypted", "not decrypted: " + plain);
        }
    }

    /**
     * Replay defence: the message's time must be within the window. The time is the wsu:Created of a
     * wsu:Timestamp the verified signature covers, else the eb:Timestamp (eb:Messaging is signed, as
     * RequireSignedParts made sure); a Timestamp nobody signed proves nothing and is not read.
     */
    private void checkFreshness(InboundContext ctx) {
        Instant sent = Optional.ofNullable(ctx.verified.signedTimestamp()).orElse(ctx.header.timestamp());
        Duration window = limits.replayWindow();
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(window)) || sent.isAfter(now.plus(window))) {
            ctx.fail(EbmsError.POLICY_NONCOMPLIANCE, "message time " + sent + " is outside the accepted window of "
                    + window + " around " + now);
        }
    }

    private void decompressPayload(InboundContext ctx) {
        if (ctx.header.parts().isEmpty()) {
            ctx.payload = new byte[0];
            return;
        }
        List<UserMessageHeader.PartInfo> infos = ctx.header.parts();
        ctx.payload = decompressed(ctx, infos.get(0), limits.maxPayloadBytes(), null);
        // further parts are documents attached to the business document (verification requests and answers)
        List<DocumentPart> documents = new java.util.ArrayList<>();
        for (int i = 1; i < infos.size() && !ctx.failed(); i++) {
            byte[] content = decompressed(ctx, infos.get(i), limits.maxDocumentBytes(), "as4.maxDocumentBytes");
            String mimeType = infos.get(i).properties().getOrDefault("MimeType", "application/octet-stream");
            if (content != null) {
                documents.add(new DocumentPart(mimeType, content));
            }
        }
        ctx.documents = documents;
    }

    /** One part's content, decompressed when its CompressionType says gzip; null (and the error recorded) when it cannot be. */
    private byte[] decompressed(InboundContext ctx, UserMessageHeader.PartInfo info, long limit, String documentLimitKey) {
        Part part = ctx.verified.attachments().stream().filter(p -> p.contentId().equals(info.contentId()))
                .findFirst().orElseThrow();
        if (!Ebms.GZIP.equals(info.properties().get("CompressionType"))) {
            if (part.content().length > limit) {
                ctx.fail(EbmsError.OTHER, "part " + info.contentId() + " is larger than the " + limit + " bytes accepted"
                        + (documentLimitKey == null ? "" : " (" + documentLimitKey + ")"));
                return null;
            }
            return part.content();
        }
        try {
            return Decompression.gunzip(part.content(), limit);
        } catch (IOException e) {
            ctx.fail(EbmsError.DECOMPRESSION_FAILURE, "the payload is not valid gzip", e.getMessage());
        } catch (Decompression.TooLarge e) {
            // permanent: the same bytes expand the same way next time (EbmsError.retryFeasible)
            ctx.fail(EbmsError.DECOMPRESSION_FAILURE, documentLimitKey == null ? e.getMessage()
                    : "document part " + info.contentId() + " expands beyond " + limit + " bytes (" + documentLimitKey + ")");
        }
        return null;
    }

    private void createReceipt(InboundContext ctx) {
        ctx.receipt = signed(Messaging.receipt(clock.instant(), newMessageId(), ctx.header.messageId(),
                ctx.verified.references()), ctx.partner.profile());
    }

    private void deliverToSink(InboundContext ctx) {
        if (ctx.header.isTestMessage()) {
            return; // ebMS test service: answered, delivered to nobody
        }
        UserMessageHeader h = ctx.header;
        try {
            ctx.receipt = sink.store(new ReceivedUserMessage(ctx.partner.id(), h.messageId(), h.conversationId(),
                    h.refToMessageId(), h.service(), h.action(), h.timestamp(), ctx.payload, ctx.documents), ctx.rawRequest,
                    ctx.receipt);
        } catch (PayloadRejectedException e) {
            ctx.fail(EbmsError.OTHER, "business rejection: " + String.join("; ", e.findings()));
        }
    }

    /**
     * Signals to a known partner are signed under its profile; to a sender not (yet) recognised,
     * under the default one, which every AS4 peer can verify.
     */
    private static Profile profileOf(InboundContext ctx) {
        return ctx.partner != null ? ctx.partner.profile() : Profile.AS4_1_15;
    }

    private byte[] signed(Document signal, Profile profile) {
        try {
            SoapMessage message = new SoapMessage(signal, List.of());
            security.sign(message, clock.instant(), As4Client.TIMESTAMP_TTL, profile);
            return message.toWire().body();
        } catch (WSSecurityException e) {
            throw new IllegalStateException("cannot sign a signal with the own key", e);
        }
    }

    private String newMessageId() {
        return UUID.randomUUID() + "@" + own.partyId().toLowerCase();
    }
}
