package org.cogateway;

import java.time.Clock;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.backoffice.Outbox;
import org.cogateway.config.GatewayConfig;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.store.Database;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.validation.CertificateValidator;
import org.cogateway.validation.CodeLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a gateway from its configuration, with constructors,
 * and starts it. The command line, the demo and the tests all start gateways through here, so what
 * is tested is what runs.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Database db;
    private final BackOfficeService backOffice;

    private Gateway(GatewayConfig config, Database db, BackOfficeService backOffice) {
        this.config = config;
        this.db = db;
        this.backOffice = backOffice;
    }

    public static Gateway start(GatewayConfig config, Clock clock) {
        GatewayCrypto crypto = new GatewayCrypto(config.keys());
        Database db = Database.open(config.database());
        try {
            CertificateDocuments documents = new CertificateDocuments();
            CertificateValidator validator = new CertificateValidator(CodeLists.loadDefault(), clock);
            Outbox outbox = new Outbox(new TransmissionRepository(), config.identity().partyId(), clock, () -> { });
            BackOfficeService backOffice = new BackOfficeService(db, validator, documents, config.partners(),
                    config.callers(), crypto.trustCrypto(), config.identity().country(), outbox, config.http().maxRequestBytes(), clock);
            Gateway gateway = new Gateway(config, db, backOffice);
            backOffice.publish(gateway.baseUrl());
            log.info("gateway {} ({}) serving on {} with {} database", config.identity().partyId(),
                    config.identity().country(), gateway.baseUrl(), config.database().embedded() ? "embedded H2" : "external");
            return gateway;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://" + config.http().host() + ":" + config.http().port();
    }

    public GatewayConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        backOffice.close();
        db.close();
        log.info("gateway {} stopped", config.identity().partyId());
    }
}
