package org.cogateway.validation;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Set;

/**
 * The valid JIEPA sample as a DOM that a test changes minimally (XPath with prefix "co") before validating it,
 * plus the context and clock every test shares: gateway JP sending to ID, today 2026-11-26 in UTC.
 */
public final class SampleCertificate {

    static final Path SAMPLES = Path.of("samples", "certificates");
    static final Path VALID = SAMPLES.resolve("valid-jiepa-jp-to-id.xml");
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    static final CodeLists CODE_LISTS = CodeLists.loadDefault();
    /** The one earlier certificate the gateway knows, so a replacement of it is accepted. */
    static final ValidationContext JP_TO_ID = new ValidationContext(Set.of("JP"), Set.of("ID"),
            (country, number, version) -> country.equals("JP") && number.equals("JP-2026-000100") && version == 1, "JP");

    private final Document document;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private SampleCertificate(Document document) {
        this.document = document;
        xpath.setNamespaceContext(new CoPrefix());
    }

    public static SampleCertificate valid() {
        return new SampleCertificate(parse(VALID));
    }

    static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public Element root() {
        return document.getDocumentElement();
    }

    /** Sets the text of an element, e.g. set("co:GoodsItem[2]/co:HsCode", "87089"); paths are below the root. */
    public SampleCertificate set(String path, String text) {
        node(path).setTextContent(text);
        return this;
    }

    public SampleCertificate setAttribute(String path, String attribute, String value) {
        ((Element) node(path)).setAttribute(attribute, value);
        return this;
    }

    public SampleCertificate remove(String path) {
        Node node = node(path);
        node.getParentNode().removeChild(node);
        return this;
    }

    /** Inserts a CO-namespace element built from child name/text pairs before the element at the path. */
    public SampleCertificate insertBefore(String path, String name, String... childNamesAndTexts) {
        Element element = document.createElementNS(CertificateView.NAMESPACE, name);
        for (int i = 0; i < childNamesAndTexts.length; i += 2) {
            Element child = document.createElementNS(CertificateView.NAMESPACE, childNamesAndTexts[i]);
            child.setTextContent(childNamesAndTexts[i + 1]);
            element.appendChild(child);
        }
        Node before = node(path);
        before.getParentNode().insertBefore(element, before);
        return this;
    }

    /** The certificate element as XML text without a prolog, to embed in a SOAP body. */
    public String toXml() {
        try {
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            java.io.StringWriter out = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(root()), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    ValidationReport validate() {
        return new CertificateValidator(CODE_LISTS, TODAY).validate(root(), JP_TO_ID);
    }

    private Node node(String path) {
        try {
            Node node = (Node) xpath.evaluate("/co:CertificateOfOrigin/" + path, document, XPathConstants.NODE);
            if (node == null) {
                throw new IllegalArgumentException("no node at " + path);
            }
            return node;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private static final class CoPrefix implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return "co".equals(prefix) ? CertificateView.NAMESPACE : null;
        }

        @Override
        public String getPrefix(String namespaceUri) {
            return CertificateView.NAMESPACE.equals(namespaceUri) ? "co" : null;
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceUri) {
            return Set.of("co").iterator();
        }
    }
}
