package org.cogateway.as4;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.cogateway.security.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** DOM helpers: parsing with the gateway's secure parser configuration ({@link SecureXml}), serialising, child lookup. */
final class Xml {
    /** Looked up once (a lookup scans the classpath's jars); not thread-safe, so transformers are made under its lock. */
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();
    /**
     * A transformer per thread, reset before each use: making one per message built the serialiser
     * anew every time (every message is serialised at least twice: the normalised envelope and the wire form).
     */
    private static final ThreadLocal<Transformer> SERIALISERS = ThreadLocal.withInitial(() -> {
        synchronized (TRANSFORMERS) {
            try {
                return TRANSFORMERS.newTransformer();
            } catch (javax.xml.transform.TransformerConfigurationException e) {
                throw new IllegalStateException("the JDK's identity transformer cannot be made", e);
            }
        }
    });

    private Xml() {
    }

    static Document newDocument() {
        return SecureXml.newDocument();
    }

    static Document parse(byte[] xml) throws IOException {
        try {
            return SecureXml.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(Node node) {
        try {
            Transformer t = SERIALISERS.get();
            t.reset();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise DOM", e);
        }
    }

    static List<Element> children(Element parent, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static Optional<Element> child(Element parent, String ns, String localName) {
        List<Element> found = children(parent, ns, localName);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Text of a child element, trimmed; null when absent. */
    static String text(Element parent, String ns, String localName) {
        return child(parent, ns, localName).map(e -> e.getTextContent().trim()).orElse(null);
    }

    static Element append(Element parent, String ns, String qualifiedName, String text) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qualifiedName);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }
}
