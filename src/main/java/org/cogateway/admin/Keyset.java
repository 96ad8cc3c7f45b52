package org.cogateway.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset (cursor) paging, newest first, on (time, id): a page is the rows strictly before the last
 * row of the previous page, so a page costs the same however deep it is and rows added meanwhile
 * neither repeat nor shift the pages. The cursor handed to the caller is opaque (base64url of
 * "epoch micros:id").
 */
public final class Keyset {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private Keyset() {
    }

    public record Cursor(Instant at, String id) {
        String encode() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                long micros = Long.parseLong(text.substring(0, colon));
                String id = text.substring(colon + 1);
                if (id.isEmpty() || id.length() > 64) {
                    throw new IllegalArgumentException("id");
                }
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw AdminException.badRequest("cursor is not one this API gave out");
            }
        }
    }

    /** A page of rows and the cursor of the next one (null on the last page). */
    public record Page<T>(List<T> items, String next) {
    }

    /** Appends "rows before the cursor" to a WHERE clause; a numeric id column compares as a number. */
    static void after(StringBuilder sql, List<Object> args, Cursor cursor, String timeColumn, String idColumn,
                      boolean numericId) {
        if (cursor == null) {
            return;
        }
        Object id;
        try {
            id = numericId ? (Object) Long.parseLong(cursor.id()) : cursor.id();
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("cursor is not one this API gave out");
        }
        sql.append(" AND (").append(timeColumn).append(" < ? OR (").append(timeColumn).append(" = ? AND ")
                .append(idColumn).append(" < ?))");
        args.add(cursor.at());
        args.add(cursor.at());
        args.add(id);
    }

    static void after(StringBuilder sql, List<Object> args, Cursor cursor, String timeColumn, String idColumn) {
        after(sql, args, cursor, timeColumn, idColumn, true);
    }

    /** {@code rows} were read with LIMIT limit + 1: one more than the page says whether there is a next one. */
    static <T> Page<T> page(List<T> rows, int limit, Function<T, Cursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)).encode());
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminException.badRequest("limit must be 1-" + MAX_LIMIT);
    }
}
