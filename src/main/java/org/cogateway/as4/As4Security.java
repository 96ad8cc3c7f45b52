package org.cogateway.as4;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.KeyGenerator;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.processor.EncryptedDataProcessor;
import org.apache.wss4j.dom.processor.EncryptedKeyProcessor;
import org.apache.wss4j.dom.processor.Processor;
import org.apache.wss4j.dom.processor.ReferenceListProcessor;
import org.cogateway.security.GatewayCrypto;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Security 1.1 for AS4 (eDelivery AS4 common profile §3.2.6): sign, then encrypt the
 * attachments; on receipt, decrypt and verify. Calls WSS4J's DOM API directly rather than
 * configuring CXF's WSS4J interceptors: the AS4 algorithm suite (AES-128-GCM, RSA-OAEP with
 * MGF1-SHA256) is not a WS-SecurityPolicy suite, the client is not CXF, and we need the verified
 * signature's references for the receipt and the sent ones for checking it, which is direct here.
 */
final class As4Security {
    /**
     * Santuario warns "the input bytes to the digest operation are null" for every attachment
     * reference, because attachments are digested through WSS4J's callback rather than a URI
     * dereference; the digest is right (receipts confirm it), so that one logger is kept quiet.
     * Held in a field: java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger DIGEST_WARNINGS =
            java.util.logging.Logger.getLogger("org.apache.jcp.xml.dsig.internal.dom.DOMReference");

    static {
        WSSConfig.init();
        DIGEST_WARNINGS.setLevel(java.util.logging.Level.SEVERE);
    }

    private final GatewayCrypto crypto;
    private final WSSConfig config;

    As4Security(GatewayCrypto crypto) {
        this.crypto = crypto;
        this.config = WSSConfig.getNewInstance();
        // so that a failure while decrypting can be told from a failure of the signature (0102 vs 0101)
        config.setProcessor(WSConstants.ENCRYPTED_KEY, new DecryptionStep(new EncryptedKeyProcessor()));
        config.setProcessor(WSConstants.REFERENCE_LIST, new DecryptionStep(new ReferenceListProcessor()));
        config.setProcessor(WSConstants.ENCRYPTED_DATA, new DecryptionStep(new EncryptedDataProcessor()));
    }

    /** Why a message's security could not be accepted. */
    static final class Failure extends Exception {
        enum Kind { NOT_SIGNED, DECRYPTION, AUTHENTICATION }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    /**
     * What a verified security header proved.
     *
     * @param signer         the certificate of the one signature (trusted, in its validity period)
     * @param references     the signature's ds:Reference elements (for the receipt's NRI)
     * @param signedElements the elements the signature's references resolved to
     * @param signedUris     the reference URIs ({@code #id}, {@code cid:...})
     * @param decrypted      Content-IDs of the attachments that arrived encrypted (and were decrypted)
     * @param attachments    the attachments after decryption
     * @param created        wsu:Timestamp/wsu:Created, null when there is no timestamp
     */
    record Verified(X509Certificate signer, List<Element> references, Set<Element> signedElements,
                    Set<String> signedUris, Set<String> decrypted, List<Part> attachments, Instant created) {
    }

