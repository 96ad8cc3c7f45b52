package org.cogateway.backoffice;

import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.dom.DOMSource;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.staxutils.W3CDOMStreamWriter;
import org.apache.wss4j.common.cache.ReplayCache;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.util.WSSecurityUtil;
import org.apache.wss4j.dom.validate.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Runs WSS4J's security engine over a back-office request's wsse:Security header and leaves its
 * results where {@link CallerAuthentication} reads them ({@link WSHandlerConstants#RECV_RESULTS}).
 *
 * <p>It does what CXF's {@code WSS4JInInterceptor} did for this endpoint, on the plain DOM CXF has
 * already made of the envelope's headers, with the body read into that same document; CXF's
 * interceptor first converts every request to SAAJ, whose implementation makes a new
 * {@code DocumentBuilderFactory} per message: 6 % of the sending gateway's CPU under load
 * (BENCHMARKS.md, "Submission path"). The engine and its configuration are the same; so is what it
 * proves: this class decides nothing about the caller, it only collects the engine's results.
 *
 * <p>The body is read into the DOM for every call, not only for signed ones: a signature's references
 * are resolved in that document, and {@link SubmittedCertificate} takes the certificate from it. The
 * rest of the chain then reads the body from the DOM.
 */
final class SecurityHeaderInterceptor extends AbstractSoapInterceptor {
    private static final Set<QName> SECURITY_HEADERS = Set.of(new QName(WSConstants.WSSE_NS, WSConstants.WSSE_LN));

    private final WSSecurityEngine engine = new WSSecurityEngine();
    private final Crypto trustCrypto;
    private final ReplayCache nonces;

    /**
     * @param usernameTokens checks a UsernameToken's password
     * @param trustCrypto    the certificates a signed call may be signed with
     * @param nonces         the UsernameToken nonces seen, so that a token cannot be replayed
     */
    SecurityHeaderInterceptor(Validator usernameTokens, Crypto trustCrypto, ReplayCache nonces) {
        super(Phase.PRE_PROTOCOL);
        WSSConfig config = WSSConfig.getNewInstance();
        config.setValidator(WSConstants.USERNAME_TOKEN, usernameTokens);
        engine.setWssConfig(config);
        this.trustCrypto = trustCrypto;
        this.nonces = nonces;
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return SECURITY_HEADERS;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        // CXF makes a DOM of the envelope when it has a Header: no Header, no security header
        Element soapHeader = envelopePart(message, "Header");
        if (soapHeader == null || message.getContent(XMLStreamReader.class) == null) {
            return;
        }
        try {
            readBody(message);
            // WSS4J refuses two Security headers for the same actor; none gives an empty result, and
            // CallerAuthentication then refuses the call
            Element security = WSSecurityUtil.getSecurityHeader(soapHeader, "", message.getVersion().getVersion() != 1.1);
            WSHandlerResult result = engine.processSecurityHeader(security, requestData(message));
            message.put(WSHandlerConstants.RECV_RESULTS, List.of(result));
        } catch (WSSecurityException e) {
            throw new SoapFault("the WS-Security header was not accepted", e, message.getVersion().getSender());
        } catch (XMLStreamException e) {
            throw new SoapFault("the request could not be read", e, message.getVersion().getSender());
        }
    }

    /**
     * Reads the rest of the body from the stream into the envelope's DOM (CXF put an empty Body element
     * there, with its attributes), then points the chain at the DOM, positioned on the body's first element.
     */
    private static void readBody(SoapMessage message) throws XMLStreamException {
        Element body = envelopePart(message, "Body");
        if (body == null) {
            return;
        }
        XMLStreamReader stream = message.getContent(XMLStreamReader.class);
        // the stream keeps the endpoint's size and depth limits (RequestLimits) while it is copied
        StaxUtils.copy(stream, new W3CDOMStreamWriter(body), true, !StaxUtils.isSecureReader(stream, message));
        XMLStreamReader fromDom = StaxUtils.createXMLStreamReader(new DOMSource(body));
        fromDom.nextTag();
        fromDom.nextTag();
        message.setContent(XMLStreamReader.class, fromDom);
    }

    /**
     * The envelope's own Header or Body element (a direct child of the Envelope) in the DOM CXF and this
     * interceptor made of the request, or null.
     */
    static Element envelopePart(SoapMessage message, String localName) {
        if (!(message.getContent(Node.class) instanceof Document envelope)) {
            return null;
        }
        String ns = message.getVersion().getEnvelope().getNamespaceURI();
        for (Node n = envelope.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private RequestData requestData(SoapMessage message) {
        RequestData data = new RequestData();
        data.setMsgContext(message);
        data.setActor("");
        data.setSigVerCrypto(trustCrypto);
        data.setNonceReplayCache(nonces);
        data.setEnableRevocation(false);
        // freshness is judged by CallerAuthentication on the gateway's clock and window, not by WSS4J's
        // defaults on the system clock; so are replays of signed calls
        data.setTimeStampStrict(false);
        data.setTimeStampTTL(Integer.MAX_VALUE / 2);
        data.setTimeStampFutureTTL(Integer.MAX_VALUE / 2);
        return data;
    }
}
