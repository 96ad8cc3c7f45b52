package org.cogateway.backoffice;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.util.List;
import java.util.Optional;
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
 * the contract's detail and keep it; anything raised below them (unreadable or hostile XML, a
 * request too large, a failed WS-Security check) is given a stable code and a plain message, so a
 * caller always gets the same kind of answer and never a library's internals or a stack trace.
 * Every fault but INTERNAL_ERROR is the caller's to fix, so it goes out as {@code soap:Client}
 * (SOAP 1.2: {@code env:Sender}); INTERNAL_ERROR as {@code soap:Server} ({@code env:Receiver}).
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
        if (!(e instanceof Fault fault)) {
            return;
        }
        Optional<String> contractCode = contractCode(fault);
        if (contractCode.isPresent()) {
            setFaultCode(message, fault, !FaultCode.INTERNAL_ERROR.name().equals(contractCode.get()));
            return;
        }
        FaultCode code = classify(fault);
        String text = switch (code) {
            case NOT_AUTHENTICATED -> Optional.ofNullable(find(fault, CallerAuthentication.NotAuthenticated.class))
                    .flatMap(CallerAuthentication.NotAuthenticated::reason)
                    .orElse("the call must carry a valid WS-Security UsernameToken or an X.509 signature "
                            + "over the Body, of a caller this gateway knows");
            case REQUEST_TOO_LARGE -> find(fault, RequestLimits.TooLarge.class).getMessage();
            default -> "the request is not a well-formed, acceptable SOAP message for this service: " + safeReason(fault);
        };
        log.info("back-office request refused: {} ({})", code, rootMessage(fault));
        fault.setMessage(code + ": " + text);
        setFaultCode(message, fault, true);
        Element detail = fault.getOrCreateDetail();
        while (detail.getFirstChild() != null) {
            detail.removeChild(detail.getFirstChild());
        }
        detail.appendChild(detail.getOwnerDocument().importNode(marshal(Faults.detail(code, text, List.of())), true));
    }

    private static void setFaultCode(SoapMessage message, Fault fault, boolean callersFault) {
        if (fault instanceof SoapFault soap) {
            soap.setFaultCode(callersFault ? message.getVersion().getSender() : message.getVersion().getReceiver());
        } else {
            fault.setFaultCode(callersFault ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        }
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

    /** The contract code of a fault an operation raised, or empty when the fault came from below the operations. */
    private static Optional<String> contractCode(Fault fault) {
        // an operation's GatewayFault has its detail written later in this chain (WebFaultOutInterceptor,
        // PRE_PROTOCOL), so at PRE_LOGICAL it is recognised by its cause, not by its detail
        GatewayFault thrown = find(fault, GatewayFault.class);
        if (thrown != null) {
            return Optional.of(thrown.getFaultInfo() == null ? FaultCode.INTERNAL_ERROR.name() : thrown.getFaultInfo().getCode());
        }
        Element detail = fault.getDetail();
        if (detail == null) {
            return Optional.empty();
        }
        for (var n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && "GatewayFaultDetail".equals(el.getLocalName())) {
                for (var c = el.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element code && "Code".equals(code.getLocalName())) {
                        return Optional.of(code.getTextContent().trim());
                    }
                }
                return Optional.of(FaultCode.INTERNAL_ERROR.name());
            }
        }
        return Optional.empty();
    }

    private Element marshal(GatewayFaultDetail detail) {
        try {
            Document doc = org.cogateway.security.SecureXml.newDocument();
            jaxb.createMarshaller().marshal(detail, doc);
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the fault detail", e);
        }
    }
}
