package org.cogateway.backoffice;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.cogateway.security.Caller;
import org.cogateway.security.HashedPasswordValidator;
import org.cogateway.security.LoginThrottle;
import org.cogateway.security.ReplayCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Who is calling the back-office: WS-Security processed by WSS4J, accepting either a UsernameToken
 * (password checked against its hash, under the {@link LoginThrottle}) or an X.509 signature over the
 * SOAP Body by a certificate the truststore trusts; then the token or certificate is mapped to a
 * configured {@link Caller}. A signed call must also carry a wsu:Timestamp that the same signature
 * covers, fresh by the gateway's clock, and a signature value not seen before within that window.
 * Everything is decided from WSS4J's results, never by searching the envelope. A call that proves
 * none of this is refused before it reaches an operation.
 */
public final class CallerAuthentication {
    /** The message-context key under which the authenticated {@link Caller} is found. */
    public static final String CALLER = "cogateway.caller";

    private final SecurityHeaderInterceptor security;
    private final ResolveCaller resolve;
    private final HashedPasswordValidator passwords;

    public CallerAuthentication(List<Caller> callers, Crypto trustCrypto, Clock clock, LoginThrottle throttle,
                                Duration signedRequestWindow, int replayCacheSize) {
        Map<String, Caller> byId = callers.stream().collect(Collectors.toUnmodifiableMap(Caller::id, Function.identity()));
        passwords = new HashedPasswordValidator(byId, clock, throttle);
        // the Nonces of UsernameTokens, in memory and bounded
        org.apache.wss4j.common.cache.ReplayCache nonces =
                new ReplayCache(clock, replayCacheSize).forWss4j(Duration.ofMinutes(5));
        security = new SecurityHeaderInterceptor(passwords, trustCrypto, nonces);
        resolve = new ResolveCaller(byId, callers, clock, signedRequestWindow, new ReplayCache(clock, replayCacheSize));
    }

    /** The callers' password check, for the back-office's HTTP face (the CSV export). */
    public HashedPasswordValidator passwords() {
        return passwords;
    }

    /** Processes the wsse:Security header; {@link #callerInterceptor()} then decides from its results. */
    public AbstractSoapInterceptor securityInterceptor() {
        return security;
    }

    public AbstractSoapInterceptor callerInterceptor() {
        return resolve;
    }

    /** Maps the verified token or signing certificate to a configured caller. */
    static final class ResolveCaller extends AbstractSoapInterceptor {
        private static final Logger log = LoggerFactory.getLogger(ResolveCaller.class);
        private final Map<String, Caller> byId;
        private final Map<X500Principal, Caller> bySubject;
        private final Clock clock;
        private final Duration window;
        private final ReplayCache replays;

        ResolveCaller(Map<String, Caller> byId, List<Caller> callers, Clock clock, Duration window, ReplayCache replays) {
            super(Phase.PRE_PROTOCOL);
            addAfter(SecurityHeaderInterceptor.class.getName());
            this.byId = byId;
            this.bySubject = callers.stream().filter(c -> c.certificateSubject() != null)
                    .collect(Collectors.toUnmodifiableMap(c -> new X500Principal(c.certificateSubject()), Function.identity()));
            this.clock = clock;
            this.window = window;
            this.replays = replays;
        }

        @Override
        public void handleMessage(SoapMessage message) {
            Caller caller = resolve(message).orElseThrow(() -> new Fault(new NotAuthenticated(null)));
            message.put(CALLER, caller);
            message.getExchange().put(CALLER, caller);
        }

