package org.cogateway.as4;

import java.util.Arrays;
import java.util.Optional;
import org.cogateway.document.DocumentKind;

/**
 * The ebMS Service and the Action of each kind of document exchanged with partners: the one place
 * where that mapping lives (it is part of the agreement with every partner).
 */
public final class Actions {
    /** The ebMS Service of every CO exchange. */
    public static final String SERVICE = "urn:cogateway:services:certificate-of-origin";
    /** The Service's type attribute: says the value is a URN of this gateway's own naming. */
    public static final String SERVICE_TYPE = "urn:cogateway:service-type";

    private Actions() {
    }

    public static String action(DocumentKind kind) {
        return switch (kind) {
            case CERTIFICATE -> "SubmitCertificate";
            case STATUS_CHANGE -> "ChangeStatus";
            case ACKNOWLEDGEMENT -> "Acknowledge";
            case UTILISATION -> "NotifyUtilisation";
            case VERIFY_REQUEST -> "RequestVerification";
            case VERIFY_ANSWER -> "AnswerVerification";
        };
    }

    public static Optional<DocumentKind> kindOf(String action) {
        return Arrays.stream(DocumentKind.values()).filter(k -> action(k).equals(action)).findFirst();
    }

    /** The Service type attribute to send with a Service value; none for the ebMS test service. */
    static String serviceType(String service) {
        return SERVICE.equals(service) ? SERVICE_TYPE : null;
    }
}
