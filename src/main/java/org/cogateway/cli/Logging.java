package org.cogateway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.cogateway.config.Settings;
import org.slf4j.LoggerFactory;

/**
 * The log format the configuration asks for ({@code log.format}): text lines as logback.xml writes
 * them, or one JSON object per line (Logback's own {@link JsonEncoder}) whose {@code mdc} object
 * carries the event's MessageId, tracking id, partner, certificate number or incident id. With
 * {@code --debug} the stack traces that text lines fold into one line are written in full.
 */
final class Logging {
    /** logback.xml's pattern with failures' stack traces in full instead of folded into the line. */
    private static final String DEBUG_TEXT = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{20} -"
            + "%replace( [%X]){' \\[\\]', ''} %msg%n";

    private Logging() {
    }

    /** Set by {@code --debug} before any command runs: full stack traces and the gateway's DEBUG lines. */
    static void debug() {
        context().getLogger("org.cogateway").setLevel(Level.DEBUG);
        replaceEncoder(pattern(DEBUG_TEXT));
    }

    static void configure(Settings settings) {
        if (settings.string("log.format", "text").equalsIgnoreCase("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context());
            json.start();
            replaceEncoder(json);
        }
    }

    private static PatternLayoutEncoder pattern(String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context());
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }

    /** Every console appender of the root logger (logback.xml has one) writes with {@code encoder} from now on. */
    private static void replaceEncoder(Encoder<ILoggingEvent> encoder) {
        Logger root = context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (var appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            if (appenders.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                console.stop();
                console.setEncoder(encoder);
                console.start();
            }
        }
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
