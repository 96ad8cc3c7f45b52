package org.cogateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every configuration key the gateway knows: the one list that {@link Settings} checks a file
 * against, that {@code config check} prints and that docs/configuration.md is checked against.
 * A key read by the code but missing here fails at the read ({@link Settings}), so adding a
 * setting is one entry below plus its read in {@link GatewayConfig}. {@code <id>} in a name
 * stands for an operator-chosen id without dots (a partner's or a caller's).
 */
public final class ConfigKeys {
    /** How a key's value is parsed; checked when the file is loaded, whoever reads the key later. */
    public enum Type { TEXT, SECRET, BOOLEAN, INTEGER, DURATION, COUNTRY, CHOICE, URL, PATH, LIST }

    /**
     * @param name         the key, with {@code <id>} where an id goes
     * @param type         how its value is parsed
     * @param defaultValue the default as the reference page shows it; empty when the key has none
     * @param meaning      one line for the reference page
     * @param choices      the allowed values of a {@link Type#CHOICE}, compared ignoring case
     */
    public record Key(String name, Type type, String defaultValue, String meaning, List<String> choices) {
        public boolean secret() {
            return type == Type.SECRET;
        }

        Pattern pattern() {
            return Pattern.compile(Arrays.stream(name.split("<id>", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + "[^.]+" + b).orElseThrow());
        }
    }

