package org.cogateway.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.cogateway.store.StatisticsQueries.Dimension;
import org.cogateway.store.StatisticsQueries.Filter;

/**
 * Monthly roll-ups of the inbound statistics (V18, V20): the figures of GetStatistics summed per
 * month, agreement and partner (and per status, acknowledgement and rejection reason; per HS chapter;
 * per exporter; per origin criterion; per HS heading; per heading and criterion), so that Customs'
 * figures of a year of a busy exchange are read from roll-up rows instead of ten million goods items.
 *
 * <p>Exact and immediate: every change that moves a figure (a certificate stored, its status,
 * acknowledgement or first utilisation, a balance drawn on) writes, in its own transaction, the
 * certificate's contribution before the change with a minus sign and after it with a plus sign to
 * {@code statistics_delta}. Writers only append there, so concurrent receipts never wait for each other
 * on a shared total row; {@link #fold} moves the deltas into {@code statistics_month} in the background,
 * and a query reads both, so what it sees does not depend on when the last fold ran. Both sides are
 * computed by the same SQL over goods_item and certificate as the direct path, per certificate.
 *
 * <p>Inbound only (Customs' scope): there the time to delivery is the arrival here. For outbound
 * certificates it is the partner's first receipt, recorded by the delivery queue, which this does not
 * follow; issuing bodies' figures are computed by the direct path.
 */
public final class StatisticsRollup {

    /** A roll-up: what it adds to month, agreement and partner, in key columns key1..key3. */
    enum Kind {
        CERTIFICATE("C", List.of(Dimension.STATUS, Dimension.ACKNOWLEDGEMENT, Dimension.REJECTION_REASON)),
        HS_CHAPTER("H2", List.of(Dimension.HS_CHAPTER)),
        EXPORTER("E", List.of(Dimension.EXPORTER)),
        ORIGIN_CRITERION("OC", List.of(Dimension.ORIGIN_CRITERION)),
        HS_HEADING("H4", List.of(Dimension.HS_HEADING)),
        HS_HEADING_CRITERION("HC", List.of(Dimension.HS_HEADING, Dimension.ORIGIN_CRITERION));

        /** The roll-ups V18 made and backfilled; the others came later, each with its own backfill. */
        static final Set<Kind> V18 = EnumSet.of(CERTIFICATE, HS_CHAPTER, EXPORTER);

        final String code;
        final List<Dimension> extra;

        Kind(String code, List<Dimension> extra) {
            this.code = code;
            this.extra = extra;
        }

        /**
         * The column holding {@code d} as a query reads it: cut to the width of the column the value came
         * from (it is never longer), because MariaDB keeps a temporary table's text at its declared width
         * and key1's 512 characters per row, for a few hundred thousand rows, would put it on disk.
         */
        String select(Dimension d) {
            int width = switch (d) {
                case HS_CHAPTER -> 2;
                case HS_HEADING -> 4;
                case ORIGIN_CRITERION, STATUS -> 12;
                case ACKNOWLEDGEMENT -> 24;
                case EXPORTER -> 256;
                default -> 0;
            };
            return width == 0 ? column(d) : "SUBSTRING(" + column(d) + ", 1, " + width + ") AS " + column(d);
        }

        /** The column of the roll-up that holds {@code d}, or null when this roll-up does not keep it. */
        String column(Dimension d) {
            return switch (d) {
                case AGREEMENT -> "agreement";
                case PARTNER -> "partner_id";
                case MONTH -> "issue_month";
                default -> extra.contains(d) ? "key" + (extra.indexOf(d) + 1) : null;
            };
        }
    }

