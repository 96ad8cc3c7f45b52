package org.cogateway.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution 'mvn package' makes, unpacked in a temporary folder as an operator would: its
 * start script runs the demo from another directory, and --version names the build.
 */
class DistributionIT {
    @TempDir
    Path unpacked;

    @TempDir
    Path elsewhere;

    @Test
    void theUnpackedDistributionRunsTheDemoFromAnotherDirectory() throws Exception {
        Path tarball = single("tar.gz");
        assertThat(single("zip")).exists();
        Processes.Result untar = Processes.run(unpacked, Map.of(), 60,
                List.of("tar", "xzf", tarball.toAbsolutePath().toString()));
        assertThat(untar.exit()).as(untar.output()).isZero();
        Path home;
        try (Stream<Path> dirs = Files.list(unpacked)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/co-gateway")).isExecutable();
        assertThat(home.resolve("systemd/co-gateway.service")).exists();
        assertThat(home.resolve("README.md")).exists();
        assertThat(home.resolve("docs/configuration.md")).exists();
        assertThat(home.resolve("keystores-sample/jp.p12")).exists();
        String script = home.resolve("bin/co-gateway").toString();

        Processes.Result version = Processes.run(elsewhere, Map.of(), 60, List.of(script, "--version"));
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).matches("(?s)co-gateway \\S+ \\(commit ([0-9a-f]{12}|unknown)\\)\\s*");

        Processes.Result demo = Processes.run(elsewhere, Map.of(), 240, List.of(script, "demo"));
        assertThat(demo.exit()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("DELIVERED after 1 attempt(s)", "jp-chamber sees ACKNOWLEDGED")
                .doesNotContain("DEMO FAILED");
    }

    private static Path single(String extension) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches("co-gateway-.+\\." + extension.replace(".", "\\.")))
                    .toList();
            assertThat(found).as("target/co-gateway-VERSION." + extension + " made by mvn package").hasSize(1);
            return found.get(0);
        }
    }
}
