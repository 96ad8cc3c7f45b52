package org.cogateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's configuration as flat keys: built-in defaults, then the operator's file, then
 * environment variables. An environment variable overrides a key when its name is the key in upper
 * case with dots and dashes turned into underscores and the prefix {@code COGW_}
 * ({@code db.url} is {@code COGW_DB_URL}), so secrets need not be written into the file.
 */
public final class Settings {
    private static final String ENV_PREFIX = "COGW_";

    private final Properties values;
    private final Map<String, String> environment;
    private final String origin;

    private Settings(Properties values, Map<String, String> environment, String origin) {
        this.values = values;
        this.environment = environment;
        this.origin = origin;
    }

    /** The configuration 'serve' runs without --config: the JP demo gateway, packaged in the jar. */
    public static final Path DEMO_CONFIG = Path.of("config", "gateway-jp.properties");

    /**
     * Loads {@code file} (or, when null, the packaged JP demo configuration, whose relative paths
     * resolve as if it were read from the project directory), overlaid with the environment.
     */
    public static Settings load(Path file, Map<String, String> environment) {
        Properties values = new Properties();
        Path origin = file != null ? file : DEMO_CONFIG;
        try (InputStream in = file != null ? openFile(file)
                : Settings.class.getResourceAsStream("/" + DEMO_CONFIG.toString().replace('\\', '/'))) {
            if (in == null) {
                throw new ConfigException(DEMO_CONFIG + " is missing from the build");
            }
            values.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + origin + ": " + e.getMessage());
        }
        return new Settings(values, Map.copyOf(environment), origin.toString());
    }

    private static InputStream openFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file not found: " + file.toAbsolutePath());
        }
        return Files.newInputStream(file);
    }

    /** Settings from explicit values only, for tests and the demo. */
    public static Settings of(Properties values) {
        return new Settings(values, Map.of(), "given properties");
    }

    public Optional<String> optional(String key) {
        String fromEnv = environment.get(envName(key));
        String value = fromEnv != null ? fromEnv : values.getProperty(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    public String require(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(
                "missing setting '" + key + "' (in " + origin + " or environment " + envName(key) + ")"));
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return optional(key).map(v -> parseInt(key, v)).orElse(defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        return optional(key).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("setting '" + key + "' must be a whole number, not '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    /** The ids under a prefix: for {@code partner.} and keys {@code partner.ID.name}, {@code ID}. */
    public Set<String> groupIds(String prefix) {
        Set<String> ids = new TreeSet<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    ids.add(rest.substring(0, dot));
                }
            }
        }
        return ids;
    }

    /** The directory the configuration file sits in, against which relative paths resolve. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || origin.equals("given properties")) {
            return p;
        }
        Path parent = Path.of(origin).toAbsolutePath().getParent();
        return parent == null ? p : parent.resolve(p).normalize();
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
