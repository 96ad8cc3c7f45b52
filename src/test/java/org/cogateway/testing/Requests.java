package org.cogateway.testing;

import java.math.BigDecimal;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.cogateway.contract.backoffice.AcknowledgeCertificateRequest;
import org.cogateway.contract.backoffice.GetCertificateRequest;
import org.cogateway.contract.backoffice.GetDeliveryStatusRequest;
import org.cogateway.contract.backoffice.ListInboundCertificatesRequest;
import org.cogateway.contract.backoffice.ListPartnersRequest;
import org.cogateway.contract.backoffice.ListUndeliveredRequest;
import org.cogateway.contract.backoffice.QueryCertificateRequest;
import org.cogateway.contract.backoffice.RecordUtilisationRequest;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.contract.backoffice.SubmitStatusChangeRequest;
import org.cogateway.contract.backoffice.ValidateCertificateRequest;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.QuantityType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.contract.exchange.DrawType;

/** The back-office requests, built in one line each so a test reads as the business step it takes. */
public final class Requests {
    private Requests() {
    }

    public static SubmitCertificateRequest submit(CertificateOfOriginType co) {
        SubmitCertificateRequest r = new SubmitCertificateRequest();
        r.setCertificateOfOrigin(co);
        return r;
    }

    public static ValidateCertificateRequest validate(CertificateOfOriginType co) {
        ValidateCertificateRequest r = new ValidateCertificateRequest();
        r.setCertificateOfOrigin(co);
        return r;
    }

    public static SubmitStatusChangeRequest cancel(String number, String reason) {
        SubmitStatusChangeRequest r = new SubmitStatusChangeRequest();
        r.setCertificateNumber(number);
        SubmitStatusChangeRequest.Cancel cancel = new SubmitStatusChangeRequest.Cancel();
        cancel.setReason(reason);
        r.setCancel(cancel);
        return r;
    }

    public static SubmitStatusChangeRequest replace(String number, CertificateOfOriginType replacement) {
        SubmitStatusChangeRequest r = new SubmitStatusChangeRequest();
        r.setCertificateNumber(number);
        SubmitStatusChangeRequest.Replace replace = new SubmitStatusChangeRequest.Replace();
        replace.setCertificateOfOrigin(replacement);
        r.setReplace(replace);
        return r;
    }

    public static GetDeliveryStatusRequest deliveryStatus(String trackingId) {
        GetDeliveryStatusRequest r = new GetDeliveryStatusRequest();
        r.setTrackingId(trackingId);
        return r;
    }

    public static ListUndeliveredRequest undelivered() {
        return new ListUndeliveredRequest();
    }

    public static ListPartnersRequest partners() {
        return new ListPartnersRequest();
    }

    public static GetCertificateRequest get(String issuingCountry, String number, Integer version) {
        GetCertificateRequest r = new GetCertificateRequest();
        r.setIssuingCountry(issuingCountry);
        r.setCertificateNumber(number);
        r.setVersion(version);
        return r;
    }

    public static QueryCertificateRequest query(String issuingCountry, String number, String invoice) {
        QueryCertificateRequest r = new QueryCertificateRequest();
        r.setIssuingCountry(issuingCountry);
        r.setCertificateNumber(number);
        r.setInvoiceNumber(invoice);
        return r;
    }

    public static ListInboundCertificatesRequest inbound(XMLGregorianCalendar since, String cursor, Integer max) {
        ListInboundCertificatesRequest r = new ListInboundCertificatesRequest();
        r.setSince(since);
        r.setCursor(cursor);
        r.setMaxResults(max);
        return r;
    }

    public static AcknowledgeCertificateRequest acknowledge(CertificateIdType id, AcknowledgementStatusType status,
                                                            String remarks) {
        AcknowledgeCertificateRequest r = new AcknowledgeCertificateRequest();
        r.setCertificate(id);
        r.setStatus(status);
        r.setRemarks(remarks);
        return r;
    }

    public static RecordUtilisationRequest utilisation(CertificateIdType id, String declaration, DrawType... draws) {
        RecordUtilisationRequest r = new RecordUtilisationRequest();
        r.setCertificate(id);
        r.setDeclarationNumber(declaration);
        r.setDeclarationDate(date("2026-11-25"));
        r.getDraw().addAll(java.util.List.of(draws));
        return r;
    }

    public static DrawType draw(int item, String quantity, String unit) {
        DrawType d = new DrawType();
        d.setItemNumber(item);
        QuantityType q = new QuantityType();
        q.setValue(new BigDecimal(quantity));
        q.setUnit(unit);
        d.setQuantity(q);
        return d;
    }

    public static CertificateIdType id(String issuingCountry, String number, int version) {
        CertificateIdType id = new CertificateIdType();
        id.setIssuingCountry(issuingCountry);
        id.setCertificateNumber(number);
        id.setVersion(version);
        return id;
    }

    public static XMLGregorianCalendar date(String lexical) {
        return DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(lexical);
    }
}
