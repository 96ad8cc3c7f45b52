package org.cogateway.backoffice;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.util.List;
import java.util.function.Function;
import org.cogateway.contract.backoffice.AnswerVerificationRequest;
import org.cogateway.contract.backoffice.AnswerVerificationResponse;
import org.cogateway.contract.backoffice.GetVerificationRequestRequest;
import org.cogateway.contract.backoffice.GetVerificationRequestResponse;
import org.cogateway.contract.backoffice.GetVerificationStatusRequest;
import org.cogateway.contract.backoffice.GetVerificationStatusResponse;
import org.cogateway.contract.backoffice.ListVerificationRequestsRequest;
import org.cogateway.contract.backoffice.ListVerificationRequestsResponse;
import org.cogateway.contract.backoffice.RequestVerificationRequest;
import org.cogateway.contract.backoffice.RequestVerificationResponse;
import org.cogateway.contract.backoffice.AcknowledgeCertificateRequest;
import org.cogateway.contract.backoffice.AcknowledgeCertificateResponse;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GetCertificateRequest;
import org.cogateway.contract.backoffice.GetCertificateResponse;
import org.cogateway.contract.backoffice.GetDeliveryStatusRequest;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.ListInboundCertificatesRequest;
import org.cogateway.contract.backoffice.ListInboundCertificatesResponse;
import org.cogateway.contract.backoffice.ListPartnersRequest;
import org.cogateway.contract.backoffice.ListPartnersResponse;
import org.cogateway.contract.backoffice.ListUndeliveredRequest;
import org.cogateway.contract.backoffice.ListUndeliveredResponse;
import org.cogateway.contract.backoffice.PartnerType;
import org.cogateway.contract.backoffice.QueryCertificateRequest;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.RecordUtilisationRequest;
import org.cogateway.contract.backoffice.RecordUtilisationResponse;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.contract.backoffice.SubmitCertificateResponse;
import org.cogateway.contract.backoffice.SubmitStatusChangeRequest;
import org.cogateway.contract.backoffice.SubmitStatusChangeResponse;
import org.cogateway.contract.backoffice.ValidateCertificateRequest;
import org.cogateway.contract.backoffice.ValidateCertificateResponse;
import org.cogateway.partner.PartnerDirectory;
import org.cogateway.security.Caller;
import org.cogateway.validation.Finding;
import org.cogateway.validation.Severity;
import org.cogateway.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-office SOAP service: the generated interface, implemented by handing each operation to
 * the part that owns it. Here the authenticated caller is picked up and every refusal becomes the
 * one fault of the WSDL; nothing unexpected leaves with more than an incident reference.
 */
@WebService(
        endpointInterface = "org.cogateway.contract.backoffice.CertificateOfOriginPortType",
        serviceName = "CertificateOfOriginService",
        portName = "CertificateOfOriginSoap11Port",
        targetNamespace = "urn:cogateway:backoffice:1:wsdl",
        wsdlLocation = "classpath:wsdl/CertificateOfOriginService.wsdl")
public class BackOfficeEndpoint implements CertificateOfOriginPortType {
    private static final Logger log = LoggerFactory.getLogger(BackOfficeEndpoint.class);

    private final Submissions submissions;
    private final Tracking tracking;
    private final InboundCertificates inbound;
    private final CustomsAnswers answers;
    private final CertificateChecks checks;
    private final PartnerDirectory partners;
    private final Verifications verifications;

    @Resource
    private WebServiceContext context;

    BackOfficeEndpoint(Submissions submissions, Tracking tracking, InboundCertificates inbound, CustomsAnswers answers,
                       CertificateChecks checks, PartnerDirectory partners, Verifications verifications) {
        this.verifications = verifications;
        this.submissions = submissions;
        this.tracking = tracking;
        this.inbound = inbound;
        this.answers = answers;
        this.checks = checks;
        this.partners = partners;
    }

