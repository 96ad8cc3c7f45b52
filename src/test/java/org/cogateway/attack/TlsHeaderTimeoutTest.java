package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.cogateway.Gateway;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The header time-out on an HTTPS listener: it times the connection that carries requests, so a
 * kept-alive TLS connection serves its next request after longer than the time-out, while a client
 * that connects and never even starts its TLS handshake is closed once the time-out has passed.
 */
class TlsHeaderTimeoutTest {
    private static Gateway gateway;
    private static int port;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp(Map.of(
                "http.tls.keystore.path", TestGateways.KEYS.resolve("jp-tls.p12").toString(),
                "http.tls.keystore.password", "sample-jp",
                "http.tls.keystore.alias", "tls",
                "http.headerTimeout", "1s"));
        port = gateway.config().http().port();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKeptAliveTlsConnectionServesItsNextRequestAfterTheHeaderTimeout() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustingTheDemoCa().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();

            assertThat(getWsdl(socket)).isEqualTo(200);
            Thread.sleep(2_500);
            assertThat(getWsdl(socket)).as("the same connection, 2.5 s later").isEqualTo(200);
        }
    }

    @Test
    void aConnectionThatNeverStartsItsHandshakeIsClosed() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(8_000);
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (IOException e) {
                read = -1;
            }

            assertThat(read).as("closed by the gateway").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    /** A GET of the WSDL on the open connection; its status, the whole answer read. */
    private static int getWsdl(Socket socket) throws IOException {
        socket.getOutputStream().write(("GET " + BackOfficeService.SOAP11_PATH + "?wsdl HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the gateway");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = text.lines().map(l -> l.toLowerCase(Locale.ROOT)).filter(l -> l.startsWith("content-length:"))
                .mapToLong(l -> Long.parseLong(l.substring(15).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no Content-Length in " + text));
        in.readNBytes((int) length);
        return Integer.parseInt(text.split(" ", 3)[1]);
    }

    private static SSLContext trustingTheDemoCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(TestGateways.KEYS.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
