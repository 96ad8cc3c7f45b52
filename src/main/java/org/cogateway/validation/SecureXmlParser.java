package org.cogateway.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.cogateway.security.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Parses untrusted XML (a partner's payload, a caller's upload) into a namespace-aware DOM with the
 * gateway's one secure parser configuration ({@link SecureXml}): no DOCTYPE, hence no entity expansion
 * (billion laughs) and no external entity or DTD fetch (XXE), and bounded depth and attribute counts.
 */
final class SecureXmlParser {

    Document parse(byte[] xml) throws SAXException {
        try {
            return SecureXml.parse(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory byte array cannot fail", e);
        }
    }
}
