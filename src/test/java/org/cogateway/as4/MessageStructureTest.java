package org.cogateway.as4;

import org.cogateway.delivery.SendOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.cogateway.partner.Partner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A UserMessage as sent and the Receipt that answers it, checked against the ebMS 3.0 core and the
 * eDelivery AS4 common profile (one-way push) with XPath. Comments name the requirement checked.
 */
class MessageStructureTest {
    static As4Endpoint idEndpoint;
    static SendOutcome outcome;
    static SoapMessage request;
    static Document receipt;
    static XPath xpath;

    @BeforeAll
    static void exchange() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        Partner jp = TestParties.jpPartner(URI.create("http://127.0.0.1:1/unused"));
        idEndpoint = new As4Endpoint(TestParties.ID, TestParties.idCrypto(), TestParties.directory(jp),
                new MemorySink(), Clock.systemUTC());
        idEndpoint.publish(uri.toString());
        As4Client client = new As4Client(TestParties.JP, TestParties.jpCrypto(), Clock.systemUTC());
        outcome = client.send(As4ExchangeTest.certificate("structure@jp-gw", As4ExchangeTest.CO),
                TestParties.idPartner(uri));
        assertThat(outcome.delivered()).as(outcome.reason()).isTrue();
        String firstLine = new String(outcome.signedRequest(), StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
        request = SoapMessage.fromWire(outcome.signedRequest(),
                "multipart/related; type=\"application/soap+xml\"; boundary=\"" + firstLine.substring(2) + "\"");
        receipt = Xml.parse(outcome.answer());
        xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new Namespaces(Map.of("S12", Ebms.SOAP12_NS, "eb", Ebms.NS, "ebbp", Ebms.EBBP_NS,
                "ds", Ebms.DS_NS, "wsse", Ebms.WSSE_NS, "wsu", Ebms.WSU_NS,
                "xenc", "http://www.w3.org/2001/04/xmlenc#", "xenc11", "http://www.w3.org/2009/xmlenc11#")));
    }

    @AfterAll
    static void stop() {
        idEndpoint.stop();
    }

    private static String value(Document doc, String expression) throws Exception {
        return xpath.evaluate(expression, doc);
    }

    private static int count(Document doc, String expression) throws Exception {
        return ((NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET)).getLength();
    }

    @Test
    void theUserMessageHeaderHasWhatTheProfileRequires() throws Exception {
        Document d = request.envelope();
        String um = "/S12:Envelope/S12:Header/eb:Messaging/eb:UserMessage";
        // SOAP 1.2 envelope; eb:Messaging understood or refused (core §5.2.1)
        assertThat(value(d, "/S12:Envelope/S12:Header/eb:Messaging/@S12:mustUnderstand")).isEqualTo("true");
        assertThat(count(d, um)).isEqualTo(1);
        // AS4 profile: Timestamp in UTC with "Z"; a MessageId
        assertThat(value(d, um + "/eb:MessageInfo/eb:Timestamp")).endsWith("Z");
        assertThat(value(d, um + "/eb:MessageInfo/eb:MessageId")).isEqualTo("structure@jp-gw");
        // one PartyId per side, with a type; a Role (AS4 profile §5.1.4)
        assertThat(count(d, um + "/eb:PartyInfo/eb:From/eb:PartyId[@type]")).isEqualTo(1);
        assertThat(count(d, um + "/eb:PartyInfo/eb:To/eb:PartyId[@type]")).isEqualTo(1);
        assertThat(value(d, um + "/eb:PartyInfo/eb:From/eb:PartyId")).isEqualTo("JP-GW");
        assertThat(value(d, um + "/eb:PartyInfo/eb:To/eb:PartyId")).isEqualTo("ID-GW");
        assertThat(value(d, um + "/eb:PartyInfo/eb:From/eb:Role")).isEqualTo(Ebms.ROLE_INITIATOR);
        assertThat(value(d, um + "/eb:PartyInfo/eb:To/eb:Role")).isEqualTo(Ebms.ROLE_RESPONDER);
        // CollaborationInfo: AgreementRef, typed Service, Action, ConversationId
        assertThat(value(d, um + "/eb:CollaborationInfo/eb:AgreementRef")).isEqualTo("JIEPA");
        assertThat(value(d, um + "/eb:CollaborationInfo/eb:Service")).isEqualTo(Actions.SERVICE);
        assertThat(value(d, um + "/eb:CollaborationInfo/eb:Service/@type")).isEqualTo(Actions.SERVICE_TYPE);
        assertThat(value(d, um + "/eb:CollaborationInfo/eb:Action")).isEqualTo("SubmitCertificate");
        assertThat(value(d, um + "/eb:CollaborationInfo/eb:ConversationId")).isEqualTo("conv-structure@jp-gw");
        // four-corner properties
        assertThat(value(d, um + "/eb:MessageProperties/eb:Property[@name='originalSender']")).isEqualTo("JP-GW");
        assertThat(value(d, um + "/eb:MessageProperties/eb:Property[@name='finalRecipient']")).isEqualTo("ID-GW");
        // payload as an attachment, gzip-compressed, with MimeType and CompressionType (AS4 profile §3.1)
        String part = um + "/eb:PayloadInfo/eb:PartInfo";
        assertThat(value(d, part + "/@href")).startsWith("cid:");
        assertThat(value(d, part + "/eb:PartProperties/eb:Property[@name='MimeType']")).isEqualTo("application/xml");
        assertThat(value(d, part + "/eb:PartProperties/eb:Property[@name='CompressionType']")).isEqualTo("application/gzip");
        assertThat(request.attachments()).hasSize(1);
        assertThat("cid:" + request.attachments().get(0).contentId()).isEqualTo(value(d, part + "/@href"));
    }

    @Test
    void theSignatureAndEncryptionUseTheAs4AlgorithmSuite() throws Exception {
        Document d = request.envelope();
        String sec = "/S12:Envelope/S12:Header/wsse:Security";
        assertThat(value(d, sec + "/@S12:mustUnderstand")).isEqualTo("true");
        // X.509 BinarySecurityToken
        assertThat(value(d, sec + "/wsse:BinarySecurityToken/@ValueType")).endsWith("#X509v3");
        String si = sec + "/ds:Signature/ds:SignedInfo";
        assertThat(value(d, si + "/ds:SignatureMethod/@Algorithm")).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        assertThat(value(d, si + "/ds:CanonicalizationMethod/@Algorithm")).isEqualTo("http://www.w3.org/2001/10/xml-exc-c14n#");
        assertThat(count(d, si + "/ds:Reference")).isEqualTo(4);
        assertThat(count(d, si + "/ds:Reference/ds:DigestMethod[@Algorithm='http://www.w3.org/2001/04/xmlenc#sha256']")).isEqualTo(4);
        // eb:Messaging, Body and every attachment are signed
        assertThat(count(d, si + "/ds:Reference[@URI='#" + Ebms.MESSAGING_ID + "']")).isEqualTo(1);
        assertThat(value(d, "/S12:Envelope/S12:Header/eb:Messaging/@wsu:Id")).isEqualTo(Ebms.MESSAGING_ID);
        assertThat(value(d, "/S12:Envelope/S12:Body/@wsu:Id")).isEqualTo(Ebms.BODY_ID);
        assertThat(count(d, si + "/ds:Reference[@URI='#" + Ebms.BODY_ID + "']")).isEqualTo(1);
        assertThat(value(d, si + "/ds:Reference[starts-with(@URI,'cid:')]/ds:Transforms/ds:Transform/@Algorithm"))
                .isEqualTo("http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Signature-Transform");
        // attachments encrypted with AES-128-GCM, key transported with RSA-OAEP, MGF1-SHA256, SHA-256
        assertThat(value(d, sec + "/xenc:EncryptedData/xenc:EncryptionMethod/@Algorithm"))
                .isEqualTo("http://www.w3.org/2009/xmlenc11#aes128-gcm");
        assertThat(value(d, sec + "/xenc:EncryptedData/@Type"))
                .isEqualTo("http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Only");
        assertThat(value(d, sec + "/xenc:EncryptedData/xenc:CipherData/xenc:CipherReference/@URI"))
                .isEqualTo("cid:" + request.attachments().get(0).contentId());
        String ek = sec + "/xenc:EncryptedKey/xenc:EncryptionMethod";
        assertThat(value(d, ek + "/@Algorithm")).isEqualTo("http://www.w3.org/2009/xmlenc11#rsa-oaep");
        assertThat(value(d, ek + "/xenc11:MGF/@Algorithm")).isEqualTo("http://www.w3.org/2009/xmlenc11#mgf1sha256");
        assertThat(value(d, ek + "/ds:DigestMethod/@Algorithm")).isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
        assertThat(request.attachments().get(0).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void theReceiptRepeatsEveryReferenceOfTheSignatureItAcknowledges() throws Exception {
        String signal = "/S12:Envelope/S12:Header/eb:Messaging/eb:SignalMessage";
        assertThat(value(receipt, signal + "/eb:MessageInfo/eb:RefToMessageId")).isEqualTo("structure@jp-gw");
        assertThat(value(receipt, signal + "/eb:MessageInfo/eb:Timestamp")).endsWith("Z");
        String nri = signal + "/eb:Receipt/ebbp:NonRepudiationInformation/ebbp:MessagePartNRInformation/ds:Reference";
        assertThat(count(receipt, nri)).isEqualTo(4);
        for (String uri : new String[] {"#" + Ebms.MESSAGING_ID, "#" + Ebms.BODY_ID}) {
            assertThat(value(receipt, nri + "[@URI='" + uri + "']/ds:DigestValue")).isEqualTo(
                    value(request.envelope(), "//ds:SignedInfo/ds:Reference[@URI='" + uri + "']/ds:DigestValue"));
        }
        // the receipt itself is signed, covering its eb:Messaging
        assertThat(count(receipt, "/S12:Envelope/S12:Header/wsse:Security/ds:Signature/ds:SignedInfo/ds:Reference[@URI='#"
                + Ebms.MESSAGING_ID + "']")).isEqualTo(1);
    }

    private record Namespaces(Map<String, String> byPrefix) implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return byPrefix.get(prefix);
        }

        @Override
        public String getPrefix(String uri) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return null;
        }
    }
}
