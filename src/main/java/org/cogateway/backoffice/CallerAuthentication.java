package org.cogateway.backoffice;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.cogateway.security.Caller;
import org.cogateway.security.HashedPasswordValidator;

/**
 * Who is calling the back-office: WS-Security processed by WSS4J, accepting either a UsernameToken
 * (password checked against its hash) or an X.509 signature over the SOAP Body by a certificate
 * the truststore trusts; then the token or certificate is mapped to a configured {@link Caller}.
 * A call with neither is refused before it reaches an operation.
 */
public final class CallerAuthentication {
    /** The message-context key under which the authenticated {@link Caller} is found. */
    public static final String CALLER = "cogateway.caller";
    private static final String TRUST_CRYPTO = "cogateway.backoffice.trustCrypto";

    private final WSS4JInInterceptor security;
    private final ResolveCaller resolve;

    public CallerAuthentication(List<Caller> callers, Crypto trustCrypto, Clock clock) {
        Map<String, Caller> byId = callers.stream().collect(Collectors.toUnmodifiableMap(Caller::id, Function.identity()));
        Map<String, Object> config = new HashMap<>();
        // either token kind may come: WSS4J processes whatever the header holds, ResolveCaller decides
        config.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.SIGNATURE);
        config.put(ConfigurationConstants.SIG_VER_PROP_REF_ID, TRUST_CRYPTO);
        config.put(TRUST_CRYPTO, trustCrypto);
        config.put(ConfigurationConstants.ENABLE_REVOCATION, "false");
        config.put(WSS4JInInterceptor.VALIDATOR_MAP, Map.of(WSConstants.USERNAME_TOKEN, new HashedPasswordValidator(byId, clock)));
        security = new WSS4JInInterceptor(config);
        security.setIgnoreActions(true);
        resolve = new ResolveCaller(byId, callers);
    }

    public WSS4JInInterceptor securityInterceptor() {
        return security;
    }

    public AbstractSoapInterceptor callerInterceptor() {
        return resolve;
    }

    /** Maps the verified token or signing certificate to a configured caller. */
    static final class ResolveCaller extends AbstractSoapInterceptor {
        private final Map<String, Caller> byId;
        private final Map<X500Principal, Caller> bySubject;

        ResolveCaller(Map<String, Caller> byId, List<Caller> callers) {
            super(Phase.PRE_PROTOCOL);
            addAfter(WSS4JInInterceptor.class.getName());
            this.byId = byId;
            this.bySubject = callers.stream().filter(c -> c.certificateSubject() != null)
                    .collect(Collectors.toUnmodifiableMap(c -> new X500Principal(c.certificateSubject()), Function.identity()));
        }

        @Override
        public void handleMessage(SoapMessage message) {
            Caller caller = resolve(message).orElseThrow(() -> new Fault(new NotAuthenticated()));
            message.put(CALLER, caller);
            message.getExchange().put(CALLER, caller);
        }

        private Optional<Caller> resolve(SoapMessage message) {
            @SuppressWarnings("unchecked")
            List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
            if (results == null) {
                return Optional.empty();
            }
            QName body = new QName(message.getVersion().getEnvelope().getNamespaceURI(), "Body");
            for (WSHandlerResult handlerResult : results) {
                for (WSSecurityEngineResult r : handlerResult.getResults()) {
                    Integer action = (Integer) r.get(WSSecurityEngineResult.TAG_ACTION);
                    if (Objects.equals(action, WSConstants.UT)) {
                        java.security.Principal p = (java.security.Principal) r.get(WSSecurityEngineResult.TAG_PRINCIPAL);
                        if (p != null && byId.containsKey(p.getName())) {
                            return Optional.of(byId.get(p.getName()));
                        }
                    } else if (Objects.equals(action, WSConstants.SIGN) && signsBody(r, body)) {
                        X509Certificate cert = (X509Certificate) r.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                        if (cert != null && bySubject.containsKey(cert.getSubjectX500Principal())) {
                            return Optional.of(bySubject.get(cert.getSubjectX500Principal()));
                        }
                    }
                }
            }
            return Optional.empty();
        }

        private static boolean signsBody(WSSecurityEngineResult r, QName body) {
            @SuppressWarnings("unchecked")
            List<WSDataRef> refs = (List<WSDataRef>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            return refs != null && refs.stream().anyMatch(ref -> body.equals(ref.getName()));
        }
    }

    /** No usable UsernameToken or Body signature; turned into a NOT_AUTHENTICATED fault. */
    static final class NotAuthenticated extends RuntimeException {
        NotAuthenticated() {
            super("the call carries no valid UsernameToken or X.509 signature over the Body of a known caller",
                    null, false, false);
        }
    }
}
