package org.cogateway.backoffice;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.cogateway.document.CertificateDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the certificate exactly as the caller sent it, for the validator. JAXB binding is lenient
 * (an unknown enumeration value becomes null, so it vanishes from a re-marshalled copy), and a
 * finding must name what the caller wrote, where it wrote it. WS-Security processing has already
 * read the envelope into a DOM (SAAJ), so this only copies the certificate element out of it.
 */
final class SubmittedCertificate extends AbstractSoapInterceptor {
    /** The message-context key of the submitted certificate element, when the body carries one. */
    static final String KEY = "cogateway.submittedCertificate";

    SubmittedCertificate() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WSS4JInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        if (saaj == null) {
            return;
        }
        try {
            NodeList found = saaj.getSOAPBody().getElementsByTagNameNS(CertificateDocuments.CO_ELEMENT.getNamespaceURI(),
                    CertificateDocuments.CO_ELEMENT.getLocalPart());
            // exactly one, or JAXB may bind another than the one validated (it keeps the last of two);
            // with none kept, the operations validate the bound certificate, which is the one stored
            if (found.getLength() == 1) {
                message.put(KEY, copy((Element) found.item(0)));
            }
        } catch (SOAPException e) {
            // no body to look into: the operations fall back to the bound certificate
        }
    }

    private static Element copy(Element element) {
        Document doc = org.cogateway.security.SecureXml.newDocument();
        doc.appendChild(doc.importNode(element, true));
        return doc.getDocumentElement();
    }
}
