package org.cogateway.backoffice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.wss4j.common.crypto.Crypto;
import org.cogateway.config.GatewayConfig;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.Caller;
import org.cogateway.security.LoginThrottle;
import org.cogateway.store.CertificateRepository;
import org.cogateway.store.CertificateWriter;
import org.cogateway.store.Database;
import org.cogateway.store.PartnerLinks;
import org.cogateway.store.TransmissionRepository;
import org.cogateway.store.VerificationRepository;
import org.cogateway.validation.CertificateValidator;

/**
 * The back-office face: builds the service from its parts and publishes it twice on the shared
 * HTTP listener, at {@code /services/co} (SOAP 1.1) and {@code /services/co12} (SOAP 1.2), with
 * request limits, caller authentication and fault sanitising around both.
 */
public final class BackOfficeService implements AutoCloseable {
    public static final String SOAP11_PATH = "/services/co";
    public static final String SOAP12_PATH = "/services/co12";
    private static final String WSDL_NS = "urn:cogateway:backoffice:1:wsdl";

    private final BackOfficeEndpoint endpoint;
    private final StatisticsExport export;
    private final CallerAuthentication authentication;
    private final long maxRequestBytes;
    private final List<Server> servers = new ArrayList<>();

    public BackOfficeService(Database db, CertificateValidator validator, CertificateDocuments documents,
                             PartnerDirectory partners, List<Caller> callers, Crypto trustCrypto, String ownCountry,
                             Outbox outbox, long maxRequestBytes, long maxDocumentBytes, GatewayConfig.Auth auth,
                             LoginThrottle logins, Clock clock) {
        CertificateRepository certificates = new CertificateRepository();
        TransmissionRepository transmissions = new TransmissionRepository();
        CertificateChecks checks = new CertificateChecks(validator, documents, partners, ownCountry, db, certificates);
        Verifications verifications = new Verifications(db, certificates, new VerificationRepository(), transmissions,
                documents, outbox, maxDocumentBytes, clock);
        this.endpoint = new BackOfficeEndpoint(
                new Submissions(db, certificates, transmissions, new CertificateWriter(documents), checks, documents,
                        partners, outbox, clock),
                new Tracking(db, certificates, transmissions, documents),
                new InboundCertificates(db, certificates, documents, verifications,
                        new LinkAnswers(partners, new PartnerLinks(db.dataSource()), clock), clock),
                new CustomsAnswers(db, certificates, transmissions, documents, outbox, clock),
                checks,
                partners,
                verifications,
                new Statistics(db.dataSource()));
        this.authentication = new CallerAuthentication(callers, trustCrypto, clock, logins, auth.signedRequestWindow(),
                auth.replayCacheSize());
        this.maxRequestBytes = maxRequestBytes;
        this.export = new StatisticsExport(db.dataSource(), authentication.passwords());
    }

    /** Publishes both bindings under {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}). */
    public void publish(String baseUrl) {
        publish(baseUrl, null);
    }

    /** As {@link #publish(String)}, timing every call by operation and outcome in {@code metrics}. */
    public void publish(String baseUrl, io.micrometer.core.instrument.MeterRegistry metrics) {
        CallMetrics calls = metrics == null ? null : new CallMetrics(metrics);
        servers.add(publish(baseUrl + SOAP11_PATH, "CertificateOfOriginSoap11Port", calls));
        servers.add(publish(baseUrl + SOAP12_PATH, "CertificateOfOriginSoap12Port", calls));
        // the CSV export, on the same listener once CXF has made it (docs/backoffice.md, "CSV export")
        org.cogateway.http.Listener.addHandler(org.apache.cxf.BusFactory.getDefaultBus(),
                java.net.URI.create(baseUrl).getPort(), StatisticsExport.CONTEXT, export);
    }

    private Server publish(String address, String port, CallMetrics calls) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setServiceClass(org.cogateway.contract.backoffice.CertificateOfOriginPortType.class);
        factory.setServiceBean(endpoint);
        factory.setAddress(address);
        factory.setWsdlLocation("classpath:wsdl/CertificateOfOriginService.wsdl");
        factory.setServiceName(new QName(WSDL_NS, "CertificateOfOriginService"));
        factory.setEndpointName(new QName(WSDL_NS, port));
        Map<String, Object> properties = new HashMap<>(RequestLimits.staxLimits());
        factory.setProperties(properties);
        factory.getInInterceptors().add(new RequestLimits.SoapContentType());
        factory.getInInterceptors().add(new RequestLimits.SizeLimit(maxRequestBytes));
        factory.getInInterceptors().add(authentication.securityInterceptor());
        factory.getInInterceptors().add(authentication.callerInterceptor());
        factory.getInInterceptors().add(new SubmittedCertificate());
        factory.getOutFaultInterceptors().add(new FaultSanitizer());
        if (calls != null) {
            factory.getInInterceptors().add(calls.start());
            factory.getOutInterceptors().add(calls.end());
            factory.getOutFaultInterceptors().add(calls.end());
        }
        return factory.create();
    }

    @Override
    public void close() {
        servers.forEach(Server::destroy);
        servers.clear();
    }
}