    @Override
    public SubmitCertificateResponse submitCertificate(SubmitCertificateRequest request) throws GatewayFault {
        return call("SubmitCertificate", caller -> {
            Submissions.Accepted accepted = submissions.submit(caller, request.getCertificateOfOrigin(), submitted());
            logAccepted("SubmitCertificate", caller, request.getCertificateOfOrigin().getCertificateNumber(),
                    accepted.receipt().getTrackingId(), "accepted");
            SubmitCertificateResponse r = new SubmitCertificateResponse();
            r.setReceipt(accepted.receipt());
            r.getFinding().addAll(Faults.findingTypes(accepted.findings()));
            return r;
        });
    }

    @Override
    public SubmitStatusChangeResponse submitStatusChange(SubmitStatusChangeRequest request) throws GatewayFault {
        return call("SubmitStatusChange", caller -> {
            Submissions.Accepted accepted = submissions.changeStatus(caller, request, submitted());
            logAccepted("SubmitStatusChange", caller, null, accepted.receipt().getTrackingId(), "accepted");
            SubmitStatusChangeResponse r = new SubmitStatusChangeResponse();
            r.setReceipt(accepted.receipt());
            r.getFinding().addAll(Faults.findingTypes(accepted.findings()));
            return r;
        });
    }

    @Override
    public GetDeliveryStatusResponse getDeliveryStatus(GetDeliveryStatusRequest request) throws GatewayFault {
        return call("GetDeliveryStatus", caller -> tracking.deliveryStatus(caller, request.getTrackingId()));
    }

    @Override
    public ListUndeliveredResponse listUndelivered(ListUndeliveredRequest request) throws GatewayFault {
        return call("ListUndelivered", caller -> tracking.undelivered(caller, request.getPartner(), request.getMaxResults()));
    }

    @Override
    public ListInboundCertificatesResponse listInboundCertificates(ListInboundCertificatesRequest request)
            throws GatewayFault {
        return call("ListInboundCertificates", caller -> inbound.list(caller, request));
    }

    @Override
    public GetCertificateResponse getCertificate(GetCertificateRequest request) throws GatewayFault {
        return call("GetCertificate", caller -> {
            GetCertificateResponse r = new GetCertificateResponse();
            r.setRecord(inbound.get(caller, request));
            return r;
        });
    }

    @Override
    public QueryCertificateResponse queryCertificate(QueryCertificateRequest request) throws GatewayFault {
        return call("QueryCertificate", caller -> {
            QueryCertificateResponse r = inbound.query(caller, request);
            logAccepted("QueryCertificate", caller, request.getCertificateNumber(), null,
                    "invoice " + request.getInvoiceNumber() + " from " + request.getIssuingCountry() + ": "
                            + r.getOutcome());
            return r;
        });
    }

    @Override
    public AcknowledgeCertificateResponse acknowledgeCertificate(AcknowledgeCertificateRequest request)
            throws GatewayFault {
        return call("AcknowledgeCertificate", caller -> {
            AcknowledgeCertificateResponse r = new AcknowledgeCertificateResponse();
            r.setReceipt(answers.acknowledge(caller, request));
            logAccepted("AcknowledgeCertificate", caller, request.getCertificate().getCertificateNumber(),
                    r.getReceipt().getTrackingId(), String.valueOf(request.getStatus()));
            return r;
        });
    }

    @Override
    public RecordUtilisationResponse recordUtilisation(RecordUtilisationRequest request) throws GatewayFault {
        return call("RecordUtilisation", caller -> {
            RecordUtilisationResponse r = answers.recordUtilisation(caller, request);
            logAccepted("RecordUtilisation", caller, request.getCertificate().getCertificateNumber(), null,
                    "declaration " + request.getDeclarationNumber());
            return r;
        });
    }

    @Override
    public ValidateCertificateResponse validateCertificate(ValidateCertificateRequest request) throws GatewayFault {
        return call("ValidateCertificate", caller -> {
            List<Finding> findings = checks.check(caller, request.getCertificateOfOrigin(), submitted());
            ValidateCertificateResponse r = new ValidateCertificateResponse();
            r.setValid(findings.stream().noneMatch(f -> f.severity() == Severity.SEVERE));
            r.getFinding().addAll(Faults.findingTypes(findings));
            return r;
        });
    }

