package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.cogateway.bench.GatewayProcess;
import org.cogateway.config.GatewayConfig;
import org.cogateway.store.Database;
import org.cogateway.testing.GatewayProperties;
import org.cogateway.testing.StatisticsRows;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CSV export streams: a gateway in its own JVM with a 96 MiB heap exports 800,000 goods items
 * (well over 96 MiB of CSV) completely, and is still up after it. An export collected in memory first
 * (as a String, twice its size in UTF-16) could not fit that heap. The figures are printed.
 */
@Tag("resource")
class StatisticsExportMemoryTest {
    private static final int CERTIFICATES = 80_000;
    private static final int ITEMS = 10;
    private static final long HEAP = 96L * 1024 * 1024;

    @Test
    void anExportLargerThanTheHeapStreamsCompletelyAndTheGatewayStaysUp() throws Exception {
        GatewayConfig.Database db = TestDatabases.fresh();
        long loadStart = System.nanoTime();
        try (Database d = Database.open(db)) {
            // the export reads the goods items and certificates, not the roll-ups: loaded without them
            StatisticsRows.load(d.dataSource(), CERTIFICATES, ITEMS, "ID", null, false);
        }
        System.out.printf("loaded %,d goods items in %d s%n", CERTIFICATES * ITEMS,
                Duration.ofNanos(System.nanoTime() - loadStart).toSeconds());
        Path dir = TestDatabases.tempDir("export-memory");
        Properties p = GatewayProperties.id(GatewayProperties.freePort(), "http://127.0.0.1:9/as4", db);
        GatewayProcess node = new GatewayProcess("id-96m", p, dir, List.of("-Xmx96m")).start();
        try {
            String basic = Base64.getEncoder().encodeToString((GatewayProperties.ID_CUSTOMS + ":"
                    + GatewayProperties.ID_CUSTOMS_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpRequest get = HttpRequest.newBuilder(URI.create(node.baseUrl() + StatisticsExport.PATH))
                    .header("Authorization", "Basic " + basic).timeout(Duration.ofMinutes(10)).GET().build();
            long start = System.nanoTime();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(get,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = response.body()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.out.printf("exported %,d lines, %,d bytes (%.1f x the heap) in %,d ms (%.1f MB/s)%n", lines,
                    bytes, (double) bytes / HEAP, ms, bytes / 1e6 / (ms / 1000.0));
            assertThat(lines).isEqualTo(CERTIFICATES * ITEMS + 1L);
            assertThat(bytes).isGreaterThan(HEAP);
            assertThat(node.alive()).isTrue();
            assertThat(Files.readString(node.log())).doesNotContain("OutOfMemoryError");
        } finally {
            node.stop();
            TestDatabases.delete(dir);
        }
    }
}
