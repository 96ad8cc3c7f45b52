package org.cogateway.as4;

import org.cogateway.partner.Partner;

/** What the receiving MSH learns about one request, step by step; a step either adds to it or records an error. */
final class InboundContext {
    final byte[] rawRequest;
    final String contentType;
    /** The sender's IP address, for the log. */
    final String remoteAddress;
    SoapMessage message;
    UserMessageHeader header;
    Partner partner;
    As4Security.Verified verified;
    byte[] payload;
    java.util.List<DocumentPart> documents = java.util.List.of();
    byte[] receipt;
    EbmsError error;
    String errorDetail;
    /** Why, in the words of the library that refused it: logged, never sent to the caller. */
    String logReason;

    InboundContext(byte[] rawRequest, String contentType, String remoteAddress) {
        this.rawRequest = rawRequest;
        this.contentType = contentType;
        this.remoteAddress = remoteAddress;
    }

    void fail(EbmsError error, String detail) {
        this.error = error;
        this.errorDetail = detail;
    }

    void fail(EbmsError error, String detail, String logReason) {
        fail(error, detail);
        this.logReason = logReason;
    }

    boolean failed() {
        return error != null;
    }

    String messageId() {
        return header == null ? null : header.messageId();
    }

    /** "message m@x from ID (127.0.0.1)", or "unreadable message from 127.0.0.1" before the header is read. */
    String describe() {
        if (header == null) {
            return "unreadable message from " + remoteAddress;
        }
        String sender = partner != null ? partner.id() : "party " + header.from().partyId();
        return "message " + header.messageId() + " from " + sender + " (" + remoteAddress + ")";
    }
}
