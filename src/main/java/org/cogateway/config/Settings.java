package org.cogateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * The gateway's configuration as flat keys: the operator's file, then environment variables. An
 * environment variable overrides a key when its name is the key in upper case with dots and dashes
 * turned into underscores and the prefix {@code COGW_} ({@code db.url} is {@code COGW_DB_URL}), so
 * secrets need not be written into the file.
 *
 * <p>Strict: a key (or {@code COGW_} variable) that {@link ConfigKeys} does not know, or a value
 * that does not parse as its key's type, stops the load with a message naming it. Reading a key
 * that is not declared in {@link ConfigKeys} is a programming error and throws at once. Every read
 * is recorded with the value it gave, so {@link #summary()} shows the effective configuration.
 */
public final class Settings {
    private static final String ENV_PREFIX = "COGW_";
    private static final String GIVEN = "given properties";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Properties values;
    private final Map<String, String> environment;
    private final String origin;
    private final Map<String, String> effective = new ConcurrentSkipListMap<>();

    private Settings(Properties values, Map<String, String> environment, String origin) {
        this.values = values;
        this.environment = environment;
        this.origin = origin;
        check();
    }

    /** Loads {@code file}, overlaid with the {@code COGW_} variables of {@code environment}. */
    public static Settings load(Path file, Map<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file not found: " + file.toAbsolutePath());
        }
        Properties values = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            values.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> ours = new java.util.HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                ours.put(name, value);
            }
        });
        return new Settings(values, Map.copyOf(ours), file.toString());
    }

    /** Settings from explicit values only, for tests and the demo; paths are taken as given. */
    public static Settings of(Properties values) {
        return new Settings(values, Map.of(), GIVEN);
    }

    /** Every key and variable known and every value of its type, or a ConfigException naming the first that is not. */
    private void check() {
        for (String key : new TreeSet<>(values.stringPropertyNames())) {
            ConfigKeys.Key declared = ConfigKeys.find(key).orElseThrow(() -> new ConfigException(
                    "unknown setting '" + key + "' in " + origin + ": did you mean '" + ConfigKeys.nearest(key)
                            + "'? (docs/configuration.md lists every setting)"));
            String value = values.getProperty(key);
            if (!value.isBlank()) {
                checkValue(declared, key, value.trim());
            }
        }
        for (String variable : new TreeSet<>(environment.keySet())) {
            ConfigKeys.Key declared = ConfigKeys.all().stream().filter(k -> envPattern(k).matcher(variable).matches())
                    .findFirst().orElseThrow(() -> new ConfigException("unknown environment variable " + variable
                            + ": no setting is named so (did you mean " + envName(ConfigKeys.nearest(
                            variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.')))
                            + "?)"));
            String value = environment.get(variable);
            if (!value.isBlank()) {
                try {
                    checkValue(declared, variable, value.trim());
                } catch (ConfigException e) {
                    throw new ConfigException(e.getMessage().replace("setting '" + variable + "'",
                            "environment variable " + variable));
                }
            }
        }
    }

    private static Pattern envPattern(ConfigKeys.Key key) {
        String[] parts = key.name().split("<id>", -1);
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
            quoted.add(Pattern.quote(part.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
        }
        return Pattern.compile(Pattern.quote(ENV_PREFIX) + String.join(".+", quoted));
    }

    private static void checkValue(ConfigKeys.Key key, String name, String value) {
        switch (key.type()) {
            case BOOLEAN -> parseBoolean(name, value);
            case INTEGER -> parseLong(name, value);
            case DURATION -> Durations.parse(name, value);
            case COUNTRY -> {
                if (!COUNTRIES.contains(value)) {
                    throw new ConfigException("setting '" + name + "' must be an upper-case ISO 3166-1 alpha-2 code"
                            + (COUNTRIES.contains(value.toUpperCase(Locale.ROOT))
                            ? " (write '" + value.toUpperCase(Locale.ROOT) + "')" : " such as JP or ID")
                            + ", not '" + value + "'");
                }
            }
            case CHOICE -> {
                if (key.choices().stream().noneMatch(c -> c.equalsIgnoreCase(value))) {
                    throw new ConfigException("setting '" + name + "' must be " + String.join(", ", key.choices())
                            + ", not '" + value + "'");
                }
            }
            case URL -> parseUrl(name, value);
            default -> {
                // TEXT, SECRET, PATH, LIST: any text
            }
        }
    }

    public Optional<String> optional(String key) {
        Optional<String> value = raw(key);
        effective.put(key, value.orElse("(not set)"));
        return value;
    }

    private Optional<String> raw(String key) {
        if (ConfigKeys.find(key).isEmpty()) {
            throw new IllegalStateException("configuration key '" + key + "' is read but not declared: add it to "
                    + ConfigKeys.class.getName());
        }
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
        return used(key, optional(key).orElse(defaultValue));
    }

    public int integer(String key, int defaultValue) {
        long value = longValue(key, defaultValue);
        if (value != (int) value) {
            throw new ConfigException("setting '" + key + "' must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }

    public long longValue(String key, long defaultValue) {
        long value = optional(key).map(v -> parseLong(key, v)).orElse(defaultValue);
        used(key, String.valueOf(value));
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        boolean value = optional(key).map(v -> parseBoolean(key, v)).orElse(defaultValue);
        used(key, String.valueOf(value));
        return value;
    }

    public java.time.Duration duration(String key, java.time.Duration defaultValue) {
        java.time.Duration value = optional(key).map(v -> Durations.parse(key, v)).orElse(defaultValue);
        used(key, Durations.format(value));
        return value;
    }

    private <T> T used(String key, T value) {
        effective.put(key, String.valueOf(value));
        return value;
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

    /** A path setting, resolved (see {@link #resolve}); the summary shows the path as resolved. */
    public Path path(String key, String defaultValue) {
        return used(key, resolve(string(key, defaultValue)));
    }

    /** A path setting that must be set, resolved (see {@link #resolve}). */
    public Path requirePath(String key) {
        return used(key, resolve(require(key)));
    }

    /** Relative paths resolve against the directory the configuration file sits in. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute() || origin.equals(GIVEN)) {
            return p;
        }
        Path parent = Path.of(origin).toAbsolutePath().getParent();
        return parent == null ? p : parent.resolve(p).normalize();
    }

    /** Where the settings came from: the file's path. */
    public String origin() {
        return origin;
    }

    /**
     * Every key read so far with the value it gave (the default where the file sets none), in key
     * order, secrets masked: what the gateway actually runs with.
     */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        effective.forEach((key, value) -> {
            boolean secret = ConfigKeys.find(key).map(ConfigKeys.Key::secret).orElse(false);
            boolean set = !value.equals("(not set)") && !value.isEmpty();
            lines.add(key + " = " + (secret && set ? "****" : value));
        });
        return lines;
    }

    private static boolean parseBoolean(String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException("setting '" + key + "' must be true or false, not '" + value + "'");
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    /** An http or https URL with a host. */
    public static URI parseUrl(String key, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException("setting '" + key + "' must be an http or https URL with a host, such as "
                    + "https://gateway.example.org/as4, not '" + value + "'");
        }
        return uri;
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