    /**
     * Adds a wsu:Timestamp and a signature over eb:Messaging, the Body, the Timestamp and every
     * attachment (Attachment-Content-Signature-Transform); returns the signature's references.
     * The header gets WS-SecurityPolicy's Strict layout: Timestamp, BinarySecurityToken, Signature.
     */
    List<Element> sign(SoapMessage message, Instant created, Duration timeToLive) throws WSSecurityException {
        Document doc = message.envelope();
        WSSecHeader header = new WSSecHeader(doc);
        header.setMustUnderstand(true);
        Element security = header.insertSecurityHeader();
        security.appendChild(timestamp(doc, created, timeToLive));

        WSSecSignature signature = new WSSecSignature(header);
        signature.setUserInfo(crypto.keyAlias(), crypto.keyPassword());
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(WSConstants.RSA_SHA256);
        signature.setDigestAlgo(WSConstants.SHA256);
        signature.setSigCanonicalization(WSConstants.C14N_EXCL_OMIT_COMMENTS);
        signature.getParts().add(new WSEncryptionPart("Messaging", Ebms.NS, "Element"));
        signature.getParts().add(new WSEncryptionPart("Body", Ebms.SOAP12_NS, "Element"));
        signature.getParts().add(new WSEncryptionPart("Timestamp", Ebms.WSU_NS, "Element"));
        if (!message.attachments().isEmpty()) {
            signature.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
            signature.setAttachmentCallbackHandler(new AttachmentStore(message.attachments()));
        }
        signature.build(crypto.ownCrypto());
        timestampFirst(security);
        return references(signature.getSignatureElement());
    }

    private static Element timestamp(Document doc, Instant created, Duration timeToLive) {
        Element ts = doc.createElementNS(Ebms.WSU_NS, "wsu:Timestamp");
        Messaging.setId(ts, Ebms.TIMESTAMP_ID);
        Instant start = created.truncatedTo(ChronoUnit.MILLIS);
        Xml.append(ts, Ebms.WSU_NS, "wsu:Created", start.toString());
        Xml.append(ts, Ebms.WSU_NS, "wsu:Expires", start.plus(timeToLive).toString());
        return ts;
    }

    /**
     * Encrypts every attachment's content for the recipient; the header gains the EncryptedKey and
     * the attachments' EncryptedData after the Timestamp and before the signer's token and the
     * Signature, so that a receiver working down the header decrypts before it verifies digests that
     * were taken over the plain attachments (Strict layout: each token before what uses it).
     */
    SoapMessage encryptAttachments(SoapMessage message, X509Certificate recipient) throws WSSecurityException {
        WSSecHeader header = new WSSecHeader(message.envelope());
        header.insertSecurityHeader(); // finds the existing one
        WSSecEncrypt encrypt = new WSSecEncrypt(header);
        encrypt.setUseThisCert(recipient);
        encrypt.setKeyIdentifierType(WSConstants.ISSUER_SERIAL);
        encrypt.setKeyEncAlgo(WSConstants.KEYTRANSPORT_RSAOAEP_XENC11);
        encrypt.setMGFAlgorithm(WSConstants.MGF_SHA256);
        encrypt.setDigestAlgorithm(WSConstants.SHA256);
        encrypt.setSymmetricEncAlgorithm(WSConstants.AES_128_GCM);
        encrypt.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
        AttachmentStore store = new AttachmentStore(message.attachments());
        encrypt.setAttachmentCallbackHandler(store);
        KeyGenerator generator = KeyUtils.getKeyGenerator(WSConstants.AES_128_GCM);
        encrypt.build(crypto.ownCrypto(), generator.generateKey());
        timestampFirst(header.getSecurityHeaderElement());
        return new SoapMessage(message.envelope(), store.attachments());
    }

    /**
     * WSS4J prepends each element it adds, which leaves the Timestamp, added first, last; Strict
     * (and LaxTsFirst) receivers want it first. Moving it keeps its digest: exclusive c14n of the
     * element does not depend on its position among its siblings.
     */
    private static void timestampFirst(Element security) {
        Xml.child(security, Ebms.WSU_NS, "Timestamp").ifPresent(ts -> security.insertBefore(ts, security.getFirstChild()));
    }

