package org.cogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cogateway.Gateway;
import org.cogateway.cli.BackOfficeCaller;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A gateway stopped while its sends hang on a partner that accepts connections and never answers:
 * the stop ends within delivery.stopGrace (plus the short wait for the interrupted sends to note
 * themselves), each interrupted send is one WARN line, nothing is logged at ERROR, and the
 * transmissions keep their SENDING state and lease, to be resent with the same MessageId.
 */
class ShutdownWithHangingSendsTest {
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket silentPartner;

    @AfterEach
    void closePartner() throws IOException {
        for (Socket s : held) {
            s.close();
        }
        if (silentPartner != null) {
            silentPartner.close();
        }
    }

    @Test
    void aStopWithSendsHangingEndsWithinTheGraceAndLogsOneLinePerInterruptedSend() throws Exception {
        silentPartner = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAndNeverAnswer, "silent-partner");
        acceptor.setDaemon(true);
        acceptor.start();
        Properties p = GatewayProperties.jp(GatewayProperties.freePort(),
                "http://127.0.0.1:" + silentPartner.getLocalPort() + "/as4", TestDatabases.fresh());
        p.setProperty("partner.ID.readTimeout", "5m");
        p.setProperty("delivery.stopGrace", "1s");
        Gateway jp = GatewayProperties.start(p);
        List<String> trackingIds;
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Duration took;
        try {
            CertificateOfOriginPortType chamber = BackOfficeCaller.port(jp.baseUrl(), GatewayProperties.CHAMBER,
                    GatewayProperties.CHAMBER_PASSWORD);
            String run = Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
            trackingIds = List.of(submit(chamber, "JP-STOP-" + run + "-1"), submit(chamber, "JP-STOP-" + run + "-2"));
            await().atMost(Duration.ofSeconds(30)).until(() -> held.size() >= 2);
            events.start();
            root.addAppender(events);
            long start = System.nanoTime();
            jp.close();
            took = Duration.ofNanos(System.nanoTime() - start);
        } finally {
            root.detachAppender(events);
            jp.close();
        }
        assertThat(events.list).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
        assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains("interrupted by the stop"))
                .hasSize(2)
                .allSatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getThrowableProxy()).isNull();
                    assertThat(e.getMDCPropertyMap()).containsKeys("messageId", "trackingId", "partner",
                            "certificateNumber");
                });
        // the grace, then at most the wait for the interrupted sends to note themselves, and the listener's stop
        assertThat(took).isLessThan(GRACE.plusSeconds(6));
        // nothing was recorded for the interrupted attempts: a gateway on the same database sees them in flight
        try (Gateway again = GatewayProperties.start(withoutDelivery(p))) {
            for (String id : trackingIds) {
                assertThat(state(again, id)).isEqualTo("SENDING");
            }
        }
    }

    private static Properties withoutDelivery(Properties p) {
        Properties copy = new Properties();
        copy.putAll(p);
        copy.setProperty("delivery.enabled", "false");
        copy.setProperty("http.port", String.valueOf(GatewayProperties.freePort()));
        return copy;
    }

    private static String state(Gateway gateway, String trackingId) throws SQLException {
        try (Connection c = gateway.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state FROM transmission WHERE id = ?")) {
            s.setString(1, trackingId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String submit(CertificateOfOriginPortType chamber, String number) throws Exception {
        SubmitCertificateRequest request = new SubmitCertificateRequest();
        request.setCertificateOfOrigin(Certificates.outbound(number));
        return chamber.submitCertificate(request).getReceipt().getTrackingId();
    }

    private void acceptAndNeverAnswer() {
        while (!silentPartner.isClosed()) {
            try {
                held.add(silentPartner.accept());
            } catch (IOException e) {
                return;
            }
        }
    }
}
