package org.cogateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.cogateway.testing.GatewayProperties;
import org.junit.jupiter.api.Test;

/**
 * as4.maxDocumentBytes and as4.maxAttachmentBytes: a document accepted from a caller must fit, once
 * gzip-compressed (it hardly compresses) and encrypted, under the attachment limit the partner checks
 * before decryption; a configuration where it would not is refused at start, naming the largest that fits.
 */
class DocumentLimitTest {

    private static GatewayConfig.As4 as4(Map<String, String> settings) {
        // no database is opened: reading the configuration only
        Properties p = GatewayProperties.jp(8080, "http://127.0.0.1:9/as4",
                new GatewayConfig.Database("", "sa", "", 1, Path.of("unused-data-dir")));
        settings.forEach(p::setProperty);
        return GatewayConfig.from(Settings.of(p)).as4();
    }

    @Test
    void theDefaultDocumentLimitLeavesRoomUnderTheDefaultAttachmentLimit() {
        GatewayConfig.As4 as4 = as4(Map.of());
        assertThat(as4.maxDocumentBytes()).isEqualTo(192 * 1024);
        assertThat(GatewayConfig.As4.documentPartBound(as4.maxDocumentBytes())).isLessThanOrEqualTo(as4.maxAttachmentBytes());
    }

    @Test
    void aSmallerAttachmentLimitLowersTheDefaultDocumentLimitToWhatFits() {
        GatewayConfig.As4 as4 = as4(Map.of("as4.maxAttachmentBytes", "100000"));
        assertThat(as4.maxDocumentBytes()).isLessThan(100_000).isGreaterThan(99_000);
        assertThat(GatewayConfig.As4.documentPartBound(as4.maxDocumentBytes())).isLessThanOrEqualTo(100_000);
        assertThat(GatewayConfig.As4.documentPartBound(as4.maxDocumentBytes() + 64)).isGreaterThan(100_000);
    }

    @Test
    void aDocumentLimitThatCannotFitUnderTheAttachmentLimitIsRefused() {
        assertThatThrownBy(() -> as4(Map.of("as4.maxDocumentBytes", "262144")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("as4.maxDocumentBytes").hasMessageContaining("as4.maxAttachmentBytes")
                .hasMessageContaining("at most");
    }
}
