package org.cogateway.as4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import org.w3c.dom.Document;

/**
 * A SOAP 1.2 envelope with its attachments, and its wire form: plain {@code application/soap+xml}
 * without attachments, SOAP with Attachments ({@code multipart/related}) with them.
 */
record SoapMessage(Document envelope, List<Part> attachments) {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    static {
        // jakarta.mail looks its StreamProvider up with ServiceLoader, scanning every jar, each time a
        // Multipart or a BodyPart is made: several times for every message read or written (2-3 % of each
        // gateway's CPU in the issue-12 profile). Naming the class that lookup finds turns the later ones
        // into a Class.forName; the provider stays the one the lookup chose.
        String key = StreamProvider.class.getName();
        if (System.getProperty(key) == null) {
            System.setProperty(key, StreamProvider.provider().getClass().getName());
        }
    }

    SoapMessage {
        attachments = List.copyOf(attachments);
    }

    /** The bytes to send and the Content-Type header that goes with them. */
    record Wire(byte[] body, String contentType) {
    }

    Wire toWire() {
        byte[] soap = Xml.bytes(envelope);
        String soapType = Ebms.SOAP12_CONTENT_TYPE + "; charset=UTF-8";
        if (attachments.isEmpty()) {
            return new Wire(soap, soapType);
        }
        try {
            String rootId = "soap-" + UUID.randomUUID() + "@cogateway";
            MimeMultipart multipart = new MimeMultipart("related");
            multipart.addBodyPart(part(rootId, soapType, soap));
            for (Part a : attachments) {
                multipart.addBodyPart(part(a.contentId(), a.contentType(), a.content()));
            }
            ContentType type = new ContentType(multipart.getContentType());
            type.setParameter("type", Ebms.SOAP12_CONTENT_TYPE);
            type.setParameter("start", "<" + rootId + ">");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            multipart.writeTo(out);
            return new Wire(out.toByteArray(), WHITESPACE.matcher(type.toString()).replaceAll(" "));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write MIME message", e);
        }
    }

    private static MimeBodyPart part(String contentId, String contentType, byte[] content) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", contentType);
        headers.setHeader("Content-Transfer-Encoding", "binary");
        headers.setHeader("Content-ID", "<" + contentId + ">");
        return new MimeBodyPart(headers, content);
    }

    /** Reads a request or response body; IOException when it is not a SOAP message at all. */
    static SoapMessage fromWire(byte[] body, String contentType) throws IOException {
        try {
            ContentType type = new ContentType(contentType == null ? "application/octet-stream" : contentType);
            if (type.match(Ebms.SOAP12_CONTENT_TYPE)) {
                return new SoapMessage(Xml.parse(body), List.of());
            }
            if (!type.match("multipart/related")) {
                throw new IOException("Content-Type " + type.getBaseType() + " is neither SOAP 1.2 nor multipart/related");
            }
            return fromMultipart(new MimeMultipart(new ByteArrayDataSource(body, contentType)), type.getParameter("start"));
        } catch (ParseException e) {
            throw new IOException("bad Content-Type: " + contentType, e);
        } catch (MessagingException e) {
            throw new IOException("bad MIME structure: " + e.getMessage(), e);
        }
    }

    private static SoapMessage fromMultipart(MimeMultipart multipart, String start)
            throws MessagingException, IOException {
        String rootId = start == null ? null : bare(start);
        Document envelope = null;
        List<Part> attachments = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart p = multipart.getBodyPart(i);
            String id = p instanceof MimeBodyPart m && m.getContentID() != null ? bare(m.getContentID()) : null;
            byte[] content = p.getInputStream().readAllBytes();
            boolean isRoot = rootId == null ? envelope == null && i == 0 : rootId.equals(id);
            if (isRoot) {
                envelope = Xml.parse(content);
            } else {
                if (id == null) {
                    throw new IOException("attachment " + i + " has no Content-ID");
                }
                attachments.add(new Part(id, new ContentType(p.getContentType()).getBaseType(), content));
            }
        }
        if (envelope == null) {
            throw new IOException("no SOAP part (start=" + start + ")");
        }
        return new SoapMessage(envelope, attachments);
    }

    private static String bare(String contentId) {
        String id = contentId.trim();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }
}
