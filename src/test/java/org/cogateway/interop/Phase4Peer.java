package org.cogateway.interop;

import com.helger.base.state.ETriState;
import com.helger.http.header.HttpHeaderMap;
import com.helger.phase4.attachment.AS4OutgoingAttachment;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.EMEP;
import com.helger.phase4.model.pmode.IPModeIDProvider;
import com.helger.phase4.profile.AS4Profile;
import com.helger.phase4.profile.IAS4ProfileValidator;
import com.helger.phase4.model.EMEPBinding;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.model.pmode.PModeReceptionAwareness;
import com.helger.phase4.model.pmode.leg.EPModeSendReceiptReplyPattern;
import com.helger.phase4.model.pmode.leg.PModeLeg;
import com.helger.phase4.model.pmode.leg.PModeLegBusinessInformation;
import com.helger.phase4.model.pmode.leg.PModeLegErrorHandling;
import com.helger.phase4.model.pmode.leg.PModeLegProtocol;
import com.helger.phase4.model.pmode.leg.PModeLegSecurity;
import com.helger.phase4.sender.AS4Sender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.sender.IAS4SignalMessageValidationResultHandler;
import com.helger.phase4.wss.EWSSVersion;
import com.helger.servlet.mock.MockServletContext;
import com.helger.web.scope.mgr.WebScopeManager;
import com.helger.web.scope.mgr.WebScoped;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * phase4 4.4.1 as the Indonesian partner gateway (party ID-GW, keystores-sample/id.p12): an
 * independent AS4 implementation, not ours, that sends user messages with its own sender and
 * receives them with its own request handler. The handler runs on the JDK's HTTP server rather than
 * phase4's servlet, so no second servlet container (Jetty ee10) joins CXF's on the test classpath;
 * the handler is phase4's own, the HTTP server only hands it the bytes and headers.
 *
 * <p>Both directions use one P-Mode with the eDelivery AS4 1.15 leg security (RSA-SHA256, SHA-256,
 * AES-128-GCM, signed receipts with non-repudiation information, answered synchronously), the same
 * as phase4's own CEF profile, with this exchange's service, action and agreement. Made with
 * {@link #Phase4Peer(boolean) Phase4Peer(true)} it uses the eDelivery AS4 2.0 algorithms instead, as
 * phase4 4.4.1 implements them: EdDSA Ed25519 signatures with ID's Ed25519 key, and encryption by
 * phase4's {@code AS4CryptParams.setEDelivery2KeyAgreementX25519()} (X25519, HKDF, AES-128 key wrap)
 * for JP's X25519 certificate.
 */
final class Phase4Peer implements AutoCloseable {
    static final String PARTY_TYPE = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";
    static final String EBMS = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    static final String SERVICE = "urn:cogateway:services:certificate-of-origin";
    static final String SERVICE_TYPE = "urn:cogateway:service-type";
    static final String CERTIFICATE_ACTION = "SubmitCertificate";
    static final String AGREEMENT = "JIEPA";
    /** The profile phase4 is told to use: no validator of its own, this P-Mode for everything. */
    static final String PROFILE = "cogateway-edelivery-as4-1.15";
    static final String PROFILE_20 = "cogateway-edelivery-as4-2.0";
    private static final Path SAMPLES = Path.of("keystores-sample");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Phase4Peer.class);

    private final AS4CryptoFactoryInMemoryKeyStore crypto;
    /** What phase4 decrypts with: the same as {@link #crypto} under 1.15; ID's X25519 key under 2.0 (phase4 knows one key per factory). */
    private final AS4CryptoFactoryInMemoryKeyStore decryption;
    private final X509Certificate gatewayCertificate;
    private final PMode pmode;
    private final HttpServer server;
    private final boolean as420;
    private final String profile;

    /** User messages phase4 handed to its back end, as it decrypted and decompressed them. */
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** phase4's answers (receipts, errors) exactly as it wrote them, last last. */
    final List<byte[]> answers = new CopyOnWriteArrayList<>();

    record Received(String messageId, String action, List<byte[]> payloads) {
    }

    /** What phase4's sender made of one send: its result, the signal it got, and its NRR check. */
    record Sent(String messageId, EAS4UserMessageSendResult result, Ebms3SignalMessage signal, String nrrCheck) {
    }

    Phase4Peer() throws Exception {
        this(false);
    }

    /** phase4 as ID on the eDelivery AS4 2.0 algorithms ({@code as420}) or the 1.15 ones. */
    Phase4Peer(boolean as420) throws Exception {
        if (!WebScopeManager.isGlobalScopePresent()) {
            // phase4 keeps its managers (duplicates, P-Modes) in a global scope, as a web application would
            WebScopeManager.onGlobalBegin(MockServletContext.create());
        }
        this.as420 = as420;
        this.profile = as420 ? PROFILE_20 : PROFILE;
        crypto = crypto(SAMPLES.resolve("id.p12"), "sample-id", as420 ? "id-ed25519" : "id",
                SAMPLES.resolve("id-truststore.p12"));
        decryption = as420 ? crypto(SAMPLES.resolve("id.p12"), "sample-id", "id-x25519",
                SAMPLES.resolve("id-truststore.p12")) : crypto;
        gatewayCertificate = (X509Certificate) crypto.getTrustStore().getCertificate(as420 ? "jp-x25519" : "jp");
        pmode = pmode(s -> { });
        if (MetaAS4Manager.getProfileMgr().getProfileOfID(profile) == null) {
            PMode registered = pmode;
            MetaAS4Manager.getProfileMgr().registerProfile(new AS4Profile(profile, "co-gateway interop (" + profile + ")",
                    () -> new IAS4ProfileValidator() { }, (initiator, responder, address) -> registered, IPModeIDProvider.DEFAULT_DYNAMIC, false, false));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/as4", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/as4";
    }

    /** Sends {@code payload} (a CO's XML) to the gateway at {@code endpoint} as phase4 would. */
    Sent send(String endpoint, String messageId, String action, byte[] payload) {
        return send(endpoint, messageId, action, payload, b -> b);
    }

    /** As {@link #send(String, String, String, byte[])}, with the builder adjusted by {@code change}. */
    Sent send(String endpoint, String messageId, String action, byte[] payload,
              UnaryOperator<AS4Sender.BuilderUserMessage> change) {
        Ebms3SignalMessage[] signal = new Ebms3SignalMessage[1];
        String[] nrr = {"not checked"};
        AS4Sender.BuilderUserMessage builder = AS4Sender.builderUserMessage()
                .as4ProfileID(profile)
                .cryptoFactory(crypto)
                .cryptoFactoryCrypt(decryption)
                .pmode(pmode)
                .service(SERVICE_TYPE, SERVICE)
                .action(action)
                .agreementRef(AGREEMENT)
                .fromPartyIDType(PARTY_TYPE).fromPartyID("ID-GW").fromRole(EBMS + "initiator")
                .toPartyIDType(PARTY_TYPE).toPartyID("JP-GW").toRole(EBMS + "responder")
                .conversationID("conv-" + messageId)
                .messageID(messageId)
                .receiverCertificate(gatewayCertificate)
                .endpointURL(endpoint)
                .payload(AS4OutgoingAttachment.builder().data(payload).mimeTypeXML().compressionGZIP())
                .withCryptParams(this::cryptParams)
                // phase4's 20 s default is too short for a cold gateway on a loaded shared machine
                .httpClientFactory(new com.helger.httpclient.HttpClientSettings()
                        .setResponseTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(90)))
                .signalMsgConsumer((s, metadata, state) -> signal[0] = s)
                .signalMsgValidationResultHdl(new IAS4SignalMessageValidationResultHandler() {
                    @Override
                    public void onSuccess() {
                        nrr[0] = "valid";
                    }

                    @Override
                    public void onError(String message) {
                        nrr[0] = "invalid: " + message;
                    }

                    @Override
                    public void onNotApplicable() {
                        nrr[0] = "not applicable";
                    }
                });
        EAS4UserMessageSendResult result = change.apply(builder).sendMessageAndCheckForReceipt();
        return new Sent(messageId, result, signal[0], nrr[0]);
    }

    /** The ebMS test service (core §5.2.2): no payload, answered with a receipt, delivered to no back end. */
    Sent ping(String endpoint, String messageId) {
        Ebms3SignalMessage[] signal = new Ebms3SignalMessage[1];
        EAS4UserMessageSendResult result = AS4Sender.builderUserMessage()
                .as4ProfileID(profile)
                .cryptoFactory(crypto)
                .cryptoFactoryCrypt(decryption)
                .pmode(pmode)
                .service(null, EBMS + "service")
                .action(EBMS + "test")
                .fromPartyIDType(PARTY_TYPE).fromPartyID("ID-GW").fromRole(EBMS + "initiator")
                .toPartyIDType(PARTY_TYPE).toPartyID("JP-GW").toRole(EBMS + "responder")
                .conversationID("conv-" + messageId)
                .messageID(messageId)
                .receiverCertificate(gatewayCertificate)
                .endpointURL(endpoint)
                .withCryptParams(this::cryptParams)
                .signalMsgConsumer((s, metadata, state) -> signal[0] = s)
                .sendMessageAndCheckForReceipt();
        return new Sent(messageId, result, signal[0], "not checked");
    }

    /** Under 2.0, phase4's own eDelivery 2.0 key agreement (X25519, HKDF, AES-128 key wrap). */
    private void cryptParams(com.helger.phase4.crypto.AS4CryptParams params) {
        if (as420) {
            params.setEDelivery2KeyAgreementX25519();
        }
    }

    static AS4CryptoFactoryInMemoryKeyStore crypto(Path keystore, String password, String alias, Path truststore)
            throws Exception {
        return new AS4CryptoFactoryInMemoryKeyStore(load(keystore, password), alias, password.toCharArray(),
                load(truststore, password));
    }

    String newMessageId() {
        return UUID.randomUUID() + "@phase4";
    }

    /** The P-Mode, with its leg security changed by {@code change} (e.g. no signature, no encryption). */
    PMode pmode(java.util.function.Consumer<PModeLegSecurity> change) {
        PModeLegSecurity security = new PModeLegSecurity();
        security.setWSSVersion(EWSSVersion.WSS_111);
        security.setX509SignatureAlgorithm(as420 ? ECryptoAlgorithmSign.EDDSA_ED25519 : ECryptoAlgorithmSign.RSA_SHA_256);
        security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
        security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
        security.setX509EncryptionMinimumStrength(128);
        security.setPModeAuthorize(false);
        security.setSendReceipt(true);
        security.setSendReceiptNonRepudiation(true);
        security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
        change.accept(security);
        PModeLegBusinessInformation business = PModeLegBusinessInformation.create(SERVICE, CERTIFICATE_ACTION,
                null, "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/defaultMPC");
        business.setServiceType(SERVICE_TYPE);
        PModeLeg leg = new PModeLeg(PModeLegProtocol.createForDefaultSoapVersion(null), business,
                new PModeLegErrorHandling(null, null, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE),
                null, security);
        return new PMode("cogateway-id-jp", PModeParty.createSimple("ID-GW", EBMS + "initiator"),
                PModeParty.createSimple("JP-GW", EBMS + "responder"), AGREEMENT, EMEP.ONE_WAY, EMEPBinding.PUSH, leg,
                null, null, new PModeReceptionAwareness(ETriState.TRUE, ETriState.FALSE, 0, 0, ETriState.TRUE));
    }

    /**
     * One AS4 request, handled by phase4's AS4RequestHandler inside a request scope, as its servlet
     * does; the scope is only opened and closed around the handler ("try": never referenced).
     */
    @SuppressWarnings("try")
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            HttpHeaderMap headers = new HttpHeaderMap();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.addHeader(name, v)));
            Response response = new Response();
            try (WebScoped scope = new WebScoped();
                 AS4RequestHandler handler = new AS4RequestHandler(AS4IncomingMessageMetadata.createForRequest()
                         .setRemoteAddr(exchange.getRemoteAddress().getAddress().getHostAddress())
                         .setHttpHeaders(headers))) {
                handler.setCryptoFactorySign(crypto);
                handler.setCryptoFactoryCrypt(decryption);
                handler.setPModeResolver((id, service, action, initiator, responder, agreement, address) -> pmode);
                handler.setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(profile, true));
                handler.setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE);
                handler.setIncomingSecurityConfiguration(AS4IncomingSecurityConfiguration.createDefaultInstance());
                handler.setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration());
                handler.setProcessorSupplier(() -> new com.helger.collection.commons.CommonsArrayList<>(new BackEnd()));
                handler.handleRequest(in, headers, response);
            } catch (Exception e) {
                LOG.error("phase4's request handler failed", e);
                response.status = 500;
                response.body = ("phase4 failed: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                response.contentType = "text/plain";
            }
            answers.add(response.body);
            if (response.status >= 400) {
                LOG.warn("phase4 answers HTTP {}: {}", response.status,
                        new String(response.body, java.nio.charset.StandardCharsets.UTF_8));
            }
            response.headers.forEachSingleHeader((name, value) -> exchange.getResponseHeaders().add(name, value), false);
            if (response.contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType);
            }
            exchange.sendResponseHeaders(response.status, response.body.length == 0 ? -1 : response.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }

    /** What phase4 answers, collected from its response abstraction. */
    private static final class Response implements IAS4ResponseAbstraction {
        int status = 200;
        String contentType;
        byte[] body = new byte[0];
        final HttpHeaderMap headers = new HttpHeaderMap();

        @Override
        public void setContent(byte[] bytes, Charset charset) {
            body = bytes;
        }

        @Override
        public void setContent(HttpHeaderMap headerMap, com.helger.base.io.iface.IHasInputStream content) {
            headers.addAllHeaders(headerMap);
            try (InputStream in = content.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                body = out.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void setMimeType(com.helger.mime.IMimeType mimeType) {
            contentType = mimeType.getAsString();
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }
    }

    /** phase4's back-end hook: keeps what it received. */
    private final class BackEnd implements IAS4IncomingMessageProcessorSPI {
        @Override
        public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                com.helger.phase4.ebms3header.Ebms3UserMessage message, com.helger.phase4.model.pmode.IPMode pm,
                org.w3c.dom.Node soapBody, com.helger.collection.commons.ICommonsList<WSS4JAttachment> attachments,
                IAS4IncomingMessageState state, com.helger.phase4.error.AS4ErrorList errors) {
            List<byte[]> payloads = new java.util.ArrayList<>();
            if (attachments != null) {
                for (WSS4JAttachment a : attachments) {
                    try (InputStream in = a.getSourceStream()) {
                        payloads.add(in.readAllBytes());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            received.add(new Received(message.getMessageInfo().getMessageId(),
                    message.getCollaborationInfo().getAction(), payloads));
            return AS4MessageProcessorResult.createSuccess();
        }

        @Override
        public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers, Ebms3SignalMessage signal, com.helger.phase4.model.pmode.IPMode pm,
                IAS4IncomingMessageState state, com.helger.phase4.error.AS4ErrorList errors) {
            return AS4SignalMessageProcessorResult.createSuccess();
        }

        @Override
        public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state,
                String responseMessageId, byte[] response, boolean payloadAvailable,
                com.helger.phase4.error.AS4ErrorList errors) {
        }
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
