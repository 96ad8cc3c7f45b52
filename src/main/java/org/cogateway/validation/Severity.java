package org.cogateway.validation;

/** How bad a finding is: only SEVERE makes a certificate unacceptable. */
public enum Severity {
    SEVERE,
    WARNING,
    INFO
}
