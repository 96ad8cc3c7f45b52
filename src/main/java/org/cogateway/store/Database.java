package org.cogateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.cogateway.config.ConfigException;
import org.cogateway.config.GatewayConfig;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.Session;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The gateway's database: a HikariCP pool, the Flyway migrations applied at start, and Hibernate
 * over the same pool. One schema serves the embedded H2 (in MariaDB mode) and MariaDB.
 */
public final class Database implements AutoCloseable {
    private static final List<Class<?>> ENTITIES = List.of(
            CertificateEntity.class,
            CertificateInvoiceEntity.class,
            GoodsBalanceEntity.class,
            UtilisationEntity.class,
            TransmissionEntity.class,
            TransmissionEventEntity.class,
            CertificateAnswerEntity.class,
            InboundMessageEntity.class);

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;

    private Database(HikariDataSource dataSource, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
    }

    public static Database open(GatewayConfig.Database settings) {
        return open(settings, null);
    }

    /** As {@link #open(GatewayConfig.Database)}, with the pool's metrics in {@code metrics} (hikaricp_*). */
    public static Database open(GatewayConfig.Database settings, io.micrometer.core.instrument.MeterRegistry metrics) {
        if (settings.embedded()) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new ConfigException("cannot create the data directory " + settings.dataDir() + ": " + e.getMessage());
            }
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setUsername(settings.user());
        pool.setPassword(settings.password());
        pool.setMaximumPoolSize(settings.poolSize());
        pool.setPoolName("cogateway-db");
        pool.setAutoCommit(false);
        // A database that is briefly away (restart, failover) must not fail the start for good:
        // the pool keeps trying to connect while callers wait up to the connection timeout.
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(30_000);
        if (metrics != null) {
            pool.setMetricRegistry(metrics);
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource);
            return new Database(dataSource, sessionFactory(dataSource));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private static SessionFactory sessionFactory(DataSource dataSource) {
        Configuration cfg = new Configuration();
        ENTITIES.forEach(cfg::addAnnotatedClass);
        cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
        cfg.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        cfg.setProperty(AvailableSettings.ORDER_INSERTS, "true");
        return cfg.buildSessionFactory();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T fromTransaction(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    /** Runs {@code work} in one transaction that returns nothing. */
    public void inTransaction(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        sessionFactory.close();
        dataSource.close();
    }
}
