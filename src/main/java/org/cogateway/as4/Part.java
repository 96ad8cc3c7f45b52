package org.cogateway.as4;

/** A MIME attachment of a SOAP message: its Content-ID (without angle brackets), type and bytes. */
record Part(String contentId, String contentType, byte[] content) {
}
