package org.cogateway.delivery;

import org.cogateway.document.DocumentKind;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cogateway.partner.Partner;
import org.cogateway.partner.RetryPolicy;
import org.cogateway.store.Database;
import org.cogateway.store.TransmissionEntity;
import org.cogateway.store.TransmissionPayloadEntity;
import org.cogateway.store.TransmissionEventEntity;

/** Puts transmissions in the queue as the back-office does, and reads back what the queue made of them. */
final class QueueFixture {
    private final Database db;
    private final long certificateId;

    QueueFixture(Database db) {
        this.db = db;
        this.certificateId = insertCertificate();
    }

    static Partner partner(String id, RetryPolicy retry) {
        return new Partner(id, id + " gateway", id.substring(0, 2).toUpperCase(), id.toUpperCase() + "-GW",
                "urn:oasis:names:tc:ebcore:partyid-type:unregistered", URI.create("http://127.0.0.1:9/as4"),
                Set.of("JIEPA"), id, id, retry, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** A new QUEUED transmission to {@code partnerId}, due at {@code now}; returns its tracking id. */
    String enqueue(String partnerId, Instant now) {
        String id = UUID.randomUUID().toString();
        TransmissionEntity transmission = new TransmissionEntity(id, DocumentKind.CERTIFICATE, certificateId, partnerId,
                "msg-" + id + "@jp-gw.example", "conv-" + id, null, "JIEPA", now);
        db.inTransaction(s -> {
            s.persist(transmission);
            s.persist(new TransmissionPayloadEntity(id, "<CertificateOfOrigin/>"));
        });
        return id;
    }

    TransmissionEntity transmission(String id) {
        return db.fromTransaction(s -> s.find(TransmissionEntity.class, id));
    }

    long countIn(TransmissionState state, List<String> ids) {
        return db.fromTransaction(s -> s.createQuery("select count(t) from TransmissionEntity t"
                        + " where t.state = :state and t.id in :ids", Long.class)
                .setParameter("state", state)
                .setParameterList("ids", ids)
                .getSingleResult());
    }

    /** Removes a queued transmission's document, so that any read of it fails. */
    void dropPayload(String id) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM transmission_payload WHERE transmission_id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each column of {@code table}: its name, JDBC type and size, e.g. "payload LONGVARCHAR 4294967295". */
    List<String> columns(String table) {
        try (Connection c = db.dataSource().getConnection();
             ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, null)) {
            List<String> columns = new java.util.ArrayList<>();
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase() + " " + java.sql.JDBCType.valueOf(rs.getInt("DATA_TYPE"))
                        + " " + rs.getLong("COLUMN_SIZE"));
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> history(String id) {
        return db.fromTransaction(s -> s.createQuery("from TransmissionEventEntity e where e.transmissionId = :id"
                        + " order by e.id", TransmissionEventEntity.class)
                .setParameter("id", id)
                .getResultList()
                .stream()
                .map(e -> e.state() + ": " + e.detail())
                .toList());
    }

    private long insertCertificate() {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO certificate (direction, issuing_country,"
                     + " certificate_number, version, import_country, agreement, exporter_name, status, owner,"
                     + " partner_id, content_sha256, document, received_at)"
                     + " VALUES ('OUTBOUND', 'JP', 'JP-2026-000123', 1, 'ID', 'JIEPA', 'Nippon Export KK', 'ISSUED',"
                     + " 'jp-chamber', 'id', ?, '<CertificateOfOrigin/>', ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, "0".repeat(64));
            s.setObject(2, LocalDateTime.ofInstant(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                c.commit();
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
