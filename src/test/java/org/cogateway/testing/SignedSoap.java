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
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)));
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
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the request", e);
        }
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
