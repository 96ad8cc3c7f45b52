package org.cogateway.cli;

import java.nio.file.Path;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that needs the gateway's configuration shares. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (properties). Without it: the built-in demo configuration "
                    + "(party JP-GW, sample keys, embedded database under ./data). Environment variables "
                    + "COGW_<KEY> override any key.")
    Path file;

    GatewayConfig load() {
        return GatewayConfig.from(Settings.load(file, System.getenv()));
    }
}