    private static final String KEY_COLUMNS = "kind, direction, who, issue_month, agreement, partner_id, key1, key2,"
            + " key3, currency";
    private static final String FIGURE_COLUMNS = "certificates, acknowledged, rejected, cancelled, replaced,"
            + " delivery_seconds, delivery_count, use_seconds, use_count, items, fob, remaining, drawn_share";
    static final String COLUMNS = KEY_COLUMNS + ", " + FIGURE_COLUMNS;
    private static final int FOLD_BATCH = 5000;
    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);

    private StatisticsRollup() {
    }

    /** Adds the contribution of certificate {@code id}, just stored in this transaction. */
    static void add(Connection c, long id) throws SQLException {
        Sums sums = new Sums();
        read(c, "c.id = ? AND g.certificate_id = ?", List.of(id, id), false, 1, true, ALL, sums);
        sums.write(c, "statistics_delta");
    }

    /**
     * What certificate {@code id} contributes before a change in this transaction: read with row locks
     * (so the latest committed state, and a concurrent change of the same certificate waits), keyed by
     * the goods items' primary key so that no gap after them is locked (which would hold up the next
     * certificate's goods items). {@link Change#after} then writes the difference.
     *
     * @param itemNumber the one goods item whose balance changes, or null: the whole certificate
     */
    static Change before(Connection c, long id, Integer itemNumber) throws SQLException {
        Change change = new Change(c, id, itemNumber);
        change.read(-1);
        return change;
    }

    /** A change of one certificate (or of one goods item's balance) in progress; see {@link #before}. */
    static final class Change {
        private final Connection c;
        private final long id;
        private final List<Object> args = new ArrayList<>();
        private final String where;
        private final boolean wholeCertificate;
        private final Sums sums = new Sums();

        private Change(Connection c, long id, Integer itemNumber) throws SQLException {
            this.c = c;
            this.id = id;
            this.wholeCertificate = itemNumber == null;
            List<Integer> items = new ArrayList<>();
            if (itemNumber != null) {
                items.add(itemNumber);
            } else {
                try (PreparedStatement s = c.prepareStatement("SELECT item_number FROM goods_item WHERE certificate_id = ?")) {
                    s.setLong(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            items.add(rs.getInt(1));
                        }
                    }
                }
            }
            args.add(id);
            args.add(id);
            args.addAll(items);
            where = items.isEmpty() ? null : "c.id = ? AND g.certificate_id = ? AND g.item_number IN ("
                    + String.join(", ", Collections.nCopies(items.size(), "?")) + ")";
        }

        private void read(int sign) throws SQLException {
            if (where != null) {
                StatisticsRollup.read(c, where, args, true, sign, wholeCertificate, ALL, sums);
            }
        }

        /** After the change: writes what moved (new minus old), nothing when no figure did. */
        void after() throws SQLException {
            read(1);
            sums.write(c, "statistics_delta");
        }
    }

    /**
     * Adds the certificates with ids {@code from..to} that were written without the roll-ups (a loader
     * of synthetic rows) to {@code table}.
     */
    public static void addRange(Connection c, String table, long from, long to) throws SQLException {
        Sums sums = new Sums();
        read(c, "c.id BETWEEN ? AND ?", List.of(from, to), false, 1, true, ALL, sums);
        sums.write(c, table);
    }

    /**
     * Adds the roll-ups {@code kinds} of every stored certificate to statistics_month (the migration
     * that makes a roll-up backfills it so, once), one month and partner at a time: the groups of one
     * pass are the whole month's (month and partner are key columns), so each is written once, final,
     * and no more than one month of one partner's groups is in memory.
     */
    static void backfill(Connection c, Set<Kind> kinds) throws SQLException {
        List<List<Object>> passes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT issue_month, partner_id FROM certificate"
                + " WHERE direction = 'INBOUND' AND issue_month IS NOT NULL"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                passes.add(List.of(rs.getString(1), rs.getString(2)));
            }
        }
        for (List<Object> monthAndPartner : passes) {
            Sums sums = new Sums();
            read(c, "c.issue_month = ? AND c.partner_id = ?", monthAndPartner, false, 1, true, kinds, sums);
            sums.write(c, "statistics_month");
        }
    }

    // the facts of each goods item with its certificate's: columns 2-9 the certificate's keys (see
    // KEY_ROW), 10-15 its figures, 16-24 the item's
    private static final String ROWS = "SELECT c.id, c.import_country, c.issue_month, c.agreement, c.partner_id, "
            + Dimension.STATUS.sql + ", " + Dimension.ACKNOWLEDGEMENT.sql + ", " + Dimension.REJECTION_REASON.sql
            + ", c.exporter_name, " + StatisticsQueries.ACKNOWLEDGED + ", " + StatisticsQueries.REJECTED + ", "
            + StatisticsQueries.CANCELLED + ", " + StatisticsQueries.REPLACED + ", "
            + StatisticsQueries.SECONDS_TO_DELIVERY + ", " + StatisticsQueries.SECONDS_TO_USE + ", g.item_number,"
            + " g.hs_chapter, g.fob_currency, g.fob_value, " + StatisticsQueries.REMAINING_FOB + ", "
            + StatisticsQueries.DRAWN_SHARE + ", g.certified, g.hs_heading, g.origin_criterion"
            + " FROM certificate c JOIN goods_item g ON g.certificate_id = c.id WHERE ";

    /** The column of ROWS holding each kept dimension's value. */
    private static int column(Dimension d) {
        return switch (d) {
            case STATUS -> 6;
            case ACKNOWLEDGEMENT -> 7;
            case REJECTION_REASON -> 8;
            case EXPORTER -> 9;
            case HS_CHAPTER -> 17;
            case HS_HEADING -> 23;
            case ORIGIN_CRITERION -> 24;
            default -> throw new IllegalArgumentException(d + " is not kept in a roll-up key column");
        };
    }

    /**
     * Reads the goods items of the certificates {@code where} selects, in certificate order, and adds
     * {@code sign} times their contribution to {@code sums}: per roll-up, each certificate once per
     * group (so once per HS chapter it has items in) and each item with a balance once per group and
     * currency; with {@code certificates} false only the items' part (a balance change).
     */
    private static void read(Connection c, String where, List<?> args, boolean lock, int sign, boolean certificates,
                             Set<Kind> kinds, Sums sums) throws SQLException {
        String sql = ROWS + where + " AND c.direction = 'INBOUND' AND c.issue_month IS NOT NULL ORDER BY c.id"
                + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(1000);
            JdbcTransactions.bind(s, args.toArray());
            try (ResultSet rs = s.executeQuery()) {
                long current = -1;
                java.util.Set<List<String>> counted = new java.util.HashSet<>();
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id != current) {
                        current = id;
                        counted.clear();
                    }
                    for (Kind k : kinds) {
                        List<String> key = new ArrayList<>(10);
                        key.add(k.code);
                        key.add("INBOUND");
                        for (int i = 2; i <= 5; i++) {
                            key.add(rs.getString(i));
                        }
                        for (int i = 0; i < 3; i++) {
                            key.add(i < k.extra.size() ? rs.getString(column(k.extra.get(i))) : "");
                        }
                        if (certificates && counted.add(List.copyOf(key))) {
                            key.add("");
                            long[] n = sums.longs(key);
                            n[0] += sign;
                            for (int i = 0; i < 4; i++) {
                                n[1 + i] += sign * rs.getLong(10 + i);
                            }
                            for (int i = 0; i < 2; i++) {
                                long seconds = rs.getLong(14 + i);
                                if (!rs.wasNull()) {
                                    n[5 + 2 * i] += sign * seconds;
                                    n[6 + 2 * i] += sign;
                                }
                            }
                            key.remove(9);
                        }
                        if (rs.getBigDecimal(22) != null) {
                            key.add(rs.getString(18));
                            long[] n = sums.longs(key);
                            n[9] += sign;
                            BigDecimal[] d = sums.decimals(key);
                            BigDecimal m = BigDecimal.valueOf(sign);
                            d[0] = d[0].add(rs.getBigDecimal(19).multiply(m));
                            d[1] = d[1].add(rs.getBigDecimal(20).multiply(m));
                            d[2] = d[2].add(rs.getBigDecimal(21).multiply(m));
                        }
                    }
                }
            }
        }
    }

    /** Figures per roll-up row (kind and key columns, as in COLUMNS), summed in Java. */
    private static final class Sums {
        private final Map<List<String>, long[]> longs = new LinkedHashMap<>();
        private final Map<List<String>, BigDecimal[]> decimals = new LinkedHashMap<>();

        long[] longs(List<String> key) {
            return longs.computeIfAbsent(List.copyOf(key), k -> new long[10]);
        }

        BigDecimal[] decimals(List<String> key) {
            return decimals.computeIfAbsent(List.copyOf(key),
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        }

        /** One row per group whose figures are not all zero, in batches. */
        void write(Connection c, String table) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES ("
                    + String.join(", ", Collections.nCopies(23, "?")) + ")")) {
                int batched = 0;
                for (Map.Entry<List<String>, long[]> e : longs.entrySet()) {
                    BigDecimal[] d = decimals.getOrDefault(e.getKey(),
                            new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                    if (java.util.Arrays.stream(e.getValue()).allMatch(v -> v == 0)
                            && java.util.Arrays.stream(d).allMatch(v -> v.signum() == 0)) {
                        continue;
                    }
                    int i = 1;
                    for (String k : e.getKey()) {
                        insert.setString(i++, k);
                    }
                    for (long v : e.getValue()) {
                        insert.setLong(i++, v);
                    }
                    for (BigDecimal v : d) {
                        insert.setBigDecimal(i++, v);
                    }
                    insert.addBatch();
                    if (++batched % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                if (batched % 500 != 0) {
                    insert.executeBatch();
                }
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            JdbcTransactions.bind(s, args);
            s.executeUpdate();
        }
    }

    // ---- reading

    /** The roll-up that can answer this grouping and filter exactly, or null (then the direct path does). */
    static Kind answering(StatisticsQueries.Scope scope, Filter f, List<Dimension> dims) {
        if (!scope.inbound() || !wholeMonths(f.issuedFrom(), f.issuedTo())) {
            return null;
        }
        Map<Dimension, List<String>> filters = filters(f);
        for (Kind k : Kind.values()) {
            if (answers(k, filters, dims)) {
                return k;
            }
        }
        return null;
    }

    private static boolean answers(Kind k, Map<Dimension, List<String>> filters, List<Dimension> dims) {
        if (!dims.stream().allMatch(d -> k.column(d) != null)) {
            return false;
        }
        for (Map.Entry<Dimension, List<String>> filter : filters.entrySet()) {
            if (!filter.getValue().isEmpty() && !k.extra.contains(filter.getKey())) {
                return false;
            }
        }
        // a certificate with goods items in two values of an item's key (HS chapters 87 and 72) is in a
        // row of each: summed over both it would count twice, so such a key is grouped by or filtered
        // to one value
        for (Dimension d : k.extra) {
            if (d.itemLevel && !dims.contains(d) && filters.get(d).size() != 1) {
                return false;
            }
        }
        return true;
    }

    /** The filter's lists on the dimensions a roll-up may keep in a key column. */
    private static Map<Dimension, List<String>> filters(Filter f) {
        Map<Dimension, List<String>> filters = new java.util.EnumMap<>(Dimension.class);
        filters.put(Dimension.STATUS, f.statuses());
        filters.put(Dimension.EXPORTER, f.exporters());
        filters.put(Dimension.HS_CHAPTER, f.hsChapters());
        filters.put(Dimension.HS_HEADING, f.hsHeadings());
        filters.put(Dimension.ORIGIN_CRITERION, f.originCriteria());
        return filters;
    }

    private static boolean wholeMonths(LocalDate from, LocalDate to) {
        return (from == null || from.getDayOfMonth() == 1)
                && (to == null || to.getDayOfMonth() == to.lengthOfMonth());
    }

    /**
     * The {@code columns} of the rows of roll-up {@code k} in scope and filter, folded or not yet
     * ({@code items}: the goods-item rows, one per currency; else the certificate rows), with their
     * arguments added to {@code args}: a derived table the caller groups. Only the columns asked for,
     * as MariaDB materialises it with its key columns at their full declared width.
     */
    static String rows(Kind k, StatisticsQueries.Scope scope, Filter f, boolean items, List<String> columns,
                       List<Object> args) {
        List<String> parts = new ArrayList<>();
        List<Object> one = new ArrayList<>();
        parts.add("kind = '" + k.code + "' AND direction = 'INBOUND' AND who = ?");
        one.add(scope.who());
        parts.add(items ? "currency <> ''" : "currency = ''");
        if (f.issuedFrom() != null) {
            parts.add("issue_month >= ?");
            one.add(f.issuedFrom().toString().substring(0, 7));
        }
        if (f.issuedTo() != null) {
            parts.add("issue_month <= ?");
            one.add(f.issuedTo().toString().substring(0, 7));
        }
        in(parts, "agreement", f.agreements(), one);
        in(parts, "partner_id", f.partners(), one);
        filters(f).forEach((d, values) -> in(parts, k.column(d), values, one));
        String where = String.join(" AND ", parts);
        args.addAll(one);
        args.addAll(one);
        String select = String.join(", ", columns);
        return "(SELECT " + select + " FROM statistics_month WHERE " + where + " UNION ALL SELECT " + select
                + " FROM statistics_delta WHERE " + where + ") r";
    }

    private static void in(List<String> parts, String column, List<String> values, List<Object> args) {
        if (!values.isEmpty()) {
            parts.add(column + " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")");
            args.addAll(values);
        }
    }

    // ---- folding

    /**
     * Moves up to {@value #FOLD_BATCH} deltas into statistics_month per transaction until none are left:
     * summed per group, added to the group's row (or a new one), and the deltas read deleted by id, so
     * a delta whose transaction commits meanwhile is left for the next fold. One folder at a time (the
     * statistics_fold row's lock) even with several nodes on one database.
     *
     * @return how many deltas were folded
     */
    public static long fold(DataSource dataSource) throws SQLException {
        long total = 0;
        while (true) {
            int folded = JdbcTransactions.run(dataSource, Connection.TRANSACTION_READ_COMMITTED, StatisticsRollup::foldBatch);
            total += folded;
            if (folded < FOLD_BATCH) {
                return total;
            }
        }
    }

    private static int foldBatch(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM statistics_fold WHERE id = 1 FOR UPDATE");
             ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the statistics_fold row is missing (migration V18)");
            }
        }
        Map<List<String>, Object[]> sums = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, " + COLUMNS + " FROM statistics_delta ORDER BY id"
                + " LIMIT " + FOLD_BATCH); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                List<String> key = new ArrayList<>(10);
                for (int i = 2; i <= 11; i++) {
                    key.add(rs.getString(i));
                }
                Object[] sum = sums.computeIfAbsent(List.copyOf(key), x -> zeros());
                for (int i = 0; i < 13; i++) {
                    sum[i] = i < 10 ? (Object) ((Long) sum[i] + rs.getLong(12 + i))
                            : ((BigDecimal) sum[i]).add(rs.getBigDecimal(12 + i));
                }
            }
        }
        String[] keyColumns = KEY_COLUMNS.split(", ");
        String[] figureColumns = FIGURE_COLUMNS.split(", ");
        StringBuilder set = new StringBuilder();
        for (String f : figureColumns) {
            set.append(set.isEmpty() ? "" : ", ").append(f).append(" = ").append(f).append(" + ?");
        }
        String match = String.join(" = ? AND ", keyColumns) + " = ?";
        try (PreparedStatement up = c.prepareStatement("UPDATE statistics_month SET " + set + " WHERE " + match);
             PreparedStatement insert = c.prepareStatement("INSERT INTO statistics_month (" + COLUMNS + ") VALUES ("
                     + String.join(", ", Collections.nCopies(23, "?")) + ")")) {
            for (Map.Entry<List<String>, Object[]> e : sums.entrySet()) {
                Object[] updateArgs = new Object[23];
                System.arraycopy(e.getValue(), 0, updateArgs, 0, 13);
                for (int i = 0; i < 10; i++) {
                    updateArgs[13 + i] = e.getKey().get(i);
                }
                JdbcTransactions.bind(up, updateArgs);
                if (up.executeUpdate() == 0) {
                    Object[] insertArgs = new Object[23];
                    for (int i = 0; i < 10; i++) {
                        insertArgs[i] = e.getKey().get(i);
                    }
                    System.arraycopy(e.getValue(), 0, insertArgs, 10, 13);
                    JdbcTransactions.bind(insert, insertArgs);
                    insert.executeUpdate();
                }
            }
        }
        for (int i = 0; i < ids.size(); i += 500) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            update(c, "DELETE FROM statistics_delta WHERE id IN (" + String.join(", ",
                    Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray());
        }
        return ids.size();
    }

    private static Object[] zeros() {
        Object[] z = new Object[13];
        for (int i = 0; i < 13; i++) {
            z[i] = i < 10 ? (Object) 0L : BigDecimal.ZERO;
        }
        return z;
    }
}
