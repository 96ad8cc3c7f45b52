package org.cogateway.as4;

import java.util.List;
import org.w3c.dom.Element;

/** An eb:SignalMessage as read: a receipt (with its NRI references) or errors. */
record Signal(String messageId, String refToMessageId, boolean isReceipt, List<Element> receiptReferences,
              List<Error> errors) {

    record Error(String code, String severity, String shortDescription, String description,
                 String refToMessageInError) {
    }
}
