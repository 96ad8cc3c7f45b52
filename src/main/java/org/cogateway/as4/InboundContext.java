package org.cogateway.as4;

import org.cogateway.partner.Partner;

/** What the receiving MSH learns about one request, step by step; a step either adds to it or records an error. */
final class InboundContext {
    final byte[] rawRequest;
    final String contentType;
    SoapMessage message;
    UserMessageHeader header;
    Partner partner;
    As4Security.Verified verified;
    byte[] payload;
    byte[] receipt;
    EbmsError error;
    String errorDetail;

    InboundContext(byte[] rawRequest, String contentType) {
        this.rawRequest = rawRequest;
        this.contentType = contentType;
    }

    void fail(EbmsError error, String detail) {
        this.error = error;
        this.errorDetail = detail;
    }

    boolean failed() {
        return error != null;
    }

    String messageId() {
        return header == null ? null : header.messageId();
    }
}
