package org.cogateway.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cogateway.store.StatisticsQueries;
import org.cogateway.store.StatisticsQueries.Dimension;
import org.cogateway.store.StatisticsQueries.Filter;
import org.cogateway.store.StatisticsQueries.Group;

/**
 * GetStatistics' figures computed in Java from the stored rows themselves (certificate, goods_item's
 * facts and goods_balance, the balance of record), without any of the statistics' SQL, roll-ups or
 * copies: what the tests hold StatisticsQueries to. Inbound scopes only (Customs).
 */
public final class StatisticsOracle {
    private record Item(long certificate, LocalDate issued, String agreement, String partner, String exporter,
                        String status, String ack, String remarks, LocalDateTime received, LocalDateTime firstUsed,
                        String hsCode, String criterion, BigDecimal fob, String currency, BigDecimal certified,
                        BigDecimal drawn, String importCountry) {
    }

    private final List<Item> items = new ArrayList<>();

    /** Reads every inbound goods item with its certificate and balance, as they are now. */
    public StatisticsOracle(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.id, c.issue_date, c.agreement,"
                + " c.partner_id, c.exporter_name, c.status, c.ack_status, c.ack_remarks, c.received_at,"
                + " c.first_utilised_at, g.hs_code, g.origin_criterion, g.fob_value, g.fob_currency, b.certified,"
                + " b.drawn, c.import_country FROM certificate c JOIN goods_item g ON g.certificate_id = c.id"
                + " JOIN goods_balance b ON b.certificate_id = g.certificate_id AND b.item_number = g.item_number"
                + " WHERE c.direction = 'INBOUND'")) {
            while (rs.next()) {
                items.add(new Item(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, LocalDateTime.class), rs.getObject(10, LocalDateTime.class), rs.getString(11),
                        rs.getString(12), rs.getBigDecimal(13), rs.getString(14), rs.getBigDecimal(15),
                        rs.getBigDecimal(16), rs.getString(17)));
            }
        }
    }

    public int size() {
        return items.size();
    }

    private static String value(Item i, Dimension d) {
        return switch (d) {
            case AGREEMENT -> i.agreement();
            case PARTNER -> i.partner();
            case EXPORTER -> i.exporter();
            case MONTH -> i.issued().toString().substring(0, 7);
            case STATUS -> i.status().equals("ISSUED") ? "VALID" : i.status();
            case ACKNOWLEDGEMENT -> i.ack() == null ? "NONE" : i.ack();
            case REJECTION_REASON -> "REJECTED".equals(i.ack()) || "NOT_READABLE".equals(i.ack())
                    ? (i.remarks() == null ? "" : i.remarks()) : "NONE";
            case HS_CHAPTER -> i.hsCode().substring(0, 2);
            case HS_HEADING -> i.hsCode().substring(0, 4);
            case ORIGIN_CRITERION -> i.criterion();
        };
    }

    private static boolean passes(Item i, Filter f) {
        return (f.issuedFrom() == null || !i.issued().isBefore(f.issuedFrom()))
                && (f.issuedTo() == null || !i.issued().isAfter(f.issuedTo()))
                && in(f.agreements(), i.agreement()) && in(f.partners(), i.partner())
                && in(f.exporters(), i.exporter()) && in(f.hsChapters(), i.hsCode().substring(0, 2))
                && in(f.hsHeadings(), i.hsCode().substring(0, 4)) && in(f.originCriteria(), i.criterion())
                && in(f.statuses(), value(i, Dimension.STATUS));
    }

    private static boolean in(List<String> values, String v) {
        return values.isEmpty() || values.contains(v);
    }

    private static final class Sums {
        final Set<Long> certificates = new HashSet<>();
        long acknowledged;
        long rejected;
        long cancelled;
        long replaced;
        long deliverySeconds;
        long deliveries;
        long useSeconds;
        long uses;
        long items;
        final Map<String, BigDecimal> fob = new TreeMap<>();
        final Map<String, BigDecimal> remaining = new TreeMap<>();
        BigDecimal share = BigDecimal.ZERO;
    }

    /** The figures for Customs of {@code importCountry}, as GetStatistics defines them. */
    public StatisticsQueries.Result run(String importCountry, Filter f, List<Dimension> dims, int maxGroups) {
        Map<List<String>, Sums> groups = new HashMap<>();
        for (Item i : items) {
            if (!i.importCountry().equals(importCountry) || !passes(i, f)) {
                continue;
            }
            List<String> key = dims.stream().map(d -> value(i, d)).toList();
            Sums s = groups.computeIfAbsent(key, k -> new Sums());
            if (s.certificates.add(i.certificate())) {
                s.acknowledged += i.ack() != null ? 1 : 0;
                s.rejected += "REJECTED".equals(i.ack()) || "NOT_READABLE".equals(i.ack()) ? 1 : 0;
                s.cancelled += i.status().equals("CANCELLED") ? 1 : 0;
                s.replaced += i.status().equals("REPLACED") ? 1 : 0;
                s.deliverySeconds += Duration.between(i.issued().atStartOfDay(), i.received()).toSeconds();
                s.deliveries++;
                if (i.firstUsed() != null) {
                    s.useSeconds += Duration.between(i.issued().atStartOfDay(), i.firstUsed()).toSeconds();
                    s.uses++;
                }
            }
            s.items++;
            s.fob.merge(i.currency(), i.fob(), BigDecimal::add);
            BigDecimal left = i.certified().subtract(i.drawn()).max(BigDecimal.ZERO);
            s.remaining.merge(i.currency(), i.fob().multiply(left).divide(i.certified(), 6, RoundingMode.HALF_UP),
                    BigDecimal::add);
            s.share = s.share.add(i.drawn().compareTo(i.certified()) >= 0 ? BigDecimal.ONE
                    : i.drawn().divide(i.certified(), 8, RoundingMode.HALF_UP));
        }
        List<Map.Entry<List<String>, Sums>> sorted = new ArrayList<>(groups.entrySet());
        Comparator<Map.Entry<List<String>, Sums>> order = Comparator.comparingInt(e -> -e.getValue().certificates.size());
        for (int d = 0; d < dims.size(); d++) {
            int n = d;
            order = order.thenComparing(e -> e.getKey().get(n));
        }
        sorted.sort(order);
        Map<List<String>, Group> out = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Sums> e : sorted.subList(0, Math.min(maxGroups, sorted.size()))) {
            Sums s = e.getValue();
            Map<String, BigDecimal> fob = new TreeMap<>();
            s.fob.forEach((k, v) -> fob.put(k, v.setScale(2, RoundingMode.HALF_UP)));
            Map<String, BigDecimal> remaining = new TreeMap<>();
            s.remaining.forEach((k, v) -> remaining.put(k, v.setScale(2, RoundingMode.HALF_UP)));
            out.put(e.getKey(), new Group(e.getKey(), s.certificates.size(), s.items, fob, remaining,
                    s.share.divide(BigDecimal.valueOf(s.items), 4, RoundingMode.HALF_UP), s.acknowledged, s.rejected,
                    s.cancelled, s.replaced, days(s.deliverySeconds, s.deliveries), days(s.useSeconds, s.uses)));
        }
        if (out.isEmpty() && dims.isEmpty()) {
            out.put(List.of(), new Group(List.of(), 0, 0, new TreeMap<>(), new TreeMap<>(), null, 0, 0, 0, 0, null, null));
        }
        return new StatisticsQueries.Result(List.copyOf(out.values()), sorted.size() > maxGroups);
    }

    private static BigDecimal days(long seconds, long count) {
        return count == 0 ? null : BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(count * 86400L), 2,
                RoundingMode.HALF_UP);
    }
}