    private static final List<Key> KEYS = List.of(
            key("gateway.partyId", Type.TEXT, "required", "this gateway's ebMS PartyId"),
            key("gateway.partyIdType", Type.TEXT, "urn:oasis:names:tc:ebcore:partyid-type:unregistered",
                    "the type of its PartyId"),
            key("gateway.country", Type.COUNTRY, "required",
                    "ISO 3166-1 alpha-2 code (upper case) of the country whose issuing bodies and Customs it serves"),
            key("gateway.name", Type.TEXT, "the PartyId", "display name"),
            key("gateway.dataDir", Type.PATH, "data", "directory of the embedded database"),
            key("log.format", Type.CHOICE, "text", "log lines as text or as one JSON object per line", "text", "json"),

            key("http.host", Type.TEXT, "127.0.0.1", "address the listener binds to"),
            key("http.port", Type.INTEGER, "8080", "port of the listener (back-office, AS4)"),
            key("http.maxRequestBytes", Type.INTEGER, "10485760",
                    "largest request accepted, in bytes (AS4: HTTP 413; back-office: REQUEST_TOO_LARGE fault)"),
            key("http.maxBufferedBytes", Type.INTEGER, "1/8 of the heap, at least http.maxRequestBytes",
                    "request bodies held in memory at once, by all requests together; a request that finds no "
                            + "room is answered 503 with Retry-After"),
            key("http.minRequestDataRate", Type.INTEGER, "1024", "bytes/s a request body must keep arriving at "
                    + "(over 5 s windows), else 408 and the connection is closed; 0: no check"),
            key("http.headerTimeout", Type.DURATION, "10s",
                    "time for a connection's request head (line and headers) to arrive"),
            key("http.idleTimeout", Type.DURATION, "30s", "a connection with no traffic for this long is closed"),
            key("http.maxThreads", Type.INTEGER, "200", "the listener's thread pool (at least 16)"),
            key("as4.maxConcurrentRequests", Type.INTEGER, "16", "AS4 messages processed at once; one more is "
                    + "answered 503 with Retry-After before its body is read"),
            key("as4.replayWindow", Type.DURATION, "1d",
                    "how far an inbound message's signed time may be from the clock (replay defence)"),
            key("as4.maxPayloadBytes", Type.INTEGER, "10485760",
                    "largest inbound payload after decompression; larger is refused with EBMS:0303"),
            key("as4.maxAttachmentBytes", Type.INTEGER, "262144",
                    "largest inbound attachment as received, checked before decryption; larger is refused with EBMS:0004"),
            key("as4.maxDocumentBytes", Type.INTEGER, "196608 (less when as4.maxAttachmentBytes leaves no room)",
                    "largest document (PDF, image) attached to a verification request or answer, before compression; "
                            + "must fit under as4.maxAttachmentBytes once compressed and encrypted"),
            key("http.tls.keystore.path", Type.PATH, "plain HTTP",
                    "PKCS#12 file with the listener's TLS key; when set the listener is HTTPS (TLS 1.2/1.3)"),
            key("http.tls.keystore.password", Type.SECRET, "required with the path", "password of that file"),
            key("http.tls.keystore.alias", Type.TEXT, "required with the path", "alias of the TLS key in it"),
            key("http.tls.keystore.keyPassword", Type.SECRET, "http.tls.keystore.password", "the key's own password"),
            key("http.tls.clientAuth", Type.CHOICE, "none",
                    "whether the HTTPS listener wants or needs a client certificate (checked against the truststore)",
                    "none", "want", "need"),
            key("tls.client.keystore.path", Type.PATH, "http.tls.keystore.path",
                    "PKCS#12 file with the TLS key shown to partners that want a client certificate"),
            key("tls.client.keystore.password", Type.SECRET, "required with the path", "password of that file"),
            key("tls.client.keystore.alias", Type.TEXT, "required with the path", "alias of the key in it"),
            key("tls.client.keystore.keyPassword", Type.SECRET, "tls.client.keystore.password", "the key's own password"),

            key("db.url", Type.TEXT, "embedded H2",
                    "JDBC URL of an external database, e.g. jdbc:mariadb://db:3306/cogateway"),
            key("db.user", Type.TEXT, "sa", "database user"),
            key("db.password", Type.SECRET, "empty", "database password"),
            key("db.poolSize", Type.INTEGER, "10", "connection pool size"),
            key("db.connectTimeout", Type.DURATION, "10s",
                    "how long the start (and each later connection) waits for the database before giving up"),

            key("keystore.path", Type.PATH, "required", "PKCS#12 file with the gateway's message key (signing, decryption)"),
            key("keystore.password", Type.SECRET, "required", "password of that file"),
            key("keystore.alias", Type.TEXT, "required", "alias of the message key"),
            key("keystore.keyPassword", Type.SECRET, "keystore.password", "the key's own password"),
            key("keystore.ed25519.alias", Type.TEXT, "none (required when a partner has profile as4-2.0)",
                    "alias, in keystore.path, of the Ed25519 key that signs for as4-2.0 partners (password: keystore.keyPassword)"),
            key("keystore.x25519.alias", Type.TEXT, "none (required when a partner has profile as4-2.0)",
                    "alias, in keystore.path, of the X25519 key that as4-2.0 partners encrypt for (password: keystore.keyPassword)"),
            key("truststore.path", Type.PATH, "required",
                    "PKCS#12 file with partners' certificates and trusted CAs (also back-office X.509 callers' CAs)"),
            key("truststore.password", Type.SECRET, "required", "password of that file"),

            key("caller.<id>.role", Type.CHOICE, "required", "what a back-office caller may do",
                    "ISSUING_BODY", "CUSTOMS"),
            key("caller.<id>.country", Type.COUNTRY, "required", "the country the caller acts for"),
            key("caller.<id>.passwordHash", Type.SECRET, "none",
                    "its password hash from 'keys hash-password' (UsernameToken callers)"),
            key("caller.<id>.certificateSubject", Type.TEXT, "none",
                    "subject DN of its signing certificate (X.509 callers)"),

            key("auth.maxFailures", Type.INTEGER, "5",
                    "wrong passwords of one back-office user name before it is locked out"),
            key("auth.maxFailuresPerAddress", Type.INTEGER, "20",
                    "wrong passwords from one remote address, any user names, before it is locked out"),
            key("auth.failureDelay", Type.DURATION, "1s", "wait after a user name's first wrong password before "
                    + "its next is checked; doubles with each further one (0ms: none)"),
            key("auth.lockout", Type.DURATION, "15m", "how long a lock-out lasts"),
            key("auth.trackedLogins", Type.INTEGER, "10000",
                    "most user names and addresses the throttle remembers (least recently failed forgotten first)"),
            key("auth.signedRequestWindow", Type.DURATION, "5m",
                    "how far an X.509-signed call's signed wsu:Timestamp may be from the gateway's time"),
            key("auth.replayCacheSize", Type.INTEGER, "100000",
                    "most signature values kept to refuse replayed signed calls"),

            key("partner.<id>.name", Type.TEXT, "the id", "the partner's display name"),
            key("partner.<id>.country", Type.COUNTRY, "required",
                    "its country; COs whose import country it is go to this partner"),
            key("partner.<id>.partyId", Type.TEXT, "required", "its ebMS PartyId"),
            key("partner.<id>.partyIdType", Type.TEXT, "urn:oasis:names:tc:ebcore:partyid-type:unregistered",
                    "the type of its PartyId"),
            key("partner.<id>.endpoint", Type.URL, "required", "http(s) URL of its AS4 endpoint"),
            key("partner.<id>.agreements", Type.LIST, "required", "comma-separated trade agreements exchanged with it"),
            key("partner.<id>.signingCertAlias", Type.TEXT, "required",
                    "truststore alias of the certificate its messages must be signed with"),
            key("partner.<id>.encryptionCertAlias", Type.TEXT, "partner.<id>.signingCertAlias",
                    "truststore alias of the certificate messages to it are encrypted for"),
            key("partner.<id>.retry.maxAttempts", Type.INTEGER, "12", "attempts before a transmission is FAILED"),
            key("partner.<id>.retry.initialBackoff", Type.DURATION, "30s", "wait after the first failed attempt"),
            key("partner.<id>.retry.maxBackoff", Type.DURATION, "30m", "longest wait between attempts"),
            key("partner.<id>.retry.maxAge", Type.DURATION, "2d", "a transmission older than this is not retried"),
            key("partner.<id>.connectTimeout", Type.DURATION, "10s", "TCP/TLS connect timeout of a send"),
            key("partner.<id>.readTimeout", Type.DURATION, "60s", "how long a send waits for the receipt"),
            key("partner.<id>.tls.trustCertAlias", Type.TEXT, "any truststore certificate",
                    "truststore alias of the one certificate its HTTPS certificate must chain to"),
            key("partner.<id>.tls.clientCertificate", Type.BOOLEAN, "false",
                    "present the gateway's TLS client key to it (mutual TLS)"),
            key("partner.<id>.profile", Type.CHOICE, "as4-1.15",
                    "eDelivery AS4 profile agreed with it: as4-1.15 (RSA-SHA256, RSA-OAEP) or as4-2.0 (EdDSA Ed25519, "
                            + "X25519 key agreement); messages from it with the other profile's algorithms are refused",
                    "as4-1.15", "as4-2.0"),

            key("delivery.enabled", Type.BOOLEAN, "true",
                    "false: this node serves but leaves sending to the other nodes on its database"),
            key("delivery.nodeId", Type.TEXT, "host name:port",
                    "this node's name in leases; unique per node, stable across restarts"),
            key("delivery.workers", Type.INTEGER, "8", "sends in flight at once on this node"),
            key("delivery.perPartnerLimit", Type.INTEGER, "4", "sends in flight at once to one partner"),
            key("delivery.pollInterval", Type.DURATION, "5s", "how often the queue is read when nothing wakes the worker"),
            key("delivery.leaseMargin", Type.DURATION, "1m",
                    "added to a partner's connect + read timeout (x2) to make a send's lease"),
            key("delivery.stopGrace", Type.DURATION, "30s", "how long a stop waits for sends in flight"),
            key("admin.enabled", Type.BOOLEAN, "true", "false: no admin listener (API, console, metrics, health) on this node"),
            key("admin.host", Type.TEXT, "127.0.0.1", "the admin listener's address; HTTPS when http.tls.keystore.path is set"),
            key("admin.port", Type.INTEGER, "8081", "the admin listener's port"),
            key("admin.metrics.anonymous", Type.BOOLEAN, "false", "true: /metrics answers without login"),
            key("admin.session.idle", Type.DURATION, "30m", "a console session ends after this long without a request"),
            key("admin.session.absolute", Type.DURATION, "8h", "a console session ends this long after login"),
            key("admin.gaugeInterval", Type.DURATION, "15s",
                    "how often the database gauges of /metrics (queue depth, messages by state) are computed"),
            key("retention.olderThan", Type.DURATION, "0d (off)", "raw message bodies (payloads, messages as sent and "
                    + "received, error signals) older than this are purged; metadata, states, receipts and digests stay"),
            key("retention.interval", Type.DURATION, "1d", "how often the purge runs, on one node of those sharing the database"),
            key("retention.batchSize", Type.INTEGER, "500", "messages purged per transaction"),

            key("alert.checkInterval", Type.DURATION, "1m", "how often the history and the alert conditions are checked"),
            key("alert.webhook.url", Type.TEXT, "none", "http(s) URL every alert is POSTed to as JSON (off: none)"),
            key("alert.webhook.timeout", Type.DURATION, "10s",
                    "connect and answer timeout of a webhook POST and of the SMTP connection"),
            key("alert.email.to", Type.LIST, "none", "comma-separated addresses every alert is mailed to"),
            key("alert.smtp.host", Type.TEXT, "none", "the mail server; needed when any alert is mailed"),
            key("alert.smtp.port", Type.INTEGER, "587 (465 with ssl)", "its port"),
            key("alert.smtp.tls", Type.CHOICE, "starttls", "STARTTLS (required), SMTPS, or plain (e.g. a local relay)",
                    "none", "starttls", "ssl"),
            key("alert.smtp.user", Type.TEXT, "none", "SMTP login; none when not set"),
            key("alert.smtp.password", Type.SECRET, "none", "its password"),
            key("alert.smtp.from", Type.TEXT, "required with alert.smtp.host", "the sender address"),
            key("alert.failed.enabled", Type.BOOLEAN, "true", "false: no alert for a FAILED transmission"),
            key("alert.failed.webhook", Type.TEXT, "alert.webhook.url", "the URL for a FAILED transmission instead (off: none)"),
            key("alert.failed.email", Type.TEXT, "alert.email.to", "the addresses for a FAILED transmission instead (off: none)"),
            key("alert.rejected.enabled", Type.BOOLEAN, "true", "false: no alert for a REJECTED transmission"),
            key("alert.rejected.webhook", Type.TEXT, "alert.webhook.url", "the URL for a REJECTED transmission instead (off: none)"),
            key("alert.rejected.email", Type.TEXT, "alert.email.to", "the addresses for a REJECTED transmission instead (off: none)"),
            key("alert.undelivered.enabled", Type.BOOLEAN, "true", "false: no alert for a partner's oldest undelivered transmission too old"),
            key("alert.undelivered.webhook", Type.TEXT, "alert.webhook.url", "the URL for a partner's oldest undelivered transmission too old instead (off: none)"),
            key("alert.undelivered.email", Type.TEXT, "alert.email.to", "the addresses for a partner's oldest undelivered transmission too old instead (off: none)"),
            key("alert.partnerUnreachable.enabled", Type.BOOLEAN, "true", "false: no alert for a partner unreachable"),
            key("alert.partnerUnreachable.webhook", Type.TEXT, "alert.webhook.url", "the URL for a partner unreachable instead (off: none)"),
            key("alert.partnerUnreachable.email", Type.TEXT, "alert.email.to", "the addresses for a partner unreachable instead (off: none)"),
            key("alert.certificateExpiry.enabled", Type.BOOLEAN, "true", "false: no alert for a certificate about to expire"),
            key("alert.certificateExpiry.webhook", Type.TEXT, "alert.webhook.url", "the URL for a certificate about to expire instead (off: none)"),
            key("alert.certificateExpiry.email", Type.TEXT, "alert.email.to", "the addresses for a certificate about to expire instead (off: none)"),
            key("alert.failedLogins.enabled", Type.BOOLEAN, "true", "false: no alert for repeated failed logins"),
            key("alert.failedLogins.webhook", Type.TEXT, "alert.webhook.url", "the URL for repeated failed logins instead (off: none)"),
            key("alert.failedLogins.email", Type.TEXT, "alert.email.to", "the addresses for repeated failed logins instead (off: none)"),
            key("alert.verificationOverdue.enabled", Type.BOOLEAN, "true", "false: no alert for a verification request overdue"),
            key("alert.verificationOverdue.webhook", Type.TEXT, "alert.webhook.url", "the URL for a verification request overdue instead (off: none)"),
            key("alert.verificationOverdue.email", Type.TEXT, "alert.email.to", "the addresses for a verification request overdue instead (off: none)"),
            key("alert.undelivered.olderThan", Type.DURATION, "1h",
                    "age of a partner's oldest undelivered transmission that is alerted"),
            key("alert.partnerUnreachable.after", Type.DURATION, "15m",
                    "how long attempts to a partner fail before it is alerted"),
            key("alert.certificateExpiry.within", Type.DURATION, "30d",
                    "how long before a certificate (own or trusted) expires it is alerted"),
            key("alert.failedLogins.threshold", Type.INTEGER, "5",
                    "failed logins in a row that are alerted, and each multiple; at most auth.maxFailures"),
            key("alert.retry.initialBackoff", Type.DURATION, "30s",
                    "wait after an alert could not be sent to a receiver; doubled each time"),
            key("alert.retry.maxBackoff", Type.DURATION, "1h", "ceiling of that wait"),
            key("alert.retry.maxAge", Type.DURATION, "3d",
                    "an alert not delivered this long after it was raised is given up (ERROR log line)"));

