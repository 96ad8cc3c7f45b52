package org.cogateway.document;

/**
 * What a transmission carries; each kind travels as its own AS4 action. Names fit the 16 characters
 * of the kind columns (transmission, certificate_answer).
 */
public enum DocumentKind {
    CERTIFICATE, STATUS_CHANGE, ACKNOWLEDGEMENT, UTILISATION,
    /** The importing Customs asks the issuing authority to verify a certificate (DESIGN.md §2.8). */
    VERIFY_REQUEST,
    /** The issuing body's answer to a verification request, item by item. */
    VERIFY_ANSWER
}
