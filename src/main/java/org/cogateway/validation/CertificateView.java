package org.cogateway.validation;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read access to a CertificateOfOrigin element for the business rules. Every accessor tolerates missing or
 * malformed content (it returns nothing), because rules also run on certificates the schema has refused and
 * should then still report what they can.
 */
final class CertificateView {

    static final String NAMESPACE = "urn:cogateway:certificate-of-origin:1";

    private final Element root;

    CertificateView(Element root) {
        this.root = root;
    }

    Element root() {
        return root;
    }

    /** Every element of that name anywhere below the root, in document order. */
    List<Element> descendants(String name) {
        NodeList nodes = root.getElementsByTagNameNS(NAMESPACE, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Every element reached from the root by the given child names, in document order. */
    List<Element> all(String... names) {
        List<Element> current = List.of(root);
        for (String name : names) {
            List<Element> next = new ArrayList<>();
            for (Element parent : current) {
                next.addAll(children(parent, name));
            }
            current = next;
        }
        return current;
    }

    Optional<Element> first(String... names) {
        return all(names).stream().findFirst();
    }

    /** The trimmed text of the first element on the path, if there is one with text. */
    Optional<String> text(String... names) {
        return first(names).map(CertificateView::text).filter(text -> !text.isEmpty());
    }

    Optional<LocalDate> date(String... names) {
        return first(names).flatMap(CertificateView::date);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    /** A short name for messages: "Certification/Date", "Address/Country"; just "IssueDate" below the root. */
    String label(Element element) {
        Node parent = element.getParentNode();
        return parent == root || !(parent instanceof Element parentElement)
                ? element.getLocalName()
                : parentElement.getLocalName() + "/" + element.getLocalName();
    }

    static String text(Element element) {
        return element.getTextContent().strip();
    }

    /** An xs:date, whose optional time zone is ignored: certificates state calendar dates. */
    static Optional<LocalDate> date(Element element) {
        try {
            return Optional.of(LocalDate.parse(text(element), DateTimeFormatter.ISO_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