    private static final List<Pattern> PATTERNS = KEYS.stream().map(Key::pattern).toList();

    private ConfigKeys() {
    }

    public static List<Key> all() {
        return KEYS;
    }

    /**
     * The reference page docs/configuration.md, as {@code co-gateway config keys} prints it: one row
     * per key, in the order above. A test keeps the page and this list the same.
     */
    public static String reference() {
        StringBuilder page = new StringBuilder("""
                # Configuration reference

                Every setting the gateway knows, as `java -jar target/co-gateway.jar config keys` prints it
                (this page is its output; a test keeps the two the same). A key that is not listed here, or a
                value that does not parse as its type, stops the start with a message naming it;
                `config check -c FILE` shows the effective configuration and runs the start checks.
                Any key can be set by the environment variable `COGW_` + the key in upper case with dots and
                dashes as underscores (`db.password` is `COGW_DB_PASSWORD`). `<id>` is a partner's or a
                caller's id (no dots). Relative paths are resolved against the configuration file's directory.

                Types: *boolean* `true` or `false`; *integer* a whole number; *duration* `500ms`, `30s`, `15m`,
                `2h` or `3d`; *country* an upper-case ISO 3166-1 alpha-2 code; *url* an http or https URL;
                *list* comma-separated; *secret* text that summaries and logs mask.

                | key | type | default | meaning |
                |---|---|---|---|
                """);
        for (Key key : KEYS) {
            String type = key.type() == Type.CHOICE ? String.join(" \\| ", key.choices())
                    : key.type().name().toLowerCase(java.util.Locale.ROOT);
            page.append("| `").append(key.name()).append("` | ").append(type).append(" | ")
                    .append(key.defaultValue()).append(" | ").append(key.meaning()).append(" |\n");
        }
        return page.toString();
    }

    /** The declared key {@code name} is an instance of ({@code partner.ID.endpoint} is {@code partner.<id>.endpoint}). */
    public static Optional<Key> find(String name) {
        for (int i = 0; i < KEYS.size(); i++) {
            if (PATTERNS.get(i).matcher(name).matches()) {
                return Optional.of(KEYS.get(i));
            }
        }
        return Optional.empty();
    }

    /** The known key closest to a misspelt one, with the ids of {@code name} filled in where the key has {@code <id>}. */
    static String nearest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Key key : KEYS) {
            String candidate = fillIds(key.name(), name);
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static String fillIds(String pattern, String name) {
        String[] given = name.split("\\.");
        String[] parts = pattern.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("<id>") && i < given.length) {
                parts[i] = given[i];
            }
        }
        return String.join(".", parts);
    }

    /** Levenshtein distance: how many letters to add, drop or change to turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Key key(String name, Type type, String defaultValue, String meaning, String... choices) {
        return new Key(name, type, defaultValue, meaning, List.of(choices));
    }
}
