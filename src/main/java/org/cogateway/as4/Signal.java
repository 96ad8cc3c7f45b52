package org.cogateway.as4;

import java.util.List;
import org.w3c.dom.Element;

/** An eb:SignalMessage as read: a receipt (with its NRI references) or errors. */
record Signal(String messageId, String refToMessageId, boolean isReceipt, List<Element> receiptReferences,
              List<Error> errors) {

    /**
     * One eb:Error. {@code description} is eb:Description, {@code detail} eb:ErrorDetail: many MSHs
     * (phase4 among them) put a generic text in the one and their explanation in the other.
     */
    record Error(String code, String severity, String shortDescription, String description, String detail,
                 String refToMessageInError) {
    }
}
