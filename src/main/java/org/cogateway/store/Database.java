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
import org.flywaydb.core.api.FlywayException;
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
            TransmissionPayloadEntity.class,
            TransmissionEventEntity.class,
            CertificateAnswerEntity.class,
            InboundMessageEntity.class,
            VerificationEntity.class,
            VerificationDocumentEntity.class);

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
        long timeoutMs = Math.max(250, settings.connectTimeout().toMillis());
        pool.setConnectionTimeout(timeoutMs);
        if (!settings.embedded()) {
            // the driver's own TCP connect bound; without it an unreachable host holds a pool thread for minutes
            pool.addDataSourceProperty("connectTimeout", String.valueOf(timeoutMs));
        }
        if (metrics != null) {
            pool.setMetricRegistry(metrics);
        }
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            migrate(dataSource);
            return new Database(dataSource, sessionFactory(dataSource));
        } catch (FlywayException e) {
            dataSource.close();
            throw causedBy(e, java.sql.SQLTransientConnectionException.class)
                    ? new ConfigException(describe(settings, rootMessage(e))) : e;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Whether the database answers within its connect timeout, with the configured user: null when
     * it does, else one line naming the settings to correct. The start checks call it before any
     * pool exists, so a wrong password or a missing server is reported in seconds, once.
     */
    public static String probe(GatewayConfig.Database settings) {
        if (settings.embedded()) {
            try {
                Files.createDirectories(settings.dataDir());
                return Files.isWritable(settings.dataDir()) ? null
                        : "setting 'gateway.dataDir': " + settings.dataDir() + " is not writable: correct it or its rights";
            } catch (IOException e) {
                return "setting 'gateway.dataDir': cannot create " + settings.dataDir() + " (" + e.getMessage()
                        + "): correct it or its rights";
            }
        }
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", String.valueOf(settings.connectTimeout().toMillis()));
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "db-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            var connection = executor.submit(() -> {
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(settings.url(), properties)) {
                    return c.isValid((int) Math.max(1, settings.connectTimeout().toSeconds()));
                }
            });
            return connection.get(settings.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    ? null : describe(settings, "the connection was not valid");
        } catch (java.util.concurrent.TimeoutException e) {
            return describe(settings, "no answer");
        } catch (java.util.concurrent.ExecutionException e) {
            return describe(settings, rootMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return describe(settings, "interrupted");
        } finally {
            executor.shutdownNow();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(GatewayConfig.Database settings, String problem) {
        return "database at db.url '" + settings.url() + "' as db.user '" + settings.user() + "' not reachable within "
                + "db.connectTimeout " + org.cogateway.config.Durations.format(settings.connectTimeout()) + ": "
                + problem + ": start the database or correct db.url, db.user or db.password";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V18StatisticsRollup(), new V20StatisticsHeadingRollup())
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
        SessionFactory factory = cfg.buildSessionFactory();
        var listeners = factory.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getServiceRegistry()
                .requireService(org.hibernate.event.service.spi.EventListenerRegistry.class);
        listeners.appendListeners(org.hibernate.event.spi.EventType.POST_UPDATE, new GoodsItemBalances());
        CertificateStatusRollup statuses = new CertificateStatusRollup();
        listeners.appendListeners(org.hibernate.event.spi.EventType.PRE_UPDATE, statuses);
        listeners.appendListeners(org.hibernate.event.spi.EventType.POST_UPDATE, statuses);
        return factory;
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
