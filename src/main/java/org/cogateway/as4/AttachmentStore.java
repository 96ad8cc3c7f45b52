package org.cogateway.as4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.common.ext.AttachmentRequestCallback;
import org.apache.wss4j.common.ext.AttachmentResultCallback;

/**
 * How WSS4J reaches a message's attachments (SwA profile): it asks for them by Content-ID (or all,
 * for {@code cid:Attachments}) and hands back the encrypted or decrypted versions, which replace
 * the originals in place. Records which attachments were replaced, i.e. were encrypted/decrypted.
 */
final class AttachmentStore implements CallbackHandler {
    private static final String ALL = "Attachments";
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final Set<String> replaced = new HashSet<>();

    AttachmentStore(List<Part> attachments) {
        attachments.forEach(p -> parts.put(p.contentId(), p));
    }

    List<Part> attachments() {
        return List.copyOf(parts.values());
    }

    Set<String> replaced() {
        return Set.copyOf(replaced);
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
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

    private void store(String requestedId, Attachment a) {
        String id = a.getId() != null ? a.getId() : requestedId;
        try {
            parts.put(id, new Part(id, a.getMimeType(), a.getSourceStream().readAllBytes()));
            replaced.add(id);
        } catch (IOException e) {
            throw new UncheckedIOException("attachment " + id + " cannot be read", e);
        }
    }
}
