package org.cogateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/** The parser each thread reuses keeps the factory's limits however many documents it has parsed. */
class SecureXmlTest {

    @Test
    void aReusedParserStillRefusesDoctypesAndDeepNestingAndForgetsNothingBetweenDocuments() throws Exception {
        String deep = "<e>".repeat(SecureXml.MAX_DEPTH + 1) + "</e>".repeat(SecureXml.MAX_DEPTH + 1);
        for (int round = 0; round < 3; round++) {
            assertThat(parse("<a><b/></a>").getDocumentElement().getLocalName()).isEqualTo("a");
            assertThatThrownBy(() -> parse("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>"))
                    .isInstanceOf(SAXException.class).hasMessageContaining("DOCTYPE");
            assertThatThrownBy(() -> parse(deep)).isInstanceOf(SAXException.class).hasMessageContaining("maxElementDepth");
            assertThatThrownBy(() -> parse("<a><b></a>")).isInstanceOf(SAXException.class);
        }
    }

    @Test
    void newDocumentsAreNamespaceAwareAndIndependent() {
        var first = SecureXml.newDocument();
        var second = SecureXml.newDocument();
        first.appendChild(first.createElementNS("urn:x", "x:a"));
        assertThat(first.getDocumentElement().getNamespaceURI()).isEqualTo("urn:x");
        assertThat(second.getDocumentElement()).isNull();
    }

    private static org.w3c.dom.Document parse(String xml) throws Exception {
        return SecureXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
