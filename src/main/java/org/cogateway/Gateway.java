package org.cogateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import org.apache.cxf.BusFactory;
import org.cogateway.admin.AdminFace;
import org.cogateway.admin.AuditLog;
import org.cogateway.admin.Retention;
import org.cogateway.admin.PlatformMetrics;
import org.cogateway.alerts.Alerts;
import org.cogateway.as4.As4Client;
import org.cogateway.as4.As4Endpoint;
import org.cogateway.as4.As4TransmissionSender;
import org.cogateway.as4.DocumentPart;
import org.cogateway.backoffice.BackOfficeService;
import org.cogateway.backoffice.Outbox;
import org.cogateway.config.GatewayConfig;
import org.cogateway.delivery.Backoff;
import org.cogateway.delivery.DeliveryWorker;
import org.cogateway.delivery.OutboundQueue;
import org.cogateway.delivery.QuietPartnerPinger;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.DocumentKind;
import org.cogateway.http.Listener;
import org.cogateway.inbound.InboundDocuments;
import org.cogateway.inbound.ReceiveAcknowledgement;
import org.cogateway.inbound.ReceiveCertificate;
import org.cogateway.inbound.ReceiveStatusChange;
import org.cogateway.inbound.ReceiveUtilisation;
import org.cogateway.inbound.ReceiveVerificationAnswer;
import org.cogateway.inbound.ReceiveVerificationRequest;
import org.cogateway.security.GatewayCrypto;
import org.cogateway.security.LoginThrottle;
import org.cogateway.security.TlsContexts;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.CertificateWriter;
import org.cogateway.store.Database;
import org.cogateway.store.StatisticsFolding;
import org.cogateway.store.PartnerLinks;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.store.VerificationRepository;
import org.cogateway.validation.CertificateValidator;
import org.cogateway.validation.CodeLists;
import org.cogateway.validation.VerificationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a gateway from its configuration, with constructors,
 * and starts it. The command line, the demo and the tests all start gateways through here, so what
 * is tested is what runs.
 */
public final class Gateway implements AutoCloseable {
    /** Where partners deliver AS4 messages, on the same listener as the back-office service. */
    public static final String AS4_PATH = "/as4";
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Database db;
    private final BackOfficeService backOffice;
    private final As4Endpoint msh;
    private final As4Client as4Client;
    private final DeliveryWorker worker;
    private AdminFace admin;
    private final Alerts alerts;
    private QuietPartnerPinger pinger;
    private final Retention retention;
    private final StatisticsFolding statistics;

    private Gateway(GatewayConfig config, Database db, BackOfficeService backOffice, As4Endpoint msh,
                    As4Client as4Client, DeliveryWorker worker, Alerts alerts, Retention retention) {
        this.config = config;
        this.db = db;
        this.backOffice = backOffice;
        this.msh = msh;
        this.as4Client = as4Client;
        this.worker = worker;
        this.alerts = alerts;
        this.retention = retention;
        this.statistics = new StatisticsFolding(db.dataSource());
    }

