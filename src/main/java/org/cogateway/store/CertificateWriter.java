package org.cogateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.GoodsItemType;
import org.cogateway.contract.co.InvoiceType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.hibernate.Session;

/**
 * Stores a validated certificate version with what is indexed about it: its invoices (for
 * QueryCertificate), the certified quantity of each goods item (the utilisation balance) and the
 * goods items' facts the statistics group by (V16).
 * The back-office uses it for what issuing bodies submit, the AS4 receiver for what partners send.
 */
public final class CertificateWriter {
    private final CertificateDocuments documents;

    public CertificateWriter(CertificateDocuments documents) {
        this.documents = documents;
    }

    public CertificateEntity insert(Session s, CertificateEntity.Direction direction, String issuingCountry,
                                    CertificateOfOriginType co, String owner, String partnerId, Instant at) {
        String xml = documents.certificateToXml(co);
        CertificateEntity entity = new CertificateEntity(direction, CertificateDocuments.facts(co, issuingCountry),
                owner, partnerId, CertificateDocuments.sha256(xml), xml, at);
        s.persist(entity);
        co.getInvoice().stream()
                .map(InvoiceType::getNumber)
                .distinct()
                .forEach(number -> s.persist(new CertificateInvoiceEntity(entity.id(), number)));
        for (GoodsItemType item : co.getGoodsItem()) {
            s.persist(new GoodsBalanceEntity(entity.id(), item.getItemNumber(), item.getQuantity().getUnit(),
                    item.getQuantity().getValue()));
        }
        LocalDate issued = Dates.localDate(co.getIssueDate());
        s.doWork(c -> {
            indexForStatistics(c, entity, co, issued);
            // the inbound roll-ups (V18) count it in the same transaction
            if (direction == CertificateEntity.Direction.INBOUND) {
                StatisticsRollup.add(c, entity.id());
            }
        });
        return entity;
    }

    /** The issue date and one goods_item row per item (V16): what the statistics group and sum without XML. */
    private static void indexForStatistics(Connection c, CertificateEntity e, CertificateOfOriginType co,
                                           LocalDate issued) throws SQLException {
        String month = issued.toString().substring(0, 7);
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE certificate SET issue_date = ?, issue_month = ? WHERE id = ?")) {
            update.setObject(1, issued);
            update.setString(2, co.getGoodsItem().isEmpty() ? null : month);
            update.setLong(3, e.id());
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO goods_item (certificate_id, item_number,"
                + " direction, import_country, owner, issuing_country, agreement, partner_id, exporter_name,"
                + " issue_date, issue_month, hs_code, hs_chapter, hs_heading, origin_criterion, fob_value, fob_currency,"
                + " certified, drawn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (GoodsItemType item : co.getGoodsItem()) {
                String hs = item.getHsCode();
                int i = 1;
                insert.setLong(i++, e.id());
                insert.setInt(i++, item.getItemNumber());
                insert.setString(i++, e.direction().name());
                insert.setString(i++, e.importCountry());
                insert.setString(i++, e.owner());
                insert.setString(i++, e.issuingCountry());
                insert.setString(i++, e.agreement());
                insert.setString(i++, e.partnerId());
                insert.setString(i++, e.exporterName());
                insert.setObject(i++, issued);
                insert.setString(i++, month);
                insert.setString(i++, hs);
                insert.setString(i++, hs.substring(0, 2));
                insert.setString(i++, hs.substring(0, 4));
                insert.setString(i++, item.getOriginCriterion());
                insert.setBigDecimal(i++, item.getFobValue().getValue());
                insert.setString(i++, item.getFobValue().getCurrency());
                // the balance as goods_balance starts it (GoodsBalanceEntity), kept equal by GoodsItemBalances
                insert.setBigDecimal(i++, item.getQuantity().getValue());
                insert.setBigDecimal(i, java.math.BigDecimal.ZERO);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The digest that decides whether a resubmission is the same document as the stored one. */
    public String digest(CertificateOfOriginType co) {
        return CertificateDocuments.sha256(documents.certificateToXml(co));
    }
}
