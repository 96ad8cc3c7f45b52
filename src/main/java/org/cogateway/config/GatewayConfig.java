package org.cogateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cogateway.alerts.AlertKind;
import org.cogateway.alerts.AlertSettings;
import org.cogateway.delivery.DeliverySettings;
import org.cogateway.http.ListenerLimits;
import org.cogateway.partner.PartnerConfig;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.Caller;
import org.cogateway.security.CallerConfig;
import org.cogateway.security.LoginThrottle;

/**
 * Everything the gateway needs to start, read once from {@link Settings} and checked, so that a
 * wrong setting stops the start with a message naming it instead of failing on first use.
 */
public record GatewayConfig(
        Identity identity,
        Http http,
        Database database,
        KeyMaterial keys,
        Tls tls,
        List<Caller> callers,
        PartnerDirectory partners,
        DeliverySettings delivery,
        Auth auth,
        As4 as4,
        Admin admin,
        AlertSettings alerts) {

    /**
     * The admin listener (JSON API, console, metrics, health) on its own host and port, HTTPS when
     * the main listener is; {@code metricsAnonymous} lets /metrics answer without login; console
     * sessions end after {@code sessionIdle} without a request and {@code sessionAbsolute} after login;
     * the database gauges are computed every {@code gaugeInterval}.
     */
    public record Admin(boolean enabled, String host, int port, boolean metricsAnonymous, java.time.Duration sessionIdle,
                        java.time.Duration sessionAbsolute, java.time.Duration gaugeInterval, Retention retention) {
    }

    /**
     * Retention of raw message bodies (admin/Retention): those older than {@code olderThan} (zero: kept
     * for ever) are purged, {@code batchSize} messages per transaction, once every {@code interval} on
     * one node of all sharing the database.
     */
    public record Retention(java.time.Duration olderThan, java.time.Duration interval, int batchSize) {
        public boolean enabled() {
            return !olderThan.isZero();
        }
    }

    /** This gateway: its ebMS PartyId and the country whose issuing bodies and Customs it serves. */
    public record Identity(String partyId, String partyIdType, String country, String name) {
    }

    /**
     * The HTTP listener shared by the back-office service and the AS4 endpoint, its limits, and how
     * many AS4 requests it lets be processed at once.
     */
    public record Http(String host, int port, ListenerLimits limits, int as4MaxConcurrentRequests) {
        public long maxRequestBytes() {
            return limits.maxRequestBytes();
        }
    }

    /**
     * Limits of the receiving MSH.
     *
     * @param replayWindow    how far a message's signed time may be from our clock (replay defence)
     * @param maxPayloadBytes    largest payload after decompression; a larger one is refused with EBMS:0303
     * @param maxAttachmentBytes largest attachment as received (encrypted, compressed), checked before it
     *                           is decrypted: on Java 17, WSS4J's AES-GCM decryption of an attachment costs
     *                           time and garbage growing with the square of its size (about 5 s for
     *                           4 MB); 256 KiB keeps each buffer below G1's humongous-object size in a
     *                           256 MiB heap
     * @param maxDocumentBytes   largest document attached to a verification request or answer, before
     *                           compression: checked when a back-office caller attaches it and when a
     *                           partner's part is decompressed. A PDF or an image hardly compresses, so
     *                           its part arrives about as large as the document; the limit must leave
     *                           room under maxAttachmentBytes for gzip's and AES-GCM's overhead
     *                           ({@link #documentPartBound}), or a document accepted here would be refused
     *                           by a partner configured alike
     */
    public record As4(Duration replayWindow, long maxPayloadBytes, long maxAttachmentBytes, long maxDocumentBytes) {
        public static final As4 DEFAULTS = new As4(Duration.ofDays(1), 10L * 1024 * 1024, 256L * 1024, 192L * 1024);

        public As4(Duration replayWindow, long maxPayloadBytes, long maxAttachmentBytes) {
            this(replayWindow, maxPayloadBytes, maxAttachmentBytes,
                    Math.min(DEFAULTS_DOCUMENT, largestDocumentUnder(maxAttachmentBytes)));
        }

        private static final long DEFAULTS_DOCUMENT = 192L * 1024;

        /**
         * The most an incompressible document of {@code size} bytes can become as an encrypted part:
         * deflate's stored blocks add 5 bytes per 16 KiB at worst (java.util.zip's block size), gzip 18
         * bytes of header and trailer, AES-GCM a 12-byte IV and a 16-byte tag; 64 bytes of margin.
         */
        public static long documentPartBound(long size) {
            return size + 5 * (size / 16384 + 1) + 18 + 28 + 64;
        }

        static long largestDocumentUnder(long maxAttachmentBytes) {
            return Math.max(1, (maxAttachmentBytes - 18 - 28 - 64 - 5) * 16384 / 16389);
        }
    }

    /**
     * An empty url means the embedded H2 database in {@code dataDir}. {@code connectTimeout} bounds
     * how long opening it (and any later wait for a connection) may take.
     */
    public record Database(String url, String user, String password, int poolSize, Path dataDir,
                           java.time.Duration connectTimeout) {
        public static final java.time.Duration DEFAULT_CONNECT_TIMEOUT = java.time.Duration.ofSeconds(10);
        /** Parsed statements kept per embedded H2 connection: more than the gateway has distinct statements. */
        static final int H2_STATEMENT_CACHE = 256;

        public Database(String url, String user, String password, int poolSize, Path dataDir) {
            this(url, user, password, poolSize, dataDir, DEFAULT_CONNECT_TIMEOUT);
        }

        public boolean embedded() {
            return url == null || url.isBlank();
        }

        public String jdbcUrl() {
            return embedded()
                    ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("cogateway")
                            + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                            // H2 keeps a session's parsed statements in an LRU of QUERY_CACHE_SIZE (8 by
                            // default); one submission or receipt alone runs more distinct statements than
                            // that, so every statement was parsed and planned again on every use
                            + ";QUERY_CACHE_SIZE=" + H2_STATEMENT_CACHE
                    : url;
        }
    }

    /**
     * The gateway's own key (signing, decryption) and the certificates it trusts. {@code ed25519Alias}
     * and {@code x25519Alias} name the keys, in the same keystore and with the same key password, that
     * sign and decrypt for partners on the eDelivery AS4 2.0 profile; null when none is configured.
     */
    public record KeyMaterial(Path keystore, String keystorePassword, String keyAlias, String keyPassword,
                              Path truststore, String truststorePassword, String ed25519Alias, String x25519Alias) {
        /** Key material without as4-2.0 keys. */
        public KeyMaterial(Path keystore, String keystorePassword, String keyAlias, String keyPassword,
                           Path truststore, String truststorePassword) {
            this(keystore, keystorePassword, keyAlias, keyPassword, truststore, truststorePassword, null, null);
        }
    }

    /**
     * How callers' logins are guarded: the password-guessing throttle, and for X.509-signed calls the
     * window a signed wsu:Timestamp must fall in and the most signature values kept to spot replays.
     */
    public record Auth(LoginThrottle.Policy logins, Duration signedRequestWindow, int replayCacheSize) {
    }

    /** The same configuration on another database: tests give each gateway a fresh one. */
    public GatewayConfig withDatabase(Database other) {
        return new GatewayConfig(identity, http, other, keys, tls, callers, partners, delivery, auth, as4, admin, alerts);
    }

    /**
     * TLS keys. {@code listenerKey} null means a plain HTTP listener; {@code clientKey} is what is
     * presented to partners that require a client certificate, null when none is configured.
     * Certificates of both peers are checked against the gateway truststore.
     */
    public record Tls(TlsKey listenerKey, ClientAuth clientAuth, TlsKey clientKey) {
        public static final Tls NONE = new Tls(null, ClientAuth.NONE, null);

        public boolean https() {
            return listenerKey != null;
        }
    }

    /** A TLS key in a PKCS#12 file; {@code setting} (e.g. {@code http.tls.keystore}) names it in errors. */
    public record TlsKey(String setting, Path keystore, String password, String alias, String keyPassword) {
    }

    /** Whether the HTTPS listener asks for (WANT) or requires (NEED) a client certificate. */
    public enum ClientAuth { NONE, WANT, NEED }

    public static GatewayConfig from(Settings s) {
        Identity identity = new Identity(
                s.require("gateway.partyId"),
                s.string("gateway.partyIdType", "urn:oasis:names:tc:ebcore:partyid-type:unregistered"),
                s.require("gateway.country"),
                s.string("gateway.name", s.require("gateway.partyId")));
        Http http = new Http(
                s.string("http.host", "127.0.0.1"),
                s.integer("http.port", 8080),
                listenerLimits(s),
                positive(s, "as4.maxConcurrentRequests", 16));
        Database database = new Database(
                s.optional("db.url").orElse(null),
                s.string("db.user", "sa"),
                s.string("db.password", ""),
                s.integer("db.poolSize", 10),
                s.path("gateway.dataDir", "data"),
                s.duration("db.connectTimeout", Database.DEFAULT_CONNECT_TIMEOUT));
        String keystorePassword = s.require("keystore.password");
        KeyMaterial keys = new KeyMaterial(
                s.requirePath("keystore.path"),
                keystorePassword,
                s.require("keystore.alias"),
                s.string("keystore.keyPassword", keystorePassword),
                s.requirePath("truststore.path"),
                s.require("truststore.password"),
                s.optional("keystore.ed25519.alias").orElse(null),
                s.optional("keystore.x25519.alias").orElse(null));
        Tls tls = tls(s);
        DeliverySettings defaults = DeliverySettings.defaults(defaultNodeId(http));
        DeliverySettings delivery = new DeliverySettings(
                s.bool("delivery.enabled", true),
                s.string("delivery.nodeId", defaults.nodeId()),
                s.integer("delivery.workers", defaults.workers()),
                s.integer("delivery.perPartnerLimit", defaults.perPartnerLimit()),
                Durations.get(s, "delivery.pollInterval", defaults.pollInterval()),
                Durations.get(s, "delivery.leaseMargin", defaults.leaseMargin()),
                Durations.get(s, "delivery.stopGrace", defaults.stopGrace()));
        Admin admin = new Admin(
                s.bool("admin.enabled", true),
                s.string("admin.host", "127.0.0.1"),
                s.integer("admin.port", 8081),
                s.bool("admin.metrics.anonymous", false),
                Durations.get(s, "admin.session.idle", java.time.Duration.ofMinutes(30)),
                Durations.get(s, "admin.session.absolute", java.time.Duration.ofHours(8)),
                Durations.get(s, "admin.gaugeInterval", java.time.Duration.ofSeconds(15)), retention(s));
        return new GatewayConfig(identity, http, database, keys, tls, CallerConfig.load(s), PartnerConfig.load(s),
                delivery, auth(s), as4(s), admin, alerts(s));
    }

    private static Retention retention(Settings s) {
        Duration interval = Durations.get(s, "retention.interval", Duration.ofDays(1));
        if (interval.isZero()) {
            throw new ConfigException("setting 'retention.interval' must be longer than 0");
        }
        return new Retention(Durations.get(s, "retention.olderThan", Duration.ZERO), interval,
                (int) atLeast(s, "retention.batchSize", 500, 1));
    }

    private static As4 as4(Settings s) {
        Duration window = Durations.get(s, "as4.replayWindow", As4.DEFAULTS.replayWindow());
        if (window.isZero()) {
            throw new ConfigException("setting 'as4.replayWindow' must be longer than 0");
        }
        long maxAttachment = atLeast(s, "as4.maxAttachmentBytes", As4.DEFAULTS.maxAttachmentBytes(), 1);
        long maxDocument = atLeast(s, "as4.maxDocumentBytes",
                Math.min(As4.DEFAULTS.maxDocumentBytes(), As4.largestDocumentUnder(maxAttachment)), 1);
        if (As4.documentPartBound(maxDocument) > maxAttachment) {
            throw new ConfigException("setting 'as4.maxDocumentBytes' (" + maxDocument + ") does not fit under "
                    + "'as4.maxAttachmentBytes' (" + maxAttachment + ") once compressed and encrypted: at most "
                    + As4.largestDocumentUnder(maxAttachment));
        }
        return new As4(window, atLeast(s, "as4.maxPayloadBytes", As4.DEFAULTS.maxPayloadBytes(), 1), maxAttachment,
                maxDocument);
    }

    private static long atLeast(Settings s, String key, long defaultValue, long min) {
        long value = s.longValue(key, defaultValue);
        if (value < min) {
            throw new ConfigException("setting '" + key + "' must be at least " + min + ", not " + value);
        }
        return value;
    }

    private static Auth auth(Settings s) {
        LoginThrottle.Policy d = LoginThrottle.Policy.defaults();
        Duration lockout = Durations.get(s, "auth.lockout", d.lockout());
        if (lockout.isZero()) {
            throw new ConfigException("setting 'auth.lockout' must be longer than 0");
        }
        LoginThrottle.Policy logins = new LoginThrottle.Policy(
                atLeast(s, "auth.maxFailures", d.maxFailures(), 1),
                atLeast(s, "auth.maxFailuresPerAddress", d.maxAddressFailures(), 1),
                Durations.get(s, "auth.failureDelay", d.firstDelay()),
                lockout,
                atLeast(s, "auth.trackedLogins", d.capacity(), 2));
        Duration window = Durations.get(s, "auth.signedRequestWindow", Duration.ofMinutes(5));
        if (window.isZero()) {
            throw new ConfigException("setting 'auth.signedRequestWindow' must be longer than 0");
        }
        return new Auth(logins, window, atLeast(s, "auth.replayCacheSize", 100_000, 1));
    }

    private static int atLeast(Settings s, String key, int defaultValue, int min) {
        int value = s.integer(key, defaultValue);
        if (value < min) {
            throw new ConfigException("setting '" + key + "' must be at least " + min + ", not " + value);
        }
        return value;
    }

    /** The {@code alert.*} keys: see the README's configuration table and docs/alerts.md. */
    private static AlertSettings alerts(Settings s) {
        URI webhook = s.optional("alert.webhook.url").filter(v -> !v.equals("off"))
                .map(v -> webhookUrl("alert.webhook.url", v)).orElse(null);
        List<String> email = addresses("alert.email.to", s.string("alert.email.to", ""));
        Map<AlertKind, AlertSettings.Receivers> kinds = new EnumMap<>(AlertKind.class);
        boolean anyEmail = false;
        for (AlertKind kind : AlertKind.values()) {
            String prefix = "alert." + kind.configName() + ".";
            String kindWebhookValue = s.optional(prefix + "webhook").orElse(null);
            URI kindWebhook = kindWebhookValue == null ? webhook
                    : kindWebhookValue.equals("off") ? null : webhookUrl(prefix + "webhook", kindWebhookValue);
            List<String> kindEmail = s.optional(prefix + "email")
                    .map(v -> v.equals("off") ? List.<String>of() : addresses(prefix + "email", v)).orElse(email);
            boolean enabled = bool(s, prefix + "enabled", true);
            anyEmail |= enabled && !kindEmail.isEmpty();
            kinds.put(kind, new AlertSettings.Receivers(enabled, kindWebhook, kindEmail));
        }
        AlertSettings.Smtp smtp = smtp(s);
        if (anyEmail && smtp == null) {
            throw new ConfigException("alerts are to be mailed (alert.email.to or alert.<kind>.email) but "
                    + "'alert.smtp.host' is not set");
        }
        int threshold = atLeast(s, "alert.failedLogins.threshold", 5, 1);
        return new AlertSettings(
                positive("alert.checkInterval", Durations.get(s, "alert.checkInterval", Duration.ofMinutes(1))),
                kinds,
                Durations.get(s, "alert.undelivered.olderThan", Duration.ofHours(1)),
                Durations.get(s, "alert.partnerUnreachable.after", Duration.ofMinutes(15)),
                Durations.get(s, "alert.certificateExpiry.within", Duration.ofDays(30)),
                threshold,
                positive("alert.webhook.timeout", Durations.get(s, "alert.webhook.timeout", Duration.ofSeconds(10))),
                new AlertSettings.Retry(
                        positive("alert.retry.initialBackoff",
                                Durations.get(s, "alert.retry.initialBackoff", Duration.ofSeconds(30))),
                        Durations.get(s, "alert.retry.maxBackoff", Duration.ofHours(1)),
                        Durations.get(s, "alert.retry.maxAge", Duration.ofDays(3))),
                smtp);
    }

    private static AlertSettings.Smtp smtp(Settings s) {
        return s.optional("alert.smtp.host").map(host -> {
            String tlsValue = s.string("alert.smtp.tls", "starttls");
            AlertSettings.SmtpTls tls = switch (tlsValue.toLowerCase(Locale.ROOT)) {
                case "none" -> AlertSettings.SmtpTls.NONE;
                case "starttls" -> AlertSettings.SmtpTls.STARTTLS;
                case "ssl" -> AlertSettings.SmtpTls.SSL;
                default -> throw new ConfigException("setting 'alert.smtp.tls' must be none, starttls or ssl, not '"
                        + tlsValue + "'");
            };
            String user = s.optional("alert.smtp.user").orElse(null);
            return new AlertSettings.Smtp(host, s.integer("alert.smtp.port", tls == AlertSettings.SmtpTls.SSL ? 465 : 587),
                    user, user == null ? null : s.require("alert.smtp.password"), s.require("alert.smtp.from"), tls);
        }).orElse(null);
    }

    private static URI webhookUrl(String key, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new ConfigException("setting '" + key + "' must be an http or https URL (or off), not '" + value + "'");
    }

    /** A comma-separated list of e-mail addresses, each checked as RFC 822 requires. */
    private static List<String> addresses(String key, String value) {
        List<String> addresses = Arrays.stream(value.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        for (String address : addresses) {
            try {
                new jakarta.mail.internet.InternetAddress(address, true);
            } catch (jakarta.mail.internet.AddressException e) {
                throw new ConfigException("setting '" + key + "': '" + address + "' is not an e-mail address ("
                        + e.getMessage() + ")");
            }
        }
        return addresses;
    }

    private static boolean bool(Settings s, String key, boolean defaultValue) {
        String value = s.string(key, Boolean.toString(defaultValue));
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException("setting '" + key + "' must be true or false, not '" + value + "'");
        };
    }

    private static Duration positive(String key, Duration d) {
        if (d.isZero()) {
            throw new ConfigException("setting '" + key + "' must be longer than 0");
        }
        return d;
    }

    private static ListenerLimits listenerLimits(Settings s) {
        long maxRequestBytes = s.longValue("http.maxRequestBytes", ListenerLimits.DEFAULT_MAX_REQUEST_BYTES);
        long minRate = s.longValue("http.minRequestDataRate", ListenerLimits.DEFAULT_MIN_REQUEST_DATA_RATE);
        if (maxRequestBytes <= 0 || minRate < 0) {
            throw new ConfigException("settings 'http.maxRequestBytes' must be positive and 'http.minRequestDataRate'"
                    + " zero or more");
        }
        try {
            return new ListenerLimits(
                    s.integer("http.maxThreads", ListenerLimits.DEFAULT_MAX_THREADS),
                    Durations.get(s, "http.idleTimeout", ListenerLimits.DEFAULT_IDLE_TIMEOUT),
                    Durations.get(s, "http.headerTimeout", ListenerLimits.DEFAULT_HEADER_TIMEOUT),
                    minRate,
                    maxRequestBytes,
                    s.longValue("http.maxBufferedBytes", ListenerLimits.defaultMaxBufferedBytes(maxRequestBytes)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static int positive(Settings s, String key, int defaultValue) {
        int value = s.integer(key, defaultValue);
        if (value <= 0) {
            throw new ConfigException("setting '" + key + "' must be positive, not " + value);
        }
        return value;
    }

    private static Tls tls(Settings s) {
        TlsKey listener = tlsKey(s, "http.tls.keystore");
        String clientAuthValue = s.string("http.tls.clientAuth", "none");
        ClientAuth clientAuth = switch (clientAuthValue.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> ClientAuth.NONE;
            case "want" -> ClientAuth.WANT;
            case "need" -> ClientAuth.NEED;
            default -> throw new ConfigException("setting 'http.tls.clientAuth' must be none, want or need, not '"
                    + clientAuthValue + "'");
        };
        if (listener == null && clientAuth != ClientAuth.NONE) {
            throw new ConfigException("setting 'http.tls.clientAuth' needs an HTTPS listener: set http.tls.keystore.path");
        }
        TlsKey client = tlsKey(s, "tls.client.keystore");
        return new Tls(listener, clientAuth, client != null ? client : listener);
    }

    /** The key under {@code prefix}.path|password|alias|keyPassword, or null when no path is set. */
    private static TlsKey tlsKey(Settings s, String prefix) {
        if (s.optional(prefix + ".path").isEmpty()) {
            return null;
        }
        String password = s.require(prefix + ".password");
        return new TlsKey(prefix, s.requirePath(prefix + ".path"), password, s.require(prefix + ".alias"),
                s.string(prefix + ".keyPassword", password));
    }

    /**
     * A node's default id: host name and port, which stay the same across restarts (a restarted
     * node resumes the sends it had in flight) and differ between nodes sharing a database.
     */
    private static String defaultNodeId(Http http) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String id = host + ":" + http.port();
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }
}
