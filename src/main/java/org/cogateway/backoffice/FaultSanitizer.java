package org.cogateway.backoffice;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.util.List;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GatewayFaultDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The last word on every fault the back-office sends. Faults raised by the operations already carry
 * the contract's detail and pass unchanged; anything raised below them (unreadable or hostile XML, a
 * request too large, a failed WS-Security check) is given a stable code and a plain message, so a
 * caller always gets the same kind of answer and never a library's internals or a stack trace.
 */
public final class FaultSanitizer extends AbstractSoapInterceptor {
    private static final Logger log = LoggerFactory.getLogger(FaultSanitizer.class);
    private final JAXBContext jaxb;

    public FaultSanitizer() {
        super(Phase.PRE_LOGICAL);
        try {
            jaxb = JAXBContext.newInstance(GatewayFaultDetail.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception e = message.getContent(Exception.class);
        if (!(e instanceof Fault fault) || carriesContractDetail(fault)) {
            return;
        }
        FaultCode code = classify(fault);
        String text = switch (code) {
            case NOT_AUTHENTICATED -> "the call must carry a valid WS-Security UsernameToken or an X.509 signature "
                    + "over the Body, of a caller this gateway knows";
            case REQUEST_TOO_LARGE -> find(fault, RequestLimits.TooLarge.class).getMessage();
            default -> "the request is not a well-formed, acceptable SOAP message for this service: " + safeReason(fault);
        };
        log.info("back-office request refused: {} ({})", code, rootMessage(fault));
        fault.setMessage(code + ": " + text);
        if (fault instanceof SoapFault soap) {
            soap.setFaultCode(message.getVersion().getSender());
        } else {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        }
        Element detail = fault.getOrCreateDetail();
        while (detail.getFirstChild() != null) {
            detail.removeChild(detail.getFirstChild());
        }
        detail.appendChild(detail.getOwnerDocument().importNode(marshal(Faults.detail(code, text, List.of())), true));
    }

    private static FaultCode classify(Fault fault) {
        if (find(fault, RequestLimits.TooLarge.class) != null) {
            return FaultCode.REQUEST_TOO_LARGE;
        }
        if (find(fault, CallerAuthentication.NotAuthenticated.class) != null
                || find(fault, WSSecurityException.class) != null) {
            return FaultCode.NOT_AUTHENTICATED;
        }
        return FaultCode.INVALID_REQUEST;
    }

    /** A short reason that names the problem without exposing classes, paths or stack frames. */
    private static String safeReason(Fault fault) {
        RequestLimits.WrongContentType wrongType = find(fault, RequestLimits.WrongContentType.class);
        if (wrongType != null) {
            return wrongType.getMessage();
        }
        String m = rootMessage(fault);
        if (m.contains("DOCTYPE") || m.contains("DTD")) {
            return "DTDs and entity declarations are not accepted";
        }
        if (m.contains("Maximum") || m.contains("limit")) {
            return "the XML exceeds a size or nesting limit";
        }
        if (m.contains("Unexpected wrapper element") || m.contains("Unmarshalling Error") || m.contains("unexpected element")) {
            return "the body does not match the operation's schema";
        }
        javax.xml.stream.XMLStreamException parse = find(fault, javax.xml.stream.XMLStreamException.class);
        if (parse != null && parse.getMessage() != null) {
            // the parser's own words name the problem and its line and column, and nothing internal
            return "the XML could not be read: " + parse.getMessage().replace("{unknown-source}", "").replaceAll("\\s+", " ").trim();
        }
        return "the XML could not be read";
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static boolean carriesContractDetail(Fault fault) {
        // an operation's GatewayFault has its detail written later in this chain (WebFaultOutInterceptor,
        // PRE_PROTOCOL), so at PRE_LOGICAL it is recognised by its cause, not by its detail
        if (find(fault, GatewayFault.class) != null) {
            return true;
        }
        Element detail = fault.getDetail();
        if (detail == null) {
            return false;
        }
        for (var n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && "GatewayFaultDetail".equals(el.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    private Element marshal(GatewayFaultDetail detail) {
        try {
            Document doc = org.cogateway.document.Dom.newDocument();
            jaxb.createMarshaller().marshal(detail, doc);
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the fault detail", e);
        }
    }
}
