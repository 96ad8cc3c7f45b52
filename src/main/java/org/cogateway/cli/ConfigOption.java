package org.cogateway.cli;

import java.nio.file.Path;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that needs the gateway's configuration shares. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (properties); relative paths in it are resolved against its directory. "
                    + "Without it: the installation's demo configuration config/gateway-jp.properties (party JP-GW, "
                    + "sample keys, embedded database). Environment variables COGW_<KEY> override any key.")
    Path file;

    /** The file's settings, strictly checked (an unknown key or a malformed value stops here). */
    Settings settings() {
        return Settings.load(file != null ? file : Installation.config("gateway-jp.properties"), System.getenv());
    }

    /** The gateway configuration, with the log format it asks for applied. */
    GatewayConfig load() {
        return load(settings());
    }

    static GatewayConfig load(Settings settings) {
        GatewayConfig config = GatewayConfig.from(settings);
        Logging.configure(settings);
        return config;
    }
}