    /** Decrypts what is encrypted for us and verifies the one signature against the truststore. */
    Verified verify(SoapMessage message) throws Failure {
        Set<String> encrypted = encryptedAttachments(message.envelope());
        AttachmentStore store = new AttachmentStore(message.attachments());
        RequestData data = new RequestData();
        data.setWssConfig(config);
        data.setDecCrypto(crypto.ownCrypto());
        data.setSigVerCrypto(crypto.trustCrypto());
        data.setCallbackHandler(crypto.keyPasswordHandler());
        data.setAttachmentCallbackHandler(store);
        // freshness is checked by the MSH against its own clock and window, not by WSS4J's defaults
        data.setTimeStampStrict(false);
        data.setTimeStampTTL(Integer.MAX_VALUE / 2);
        data.setTimeStampFutureTTL(Integer.MAX_VALUE / 2);
        data.setRequireSignedEncryptedDataElements(false);
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        WSHandlerResult result;
        try {
            result = engine.processSecurityHeader(message.envelope(), data);
        } catch (WSSecurityException e) {
            boolean decryption = e instanceof DecryptionFailure || e.getCause() instanceof DecryptionFailure;
            throw new Failure(decryption ? Failure.Kind.DECRYPTION : Failure.Kind.AUTHENTICATION, e.getMessage());
        }
        List<WSSecurityEngineResult> signatures = result == null ? List.of()
                : result.getActionResults().getOrDefault(WSConstants.SIGN, List.of());
        if (signatures.size() != 1) {
            throw new Failure(Failure.Kind.NOT_SIGNED, signatures.size() + " signatures, expected one");
        }
        return verified(signatures.get(0), result, store, encrypted);
    }

    /**
     * Content-IDs named by xenc:CipherReference: the attachments that are encrypted. Read before
     * processing, since WSS4J also hands back attachments it only read for the signature; once it
     * succeeds, each of them has been decrypted.
     */
    private static Set<String> encryptedAttachments(Document envelope) {
        Set<String> ids = new HashSet<>();
        var refs = envelope.getElementsByTagNameNS(WSConstants.ENC_NS, "CipherReference");
        for (int i = 0; i < refs.getLength(); i++) {
            String uri = ((Element) refs.item(i)).getAttribute("URI");
            if (uri.startsWith("cid:")) {
                ids.add(uri.substring(4));
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Verified verified(WSSecurityEngineResult signature, WSHandlerResult all, AttachmentStore store,
                                     Set<String> encrypted) {
        Element signatureElement = (Element) signature.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
        Set<Element> signedElements = new HashSet<>();
        for (WSDataRef ref : (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS)) {
            if (ref.getProtectedElement() != null) {
                signedElements.add(ref.getProtectedElement());
            }
        }
        List<Element> references = references(signatureElement);
        Set<String> uris = new HashSet<>();
        references.forEach(r -> uris.add(r.getAttribute("URI")));
        Instant created = all.getActionResults().getOrDefault(WSConstants.TS, List.of()).stream()
                .map(r -> (org.apache.wss4j.dom.message.token.Timestamp) r.get(WSSecurityEngineResult.TAG_TIMESTAMP))
                .map(org.apache.wss4j.dom.message.token.Timestamp::getCreated)
                .findFirst().orElse(null);
        return new Verified((X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE),
                references, signedElements, uris, encrypted, store.attachments(), created);
    }

    static List<Element> references(Element signature) {
        List<Element> refs = new ArrayList<>();
        Xml.child(signature, Ebms.DS_NS, "SignedInfo")
                .ifPresent(si -> refs.addAll(Xml.children(si, Ebms.DS_NS, "Reference")));
        return refs;
    }

    /** Marks WSS4J failures raised while decrypting. */
    private static final class DecryptionFailure extends WSSecurityException {
        private static final long serialVersionUID = 1L;

        DecryptionFailure(WSSecurityException cause) {
            super(cause.getErrorCode(), cause, cause.getMessage());
        }
    }

    private record DecryptionStep(Processor delegate) implements Processor {
        @Override
        public List<WSSecurityEngineResult> handleToken(Element element, RequestData data) throws WSSecurityException {
            try {
                return delegate.handleToken(element, data);
            } catch (DecryptionFailure e) {
                throw e;
            } catch (WSSecurityException e) {
                throw new DecryptionFailure(e);
            }
        }
    }

}
