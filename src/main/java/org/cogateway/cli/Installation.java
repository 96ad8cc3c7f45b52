package org.cogateway.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cogateway.config.ConfigException;

/**
 * Where the gateway is installed: the directory holding {@code config/} and {@code keystores-sample/},
 * found from the running jar (the project directory for {@code target/co-gateway.jar}, the unpacked
 * distribution for {@code lib/co-gateway.jar}), so that {@code demo} and {@code serve} without
 * {@code -c} work from any directory.
 */
final class Installation {
    private Installation() {
    }

    /** {@code config/NAME} of the installation, e.g. the demo's {@code gateway-jp.properties}. */
    static Path config(String name) {
        Path code = codeLocation();
        for (Path dir = Files.isDirectory(code) ? code : code.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config").resolve(name)) && Files.isDirectory(dir.resolve("keystores-sample"))) {
                return dir.resolve("config").resolve(name);
            }
        }
        throw new ConfigException("no -c FILE given, and no config/" + name + " with keystores-sample/ beside "
                + code + " or above it: give -c FILE, or run the jar where 'mvn package' or the distribution put it");
    }

    private static Path codeLocation() {
        try {
            return Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the gateway's own location is not a path", e);
        }
    }
}
