package org.cogateway.as4;

/** Names fixed by ebMS 3.0, the AS4 profile and the SOAP/WS-Security specifications. */
final class Ebms {
    static final String NS = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    static final String EBBP_NS = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0";
    static final String DS_NS = "http://www.w3.org/2000/09/xmldsig#";
    static final String WSSE_NS =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU_NS =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    /** ebMS 3.0 core §5.2.2.9: the test service and action, answered but delivered to nobody. */
    static final String TEST_SERVICE = NS + "service";
    static final String TEST_ACTION = NS + "test";
    /** ebMS 3.0 core §5.2.2.3 default roles (AS4_CP_TA: one-way push, initiator sends). */
    static final String ROLE_INITIATOR = NS + "initiator";
    static final String ROLE_RESPONDER = NS + "responder";

    static final String SOAP12_CONTENT_TYPE = "application/soap+xml";
    static final String PAYLOAD_MIME_TYPE = "application/xml";
    static final String GZIP = "application/gzip";

    /** wsu:Ids of the signed header parts; fixed so that a resend of the same message has the same digests. */
    static final String MESSAGING_ID = "_ebMessaging";
    static final String BODY_ID = "_soapBody";
    static final String TIMESTAMP_ID = "_wsuTimestamp";

    private Ebms() {
    }
}