        private Optional<Caller> resolve(SoapMessage message) {
            @SuppressWarnings("unchecked")
            List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
            if (results == null) {
                return Optional.empty();
            }
            Element body = SecurityHeaderInterceptor.envelopePart(message, "Body");
            List<WSSecurityEngineResult> all = results.stream().flatMap(h -> h.getResults().stream()).toList();
            Instant now = clock.instant();
            for (WSSecurityEngineResult r : all) {
                if (Objects.equals(r.get(WSSecurityEngineResult.TAG_ACTION), WSConstants.TS)) {
                    requireFresh((Timestamp) r.get(WSSecurityEngineResult.TAG_TIMESTAMP), now);
                }
            }
            for (WSSecurityEngineResult r : all) {
                Integer action = (Integer) r.get(WSSecurityEngineResult.TAG_ACTION);
                if (Objects.equals(action, WSConstants.UT)) {
                    java.security.Principal p = (java.security.Principal) r.get(WSSecurityEngineResult.TAG_PRINCIPAL);
                    if (p != null && byId.containsKey(p.getName())) {
                        return Optional.of(byId.get(p.getName()));
                    }
                } else if (Objects.equals(action, WSConstants.SIGN) && coversTheBody(r, body)) {
                    X509Certificate cert = (X509Certificate) r.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                    if (cert != null && bySubject.containsKey(cert.getSubjectX500Principal())) {
                        Caller caller = bySubject.get(cert.getSubjectX500Principal());
                        requireNotReplayed(caller, r, signedTimestamp(r, all, caller));
                        return Optional.of(caller);
                    }
                }
            }
            return Optional.empty();
        }

        /** Any timestamp a call carries must be fresh, signed or not; a signed call's must also be signed. */
        private void requireFresh(Timestamp ts, Instant now) {
            Instant created = ts.getCreated();
            boolean expired = ts.getExpires() != null && !now.isBefore(ts.getExpires());
            if (created == null || expired || created.isBefore(now.minus(window)) || created.isAfter(now.plus(window))) {
                throw new Fault(new NotAuthenticated("the wsu:Timestamp (Created " + ts.getCreatedString()
                        + ") is not within " + window + " of the gateway's time, or has expired"));
            }
        }

        /** The Timestamp that this signature covers, as WSS4J verified it. */
        private static Timestamp signedTimestamp(WSSecurityEngineResult signature, List<WSSecurityEngineResult> all,
                                                 Caller caller) {
            @SuppressWarnings("unchecked")
            List<WSDataRef> refs = (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            for (WSSecurityEngineResult r : all) {
                Timestamp ts = (Timestamp) r.get(WSSecurityEngineResult.TAG_TIMESTAMP);
                if (ts != null && refs != null && refs.stream().anyMatch(ref -> ref.getProtectedElement() == ts.getElement())) {
                    return ts;
                }
            }
            throw new Fault(new NotAuthenticated("a signed call must carry a wsu:Timestamp covered by its signature"
                    + " (caller " + caller.id() + ")"));
        }

        private void requireNotReplayed(Caller caller, WSSecurityEngineResult signature, Timestamp ts) {
            byte[] value = (byte[]) signature.get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE);
            switch (replays.firstSeen(value, ts.getCreated().plus(window))) {
                case FIRST -> { }
                case REPLAY -> {
                    log.warn("signed back-office call of {} refused: replay of a signature already received (Created {})",
                            caller.id(), ts.getCreatedString());
                    throw new Fault(new NotAuthenticated("this signed call was already received: a replay is refused"));
                }
                case FULL -> {
                    log.warn("signed back-office call of {} refused: the replay cache is full (auth.replayCacheSize)",
                            caller.id());
                    throw new Fault(new NotAuthenticated("the gateway cannot accept more signed calls just now; retry later"));
                }
            }
        }

        /**
         * Whether the signature covers the envelope's Body itself: the element the operation is read from,
         * not merely an element named Body (a signed Body moved inside a forged one still verifies by its Id:
         * BackOfficeAttackTest).
         */
        private static boolean coversTheBody(WSSecurityEngineResult r, Element body) {
            @SuppressWarnings("unchecked")
            List<WSDataRef> refs = (List<WSDataRef>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            return body != null && refs != null && refs.stream().anyMatch(ref -> ref.getProtectedElement() == body);
        }
    }

    /**
     * Not authenticated; turned into a NOT_AUTHENTICATED fault. {@code reason}, when given, is told to the
     * caller: it concerns only what the caller's own signed request lacked, never a password or a lock-out.
     */
    static final class NotAuthenticated extends RuntimeException {
        private final String reason;

        NotAuthenticated(String reason) {
            super(reason != null ? reason
                    : "the call carries no valid UsernameToken or X.509 signature over the Body of a known caller",
                    null, false, false);
            this.reason = reason;
        }

        Optional<String> reason() {
            return Optional.ofNullable(reason);
        }
    }
}
