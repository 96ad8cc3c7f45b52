package org.cogateway.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A message table's rows counted by kind, partner and state without reading the table every tick:
 * counted once, then moved by the table's history, the one event row each state change writes in its
 * own transaction (transmission_event, inbound_event). A tick reads only the events of the last
 * {@link #SETTLE} and after, so what it costs follows the message rate, not the size of the log.
 *
 * <p>The counts are kept as of a cursor, an event id below which every event has committed: the
 * cursor moves only past events written at least {@link #SETTLE} ago (as the alert checks do), which
 * no transaction outlasts. The events after it are read again at every tick and added to the kept
 * counts for the figure shown, without moving them. An event moves its row from the state of the
 * row's previous event (none: the row is new) to its own.
 */
final class StateCounts {
    static final Duration SETTLE = Duration.ofMinutes(1);

    /** One gauge row: kind (for inbound messages their action), partner and state. */
    record Group(String kind, String partner, String state) {
    }

    /**
     * Where a table keeps its rows and their history: {@code rows} with {@code kindColumn},
     * partner_id and state; {@code events} (id, at, state) pointing at the row by {@code rowColumn}.
     */
    record History(String rows, String kindColumn, String events, String rowColumn) {
        static final History TRANSMISSIONS = new History("transmission", "kind", "transmission_event", "transmission_id");
        static final History INBOUND = new History("inbound_message", "action", "inbound_event", "inbound_id");

        String countAll() {
            return "SELECT " + kindColumn + " AS kind, partner_id, state, COUNT(*) AS n FROM " + rows
                    + " GROUP BY " + kindColumn + ", partner_id, state";
        }

        String lastEventBefore() {
            return "SELECT MAX(id) FROM " + events + " WHERE at <= ?";
        }

        /** The events after a cursor in id order, each with its row's group and the state of the row's event before. */
        String eventsAfter() {
            return "SELECT e.id, e.at, r." + kindColumn + " AS kind, r.partner_id, e.state,"
                    + " (SELECT p.state FROM " + events + " p WHERE p." + rowColumn + " = e." + rowColumn
                    + " AND p.id < e.id ORDER BY p.id DESC LIMIT 1) AS previous"
                    + " FROM " + events + " e JOIN " + rows + " r ON r.id = e." + rowColumn
                    + " WHERE e.id > ? ORDER BY e.id";
        }
    }

    private record Event(long id, Instant at, Group to, Group from) {
    }

    private final Jdbc jdbc;
    private final History history;
    private final Clock clock;
    // as of the cursor; touched only by the gauges' one timer thread
    private Map<Group, Long> settled;
    private long cursor;

    StateCounts(Jdbc jdbc, History history, Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
    }

    /** The rows of the table now, by group; groups without rows are left out, as a grouped count leaves them. */
    Map<Group, Long> now() {
        Instant settleBefore = clock.instant().minus(SETTLE);
        List<Event> events = settled == null ? countOnce(settleBefore)
                : jdbc.query(history.eventsAfter(), StateCounts::event, cursor);
        long settledUpTo = cursor;
        for (Event e : events) {
            if (!e.at().isAfter(settleBefore)) {
                settledUpTo = Math.max(settledUpTo, e.id());
            }
        }
        for (Event e : events) {
            if (e.id() <= settledUpTo) {
                move(settled, e);
            }
        }
        cursor = settledUpTo;
        Map<Group, Long> current = new HashMap<>(settled);
        for (Event e : events) {
            if (e.id() > settledUpTo) {
                move(current, e);
            }
        }
        current.values().removeIf(n -> n == 0);
        return current;
    }

    /**
     * The first tick: the whole table counted once, in one snapshot with the events after a settled
     * cursor, which are taken off again to give the counts as of the cursor; returns those events.
     */
    private List<Event> countOnce(Instant settleBefore) {
        return jdbc.transaction(Connection.TRANSACTION_REPEATABLE_READ, c -> {
            List<Long> last = Jdbc.query(c, history.lastEventBefore(), rs -> rs.getLong(1), settleBefore);
            long start = last.isEmpty() ? 0 : last.get(0);
            Map<Group, Long> counts = new HashMap<>();
            for (Map.Entry<Group, Long> row : Jdbc.query(c, history.countAll(), rs -> Map.entry(new Group(
                    rs.getString("kind"), rs.getString("partner_id"), rs.getString("state")), rs.getLong("n")))) {
                counts.put(row.getKey(), row.getValue());
            }
            List<Event> after = Jdbc.query(c, history.eventsAfter(), StateCounts::event, start);
            for (Event e : after) {
                unmove(counts, e);
            }
            settled = counts;
            cursor = start;
            return after;
        });
    }

    private static void unmove(Map<Group, Long> counts, Event e) {
        counts.merge(e.to(), -1L, Long::sum);
        if (e.from() != null) {
            counts.merge(e.from(), 1L, Long::sum);
        }
    }

    private static void move(Map<Group, Long> counts, Event e) {
        if (e.from() != null) {
            counts.merge(e.from(), -1L, Long::sum);
        }
        counts.merge(e.to(), 1L, Long::sum);
    }

    private static Event event(java.sql.ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String partner = rs.getString("partner_id");
        String previous = rs.getString("previous");
        return new Event(rs.getLong("id"), Jdbc.instant(rs, "at"), new Group(kind, partner, rs.getString("state")),
                previous == null ? null : new Group(kind, partner, previous));
    }
}
