package org.cogateway.backoffice;

import java.util.List;
import org.cogateway.validation.Finding;

/**
 * A refused back-office call: a stable code, a message for the caller and the findings behind it.
 * Thrown by the operations before anything is stored; the endpoint turns it into the WSDL's fault.
 */
public class BackOfficeException extends RuntimeException {
    private final FaultCode code;
    private final List<Finding> findings;

    public BackOfficeException(FaultCode code, String message) {
        this(code, message, List.of());
    }

    public BackOfficeException(FaultCode code, String message, List<Finding> findings) {
        super(message, null, false, false);
        this.code = code;
        this.findings = List.copyOf(findings);
    }

    public FaultCode code() {
        return code;
    }

    public List<Finding> findings() {
        return findings;
    }
}
