package org.cogateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who did what, when, from where: every login, failed login, logout, resend, ping and user change. */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private final Jdbc jdbc;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public record Entry(long id, Instant at, String actor, String remote, String action, String target,
                        String outcome, String detail) {
    }

    public void record(String actor, String remote, String action, String target, String outcome, String detail) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        log.info("audit: {} from {} {} {} -> {}{}", actor, remote, action, target == null ? "" : target, outcome,
                detail == null ? "" : " (" + detail + ")");
        jdbc.transaction(c -> Jdbc.update(c, "INSERT INTO audit_log (at, actor, remote, action, target, outcome, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", at, clip(actor, 64), clip(remote, 64), action,
                clip(target, 255), outcome, clip(detail, 1000)));
    }

    /** Newest first, {@code limit} entries after {@code cursor} (null: from the newest). */
    public Keyset.Page<Entry> page(Keyset.Cursor cursor, int limit, String action, String actor) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, remote, action, target, outcome, detail"
                + " FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action);
        }
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        Keyset.after(sql, args, cursor, "at", "id");
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<Entry> rows = jdbc.query(sql.toString(), rs -> new Entry(rs.getLong("id"), Jdbc.instant(rs, "at"),
                rs.getString("actor"), rs.getString("remote"), rs.getString("action"), rs.getString("target"),
                rs.getString("outcome"), rs.getString("detail")), args.toArray());
        return Keyset.page(rows, limit, e -> new Keyset.Cursor(e.at(), String.valueOf(e.id())));
    }

    private static String clip(String text, int limit) {
        return text == null || text.length() <= limit ? text : text.substring(0, limit);
    }
}
