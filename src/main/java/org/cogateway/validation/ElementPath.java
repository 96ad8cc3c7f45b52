package org.cogateway.validation;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.Objects;

/**
 * The XPath-like location of a node below the validated element, e.g. {@code /CertificateOfOrigin/GoodsItem[2]/HsCode}
 * or {@code /CertificateOfOrigin/GoodsItem[1]/Quantity/@unit}: local names, with a 1-based index among siblings of
 * the same name only where there is more than one, so a path reads as an operator would write it.
 * The path starts at the validated element even when it sits inside a larger document (a SOAP body, a request).
 */
final class ElementPath {

    private ElementPath() {
    }

    static String of(Node node, Element root) {
        if (node instanceof Attr attribute) {
            return of(attribute.getOwnerElement(), root) + "/@" + attribute.getName();
        }
        StringBuilder path = new StringBuilder();
        for (Node current = node; current instanceof Element element; current = current.getParentNode()) {
            path.insert(0, "/" + step(element));
            if (element == root) {
                break;
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static String step(Element element) {
        int index = 0;
        int sameName = 0;
        Node parent = element.getParentNode();
        for (Node sibling = parent == null ? element : parent.getFirstChild(); sibling != null;
                sibling = parent == null ? null : sibling.getNextSibling()) {
            if (sibling instanceof Element other && sameName(element, other)) {
                sameName++;
                if (other == element) {
                    index = sameName;
                }
            }
        }
        return sameName > 1 ? localName(element) + "[" + index + "]" : localName(element);
    }

    private static boolean sameName(Element a, Element b) {
        return Objects.equals(a.getNamespaceURI(), b.getNamespaceURI()) && localName(a).equals(localName(b));
    }

    /** The local name, also for a DOM built without namespace awareness (where getLocalName() is null). */
    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }
}
