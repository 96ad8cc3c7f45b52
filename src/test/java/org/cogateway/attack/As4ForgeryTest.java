package org.cogateway.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.cogateway.as4.Actions;
import org.cogateway.as4.Forger;
import org.cogateway.as4.TestParties;
import org.cogateway.document.DocumentKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A hostile partner (or a thief of nothing but a partner's public certificate) forges what a message
 * proves: who signed it, which parts were signed, whether the payload was encrypted. Each attack is
 * built with real keys, posted over HTTP to a real gateway, and must get the exact ebMS error, leave
 * nothing in the database, and leave the gateway receiving genuine messages.
 */
class As4ForgeryTest {
    static TargetGateway target;

    @BeforeAll
    static void start() {
        target = TargetGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static void assertRefused(Forger forger, String messageId, String code) throws Exception {
        long certificates = target.certificates();
        String answer = Forger.post(target.as4, forger.build(messageId, TargetGateway.certificate()));
        assertThat(answer).isEqualTo(code);
        target.assertRefusedAndStillServes(messageId, certificates);
    }

    @Test
    void aGenuineMessageIsReceived() throws Exception {
        target.assertServesGenuine();
    }

    @Test
    void anUnsignedMessageIsRefusedAsPolicyNoncompliance() throws Exception {
        Forger f = new Forger();
        f.sign = false;
        assertRefused(f, "unsigned@id-gw", "EBMS:0103");
    }

    @Test
    void anUnencryptedPayloadIsRefusedAsPolicyNoncompliance() throws Exception {
        Forger f = new Forger();
        f.encrypt = false;
        assertRefused(f, "unencrypted@id-gw", "EBMS:0103");
    }

    /** Weakness 1: "encrypted" used to be read from any xenc:CipherReference in the envelope. */
    @Test
    void aSignedPlainPayloadWithAMadeUpCipherReferenceInAHeaderIsRefused() throws Exception {
        Forger f = new Forger();
        f.encrypt = false;
        f.afterSigning = doc -> Hostile.fakeCipherReference(Hostile.stash(doc), Hostile.payloadId(doc));
        assertRefused(f, "fake-cipher-reference@id-gw", "EBMS:0103");
    }

    @Test
    void aSignedPlainPayloadWithAMadeUpCipherReferenceInsideTheSecurityHeaderIsRefused() throws Exception {
        Forger f = new Forger();
        f.encrypt = false;
        f.afterSigning = doc -> {
            Element unknown = doc.createElementNS(Hostile.ATTACKER, "x:Decoy");
            Hostile.security(doc).appendChild(unknown);
            Hostile.fakeCipherReference(unknown, Hostile.payloadId(doc));
        };
        assertRefused(f, "fake-cipher-reference-in-security@id-gw", "EBMS:0103");
    }

    @Test
    void aSignatureByAnUntrustedSelfSignedCertificateFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.signer = TestParties.idImpostor(TestParties.TEST_KEYS.resolve("rogue.p12"), "sample-id", "id");
        assertRefused(f, "rogue@id-gw", "EBMS:0101");
    }

    @Test
    void aSignatureByAnExpiredCertificateFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.signer = TestParties.idImpostor(TestParties.TEST_KEYS.resolve("id-expired.p12"), "sample-id", "id");
        assertRefused(f, "expired@id-gw", "EBMS:0101");
    }

    /** A certificate the gateway trusts, but of another party (the Japanese chamber), claiming to be ID. */
    @Test
    void aSignatureByATrustedCertificateThatIsNotThePartnersFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.signer = TestParties.idImpostor(Path.of("keystores-sample/jp-chamber.p12"), "sample-jp-chamber", "jp-chamber");
        assertRefused(f, "impersonator@id-gw", "EBMS:0101");
    }

    @Test
    void aPayloadChangedAfterSigningFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.afterSigningPayload = Hostile::gzip;
        assertRefused(f, "tampered-payload@id-gw", "EBMS:0101");
    }

    @Test
    void anActionChangedAfterSigningFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.afterSigning = doc -> doc.getElementsByTagNameNS(Hostile.EB, "Action").item(0)
                .setTextContent(Actions.action(DocumentKind.STATUS_CHANGE));
        assertRefused(f, "tampered-action@id-gw", "EBMS:0101");
    }

    /** AES-GCM authenticates the ciphertext: a changed byte is caught when decrypting. */
    @Test
    void aTamperedCiphertextFailsDecryption() throws Exception {
        Forger f = new Forger();
        f.afterEncryption = bytes -> {
            byte[] changed = Arrays.copyOf(bytes, bytes.length);
            changed[changed.length / 2] ^= 0x01;
            return changed;
        };
        assertRefused(f, "tampered-ciphertext@id-gw", "EBMS:0102");
    }

    @Test
    void aPayloadEncryptedForSomeoneElseFailsDecryption() throws Exception {
        Forger f = new Forger();
        f.recipient = TestParties.idCrypto().ownCertificate();
        assertRefused(f, "not-for-us@id-gw", "EBMS:0102");
    }

    /**
     * Signature wrapping: the signed eb:Messaging is kept (its digest still verifies, found by its Id)
     * inside a header block of the attacker's, and a forged eb:Messaging takes its place.
     */
    @Test
    void aForgedMessagingHeaderBesideTheWrappedSignedOneFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.afterSigning = doc -> {
            Element signed = (Element) doc.getElementsByTagNameNS(Hostile.EB, "Messaging").item(0);
            Element forged = (Element) signed.cloneNode(true);
            forged.removeAttributeNS(Hostile.WSU, "Id");
            forged.getElementsByTagNameNS(Hostile.EB, "ConversationId").item(0).setTextContent("forged-conversation");
            Hostile.stash(doc).appendChild(signed);
            Hostile.header(doc).appendChild(forged);
        };
        assertRefused(f, "wrapped-messaging@id-gw", "EBMS:0101");
    }

    /** Signature wrapping of the Body: the signed Body moves into a header block, a forged one replaces it. */
    @Test
    void aForgedBodyBesideTheWrappedSignedOneFailsAuthentication() throws Exception {
        Forger f = new Forger();
        f.afterSigning = doc -> {
            Element signed = (Element) doc.getElementsByTagNameNS(Hostile.SOAP12, "Body").item(0);
            Element forged = doc.createElementNS(Hostile.SOAP12, "S12:Body");
            forged.appendChild(doc.createElementNS(Hostile.ATTACKER, "x:Order")).setTextContent("forged");
            Hostile.stash(doc).appendChild(signed);
            doc.getDocumentElement().appendChild(forged);
        };
        assertRefused(f, "wrapped-body@id-gw", "EBMS:0101");
    }
}
