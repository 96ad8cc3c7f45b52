package org.cogateway.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SOAP 1.1 back-office request signed by jp-chamber's sample key with WSS4J, as text: what a signing
 * caller sends, or a variant of it no honest caller sends (no timestamp, a timestamp the signature does
 * not cover), ready to be posted (and posted again) byte for byte with {@link RawSoap}.
 */
public final class SignedSoap {
    private static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    static {
        WSSConfig.init();
    }

    /** What the Timestamp of the request is. */
    public enum Stamp { SIGNED, UNSIGNED, NONE }

    private SignedSoap() {
    }

    /** {@code bodyXml} (using prefix {@code bo}) in an envelope signed by jp-chamber, stamped {@code created}. */
    public static String byChamber(String bodyXml, Stamp stamp, Instant created) {
        try {
            String envelope = "<soap:Envelope xmlns:soap=\"" + SOAP11_NS + "\" xmlns:bo=\"" + RawSoap.BO + "\">"
                    + "<soap:Header/><soap:Body>" + bodyXml + "</soap:Body></soap:Envelope>";
            Document doc = parse(envelope);
            WSSecHeader header = new WSSecHeader(doc);
            header.setMustUnderstand(true);
            header.insertSecurityHeader();
            WSSecSignature signature = new WSSecSignature(header);
            signature.setUserInfo("jp-chamber", "sample-jp-chamber");
            signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
            signature.setSignatureAlgorithm(WSConstants.RSA_SHA256);
            signature.setDigestAlgo(WSConstants.SHA256);
            signature.getParts().add(new WSEncryptionPart("Body", SOAP11_NS, "Element"));
            if (stamp != Stamp.NONE) {
                WSSecTimestamp timestamp = new WSSecTimestamp(header);
                timestamp.setWsTimeSource(() -> created);
                timestamp.setTimeToLive(300);
                timestamp.build();
                if (stamp == Stamp.SIGNED) {
                    signature.getParts().add(new WSEncryptionPart("Timestamp", WSU_NS, "Element"));
                }
            }
            signature.build(chamberKey());
            return text(doc);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the request", e);
        }
    }

    /**
     * A signature-wrapping variant of a signed envelope: a new Body holding {@code bodyXml} (prefix
     * {@code bo}) in place of the signed one, which is moved, Id and all, into an element at the end of
     * the new Body, where the signature's reference still finds it and its digest still matches.
     */
    public static String withSignedBodyWrappedInAForgedOne(String signedEnvelope, String bodyXml) {
        try {
            Document doc = parse(signedEnvelope);
            Element signedBody = (Element) doc.getElementsByTagNameNS(SOAP11_NS, "Body").item(0);
            Element forged = (Element) doc.importNode(parse("<soap:Body xmlns:soap=\"" + SOAP11_NS + "\" xmlns:bo=\""
                    + RawSoap.BO + "\">" + bodyXml + "</soap:Body>").getDocumentElement(), true);
            doc.getDocumentElement().replaceChild(forged, signedBody);
            Element wrapper = doc.createElementNS("urn:attacker", "x:Wrapper");
            forged.appendChild(wrapper);
            wrapper.appendChild(signedBody);
            return text(doc);
        } catch (Exception e) {
            throw new IllegalStateException("cannot rewrite the request", e);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document doc) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    private static Merlin chamberKey() throws Exception {
        try (InputStream in = Files.newInputStream(TestGateways.KEYS.resolve("jp-chamber.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "sample-jp-chamber".toCharArray());
            Merlin merlin = new Merlin();
            merlin.setKeyStore(store);
            return merlin;
        }
    }
}
