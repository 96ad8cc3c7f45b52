package org.cogateway.document;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.net.URL;
import javax.xml.namespace.QName;
import javax.xml.validation.Schema;
import org.xml.sax.SAXException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.security.SecureXml;
import org.cogateway.store.CertificateEntity;
import org.cogateway.store.CertificateFacts;
import org.w3c.dom.Document;

/**
 * Turns the JAXB objects of the CO and exchange schemas into XML and back. The stored and
 * transmitted form of a document is the XML written here; one JAXBContext serves the whole gateway.
 */
public final class CertificateDocuments {
    public static final QName CO_ELEMENT = new QName("urn:cogateway:certificate-of-origin:1", "CertificateOfOrigin");

    private final JAXBContext context;
    private final XMLInputFactory inputFactory;
    private final Schema exchangeSchema;

    public CertificateDocuments() {
        try {
            context = JAXBContext.newInstance(
                    org.cogateway.contract.co.ObjectFactory.class,
                    org.cogateway.contract.exchange.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the CO schema classes cannot be bound", e);
        }
        // stored documents were written by this class, but parse them as carefully as any input
        inputFactory = SecureXml.inputFactory();
        exchangeSchema = compile("xsd/co-exchange.xsd");
    }

    private static Schema compile(String resource) {
        URL url = CertificateDocuments.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is missing from the classpath");
        }
        try {
            return SecureXml.schemaFactory().newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + resource, e);
        }
    }

    /**
     * Reads a document of the exchange schema that came from outside (a partner's status change,
     * acknowledgement or utilisation notice): no DTDs or entities, and schema-valid or refused.
     */
    public <T> T parseExchange(byte[] xml, Class<T> type) throws InvalidDocumentException {
        try {
            XMLStreamReader reader = inputFactory.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
            var unmarshaller = context.createUnmarshaller();
            unmarshaller.setSchema(exchangeSchema);
            Object value = unmarshaller.unmarshal(reader);
            if (value instanceof JAXBElement<?> element) {
                value = element.getValue();
            }
            if (!type.isInstance(value)) {
                throw new InvalidDocumentException("expected a " + type.getSimpleName() + " document, got "
                        + value.getClass().getSimpleName());
            }
            return type.cast(value);
        } catch (JAXBException | XMLStreamException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = e.getMessage() != null ? e.getMessage() : String.valueOf(cause.getMessage());
            throw new InvalidDocumentException(type.getSimpleName() + " is not valid: " + message);
        }
    }

    /** A document from outside that is not well-formed or not valid; the message says why. */
    public static final class InvalidDocumentException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidDocumentException(String message) {
            super(message);
        }
    }

    /** The certificate as a namespace-aware DOM, the form the validator reads. */
    public Document certificateToDom(CertificateOfOriginType certificate) {
        try {
            Document doc = SecureXml.newDocument();
            marshaller(false).marshal(new JAXBElement<>(CO_ELEMENT, CertificateOfOriginType.class, certificate), doc);
            return doc;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write the certificate as XML", e);
        }
    }

    public String certificateToXml(CertificateOfOriginType certificate) {
        return toXml(new JAXBElement<>(CO_ELEMENT, CertificateOfOriginType.class, certificate));
    }

    /** Any element of the exchange schema (StatusChange, Acknowledgement, UtilisationNotice). */
    public String toXml(Object element) {
        try {
            StringWriter out = new StringWriter();
            marshaller(true).marshal(element, out);
            return out.toString();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + element.getClass().getSimpleName() + " as XML", e);
        }
    }

    public CertificateOfOriginType certificateFromXml(String xml) {
        return fromXml(xml, CertificateOfOriginType.class);
    }

    public <T> T fromXml(String xml, Class<T> type) {
        try {
            XMLStreamReader reader = inputFactory.createXMLStreamReader(new StringReader(xml));
            return context.createUnmarshaller().unmarshal(reader, type).getValue();
        } catch (JAXBException | XMLStreamException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " cannot be read", e);
        }
    }

    private Marshaller marshaller(boolean fragment) throws JAXBException {
        Marshaller m = context.createMarshaller();
        m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        m.setProperty(Marshaller.JAXB_FRAGMENT, fragment);
        return m;
    }

    public static String sha256(String xml) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(xml.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The facts the store indexes, read from the (already validated) certificate. */
    public static CertificateFacts facts(CertificateOfOriginType co, String issuingCountry) {
        String reason = co.getCancellation() != null ? co.getCancellation().getReason() : null;
        return new CertificateFacts(
                issuingCountry,
                co.getCertificateNumber(),
                co.getVersion(),
                co.getImportCountry(),
                co.getAgreement(),
                co.getExporter().getName(),
                CertificateEntity.Status.valueOf(co.getStatus().value()),
                reason);
    }
}
