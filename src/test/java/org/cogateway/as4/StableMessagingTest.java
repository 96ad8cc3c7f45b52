package org.cogateway.as4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.cogateway.document.DocumentKind;
import org.junit.jupiter.api.Test;

/**
 * A resend must sign the same eb:Messaging as the first attempt, also from another JVM (a restarted
 * node, another node), or the receipt the partner stored for the first one no longer matches: the
 * properties keep the order in which they were given, not an order that changes with each JVM.
 */
class StableMessagingTest {
    @Test
    void propertiesKeepTheirOrder() {
        OutboundMessage m = OutboundMessage.of(DocumentKind.CERTIFICATE, "m@jp-gw", "c", null, "JIEPA",
                "<x/>".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-26T00:00:00Z"));
        UserMessageHeader h = new UserMessages(TestParties.JP)
                .header(m, TestParties.idPartner(URI.create("http://127.0.0.1:9/as4")), m.created(), true);

        assertThat(h.properties().keySet()).containsExactly("originalSender", "finalRecipient");
        assertThat(h.parts().get(0).properties().keySet()).containsExactly("MimeType", "CompressionType");
        Map<String, String> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("p" + (19 - i), "v");
        }
        assertThat(new UserMessageHeader.PartInfo("cid:x", many).properties().keySet())
                .containsExactlyElementsOf(many.keySet());
    }
}
