package org.cogateway.as4;

import org.cogateway.partner.Profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class As4SecurityTest {

    @Test
    void signedAndEncryptedAttachmentDecryptsAndVerifiesAtTheRecipient() throws Exception {
        var jp = TestParties.jpCrypto();
        var id = TestParties.idCrypto();
        UserMessageHeader h = new UserMessageHeader(Instant.parse("2026-01-01T00:00:00Z"), "m1@jp", null,
                new UserMessageHeader.Party("JP-GW", "t", Ebms.ROLE_INITIATOR),
                new UserMessageHeader.Party("ID-GW", "t", Ebms.ROLE_RESPONDER), "JIEPA", Actions.SERVICE,
                Actions.SERVICE_TYPE, "SubmitCertificate", "c1", Map.of(),
                List.of(new UserMessageHeader.PartInfo("cid:p1", Map.of("MimeType", "application/xml"))));
        SoapMessage m = new SoapMessage(Messaging.userMessage(h), List.of(new Part("p1", "application/xml", "<a>x</a>".getBytes())));
        As4Security jpSec = new As4Security(jp);
        var refs = jpSec.sign(m, Instant.now(), Duration.ofMinutes(5), Profile.AS4_1_15);
        var wire = jpSec.encryptAttachments(m, jp.certificate("id"), Profile.AS4_1_15).toWire();
        SoapMessage back = SoapMessage.fromWire(wire.body(), wire.contentType());
        var v = new As4Security(id).verify(back, Profile.AS4_1_15);
        assertThat(refs).hasSize(4);
        assertThat(v.decryptedAttachments()).containsExactly("p1");
        assertThat(new String(v.attachments().get(0).content())).isEqualTo("<a>x</a>");
        assertThat(v.signedAttachments()).containsExactly("p1");
        assertThat(v.signedElements()).contains(Messaging.messagingElement(back.envelope()), Messaging.body(back.envelope()));
        assertThat(v.signedTimestamp()).isNotNull();
        assertThat(v.signer()).isEqualTo(id.certificate("jp"));
    }
}
