package org.cogateway.validation;

import org.cogateway.security.SecureXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Validates a CertificateOfOrigin element against xsd/certificate-of-origin.xsd and reports every schema error as
 * a SCHEMA finding located at the element being validated when the error was raised. It validates a
 * DOM that was parsed ({@link SecureXmlParser}) or marshalled (the back-office, whose parser has the same
 * limits) under {@link SecureXml}'s depth limit, so validation time, which grows with the square of
 * the depth, stays small.
 * The compiled Schema is thread-safe and built once; a Validator is not, so each thread keeps its own
 * and resets it before each use (making one builds Xerces' whole validation pipeline anew).
 */
final class SchemaCheck {

    static final String SCHEMA_RESOURCE = "xsd/certificate-of-origin.xsd";

    /** Xerces (the JDK's validator) exposes the DOM node under validation through this property. */
    private static final String CURRENT_ELEMENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";

    private final ThreadLocal<Validator> validators;

    SchemaCheck() {
        Schema schema = compile();
        this.validators = ThreadLocal.withInitial(schema::newValidator);
    }

    void check(Element certificate, FindingCollector findings) {
        Validator validator = validators.get();
        // back to the state newValidator() gives (no handler, no properties, nothing of the last document)
        validator.reset();
        validator.setErrorHandler(new CollectingErrorHandler(validator, findings));
        try {
            validator.validate(new DOMSource(certificate));
        } catch (SAXException e) {
            // the handler never throws, so this is the validator giving up; never let that pass as valid
            findings.severe("SCHEMA", certificate, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("validating an in-memory DOM cannot do I/O", e);
        }
    }

    private static Schema compile() {
        URL location = SchemaCheck.class.getClassLoader().getResource(SCHEMA_RESOURCE);
        if (location == null) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
        }
        try (InputStream in = location.openStream()) {
            // the schema is self-contained: it must not pull anything from elsewhere
            return SecureXml.schemaFactory().newSchema(new StreamSource(in, location.toExternalForm()));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    /** Records every error and carries on, so one run reports all of a certificate's schema problems. */
    private static final class CollectingErrorHandler implements ErrorHandler {

        private final Validator validator;
        private final FindingCollector findings;

        CollectingErrorHandler(Validator validator, FindingCollector findings) {
            this.validator = validator;
            this.findings = findings;
        }

        @Override
        public void warning(SAXParseException exception) {
            // schema warnings concern the schema, not the certificate
        }

        @Override
        public void error(SAXParseException exception) {
            findings.severe("SCHEMA", currentElement(), exception.getMessage());
        }

        @Override
        public void fatalError(SAXParseException exception) {
            error(exception);
        }

        private Node currentElement() {
            try {
                return (Node) validator.getProperty(CURRENT_ELEMENT_NODE);
            } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
                return null; // another validator implementation: the finding is reported without a location
            }
        }
    }
}
