package org.cogateway.as4;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of business document exchanged with partners and their ebMS Service/Action; the one
 * place where that mapping lives (it is part of the agreement with every partner).
 */
public enum DocumentKind {
    CERTIFICATE("SubmitCertificate"),
    STATUS_CHANGE("ChangeStatus"),
    ACKNOWLEDGEMENT("Acknowledge"),
    UTILISATION("NotifyUtilisation");

    /** The ebMS Service of every CO exchange. */
    public static final String SERVICE = "urn:cogateway:services:certificate-of-origin";
    /** The Service's type attribute: says the value is a URN of this gateway's own naming. */
    public static final String SERVICE_TYPE = "urn:cogateway:service-type";

    private final String action;

    DocumentKind(String action) {
        this.action = action;
    }

    public String action() {
        return action;
    }

    public static Optional<DocumentKind> byAction(String action) {
        return Arrays.stream(values()).filter(k -> k.action.equals(action)).findFirst();
    }

    /** The Service type attribute to send with a Service value; none for the ebMS test service. */
    static String serviceType(String service) {
        return SERVICE.equals(service) ? SERVICE_TYPE : null;
    }
}