    @Override
    public ListPartnersResponse listPartners(ListPartnersRequest request) throws GatewayFault {
        return call("ListPartners", caller -> {
            ListPartnersResponse r = new ListPartnersResponse();
            partners.all().forEach(p -> {
                PartnerType x = new PartnerType();
                x.setId(p.id());
                x.setName(p.name());
                x.setCountry(p.country());
                x.setPartyId(p.partyId());
                x.getAgreement().addAll(p.agreements().stream().sorted().toList());
                r.getPartner().add(x);
            });
            return r;
        });
    }

    @Override
    public RequestVerificationResponse requestVerification(RequestVerificationRequest request) throws GatewayFault {
        return call("RequestVerification", caller -> {
            RequestVerificationResponse r = verifications.request(caller, request);
            logAccepted("RequestVerification", caller, request.getCertificateNumber(), r.getReceipt().getTrackingId(),
                    "verification " + r.getVerificationId() + " requested");
            return r;
        });
    }

    @Override
    public GetVerificationStatusResponse getVerificationStatus(GetVerificationStatusRequest request) throws GatewayFault {
        return call("GetVerificationStatus", caller -> verifications.status(caller, request));
    }

    @Override
    public ListVerificationRequestsResponse listVerificationRequests(ListVerificationRequestsRequest request)
            throws GatewayFault {
        return call("ListVerificationRequests", caller -> verifications.list(caller, request));
    }

    @Override
    public GetVerificationRequestResponse getVerificationRequest(GetVerificationRequestRequest request)
            throws GatewayFault {
        return call("GetVerificationRequest", caller -> {
            GetVerificationRequestResponse r = new GetVerificationRequestResponse();
            r.setVerification(verifications.get(caller, request));
            return r;
        });
    }

    @Override
    public AnswerVerificationResponse answerVerification(AnswerVerificationRequest request) throws GatewayFault {
        return call("AnswerVerification", caller -> {
            AnswerVerificationResponse r = new AnswerVerificationResponse();
            r.setReceipt(verifications.answer(caller, request));
            logAccepted("AnswerVerification", caller, r.getReceipt().getCertificate().getCertificateNumber(),
                    r.getReceipt().getTrackingId(), "verification " + request.getVerificationId() + " answered");
            return r;
        });
    }

    /** The certificate element as the caller sent it (see {@link SubmittedCertificate}), or null. */
    private org.w3c.dom.Element submitted() {
        return (org.w3c.dom.Element) context.getMessageContext().get(SubmittedCertificate.KEY);
    }

    /** One INFO line per call that changed or found something, with the certificate and tracking id as fields. */
    private static void logAccepted(String operation, Caller caller, String certificateNumber, String trackingId,
                                    String outcome) {
        try (LogFields fields = LogFields.of(LogFields.CERTIFICATE_NUMBER, certificateNumber,
                LogFields.TRACKING_ID, trackingId)) {
            log.info("{} by {}: {}{}{}", operation, caller.id(), outcome,
                    certificateNumber == null ? "" : ", certificate " + certificateNumber,
                    trackingId == null ? "" : ", tracking id " + trackingId);
        }
    }

    private <T> T call(String operation, Function<Caller, T> work) throws GatewayFault {
        Caller caller = (Caller) context.getMessageContext().get(CallerAuthentication.CALLER);
        if (caller == null) {
            // the authentication interceptor refuses such calls first; this guards against mis-wiring
            throw Faults.fault(FaultCode.NOT_AUTHENTICATED, "the call carries no authenticated caller", List.of());
        }
        try {
            return work.apply(caller);
        } catch (BackOfficeException e) {
            log.info("{} by {} refused: {} {}", operation, caller.id(), e.code(), e.getMessage());
            throw Faults.of(e);
        } catch (RuntimeException e) {
            String incident = java.util.UUID.randomUUID().toString();
            try (LogFields fields = LogFields.of(LogFields.INCIDENT_ID, incident)) {
                log.error("{} by {} failed, incident {}", operation, caller.id(), incident, e);
            }
            throw Faults.fault(FaultCode.INTERNAL_ERROR, "the gateway could not complete " + operation
                    + "; nothing was changed; incident " + incident, List.of());
        }
    }
}
