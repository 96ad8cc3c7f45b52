package org.cogateway.as4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.common.ext.AttachmentRequestCallback;
import org.apache.wss4j.common.ext.AttachmentResultCallback;

/**
 * How WSS4J reaches a message's attachments (SwA profile): it asks for them by Content-ID (or all,
 * for {@code cid:Attachments}) and hands back the encrypted or decrypted versions, which replace
 * the originals in place.
 */
final class AttachmentStore implements CallbackHandler {
    private static final String ALL = "Attachments";
    private final Map<String, Part> parts = new LinkedHashMap<>();

    AttachmentStore(List<Part> attachments) {
        attachments.forEach(p -> parts.put(p.contentId(), p));
    }

    List<Part> attachments() {
        return List.copyOf(parts.values());
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof AttachmentRequestCallback request) {
                request.setAttachments(requested(request.getAttachmentId()));
            } else if (callback instanceof AttachmentResultCallback result) {
                store(result.getAttachmentId(), result.getAttachment());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private List<Attachment> requested(String id) {
        List<Attachment> list = new ArrayList<>();
        for (Part p : parts.values()) {
            if (id == null || ALL.equals(id) || id.equals(p.contentId())) {
                Attachment a = new Attachment();
                a.setId(p.contentId());
                a.setMimeType(p.contentType());
                a.addHeader("Content-ID", "<" + p.contentId() + ">");
                a.addHeader("Content-Type", p.contentType());
                a.setSourceStream(new ByteArrayInputStream(p.content()));
                list.add(a);
            }
        }
        return list;
    }

    /** Reading a decrypted stream is where AES-GCM finds a tampered ciphertext: WSS4J reports the IOException. */
    private void store(String requestedId, Attachment a) throws IOException {
        String id = a.getId() != null ? a.getId() : requestedId;
        parts.put(id, new Part(id, a.getMimeType(), a.getSourceStream().readAllBytes()));
    }
}
