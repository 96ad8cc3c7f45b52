package org.cogateway.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The SQL of the statistics (GetStatistics) and of their CSV export, over {@code goods_item} (V16):
 * one query for the certificate figures (counts, acknowledgements, cancellations, times), which counts
 * each certificate once per group, and one for the goods-item figures (FOB values per currency,
 * balances). Both are GROUP BY queries the database computes; only the groups come back.
 */
public final class StatisticsQueries {
    private final boolean rollups;

    public StatisticsQueries() {
        this(true);
    }

    private StatisticsQueries(boolean rollups) {
        this.rollups = rollups;
    }

    /**
     * The same figures, always computed directly from the goods items and certificates: the reference
     * the statistics benchmark times the roll-ups against, on the same rows.
     */
    public static StatisticsQueries withoutRollups() {
        return new StatisticsQueries(false);
    }

    /** A grouping; {@code itemLevel}: a fact of each goods item rather than of the certificate. */
    public enum Dimension {
        AGREEMENT("g.agreement", "c.agreement"),
        PARTNER("g.partner_id", "c.partner_id"),
        EXPORTER("g.exporter_name", "c.exporter_name"),
        MONTH("g.issue_month", "c.issue_month"),
        STATUS("CASE c.status WHEN 'ISSUED' THEN 'VALID' ELSE c.status END", null),
        ACKNOWLEDGEMENT("COALESCE(c.ack_status, 'NONE')", null),
        REJECTION_REASON("CASE WHEN c.ack_status IN ('REJECTED', 'NOT_READABLE') THEN COALESCE(c.ack_remarks, '')"
                + " ELSE 'NONE' END", null),
        HS_CHAPTER("g.hs_chapter", null),
        HS_HEADING("g.hs_heading", null),
        ORIGIN_CRITERION("g.origin_criterion", null);

        final String sql;
        final boolean itemLevel;
        /** false: read from the certificate row (what changes after the certificate was stored). */
        final boolean onGoodsItem;
        /** The same fact read from the certificate row (V17), for figures of certificates alone. */
        final String certificateSql;

        Dimension(String sql, String certificateCopy) {
            this.sql = sql;
            this.onGoodsItem = sql.startsWith("g.");
            this.itemLevel = onGoodsItem && certificateCopy == null;
            this.certificateSql = onGoodsItem ? certificateCopy : sql;
        }
    }

    /** Whose rows: Customs reads the INBOUND rows of its country, an issuing body the OUTBOUND rows it submitted. */
    public record Scope(boolean inbound, String who) {
        String sql() {
            return sql("g");
        }

        String sql(String table) {
            return inbound ? table + ".direction = 'INBOUND' AND " + table + ".import_country = ?"
                    : table + ".direction = 'OUTBOUND' AND " + table + ".owner = ?";
        }
    }

    /** Each list: any of its values; empty: no restriction. Statuses as the contract names them (VALID, ...). */
    public record Filter(LocalDate issuedFrom, LocalDate issuedTo, List<String> agreements, List<String> partners,
                         List<String> exporters, List<String> hsChapters, List<String> hsHeadings,
                         List<String> originCriteria, List<String> statuses) {
        public static final Filter NONE = new Filter(null, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());

        boolean needsCertificate() {
            return !statuses.isEmpty();
        }

        boolean onItems() {
            return !hsChapters.isEmpty() || !hsHeadings.isEmpty() || !originCriteria.isEmpty();
        }
    }

    public record Group(List<String> key, long certificates, long goodsItems, Map<String, BigDecimal> fob,
                        Map<String, BigDecimal> remainingFob, BigDecimal utilisedShare, long acknowledged,
                        long rejected, long cancelled, long replaced, BigDecimal meanDaysToDelivery,
                        BigDecimal meanDaysToFirstUtilisation) {
    }

    public record Result(List<Group> groups, boolean truncated) {
    }

    // the delivery: received here (INBOUND), or the first receipt of the partner (OUTBOUND)
    private static final String DELIVERED_AT = "CASE WHEN c.direction = 'INBOUND' THEN c.received_at ELSE"
            + " (SELECT MIN(a.started_at) FROM transmission t JOIN transmission_attempt a ON a.transmission_id = t.id"
            + " WHERE t.certificate_id = c.id AND t.kind = 'CERTIFICATE' AND a.outcome = 'DELIVERED') END";

