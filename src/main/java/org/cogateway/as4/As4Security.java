package org.cogateway.as4;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
import org.apache.wss4j.dom.message.token.Timestamp;
import org.apache.wss4j.dom.processor.EncryptedDataProcessor;
import org.apache.wss4j.dom.processor.EncryptedKeyProcessor;
import org.apache.wss4j.dom.processor.Processor;
import org.apache.wss4j.dom.processor.ReferenceListProcessor;
import org.cogateway.partner.Profile;
import org.cogateway.security.GatewayCrypto;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WS-Security 1.1 for AS4 (eDelivery AS4 common profile §3.2.6): sign, then encrypt the
 * attachments; on receipt, decrypt and verify. Calls WSS4J's DOM API directly rather than
 * configuring CXF's WSS4J interceptors: the AS4 algorithm suite (AES-128-GCM, RSA-OAEP with
 * MGF1-SHA256) is not a WS-SecurityPolicy suite, the client is not CXF, and we need the verified
 * signature's references for the receipt and the sent ones for checking it, which is direct here.
 * The algorithms are those of the partner's {@link Profile}: eDelivery AS4 1.15 (RSA) or 2.0
 * (EdDSA Ed25519, X25519 key agreement); on receipt only that profile's algorithms are accepted.
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

    /**
     * The algorithms of a profile: what is written for a partner on it and the only ones accepted from it.
     * {@code agreement} and {@code keyDerivation} are null where the content key is transported (RSA-OAEP).
     */
    private record Suite(String signature, String keyEncryption, String agreement, String keyDerivation) {
        static Suite of(Profile profile) {
            return switch (profile) {
                case AS4_1_15 -> AS4_1_15;
                case AS4_2_0 -> AS4_2_0;
            };
        }
    }

    /** eDelivery AS4 1.15 §3.2.6: RSA-SHA256, RSA-OAEP (xenc11, MGF1-SHA256). */
    private static final Suite AS4_1_15 = new Suite(WSConstants.RSA_SHA256, WSConstants.KEYTRANSPORT_RSAOAEP_XENC11,
            null, null);
    /** eDelivery AS4 2.0 common profile: EdDSA Ed25519; X25519 key agreement, HKDF, AES-128 key wrap. */
    private static final Suite AS4_2_0 = new Suite(WSConstants.ED25519, WSConstants.KEYWRAP_AES128,
            WSConstants.AGREEMENT_METHOD_X25519, WSConstants.KEYDERIVATION_HKDF);

    /** Why a message's security could not be accepted. */
    static final class Failure extends Exception {
        /** WRONG_PROFILE: valid WS-Security, but with algorithms the partner's profile does not allow. */
        enum Kind { NOT_SIGNED, DECRYPTION, AUTHENTICATION, WRONG_PROFILE }

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
     * What a verified security header proved, read only from WSS4J's results for the processed
     * wsse:Security header (never by searching the envelope): every later step of the receiving MSH,
     * and the check of a partner's answer, decide from this record.
     *
     * @param signer              the certificate of the one signature (trusted, in its validity period)
     * @param references          the signature's ds:Reference elements (for the receipt's NRI)
     * @param signedElements      the elements the verified signature's references resolved to
     * @param signedAttachments   Content-IDs of the attachments the verified signature covers
     * @param decryptedAttachments Content-IDs of the attachments WSS4J decrypted (its decryption results' data refs)
     * @param signedTimestamp     wsu:Created of the header's wsu:Timestamp when the verified signature covers
     *                            it; null when there is none or it is not signed (then it proves nothing)
     * @param attachments         the attachments after decryption
     */
    record Verified(X509Certificate signer, List<Element> references, Set<Element> signedElements,
                    Set<String> signedAttachments, Set<String> decryptedAttachments, Instant signedTimestamp,
                    List<Part> attachments) {
    }

    /**
     * Adds a wsu:Timestamp and a signature over eb:Messaging, the Body, the Timestamp and every
     * attachment (Attachment-Content-Signature-Transform); returns the signature's references.
     * The header gets WS-SecurityPolicy's Strict layout: Timestamp, BinarySecurityToken, Signature.
     * The key and the signature algorithm are those of {@code profile}.
     */
    List<Element> sign(SoapMessage message, Instant created, Duration timeToLive, Profile profile)
            throws WSSecurityException {
        Document doc = message.envelope();
        WSSecHeader header = new WSSecHeader(doc);
        header.setMustUnderstand(true);
        Element security = header.insertSecurityHeader();
        security.appendChild(timestamp(doc, created, timeToLive));

        WSSecSignature signature = new WSSecSignature(header);
        signature.setUserInfo(crypto.signingAlias(profile), crypto.keyPassword());
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(Suite.of(profile).signature());
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
     * Under as4-2.0 the EncryptedKey wraps the content key with a key derived (HKDF) from an X25519
     * agreement between a fresh ephemeral key and the recipient's X25519 certificate.
     */
    SoapMessage encryptAttachments(SoapMessage message, X509Certificate recipient, Profile profile)
            throws WSSecurityException {
        Suite suite = Suite.of(profile);
        WSSecHeader header = new WSSecHeader(message.envelope());
        header.insertSecurityHeader(); // finds the existing one
        WSSecEncrypt encrypt = new WSSecEncrypt(header);
        encrypt.setUseThisCert(recipient);
        encrypt.setKeyIdentifierType(WSConstants.ISSUER_SERIAL);
        encrypt.setKeyEncAlgo(suite.keyEncryption());
        if (suite.agreement() != null) {
            // WSS4J makes the ephemeral key pair and the HKDF parameters (SHA-256, random salt)
            encrypt.setKeyAgreementMethod(suite.agreement());
            encrypt.setKeyDerivationMethod(suite.keyDerivation());
        } else {
            encrypt.setMGFAlgorithm(WSConstants.MGF_SHA256);
            encrypt.setDigestAlgorithm(WSConstants.SHA256);
        }
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

    /**
     * Decrypts what is encrypted for us and verifies the one signature against the truststore; then
     * refuses the message if WSS4J's results show an algorithm that {@code profile} does not use.
     */
    Verified verify(SoapMessage message, Profile profile) throws Failure {
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
            throw new Failure(decryption ? Failure.Kind.DECRYPTION : Failure.Kind.AUTHENTICATION, reason(e));
        }
        List<WSSecurityEngineResult> signatures = results(result, WSConstants.SIGN);
        if (signatures.size() != 1) {
            throw new Failure(Failure.Kind.NOT_SIGNED, signatures.size() + " signatures, expected one");
        }
        checkProfile(signatures.get(0), results(result, WSConstants.ENCR), profile);
        return verified(signatures.get(0), result, store);
    }

    /**
     * The profile is decided from what WSS4J did, not from what the header claims: the method of the
     * signature it verified, the key transport (or key wrap) of each EncryptedKey it decrypted with the
     * agreement method inside it, and the symmetric algorithm of each part it decrypted.
     */
    private static void checkProfile(WSSecurityEngineResult signature, List<WSSecurityEngineResult> encryptions,
                                     Profile profile) throws Failure {
        Suite suite = Suite.of(profile);
        String signatureMethod = (String) signature.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
        if (!suite.signature().equals(signatureMethod)) {
            throw wrongProfile(profile, "signature method " + signatureMethod);
        }
        for (WSSecurityEngineResult encryption : encryptions) {
            String keyMethod = (String) encryption.get(WSSecurityEngineResult.TAG_ENCRYPTED_KEY_TRANSPORT_METHOD);
            if (keyMethod != null) { // an EncryptedKey's result; a ReferenceList's has none
                if (!suite.keyEncryption().equals(keyMethod)) {
                    throw wrongProfile(profile, "key encryption " + keyMethod);
                }
                String agreement = agreementMethod((Element) encryption.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT));
                if (!java.util.Objects.equals(suite.agreement(), agreement)) {
                    throw wrongProfile(profile, agreement == null ? "no key agreement" : "key agreement " + agreement);
                }
            }
            for (WSDataRef ref : dataRefs(encryption)) {
                if (!WSConstants.AES_128_GCM.equals(ref.getAlgorithm())) {
                    throw wrongProfile(profile, "content encryption " + ref.getAlgorithm());
                }
            }
        }
    }

    /** The Algorithm of the xenc:AgreementMethod in the KeyInfo of the EncryptedKey WSS4J processed, if any. */
    private static String agreementMethod(Element encryptedKey) {
        if (encryptedKey == null) {
            return null;
        }
        return Xml.child(encryptedKey, Ebms.DS_NS, "KeyInfo")
                .flatMap(keyInfo -> Xml.child(keyInfo, WSConstants.ENC_NS, "AgreementMethod"))
                .map(method -> method.getAttributeNS(null, "Algorithm"))
                .orElse(null);
    }

    private static Failure wrongProfile(Profile profile, String found) {
        return new Failure(Failure.Kind.WRONG_PROFILE, found + " is not allowed by the agreed profile " + profile.id());
    }

    private static List<WSSecurityEngineResult> results(WSHandlerResult all, Integer action) {
        return all == null ? List.of() : all.getActionResults().getOrDefault(action, List.of());
    }

    /** WSS4J's own words and those of its cause (e.g. Santuario's reference limit), for the log only. */
    private static String reason(WSSecurityException e) {
        String reason = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (reason == null || !reason.contains(cause.getMessage()))) {
            reason = reason + " (" + cause.getMessage() + ")";
        }
        return reason;
    }

    @SuppressWarnings("unchecked")
    private static List<WSDataRef> dataRefs(WSSecurityEngineResult result) {
        List<WSDataRef> refs = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        return refs == null ? List.of() : refs;
    }

    private static Verified verified(WSSecurityEngineResult signature, WSHandlerResult all, AttachmentStore store) {
        Element signatureElement = (Element) signature.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
        Set<Element> signedElements = new HashSet<>();
        Set<String> signedAttachments = new HashSet<>();
        for (WSDataRef ref : dataRefs(signature)) {
            contentId(ref).ifPresentOrElse(signedAttachments::add, () -> {
                if (ref.getProtectedElement() != null) {
                    signedElements.add(ref.getProtectedElement());
                }
            });
        }
        // an attachment WSS4J decrypted is named by the data ref of an EncryptedKey's (or ReferenceList's) result
        Set<String> decrypted = new HashSet<>();
        for (WSSecurityEngineResult encryption : results(all, WSConstants.ENCR)) {
            dataRefs(encryption).forEach(ref -> contentId(ref).ifPresent(decrypted::add));
        }
        Instant signedTimestamp = results(all, WSConstants.TS).stream()
                .map(r -> (Timestamp) r.get(WSSecurityEngineResult.TAG_TIMESTAMP))
                .filter(ts -> signedElements.contains(ts.getElement()))
                .map(Timestamp::getCreated)
                .findFirst().orElse(null);
        return new Verified((X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE),
                references(signatureElement), signedElements, signedAttachments, decrypted, signedTimestamp,
                store.attachments());
    }

    /** The Content-ID of a data ref that names an attachment ({@code cid:...}, SwA profile). */
    private static Optional<String> contentId(WSDataRef ref) {
        String uri = ref.getWsuId();
        return uri != null && uri.startsWith("cid:") ? Optional.of(uri.substring(4)) : Optional.empty();
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
