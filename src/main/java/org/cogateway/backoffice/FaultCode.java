package org.cogateway.backoffice;

/** The stable codes of the back-office fault; the README's "Faults" table explains each. */
public enum FaultCode {
    VALIDATION_FAILED,
    NOT_AUTHENTICATED,
    NOT_AUTHORIZED,
    NOT_FOUND,
    CONFLICT,
    BALANCE_EXCEEDED,
    INVALID_REQUEST,
    REQUEST_TOO_LARGE,
    INTERNAL_ERROR
}
