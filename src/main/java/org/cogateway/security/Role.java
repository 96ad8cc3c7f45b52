package org.cogateway.security;

/** What a back-office caller is to the gateway; it decides which operations it may call. */
public enum Role {
    /** Issues and submits certificates of its own country, and follows their delivery. */
    ISSUING_BODY,
    /** Reads, acknowledges and records the utilisation of certificates addressed to its country. */
    CUSTOMS
}
