package org.cogateway.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What receivers and the log get: text from a partner cannot break the JSON or start a log line of its own. */
class AlertFormatTest {
    private static final Alert ALERT = new Alert(7, "k", AlertKind.MESSAGE_FAILED, Alert.Phase.RAISED, "ID", "m-1@JP-GW",
            null, "JP-1", null, "said \"no\" \\ then\n\u0001ALERT MESSAGE_FAILED CLEARED", Instant.parse("2026-11-26T10:00:00Z"),
            "jp-a");

    @Test
    void theWebhookJsonEscapesQuotesBackslashesAndControlCharacters() {
        assertThat(AlertJson.of(ALERT, "JP-GW")).isEqualTo("{\"id\":7,\"kind\":\"MESSAGE_FAILED\",\"phase\":\"RAISED\","
                + "\"gateway\":\"JP-GW\",\"node\":\"jp-a\",\"raisedAt\":\"2026-11-26T10:00:00Z\",\"partner\":\"ID\","
                + "\"messageId\":\"m-1@JP-GW\",\"trackingId\":null,\"certificateNumber\":\"JP-1\",\"x509Certificate\":null,"
                + "\"summary\":\"said \\\"no\\\" \\\\ then\\n\\u0001ALERT MESSAGE_FAILED CLEARED\"}");
    }

    @Test
    void theLogLineIsOneLineWithTheKnownFields() {
        assertThat(ALERT.logLine()).isEqualTo("ALERT MESSAGE_FAILED RAISED partner=ID messageId=m-1@JP-GW"
                + " certificateNumber=JP-1: said \"no\" \\ then  ALERT MESSAGE_FAILED CLEARED");
    }
}
