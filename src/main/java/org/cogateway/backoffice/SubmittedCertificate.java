package org.cogateway.backoffice;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.cogateway.document.CertificateDocuments;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the certificate exactly as the caller sent it, for the validator. JAXB binding is lenient
 * (an unknown enumeration value becomes null, so it vanishes from a re-marshalled copy), and a
 * finding must name what the caller wrote, where it wrote it. WS-Security processing has already
 * read the envelope into a DOM ({@link SecurityHeaderInterceptor}), so this only copies the
 * certificate element out of its body.
 */
final class SubmittedCertificate extends AbstractSoapInterceptor {
    /** The message-context key of the submitted certificate element, when the body carries one. */
    static final String KEY = "cogateway.submittedCertificate";

    SubmittedCertificate() {
        super(Phase.PRE_PROTOCOL);
        addAfter(SecurityHeaderInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Element body = SecurityHeaderInterceptor.envelopePart(message, "Body");
        if (body == null) {
            return;
        }
        NodeList found = body.getElementsByTagNameNS(CertificateDocuments.CO_ELEMENT.getNamespaceURI(),
                CertificateDocuments.CO_ELEMENT.getLocalPart());
        // exactly one, or JAXB may bind another than the one validated (it keeps the last of two);
        // with none kept, the operations validate the bound certificate, which is the one stored
        if (found.getLength() == 1) {
            message.put(KEY, copy((Element) found.item(0)));
        }
    }

    private static Element copy(Element element) {
        Document doc = org.cogateway.security.SecureXml.newDocument();
        doc.appendChild(doc.importNode(element, true));
        return doc.getDocumentElement();
    }
}
