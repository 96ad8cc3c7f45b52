package org.cogateway.as4;

/** Where the MSH hands a verified, decrypted message; implemented by the store. */
public interface InboundSink {
    /** Stores, in one transaction, the verified and decrypted message, the raw request as received
     *  and the receipt that will answer it; deduplicates on (partner id, MessageId). Returns the
     *  receipt to send: the one given for a new message, the earlier stored one for a duplicate.
     *  Throws PayloadRejectedException (carrying human-readable findings) when the business payload
     *  is refused (e.g. fails CO validation): nothing is stored and the MSH answers EBMS:0004. */
    byte[] store(ReceivedUserMessage message, byte[] rawRequest, byte[] receipt) throws PayloadRejectedException;
}
