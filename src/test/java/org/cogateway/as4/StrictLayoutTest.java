package org.cogateway.as4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.cxf.ws.policy.AssertionInfo;
import org.apache.cxf.ws.policy.AssertionInfoMap;
import org.apache.cxf.ws.security.wss4j.policyvalidators.LayoutPolicyValidator;
import org.apache.cxf.ws.security.wss4j.policyvalidators.PolicyValidatorParameters;
import org.apache.neethi.Policy;
import org.apache.neethi.builders.PrimitiveAssertion;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.policy.SP12Constants;
import org.apache.wss4j.policy.SPConstants;
import org.apache.wss4j.policy.model.Layout;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.partner.Partner;
import org.cogateway.security.GatewayCrypto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Everything the gateway signs passes the WS-SecurityPolicy {@code sp:Strict} layout, as the
 * eDelivery AS4 policy Domibus ships declares it: checked by CXF's own LayoutPolicyValidator over
 * the security results of WSS4J for the exact bytes the gateway put on the wire, and, where the
 * validator is silent (it does not demand the Timestamp first), by the header's element order.
 */
class StrictLayoutTest {
    static As4Endpoint idEndpoint;
    static As4Endpoint jpEndpoint;
    static URI idUri;
    static URI jpUri;
    static SendOutcome outcome;
    /** The same under the eDelivery AS4 2.0 profile: both sides agree as4-2.0. */
    static As4Endpoint idEndpoint20;
    static As4Endpoint jpEndpoint20;
    static URI jpUri20;
    static SendOutcome outcome20;

    @BeforeAll
    static void exchange() throws Exception {
        idUri = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        Partner jp = TestParties.jpPartner(URI.create("http://127.0.0.1:1/unused"));
        idEndpoint = new As4Endpoint(TestParties.ID, TestParties.idCrypto(), TestParties.directory(jp),
                new MemorySink(), Clock.systemUTC());
        idEndpoint.publish(idUri.toString());
        // JP receives from the Forger (ID) and answers it with an error signal
        jpUri = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        jpEndpoint = new As4Endpoint(TestParties.JP, TestParties.jpCrypto(),
                TestParties.directory(TestParties.idPartner(URI.create("http://127.0.0.1:1/unused"))),
                new MemorySink(), Clock.systemUTC());
        jpEndpoint.publish(jpUri.toString());
        As4Client client = new As4Client(TestParties.JP, TestParties.jpCrypto(), Clock.systemUTC());
        outcome = client.send(As4ExchangeTest.certificate("layout@jp-gw", As4ExchangeTest.CO),
                TestParties.idPartner(idUri));
        assertThat(outcome.delivered()).as(outcome.reason()).isTrue();

        URI idUri20 = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        idEndpoint20 = new As4Endpoint(TestParties.ID, TestParties.idCrypto(),
                TestParties.directory(TestParties.on20(jp)), new MemorySink(), Clock.systemUTC());
        idEndpoint20.publish(idUri20.toString());
        jpUri20 = URI.create("http://127.0.0.1:" + As4ExchangeTest.freePort() + "/as4");
        jpEndpoint20 = new As4Endpoint(TestParties.JP, TestParties.jpCrypto(),
                TestParties.directory(TestParties.on20(TestParties.idPartner(URI.create("http://127.0.0.1:1/unused")))),
                new MemorySink(), Clock.systemUTC());
        jpEndpoint20.publish(jpUri20.toString());
        outcome20 = client.send(As4ExchangeTest.certificate("layout20@jp-gw", As4ExchangeTest.CO),
                TestParties.on20(TestParties.idPartner(idUri20)));
        assertThat(outcome20.delivered()).as(outcome20.reason()).isTrue();
    }

    @AfterAll
    static void stop() {
        idEndpoint.stop();
        jpEndpoint.stop();
        idEndpoint20.stop();
        jpEndpoint20.stop();
    }

    @Test
    void theAs420UserMessageHasTheStrictLayout() throws Exception {
        SoapMessage sent = sentMessage(outcome20);
        // under 2.0 the EncryptedKey carries the sender's ephemeral X25519 key in its AgreementMethod
        assertThat(headerOrder(sent)).containsExactly("Timestamp", "EncryptedKey", "EncryptedData",
                "BinarySecurityToken", "Signature");
        assertStrict(sent, TestParties.idCrypto());
    }

    @Test
    void theAs420ReceiptHasTheStrictLayout() throws Exception {
        SoapMessage receipt = SoapMessage.fromWire(outcome20.answer(), "application/soap+xml");
        assertThat(headerOrder(receipt)).containsExactly("Timestamp", "BinarySecurityToken", "Signature");
        assertStrict(receipt, TestParties.jpCrypto());
    }

    @Test
    void theAs420ErrorSignalHasTheStrictLayout() throws Exception {
        // an RSA-signed (as4-1.15) message from a partner agreed on as4-2.0: refused, answered under 2.0
        Forger.Wire wire = new Forger().build("layout20-error@id-gw", As4ExchangeTest.CO);
        HttpResponse<byte[]> response = Forger.send(jpUri20, wire);
        SoapMessage error = SoapMessage.fromWire(response.body(),
                response.headers().firstValue("Content-Type").orElseThrow());
        assertThat(Messaging.readSignal(error.envelope()).errors()).extracting(Signal.Error::code)
                .containsExactly(EbmsError.POLICY_NONCOMPLIANCE.code());
        assertThat(headerOrder(error)).containsExactly("Timestamp", "BinarySecurityToken", "Signature");
        assertThat(new String(Xml.bytes(error.envelope()), StandardCharsets.UTF_8)).contains(WSConstants.ED25519);
        assertStrict(error, TestParties.idCrypto());
    }

