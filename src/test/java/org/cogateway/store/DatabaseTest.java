package org.cogateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.cogateway.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    @Test
    void migratesAnEmptyDatabaseAndMapsEveryEntity() throws Exception {
        try (Database db = Database.open(TestDatabases.fresh())) {
            long count = db.fromTransaction(s -> s.createQuery("select count(c) from CertificateEntity c", Long.class)
                    .getSingleResult());
            assertThat(count).isZero();
            try (Connection c = db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from transmission_event")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