    /**
     * The figures of the largest {@code maxGroups} groups. From the monthly roll-ups (V18,
     * {@link StatisticsRollup}) when one of them answers this grouping and filter exactly; else directly
     * from the goods items and certificates: the certificate figures from {@code certificate} alone when
     * no goods-item dimension or filter is asked (a tenth of the rows), else from the goods items.
     */
    public Result run(Connection c, Scope scope, Filter filter, List<Dimension> dims, int maxGroups)
            throws SQLException {
        StatisticsRollup.Kind rollup = rollups ? StatisticsRollup.answering(scope, filter, dims) : null;
        boolean fromCertificates = !filter.onItems() && dims.stream().noneMatch(d -> d.itemLevel);
        Map<List<String>, Group> groups = rollup != null ? certificateFiguresFromRollup(c, rollup, scope, filter, dims,
                maxGroups + 1)
                : fromCertificates ? certificateFiguresFromCertificates(c, scope, filter, dims, maxGroups + 1)
                : certificateFigures(c, scope, filter, dims, maxGroups + 1);
        boolean truncated = groups.size() > maxGroups;
        if (truncated) {
            List<String> last = null;
            for (List<String> k : groups.keySet()) {
                last = k;
            }
            groups.remove(last);
        }
        if (rollup != null) {
            addItemFiguresFromRollup(c, rollup, scope, filter, dims, groups);
        } else {
            addItemFigures(c, scope, filter, dims, groups);
        }
        return new Result(List.copyOf(groups.values()), truncated);
    }

    /**
     * The certificate figures over certificate rows {@code c}, in the order of the roll-ups' columns
     * (StatisticsRollup.COLUMNS): counts, and the means as sums of seconds and how many, so that they
     * add up across months and groups; the mean is divided out once, in {@link #days}.
     */
    // what each certificate row {@code c} adds to the certificate figures (also read row by row by
    // StatisticsRollup): counts, and the means as sums of seconds and how many, so that they add up
    // across months and groups; the mean is divided out once, in days()
    static final String ACKNOWLEDGED = "CASE WHEN c.ack_status IS NOT NULL THEN 1 ELSE 0 END";
    static final String REJECTED = "CASE WHEN c.ack_status IN ('REJECTED', 'NOT_READABLE') THEN 1 ELSE 0 END";
    static final String CANCELLED = "CASE WHEN c.status = 'CANCELLED' THEN 1 ELSE 0 END";
    static final String REPLACED = "CASE WHEN c.status = 'REPLACED' THEN 1 ELSE 0 END";
    static final String SECONDS_TO_DELIVERY = "TIMESTAMPDIFF(SECOND, c.issue_date, " + DELIVERED_AT + ")";
    static final String SECONDS_TO_USE = "TIMESTAMPDIFF(SECOND, c.issue_date, c.first_utilised_at)";
    private static final List<String> CERTIFICATE_FIGURE_LIST = List.of("COUNT(*)", "SUM(" + ACKNOWLEDGED + ")",
            "SUM(" + REJECTED + ")", "SUM(" + CANCELLED + ")", "SUM(" + REPLACED + ")",
            "COALESCE(SUM(" + SECONDS_TO_DELIVERY + "), 0)", "COUNT(" + SECONDS_TO_DELIVERY + ")",
            "COALESCE(SUM(" + SECONDS_TO_USE + "), 0)", "COUNT(" + SECONDS_TO_USE + ")");
    private static final List<String> CERTIFICATE_FIGURE_NAMES = List.of("certificates", "acknowledged", "rejected",
            "cancelled", "replaced", "delivery_seconds", "delivery_count", "use_seconds", "use_count");
    private static final String CERTIFICATE_FIGURES = named(CERTIFICATE_FIGURE_LIST, CERTIFICATE_FIGURE_NAMES);

