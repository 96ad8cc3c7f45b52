package org.cogateway.validation;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the findings of one validation run. It keeps one finding per code and path (the schema validator, for
 * one bad value, reports both the facet and the type error) and returns them in document order, so the first
 * finding is the first problem an operator meets reading the certificate.
 */
final class FindingCollector {

    private record Located(Node at, Finding finding) {
    }

    private final Element root;
    private final List<Located> located = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    FindingCollector(Element root) {
        this.root = root;
    }

    void severe(String code, Node at, String message) {
        add(Severity.SEVERE, code, at, message);
    }

    void warning(String code, Node at, String message) {
        add(Severity.WARNING, code, at, message);
    }

    /** @param at the element or attribute the finding is about; null when the location is unknown */
    void add(Severity severity, String code, Node at, String message) {
        Node element = at instanceof Attr attribute ? attribute.getOwnerElement() : at;
        String path = at == null ? "/" : ElementPath.of(at, root);
        if (seen.add(code + " " + path)) {
            located.add(new Located(element, new Finding(severity, code, path, message)));
        }
    }

    ValidationReport report() {
        List<Located> ordered = new ArrayList<>(located);
        ordered.sort(Comparator.comparing(Located::at, FindingCollector::documentOrder)); // stable: ties keep insertion order
        return new ValidationReport(ordered.stream().map(Located::finding).toList());
    }

    private static int documentOrder(Node a, Node b) {
        if (a == b) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        short position = a.compareDocumentPosition(b);
        return (position & Node.DOCUMENT_POSITION_PRECEDING) != 0 ? 1 : -1;
    }
}
