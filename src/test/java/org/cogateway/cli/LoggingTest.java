package org.cogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.cogateway.config.Settings;
import org.cogateway.logging.LogFields;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** log.format=json: one JSON object per line, the line's fields (MessageId, partner, ...) in it. */
class LoggingTest {

    @Test
    void jsonLinesCarryTheEventsFields() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        List<Encoder<ILoggingEvent>> before = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof ConsoleAppender<ILoggingEvent> c) {
                consoles.add(c);
                before.add(c.getEncoder());
            }
        });
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Properties p = new Properties();
            p.setProperty("log.format", "json");
            Logging.configure(Settings.of(p));
            try (LogFields fields = LogFields.of(LogFields.MESSAGE_ID, "m-1@JP-GW", LogFields.PARTNER, "ID",
                    LogFields.CERTIFICATE_NUMBER, "JP-2026-000123")) {
                LoggerFactory.getLogger("org.cogateway.test").warn("send failed",
                        new IllegalStateException("line\nbreak"));
            }
        } finally {
            System.setOut(original);
            for (int i = 0; i < consoles.size(); i++) {
                consoles.get(i).stop();
                consoles.get(i).setEncoder(before.get(i));
                consoles.get(i).start();
            }
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("send failed")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{").endsWith("}")
                .contains("\"level\":\"WARN\"", "\"message\":\"send failed\"", "\"messageId\":\"m-1@JP-GW\"",
                        "\"partner\":\"ID\"", "\"certificateNumber\":\"JP-2026-000123\"", "IllegalStateException");
    }
}
