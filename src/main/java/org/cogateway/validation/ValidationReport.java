package org.cogateway.validation;

import java.util.List;

/** Everything validation found in one certificate, in document order. */
public final class ValidationReport {

    private final List<Finding> findings;

    public ValidationReport(List<Finding> findings) {
        this.findings = List.copyOf(findings);
    }

    /** True when nothing SEVERE was found: warnings and information do not stop a certificate. */
    public boolean acceptable() {
        return findings.stream().noneMatch(finding -> finding.severity() == Severity.SEVERE);
    }

    public List<Finding> findings() {
        return findings;
    }

    @Override
    public String toString() {
        return "ValidationReport" + findings;
    }
}
