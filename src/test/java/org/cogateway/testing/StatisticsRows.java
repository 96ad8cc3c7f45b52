package org.cogateway.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * Loads synthetic inbound certificates with their goods items and balances straight into the tables
 * the statistics read (certificate, goods_item, goods_balance, and the roll-ups' deltas), with batched
 * multi-row INSERTs, for the
 * statistics benchmark and the export's memory test. A year of issue dates, four partners and
 * agreements, 2,000 exporters, all 97 HS chapters, six origin criteria, FOB in USD (and one in ten in
 * JPY), 2% cancelled and 1% replaced, most acknowledged and many drawn on. Seeded: the same rows each run.
 */
public final class StatisticsRows {
    private static final String[] PARTNERS = {"JP", "TH", "VN", "MY"};
    private static final String[] AGREEMENTS = {"JIEPA", "AJCEP", "RCEP", "ATIGA"};
    private static final String[] CRITERIA = {"WO", "PE", "CTH", "CTSH", "RVC40", "PSR"};
    private static final String[] REASONS = {"origin criterion doubtful", "signature not recognised",
            "goods description does not match", "late presentation", "HS code mismatch"};
    private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);
    private static final int ROWS_PER_INSERT = 500;
    private static final BigDecimal CERTIFIED = BigDecimal.valueOf(100);

    private StatisticsRows() {
    }

    /** Loads {@code certificates} certificates of {@code items} goods items each, addressed to {@code importCountry}. */
    public static void load(DataSource dataSource, int certificates, int items, String importCountry,
                            java.util.function.IntConsumer progress) throws SQLException {
        load(dataSource, certificates, items, importCountry, progress, true);
    }

    /**
     * As {@link #load(DataSource, int, int, String, java.util.function.IntConsumer)}; {@code rollups}
     * false: without the roll-ups' deltas, as a gateway of before V18 stored them.
     */
    public static void load(DataSource dataSource, int certificates, int items, String importCountry,
                            java.util.function.IntConsumer progress, boolean rollups) throws SQLException {
        Random random = new Random(42);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            boolean mariadb = TestDatabases.mariadb();
            if (mariadb) {
                // the rows are made consistent here; MariaDB need not look each key up again while loading
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
                }
            }
            long firstId = nextId(c);
            Inserter cert = new Inserter(c, "INSERT INTO certificate (id, direction, issuing_country, certificate_number,"
                    + " version, import_country, agreement, exporter_name, status, status_reason, owner, partner_id,"
                    + " content_sha256, document, received_at, issue_date, ack_status, ack_remarks, ack_at,"
                    + " first_utilised_at, issue_month) VALUES ", 21, null);
            Inserter item = new Inserter(c, "INSERT INTO goods_item (certificate_id, item_number, direction,"
                    + " import_country, owner, issuing_country, agreement, partner_id, exporter_name, issue_date,"
                    + " issue_month, hs_code, hs_chapter, hs_heading, origin_criterion, fob_value, fob_currency,"
                    + " certified, drawn) VALUES ", 19, cert);
            Inserter balance = new Inserter(c, "INSERT INTO goods_balance (certificate_id, item_number, unit, certified,"
                    + " drawn) VALUES ", 5, cert);
            for (int i = 0; i < certificates; i++) {
                long id = firstId + i;
                String partner = PARTNERS[random.nextInt(PARTNERS.length)];
                String agreement = AGREEMENTS[random.nextInt(AGREEMENTS.length)];
                String exporter = String.format("Exporter %04d", random.nextInt(2000));
                LocalDate issued = YEAR_START.plusDays((long) i * 365 / certificates);
                LocalDateTime received = issued.atStartOfDay().plusHours(2 + random.nextInt(70));
                int s = random.nextInt(100);
                String status = s < 2 ? "CANCELLED" : s < 3 ? "REPLACED" : "ISSUED";
                int a = random.nextInt(100);
                String ack = a < 70 ? "ACCEPTED" : a < 80 ? "ACCEPTED_WITH_WARNINGS" : a < 85 ? "REJECTED" : null;
                boolean drawn = ack != null && !ack.equals("REJECTED") && random.nextInt(100) < 75;
                cert.row(id, "INBOUND", partner, "ST-" + id, 1, importCountry, agreement, exporter, status,
                        status.equals("ISSUED") ? null : "benchmark", partner, partner, "0".repeat(64), "<co/>",
                        received, issued, ack, "REJECTED".equals(ack) ? REASONS[random.nextInt(REASONS.length)] : null,
                        ack == null ? null : received.plusHours(1 + random.nextInt(48)),
                        drawn ? received.plusDays(1 + random.nextInt(30)) : null, issued.toString().substring(0, 7));
                for (int n = 1; n <= items; n++) {
                    String hs = String.format("%02d%02d%02d", 1 + random.nextInt(97), 1 + random.nextInt(20),
                            random.nextInt(100));
                    BigDecimal fob = BigDecimal.valueOf(100 + random.nextInt(10_000_000), 2);
                    String criterion = CRITERIA[random.nextInt(CRITERIA.length)];
                    String currency = random.nextInt(10) == 0 ? "JPY" : "USD";
                    BigDecimal drawnQuantity = drawn ? BigDecimal.valueOf(25L * random.nextInt(5)) : BigDecimal.ZERO;
                    // the balance twice, as the gateway keeps it (goods_balance, and its copy on goods_item, V17)
                    item.row(id, n, "INBOUND", importCountry, partner, partner, agreement, partner, exporter, issued,
                            issued.toString().substring(0, 7), hs, hs.substring(0, 2), hs.substring(0, 4), criterion,
                            fob, currency, CERTIFIED, drawnQuantity);
                    balance.row(id, n, "H87", CERTIFIED, drawnQuantity);
                }
                if ((i + 1) % 1000 == 0 || i == certificates - 1) {
                    cert.flush();
                    item.flush();
                    balance.flush();
                    if (rollups) {
                        // what CertificateWriter adds to the roll-ups for each certificate it stores (V18)
                        org.cogateway.store.StatisticsRollup.addRange(c, "statistics_delta",
                                firstId + (i / 1000) * 1000L, id);
                    }
                    c.commit();
                    if (progress != null) {
                        progress.accept(i + 1);
                    }
                }
            }
            for (Inserter x : new Inserter[] {cert, item, balance}) {
                x.close();
            }
            if (mariadb) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION foreign_key_checks = 1, unique_checks = 1");
                }
            }
        }
    }

    private static long nextId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM certificate")) {
            rs.next();
            return rs.getLong(1) + 1;
        }
    }

    /**
     * Collects rows and sends them as INSERT ... VALUES (...), (...), ... of up to 500 rows; the rows of
     * {@code parent} (the certificates the items refer to) are sent first.
     */
    private static final class Inserter {
        private final Connection c;
        private final String head;
        private final int columns;
        private final Inserter parent;
        private final List<Object> values = new ArrayList<>();
        private PreparedStatement full;

        Inserter(Connection c, String head, int columns, Inserter parent) {
            this.c = c;
            this.head = head;
            this.columns = columns;
            this.parent = parent;
        }

        void row(Object... row) throws SQLException {
            Collections.addAll(values, row);
            if (values.size() == columns * ROWS_PER_INSERT) {
                if (parent != null) {
                    parent.flush();
                }
                if (full == null) {
                    full = c.prepareStatement(sql(ROWS_PER_INSERT));
                }
                send(full);
            }
        }

        void flush() throws SQLException {
            if (!values.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(sql(values.size() / columns))) {
                    send(s);
                }
            }
        }

        private void send(PreparedStatement s) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            s.executeUpdate();
            values.clear();
        }

        void close() throws SQLException {
            if (full != null) {
                full.close();
            }
        }

        private String sql(int rows) {
            String one = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
            return head + String.join(", ", Collections.nCopies(rows, one));
        }
    }
}
