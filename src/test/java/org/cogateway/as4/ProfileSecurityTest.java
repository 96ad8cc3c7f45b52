package org.cogateway.as4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.wss4j.dom.WSConstants;
import org.cogateway.partner.Profile;
import org.cogateway.security.GatewayCrypto;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The eDelivery AS4 2.0 algorithms (EdDSA Ed25519, X25519 + HKDF + AES-128 key wrap, AES-128-GCM)
 * with the sample keys, and the refusal of one profile's algorithms where the other is agreed.
 */
class ProfileSecurityTest {
    private final GatewayCrypto jp = TestParties.jpCrypto();
    private final GatewayCrypto id = TestParties.idCrypto();

    @Test
    void as420MessageIsSignedWithEd25519AndEncryptedByX25519AgreementAndVerifiesAtTheRecipient() throws Exception {
        SoapMessage back = sent(Profile.AS4_2_0, jp.certificate("id-x25519"));
        Element security = (Element) back.envelope().getElementsByTagNameNS(Ebms.WSSE_NS, "Security").item(0);
        String header = new String(Xml.bytes(security), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header).contains("Algorithm=\"" + WSConstants.ED25519 + "\"")
                .contains("Algorithm=\"" + WSConstants.AGREEMENT_METHOD_X25519 + "\"")
                .contains("Algorithm=\"" + WSConstants.KEYDERIVATION_HKDF + "\"")
                .contains("Algorithm=\"" + WSConstants.KEYWRAP_AES128 + "\"")
                .contains("Algorithm=\"" + WSConstants.AES_128_GCM + "\"")
                .doesNotContain("rsa");

        As4Security.Verified v = new As4Security(id).verify(back, Profile.AS4_2_0);

        assertThat(v.signer()).isEqualTo(id.certificate("jp-ed25519"));
        assertThat(v.decryptedAttachments()).containsExactly("p1");
        assertThat(new String(v.attachments().get(0).content())).isEqualTo("<a>x</a>");
        assertThat(v.signedAttachments()).containsExactly("p1");
        assertThat(v.signedTimestamp()).isNotNull();
    }

    @Test
    void as420MessageIsRefusedWhereTheAgreementSays115() throws Exception {
        SoapMessage back = sent(Profile.AS4_2_0, jp.certificate("id-x25519"));

        assertThatThrownBy(() -> new As4Security(id).verify(back, Profile.AS4_1_15))
                .isInstanceOfSatisfying(As4Security.Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(As4Security.Failure.Kind.WRONG_PROFILE))
                .hasMessageContaining(WSConstants.ED25519).hasMessageContaining("as4-1.15");
    }

    @Test
    void as4115MessageIsRefusedWhereTheAgreementSays20() throws Exception {
        SoapMessage back = sent(Profile.AS4_1_15, jp.certificate("id"));

        assertThatThrownBy(() -> new As4Security(id).verify(back, Profile.AS4_2_0))
                .isInstanceOfSatisfying(As4Security.Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(As4Security.Failure.Kind.WRONG_PROFILE))
                .hasMessageContaining(WSConstants.RSA_SHA256).hasMessageContaining("as4-2.0");
    }

    @Test
    void ed25519SignatureWithRsaKeyTransportIsRefusedUnderEitherProfile() throws Exception {
        // signed as 2.0 prescribes, but the content key transported with RSA-OAEP (a 1.15 habit)
        SoapMessage mixed = message();
        As4Security jpSec = new As4Security(jp);
        jpSec.sign(mixed, Instant.now(), Duration.ofMinutes(5), Profile.AS4_2_0);
        var wire = jpSec.encryptAttachments(mixed, jp.certificate("id"), Profile.AS4_1_15).toWire();

        for (Profile profile : Profile.values()) {
            SoapMessage back = SoapMessage.fromWire(wire.body(), wire.contentType());
            assertThatThrownBy(() -> new As4Security(id).verify(back, profile))
                    .isInstanceOfSatisfying(As4Security.Failure.class,
                            f -> assertThat(f.kind()).isEqualTo(As4Security.Failure.Kind.WRONG_PROFILE));
        }
    }

    private SoapMessage sent(Profile profile, java.security.cert.X509Certificate recipient) throws Exception {
        SoapMessage m = message();
        As4Security jpSec = new As4Security(jp);
        jpSec.sign(m, Instant.now(), Duration.ofMinutes(5), profile);
        var wire = jpSec.encryptAttachments(m, recipient, profile).toWire();
        return SoapMessage.fromWire(wire.body(), wire.contentType());
    }

    private static SoapMessage message() {
        UserMessageHeader h = new UserMessageHeader(Instant.parse("2026-01-01T00:00:00Z"), "m1@jp", null,
                new UserMessageHeader.Party("JP-GW", "t", Ebms.ROLE_INITIATOR),
                new UserMessageHeader.Party("ID-GW", "t", Ebms.ROLE_RESPONDER), "JIEPA", Actions.SERVICE,
                Actions.SERVICE_TYPE, "SubmitCertificate", "c1", Map.of(),
                List.of(new UserMessageHeader.PartInfo("cid:p1", Map.of("MimeType", "application/xml"))));
        return new SoapMessage(Messaging.userMessage(h), List.of(new Part("p1", "application/xml", "<a>x</a>".getBytes())));
    }
}