    // what each goods item {@code g} adds to the remaining FOB value and the share drawn: rounded (to 6
    // and 8 places) before they are summed, so that a sum kept in a roll-up column is the same exact
    // decimal as the sum over the items, on H2 and MariaDB alike
    static final String REMAINING_FOB = "ROUND(g.fob_value * GREATEST(g.certified - g.drawn, 0) / g.certified, 6)";
    static final String DRAWN_SHARE = "ROUND(CASE WHEN g.drawn >= g.certified THEN 1 ELSE g.drawn / g.certified END, 8)";
    private static final List<String> ITEM_FIGURE_LIST = List.of("COUNT(*)", "SUM(g.fob_value)",
            "SUM(" + REMAINING_FOB + ")", "SUM(" + DRAWN_SHARE + ")");
    private static final List<String> ITEM_FIGURE_NAMES = List.of("items", "fob", "remaining", "drawn_share");
    private static final String ITEM_FIGURES = named(ITEM_FIGURE_LIST, ITEM_FIGURE_NAMES);

    private static String named(List<String> figures, List<String> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            out.add(figures.get(i) + " AS " + names.get(i));
        }
        return String.join(", ", out);
    }

    /** Certificate figures of the largest groups, largest first: one row per certificate and group, then grouped. */
    private Map<List<String>, Group> certificateFigures(Connection c, Scope scope, Filter filter, List<Dimension> dims,
                                                        int limit) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT DISTINCT g.certificate_id");
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).onGoodsItem) {
                inner.append(", ").append(dims.get(i).sql).append(" AS k").append(i);
            }
        }
        inner.append(" FROM goods_item g WHERE ").append(where(scope, filter, args, false));
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            keys.add(dims.get(i).onGoodsItem ? "x.k" + i : dims.get(i).sql);
        }
        keys.forEach(k -> sql.append(k).append(", "));
        sql.append(CERTIFICATE_FIGURES).append(" FROM (").append(inner)
                .append(") x JOIN certificate c ON c.id = x.certificate_id");
        if (filter.needsCertificate()) {
            sql.append(" WHERE ").append(in("c.status", statuses(filter.statuses()), args));
        }
        return readCertificateGroups(c, sql, keys, args, dims, limit);
    }

    /**
     * The same figures from the certificate rows alone (V17), when every dimension and filter is a fact
     * of the certificate: each certificate is one row, so no DISTINCT over its goods items. Only
     * certificates with goods items (issue_month set) count, as on the goods-item path.
     */
    private Map<List<String>, Group> certificateFiguresFromCertificates(Connection c, Scope scope, Filter f,
                                                                        List<Dimension> dims, int limit)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        parts.add(scope.sql("c"));
        args.add(scope.who());
        parts.add("c.issue_month IS NOT NULL");
        if (f.issuedFrom() != null) {
            parts.add("c.issue_date >= ?");
            args.add(f.issuedFrom());
        }
        if (f.issuedTo() != null) {
            parts.add("c.issue_date <= ?");
            args.add(f.issuedTo());
        }
        addIn(parts, "c.agreement", f.agreements(), args);
        addIn(parts, "c.partner_id", f.partners(), args);
        addIn(parts, "c.exporter_name", f.exporters(), args);
        if (!f.statuses().isEmpty()) {
            parts.add(in("c.status", statuses(f.statuses()), args));
        }
        List<String> keys = dims.stream().map(d -> d.certificateSql).toList();
        StringBuilder sql = new StringBuilder("SELECT ");
        keys.forEach(k -> sql.append(k).append(", "));
        sql.append(CERTIFICATE_FIGURES).append(" FROM certificate c WHERE ").append(String.join(" AND ", parts));
        return readCertificateGroups(c, sql, keys, args, dims, limit);
    }

    /**
     * The certificate figures from roll-up {@code k} (V18): its rows and the deltas not yet folded,
     * summed per group; a group whose certificates all moved elsewhere (cancelled, acknowledged) nets
     * to zero and is left out, as the direct path has no row for it.
     */
    private Map<List<String>, Group> certificateFiguresFromRollup(Connection c, StatisticsRollup.Kind k, Scope scope,
                                                                  Filter f, List<Dimension> dims, int limit)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        List<String> keys = dims.stream().map(d -> "r." + k.column(d)).toList();
        StringBuilder sql = new StringBuilder("SELECT ");
        keys.forEach(key -> sql.append(key).append(", "));
        sql.append(named(CERTIFICATE_FIGURE_NAMES.stream().map(n -> "SUM(r." + n + ")").toList(),
                CERTIFICATE_FIGURE_NAMES)).append(" FROM ").append(StatisticsRollup.rows(k, scope, f, false,
                rollupColumns(k, dims, CERTIFICATE_FIGURE_NAMES), args));
        if (!keys.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", keys));
        }
        sql.append(" HAVING SUM(r.certificates) > 0");
        return readCertificateGroups(c, sql, keys, args, dims, limit, false);
    }

    private void addItemFiguresFromRollup(Connection c, StatisticsRollup.Kind k, Scope scope, Filter f,
                                          List<Dimension> dims, Map<List<String>, Group> groups) throws SQLException {
        List<Object> args = new ArrayList<>();
        List<String> keys = dims.stream().map(d -> "r." + k.column(d)).toList();
        StringBuilder sql = new StringBuilder("SELECT ");
        keys.forEach(key -> sql.append(key).append(", "));
        sql.append("r.currency AS currency, ")
                .append(named(ITEM_FIGURE_NAMES.stream().map(n -> "SUM(r." + n + ")").toList(), ITEM_FIGURE_NAMES))
                .append(" FROM ").append(StatisticsRollup.rows(k, scope, f, true, rollupColumns(k, dims,
                        ITEM_FIGURE_NAMES), args)).append(" GROUP BY ");
        keys.forEach(key -> sql.append(key).append(", "));
        sql.append("r.currency HAVING SUM(r.items) > 0");
        readItemFigures(c, sql.toString(), args, dims, groups);
    }

    /** What a roll-up query reads of roll-up {@code k}'s rows: the grouped key columns, the currency and {@code figures}. */
    private static List<String> rollupColumns(StatisticsRollup.Kind k, List<Dimension> dims, List<String> figures) {
        List<String> columns = new ArrayList<>();
        dims.forEach(d -> columns.add(k.select(d)));
        columns.add("currency");
        columns.addAll(figures);
        return columns;
    }

    private Map<List<String>, Group> readCertificateGroups(Connection c, StringBuilder sql, List<String> keys,
                                                           List<Object> args, List<Dimension> dims, int limit)
            throws SQLException {
        return readCertificateGroups(c, sql, keys, args, dims, limit, true);
    }

    private Map<List<String>, Group> readCertificateGroups(Connection c, StringBuilder sql, List<String> keys,
                                                           List<Object> args, List<Dimension> dims, int limit,
                                                           boolean group) throws SQLException {
        if (group && !keys.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", keys));
        }
        sql.append(" ORDER BY certificates DESC");
        for (String k : keys) {
            sql.append(", ").append(k);
        }
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        query(c, sql.toString(), args, limit, rs -> {
            List<String> key = key(rs, dims.size());
            groups.put(key, new Group(key, rs.getLong("certificates"), 0, new TreeMap<>(), new TreeMap<>(), null,
                    rs.getLong("acknowledged"), rs.getLong("rejected"), rs.getLong("cancelled"), rs.getLong("replaced"),
                    days(rs.getLong("delivery_seconds"), rs.getLong("delivery_count")),
                    days(rs.getLong("use_seconds"), rs.getLong("use_count"))));
        });
        // no certificate at all: the totals are still one group, of zeros
        if (groups.isEmpty() && dims.isEmpty()) {
            groups.put(List.of(), new Group(List.of(), 0, 0, new TreeMap<>(), new TreeMap<>(), null, 0, 0, 0, 0,
                    null, null));
        }
        return groups;
    }

    /** Goods-item figures per group and currency, kept for the groups the certificate query chose. */
    private void addItemFigures(Connection c, Scope scope, Filter filter, List<Dimension> dims,
                                Map<List<String>, Group> groups) throws SQLException {
        List<Object> args = new ArrayList<>();
        boolean joinCertificate = filter.needsCertificate() || dims.stream().anyMatch(d -> !d.onGoodsItem);
        String sql = joinCertificate ? itemFiguresPerCertificateSql(scope, filter, dims, args)
                : itemFiguresSql(scope, filter, dims, args);
        readItemFigures(c, sql, args, dims, groups);
    }

    private void readItemFigures(Connection c, String sql, List<Object> args, List<Dimension> dims,
                                 Map<List<String>, Group> groups) throws SQLException {
        Map<List<String>, BigDecimal[]> shares = new HashMap<>();
        query(c, sql, args, 0, rs -> {
            List<String> key = key(rs, dims.size());
            Group g = groups.get(key);
            if (g == null) {
                return;
            }
            String currency = rs.getString("currency");
            long items = rs.getLong("items");
            g.fob().put(currency, money(rs.getBigDecimal("fob")));
            g.remainingFob().put(currency, money(rs.getBigDecimal("remaining")));
            BigDecimal[] share = shares.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            share[0] = share[0].add(rs.getBigDecimal("drawn_share"));
            share[1] = share[1].add(BigDecimal.valueOf(items));
        });
        groups.replaceAll((key, g) -> {
            BigDecimal[] share = shares.get(key);
            long items = share == null ? 0 : share[1].longValue();
            BigDecimal utilised = items == 0 ? null : share[0].divide(share[1], 4, RoundingMode.HALF_UP);
            return new Group(key, g.certificates(), items, g.fob(), g.remainingFob(), utilised, g.acknowledged(),
                    g.rejected(), g.cancelled(), g.replaced(), g.meanDaysToDelivery(), g.meanDaysToFirstUtilisation());
        });
    }

    /** One pass over the goods items, when every dimension and filter is on goods_item. */
    private static String itemFiguresSql(Scope scope, Filter filter, List<Dimension> dims, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (Dimension d : dims) {
            sql.append(d.sql).append(", ");
        }
        // an item without a balance (certified) is not in the item figures
        sql.append("g.fob_currency AS currency, ").append(ITEM_FIGURES).append(" FROM goods_item g WHERE ")
                .append(where(scope, filter, args, false)).append(" AND g.certified IS NOT NULL GROUP BY ");
        for (Dimension d : dims) {
            sql.append(d.sql).append(", ");
        }
        return sql.append("g.fob_currency").toString();
    }

    /**
     * The same figures when a dimension or filter is read from the certificate (status, acknowledgement):
     * summed per certificate first, in goods_item's primary-key order, so that the join to certificate
     * looks up each certificate once instead of once per goods item (a tenth of the lookups); the sums
     * of exact decimals are the same in two steps as in one.
     */
    private static String itemFiguresPerCertificateSql(Scope scope, Filter filter, List<Dimension> dims,
                                                       List<Object> args) {
        StringBuilder inner = new StringBuilder("SELECT g.certificate_id, ");
        StringBuilder innerGroup = new StringBuilder("g.certificate_id, ");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            if (d.onGoodsItem) {
                inner.append(d.sql).append(" AS k").append(i).append(", ");
                innerGroup.append(d.sql).append(", ");
                keys.add("x.k" + i);
            } else {
                keys.add(d.sql);
            }
        }
        inner.append("g.fob_currency AS currency, ").append(ITEM_FIGURES).append(" FROM goods_item g WHERE ")
                .append(where(scope, filter, args, false)).append(" AND g.certified IS NOT NULL GROUP BY ")
                .append(innerGroup).append("g.fob_currency");
        StringBuilder sql = new StringBuilder("SELECT ");
        keys.forEach(k -> sql.append(k).append(", "));
        sql.append("x.currency AS currency, SUM(x.items) AS items, SUM(x.fob) AS fob, SUM(x.remaining) AS remaining,"
                + " SUM(x.drawn_share) AS drawn_share FROM (").append(inner)
                .append(") x JOIN certificate c ON c.id = x.certificate_id");
        if (filter.needsCertificate()) {
            sql.append(" WHERE ").append(in("c.status", statuses(filter.statuses()), args));
        }
        sql.append(" GROUP BY ");
        keys.forEach(k -> sql.append(k).append(", "));
        return sql.append("x.currency").toString();
    }

    /**
     * Streams the rows under the statistics, one goods item per row with its certificate's facts, in
     * certificate and item order, to {@code row}; the driver is asked to stream (fetch size), so no
     * more than a fetch's worth is in memory.
     */
    public void exportRows(Connection c, Scope scope, Filter filter, Consumer<ExportRow> row) throws SQLException {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT c.issuing_country, c.certificate_number, c.version, c.issue_date, c.agreement,"
                + " c.partner_id, c.exporter_name, c.import_country, " + Dimension.STATUS.sql + " AS status,"
                + " c.ack_status, c.received_at, c.first_utilised_at, g.item_number, g.hs_code, g.origin_criterion,"
                + " g.fob_value, g.fob_currency, b.unit, b.certified, b.drawn"
                + " FROM goods_item g JOIN certificate c ON c.id = g.certificate_id"
                + " JOIN goods_balance b ON b.certificate_id = g.certificate_id AND b.item_number = g.item_number"
                + " WHERE " + where(scope, filter, args, true) + " ORDER BY g.certificate_id, g.item_number";
        try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(1000);
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.accept(new ExportRow(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getObject(11, java.time.LocalDateTime.class), rs.getObject(12, java.time.LocalDateTime.class),
                            rs.getInt(13), rs.getString(14), rs.getString(15), rs.getBigDecimal(16), rs.getString(17),
                            rs.getString(18), rs.getBigDecimal(19), rs.getBigDecimal(20)));
                }
            }
        }
    }

    /** One goods item with its certificate's facts; times in UTC. */
    public record ExportRow(String issuingCountry, String certificateNumber, int version, LocalDate issueDate,
                            String agreement, String partner, String exporter, String importCountry, String status,
                            String acknowledgement, java.time.LocalDateTime receivedAt,
                            java.time.LocalDateTime firstUtilisedAt, int itemNumber, String hsCode,
                            String originCriterion, BigDecimal fobValue, String currency, String unit,
                            BigDecimal certified, BigDecimal drawn) {
    }

    private static String where(Scope scope, Filter f, List<Object> args, boolean certificateJoined) {
        List<String> parts = new ArrayList<>();
        parts.add(scope.sql());
        args.add(scope.who());
        if (f.issuedFrom() != null) {
            parts.add("g.issue_date >= ?");
            args.add(f.issuedFrom());
        }
        if (f.issuedTo() != null) {
            parts.add("g.issue_date <= ?");
            args.add(f.issuedTo());
        }
        addIn(parts, "g.agreement", f.agreements(), args);
        addIn(parts, "g.partner_id", f.partners(), args);
        addIn(parts, "g.exporter_name", f.exporters(), args);
        addIn(parts, "g.hs_chapter", f.hsChapters(), args);
        addIn(parts, "g.hs_heading", f.hsHeadings(), args);
        addIn(parts, "g.origin_criterion", f.originCriteria(), args);
        if (certificateJoined && !f.statuses().isEmpty()) {
            parts.add(in("c.status", statuses(f.statuses()), args));
        }
        return String.join(" AND ", parts);
    }

    private static void addIn(List<String> parts, String column, List<String> values, List<Object> args) {
        if (!values.isEmpty()) {
            parts.add(in(column, values, args));
        }
    }

    private static String in(String column, List<String> values, List<Object> args) {
        args.addAll(values);
        return column + " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")";
    }

    private static List<String> statuses(List<String> contractStatuses) {
        return contractStatuses.stream().map(s -> s.equals("VALID") ? "ISSUED" : s).toList();
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Object> args, int limit, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (limit > 0) {
                s.setMaxRows(limit);
            }
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        JdbcTransactions.bind(s, args.toArray());
    }

    private static List<String> key(ResultSet rs, int n) throws SQLException {
        List<String> key = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            key.add(rs.getString(i));
        }
        return List.copyOf(key);
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.setScale(2, RoundingMode.HALF_UP);
    }

    /** The mean in days of {@code count} durations summing to {@code seconds}; null when there is none. */
    private static BigDecimal days(long seconds, long count) {
        return count == 0 ? null : BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(count * 86400L), 2,
                RoundingMode.HALF_UP);
    }
}