    private static SoapMessage sentMessage(SendOutcome sent) throws Exception {
        String firstLine = new String(sent.signedRequest(), StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
        return SoapMessage.fromWire(sent.signedRequest(),
                "multipart/related; type=\"application/soap+xml\"; boundary=\"" + firstLine.substring(2) + "\"");
    }

    @Test
    void theSignedAndEncryptedUserMessageHasTheStrictLayout() throws Exception {
        String firstLine = new String(outcome.signedRequest(), StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
        SoapMessage sent = SoapMessage.fromWire(outcome.signedRequest(),
                "multipart/related; type=\"application/soap+xml\"; boundary=\"" + firstLine.substring(2) + "\"");
        assertThat(headerOrder(sent)).containsExactly("Timestamp", "EncryptedKey", "EncryptedData",
                "BinarySecurityToken", "Signature");
        assertStrict(sent, TestParties.idCrypto());
    }

    @Test
    void theReceiptHasTheStrictLayout() throws Exception {
        SoapMessage receipt = SoapMessage.fromWire(outcome.answer(), "application/soap+xml");
        assertThat(headerOrder(receipt)).containsExactly("Timestamp", "BinarySecurityToken", "Signature");
        assertStrict(receipt, TestParties.jpCrypto());
    }

    @Test
    void theErrorSignalHasTheStrictLayout() throws Exception {
        Forger forger = new Forger();
        forger.action = "urn:cogateway:action:no-such-action";
        Forger.Wire wire = forger.build("layout-error@id-gw", As4ExchangeTest.CO);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jpUri)
                        .header("Content-Type", wire.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(wire.body())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        SoapMessage error = SoapMessage.fromWire(response.body(),
                response.headers().firstValue("Content-Type").orElseThrow());
        assertThat(Messaging.readSignal(error.envelope()).errors()).extracting(Signal.Error::code)
                .containsExactly(EbmsError.VALUE_NOT_RECOGNIZED.code());
        assertThat(headerOrder(error)).containsExactly("Timestamp", "BinarySecurityToken", "Signature");
        assertStrict(error, TestParties.idCrypto());
    }

    @Test
    void aMessageInALaxLayoutIsStillAccepted() throws Exception {
        // the layout the gateway wrote before it wrote Strict: the signed Timestamp after the Signature
        Forger.Wire strict = new Forger().build("lax@id-gw", As4ExchangeTest.CO);
        SoapMessage lax = SoapMessage.fromWire(strict.body(), strict.contentType());
        Element security = (Element) lax.envelope().getElementsByTagNameNS(Ebms.WSSE_NS, "Security").item(0);
        security.appendChild(security.getFirstChild());
        assertThat(headerOrder(lax)).containsExactly("EncryptedKey", "EncryptedData", "BinarySecurityToken",
                "Signature", "Timestamp");
        SoapMessage.Wire laxWire = lax.toWire();
        assertThat(Forger.post(jpUri, new Forger.Wire(laxWire.body(), laxWire.contentType()))).isEqualTo("RECEIPT");
    }

    /** Processes the security header as a receiver would and runs CXF's Strict layout validation over it. */
    private static void assertStrict(SoapMessage message, GatewayCrypto receiver) throws Exception {
        WSSConfig.init();
        RequestData data = new RequestData();
        data.setWssConfig(WSSConfig.getNewInstance());
        data.setDecCrypto(receiver.ownCrypto());
        data.setSigVerCrypto(receiver.trustCrypto());
        data.setCallbackHandler(receiver.keyPasswordHandler());
        data.setAttachmentCallbackHandler(new AttachmentStore(message.attachments()));
        data.setRequireSignedEncryptedDataElements(false);
        WSHandlerResult results = new WSSecurityEngine().processSecurityHeader(message.envelope(), data);
        List<WSSecurityEngineResult> signed = new ArrayList<>(results.getActionResults().get(WSConstants.SIGN));

        Policy nested = new Policy();
        nested.addAssertion(new PrimitiveAssertion(SP12Constants.STRICT));
        Layout strict = new Layout(SPConstants.SPVersion.SP12, nested);
        AssertionInfoMap aim = new AssertionInfoMap(List.of(strict));
        PolicyValidatorParameters parameters = new PolicyValidatorParameters();
        parameters.setAssertionInfoMap(aim);
        parameters.setResults(results);
        parameters.setSignedResults(signed);
        LayoutPolicyValidator validator = new LayoutPolicyValidator();
        AssertionInfo layout = aim.get(SP12Constants.LAYOUT).iterator().next();
        assertThat(validator.canValidatePolicy(layout)).isTrue();
        validator.validatePolicies(parameters, aim.get(SP12Constants.LAYOUT));
        assertThat(layout.isAsserted()).as("Strict layout: %s", layout.getErrorMessage()).isTrue();
    }

    private static List<String> headerOrder(SoapMessage message) {
        Element security = (Element) message.envelope().getElementsByTagNameNS(Ebms.WSSE_NS, "Security").item(0);
        List<String> names = new ArrayList<>();
        for (var n = security.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }
}
