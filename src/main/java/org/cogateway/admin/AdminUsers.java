package org.cogateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The operators of the admin face and their API tokens, in the database (tables admin_user and
 * admin_token). Passwords are kept as Argon2id hashes, tokens as their SHA-256.
 */
public final class AdminUsers {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int MIN_PASSWORD = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the user does not exist, so that the answer takes as long as for a wrong password. */
    private static final String DUMMY_HASH = Argon2Passwords.hash("not a password of anyone".toCharArray());

    private final Jdbc jdbc;
    private final Clock clock;

    public AdminUsers(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public record User(String name, AdminRole role, Instant createdAt) {
    }

    public record Token(String label, Instant createdAt) {
    }

    /** Adds an operator; refuses an invalid name, a password shorter than 12 characters or a name taken. */
    public User add(String name, AdminRole role, char[] password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw AdminException.badRequest("a user name is 1-64 letters, digits or . _ @ - and starts with a letter"
                    + " or digit");
        }
        if (password == null || password.length < MIN_PASSWORD) {
            throw AdminException.badRequest("a password has at least " + MIN_PASSWORD + " characters");
        }
        String hash = Argon2Passwords.hash(password);
        Instant now = now();
        return jdbc.transaction(c -> {
            if (!Jdbc.query(c, "SELECT name FROM admin_user WHERE name = ?", rs -> rs.getString(1), name).isEmpty()) {
                throw new AdminException(409, "user '" + name + "' exists");
            }
            Jdbc.update(c, "INSERT INTO admin_user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    name, role.name(), hash, now);
            return new User(name, role, now);
        });
    }

    public boolean remove(String name) {
        return jdbc.transaction(c -> {
            Jdbc.update(c, "DELETE FROM admin_token WHERE user_name = ?", name);
            return Jdbc.update(c, "DELETE FROM admin_user WHERE name = ?", name) == 1;
        });
    }

    public List<User> list() {
        return jdbc.query("SELECT name, role, created_at FROM admin_user ORDER BY name", AdminUsers::user);
    }

    public Optional<User> find(String name) {
        return jdbc.query("SELECT name, role, created_at FROM admin_user WHERE name = ?", AdminUsers::user, name)
                .stream().findFirst();
    }

    /** The user when the password is theirs; empty for a wrong password or an unknown name (equally slow). */
    public Optional<User> authenticate(String name, char[] password) {
        record Stored(User user, String hash) {
        }
        Optional<Stored> stored = jdbc.query("SELECT name, role, created_at, password_hash FROM admin_user WHERE name = ?",
                rs -> new Stored(user(rs), rs.getString("password_hash")), name).stream().findFirst();
        boolean matches = Argon2Passwords.verify(password, stored.map(Stored::hash).orElse(DUMMY_HASH));
        return stored.filter(s -> matches).map(Stored::user);
    }

    /**
     * A new API token for {@code name}: 256 random bits, shown once; only its SHA-256 is stored.
     *
     * @return the token, or empty when there is no such user
     */
    public Optional<String> createToken(String name, String label) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = "cogw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String safeLabel = label == null || label.isBlank() ? "token" : label.strip();
        if (safeLabel.length() > 128) {
            throw AdminException.badRequest("a token label has at most 128 characters");
        }
        return jdbc.transaction(c -> {
            if (Jdbc.query(c, "SELECT name FROM admin_user WHERE name = ?", rs -> rs.getString(1), name).isEmpty()) {
                return Optional.empty();
            }
            Jdbc.update(c, "INSERT INTO admin_token (token_sha256, user_name, label, created_at) VALUES (?, ?, ?, ?)",
                    sha256(token), name, safeLabel, now());
            return Optional.of(token);
        });
    }

    public List<Token> tokens(String name) {
        return jdbc.query("SELECT label, created_at FROM admin_token WHERE user_name = ? ORDER BY created_at",
                rs -> new Token(rs.getString("label"), Jdbc.instant(rs, "created_at")), name);
    }

    /** The user a token belongs to; empty for an unknown (or revoked) token. */
    public Optional<User> forToken(String token) {
        return jdbc.query("SELECT u.name, u.role, u.created_at FROM admin_token t JOIN admin_user u"
                + " ON u.name = t.user_name WHERE t.token_sha256 = ?", AdminUsers::user, sha256(token))
                .stream().findFirst();
    }

    private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getString("name"), AdminRole.valueOf(rs.getString("role")), Jdbc.instant(rs, "created_at"));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
