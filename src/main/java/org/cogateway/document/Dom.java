package org.cogateway.document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;

/**
 * Empty namespace-aware DOM documents for JAXB to marshal into. The factory is looked up once:
 * {@code DocumentBuilderFactory.newInstance()} searches the classpath's jars for a provider every
 * time, which showed in the profile of a gateway under load (issue 12).
 */
public final class Dom {
    private static final DocumentBuilderFactory FACTORY = namespaceAware();

    private Dom() {
    }

    public static Document newDocument() {
        try {
            return FACTORY.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilderFactory namespaceAware() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory;
    }
}
