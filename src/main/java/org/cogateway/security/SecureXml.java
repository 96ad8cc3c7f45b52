package org.cogateway.security;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one parser configuration for every XML the gateway reads from outside: the AS4 envelope, the
 * decompressed payload (DOM for certificates, StAX for the exchange documents), and the schemas that
 * validate them. No DOCTYPE at all (so no entity expansion, no external entity or DTD fetch), no
 * XInclude, and the JDK parser's limits set low enough that a hostile shape costs milliseconds: a
 * payload 200,000 elements deep is refused at element 65 instead of being built and then validated
 * (schema validation time grows with the square of the depth). The back-office's CXF parser is given
 * the same depth and attribute limits ({@code RequestLimits}).
 */
public final class SecureXml {
    /** Deepest element nesting accepted; a certificate is about 6 deep, a signed AS4 envelope about 12. */
    public static final int MAX_DEPTH = 64;
    /** Most attributes on one element; WS-Security elements carry at most a handful. */
    public static final int MAX_ATTRIBUTES = 64;
    /** Longest element or attribute name. */
    public static final int MAX_NAME_LENGTH = 1000;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final DocumentBuilderFactory DOM = documentFactory();
    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // not a reason to refuse a document
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
    /**
     * One builder per thread, reset before each parse: making a builder costs more than parsing a
     * small envelope (the parser's whole configuration is built anew; 3 % of a receiving gateway's CPU
     * in the issue-12 profile). Only {@link #parse} uses it, so no caller ever holds it.
     */
    private static final ThreadLocal<DocumentBuilder> PARSERS = ThreadLocal.withInitial(SecureXml::documentBuilder);
    /** Creating an empty document parses nothing; the DOM implementation is thread-safe. */
    private static final org.w3c.dom.DOMImplementation EMPTY_DOCUMENTS = documentBuilder().getDOMImplementation();

    private SecureXml() {
    }

    /**
     * A namespace-aware DOM builder with the limits, which throws on every error (the parser's default
     * handler would also print it to stderr). The factory is configured once; builders are made under
     * its lock, since DocumentBuilderFactory is not promised to be thread-safe.
     */
    public static DocumentBuilder documentBuilder() {
        DocumentBuilder builder;
        synchronized (DOM) {
            try {
                builder = DOM.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
            }
        }
        builder.setErrorHandler(FAIL_ON_ERROR);
        return builder;
    }

    /**
     * Parses with the limits and no DOCTYPE, as a builder of {@link #documentBuilder()} would, with the
     * calling thread's reused builder. Throws on every error, as that builder does.
     */
    public static org.w3c.dom.Document parse(java.io.InputStream in) throws SAXException, java.io.IOException {
        DocumentBuilder builder = PARSERS.get();
        // reset() also drops the error handler: set it again, so that no error is only printed
        builder.reset();
        builder.setErrorHandler(FAIL_ON_ERROR);
        return builder.parse(in);
    }

    /** A new, empty, namespace-aware document (nothing is parsed, so no parser is made). */
    public static org.w3c.dom.Document newDocument() {
        return EMPTY_DOCUMENTS.createDocument(null, null, null);
    }


    /**
     * A StAX factory with the same limits, for JAXB; XMLInputFactory is thread-safe once configured.
     * The JDK's own implementation, not whichever is on the classpath (CXF brings Woodstox), so that the
     * same parser and the same limits serve DOM and StAX.
     */
    public static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        limits((name, value) -> f.setProperty(name, value));
        return f;
    }

    /**
     * A schema factory for the gateway's own XSDs: secure processing, and nothing fetched from the
     * network; an XSD may import its siblings from the classpath (a directory or the jar).
     */
    public static SchemaFactory schemaFactory() {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema factory lacks a required security feature", e);
        }
        return f;
    }

    private static DocumentBuilderFactory documentFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            limits(f::setAttribute);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /** The JDK parser's own limits (java.xml module, "jdk.xml.*"), as factory properties. */
    private static void limits(java.util.function.BiConsumer<String, Object> set) {
        set.accept("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        set.accept("jdk.xml.elementAttributeLimit", String.valueOf(MAX_ATTRIBUTES));
        set.accept("jdk.xml.maxXMLNameLimit", String.valueOf(MAX_NAME_LENGTH));
    }
}
