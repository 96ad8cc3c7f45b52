package org.cogateway.backoffice;

import java.util.List;
import org.cogateway.contract.backoffice.FindingType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GatewayFaultDetail;
import org.cogateway.contract.backoffice.SeverityType;
import org.cogateway.validation.Finding;

/** Builds the WSDL's one fault and its findings; the only way a refusal reaches a caller. */
public final class Faults {
    private Faults() {
    }

    public static GatewayFault of(BackOfficeException e) {
        return fault(e.code(), e.getMessage(), e.findings());
    }

    public static GatewayFault fault(FaultCode code, String message, List<Finding> findings) {
        GatewayFaultDetail detail = detail(code, message, findings);
        return new GatewayFault(code + ": " + message, detail);
    }

    public static GatewayFaultDetail detail(FaultCode code, String message, List<Finding> findings) {
        GatewayFaultDetail detail = new GatewayFaultDetail();
        detail.setCode(code.name());
        detail.setMessage(message);
        findings.forEach(f -> detail.getFinding().add(findingType(f)));
        return detail;
    }

    public static List<FindingType> findingTypes(List<Finding> findings) {
        return findings.stream().map(Faults::findingType).toList();
    }

    private static FindingType findingType(Finding f) {
        FindingType x = new FindingType();
        x.setSeverity(SeverityType.valueOf(f.severity().name()));
        x.setCode(f.code());
        x.setPath(f.path());
        x.setMessage(f.message());
        return x;
    }
}