    public static Gateway start(GatewayConfig config, Clock clock) {
        GatewayCrypto crypto = new GatewayCrypto(config.keys());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PlatformMetrics.bindTo(metrics);
        Database db = Database.open(config.database(), metrics);
        AdminFace admin = null;
        try {
            String country = config.identity().country();
            CertificateDocuments documents = new CertificateDocuments();
            CertificateValidator validator = new CertificateValidator(CodeLists.loadDefault(), clock);
            CertificateRepository certificates = new CertificateRepository();
            TransmissionRepository transmissions = new TransmissionRepository();

            OutboundQueue queue = new OutboundQueue(db, clock, new Backoff(new Random()), config.partners());
            TlsContexts tls = new TlsContexts(config.tls(), crypto);
            As4Client as4Client = new As4Client(config.identity(), crypto, tls, clock);
            config.partners().all().forEach(tls::clientContext); // a partner's TLS setting is checked at start
            VerificationRepository verifications = new VerificationRepository();
            VerificationRules verificationRules = new VerificationRules(config.as4().maxDocumentBytes());
            // verification documents travel as further payload parts of their transmission
            As4TransmissionSender sender = new As4TransmissionSender(as4Client, id -> db.fromTransaction(s ->
                    verifications.documentsOf(s, id).stream().map(d -> new DocumentPart(d.mimeType(), d.content())).toList()));
            DeliveryWorker worker = new DeliveryWorker(queue, sender, config.partners(),
                    config.delivery(), metrics);
            Outbox outbox = new Outbox(transmissions, config.identity().partyId(), clock, worker::wakeUp);

            Alerts alerts = new Alerts(config.alerts(), db, crypto, config.partners(), config.identity().partyId(),
                    config.delivery().nodeId(), clock);
            // one throttle for every face that checks passwords, so an address guessing on one is slowed on all
            LoginThrottle logins = new LoginThrottle(clock, config.auth().logins(), alerts::failedLogins);
            BackOfficeService backOffice = new BackOfficeService(db, validator, documents, config.partners(),
                    config.callers(), crypto.trustCrypto(), country, outbox, config.http().maxRequestBytes(),
                    config.as4().maxDocumentBytes(), config.auth(),
                    logins, clock);
            InboundDocuments inbound = new InboundDocuments(db, config.partners(), certificates, Map.of(
                    DocumentKind.CERTIFICATE, new ReceiveCertificate(db, validator, documents, certificates,
                            new CertificateWriter(documents), country, clock),
                    DocumentKind.STATUS_CHANGE, new ReceiveStatusChange(documents, certificates),
                    DocumentKind.ACKNOWLEDGEMENT, new ReceiveAcknowledgement(documents, certificates, transmissions,
                            queue, country, clock, metrics),
                    DocumentKind.UTILISATION, new ReceiveUtilisation(documents, certificates, country, clock),
                    DocumentKind.VERIFY_REQUEST, new ReceiveVerificationRequest(documents, certificates, verifications,
                            verificationRules, country),
                    DocumentKind.VERIFY_ANSWER, new ReceiveVerificationAnswer(documents, verifications, verificationRules,
                            queue)),
                    clock);
            As4Endpoint msh = new As4Endpoint(config.identity(), crypto, config.partners(), inbound, clock,
                    config.as4(), config.http().maxRequestBytes(),
                    code -> metrics.counter("cogateway.inbound.refused", "code", code).increment());

            // on every node, with or without its admin face: the lease lets one of them run it at a time
            Retention retention = new Retention(config.admin().retention(), db.dataSource(),
                    new AuditLog(db.dataSource(), clock), clock, config.delivery().nodeId());
            Gateway gateway = new Gateway(config, db, backOffice, msh, as4Client, worker, alerts, retention);
            if (config.admin().enabled()) {
                // first, so that a taken admin port stops the start before anything else listens or sends
                admin = AdminFace.start(new AdminFace.Parts(config, db, crypto, tls, as4Client, id -> {
                    boolean resent = queue.resend(id);
                    if (resent) {
                        worker.wakeUp();
                    }
                    return resent;
                }, metrics, worker::alive, logins, alerts::pinged, retention, clock));
                gateway.admin = admin;
            }
            Listener.configure(BusFactory.getDefaultBus(), config.http().host(), config.http().port(), tls,
                    config.http().limits(), Map.of(AS4_PATH, config.http().as4MaxConcurrentRequests()));
            // the listener starts with the first endpoint: the back-office goes first, because its callers
            // would see 404/405 until it is published, while partners retry those (As4Client)
            backOffice.publish(gateway.baseUrl(), metrics);
            msh.publish(gateway.baseUrl() + AS4_PATH);
            if (config.delivery().enabled()) {
                worker.start();
                // a node that leaves sending to others leaves pinging to them too
                gateway.pinger = new QuietPartnerPinger(config.partners(), new PartnerLinks(db.dataSource()),
                        as4Client::ping, alerts::pinged, clock, config.delivery().nodeId());
                gateway.pinger.start();
            }
            PlatformMetrics.bindJetty(metrics, "main", BusFactory.getDefaultBus(), config.http().port());
            alerts.start();
            retention.start();
            gateway.statistics.start();
            log.info("gateway {} ({}) serving on {} as node {} with {} database", config.identity().partyId(), country,
                    gateway.baseUrl(), config.delivery().nodeId(),
                    config.database().embedded() ? "the embedded H2" : "an external");
            return gateway;
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            db.close();
            throw e;
        }
    }

    public String baseUrl() {
        return (config.tls().https() ? "https://" : "http://") + config.http().host() + ":" + config.http().port();
    }

    /** The admin listener's base URL (API, metrics, health); null when admin.enabled=false. */
    public String adminUrl() {
        return admin == null ? null : admin.baseUrl();
    }

    public GatewayConfig config() {
        return config;
    }

    public Database database() {
        return db;
    }

    public As4Client as4Client() {
        return as4Client;
    }

    /** The alerts: the login throttle reports failed logins here; the admin face reads recent ones. */
    public Alerts alerts() {
        return alerts;
    }

    /** Retention of message bodies: what the console shows, and "purge now". */
    public Retention retention() {
        return retention;
    }

    /**
     * Stops taking work, lets sends in flight finish (bounded), then closes the listener and the database.
     * The port is released in this process too, so that a gateway started again in the same JVM on the
     * same port (an embedding application restarting it) gets a new listener.
     */
    @Override
    public void close() {
        if (pinger != null) {
            pinger.close();
        }
        retention.close();
        statistics.close();
        alerts.close();
        if (admin != null) {
            admin.close();
        }
        worker.stop();
        backOffice.close();
        msh.stop();
        Listener.release(config.http().port());
        db.close();
        log.info("gateway {} stopped", config.identity().partyId());
    }
}
