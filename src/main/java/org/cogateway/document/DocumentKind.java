package org.cogateway.document;

/** What a transmission carries; each kind travels as its own AS4 action. */
public enum DocumentKind {
    CERTIFICATE, STATUS_CHANGE, ACKNOWLEDGEMENT, UTILISATION
}
