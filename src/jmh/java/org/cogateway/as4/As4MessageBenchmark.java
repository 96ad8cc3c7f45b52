package org.cogateway.as4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cogateway.delivery.SendOutcome;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.DocumentKind;
import org.cogateway.document.SampleCertificate;
import org.cogateway.partner.Partner;
import org.cogateway.partner.Profile;
import org.cogateway.security.GatewayCrypto;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The AS4 work of one exchange, step by step, with the sample gateways' real keys (JP sends to ID):
 * what JP spends building a CO's UserMessage (gzip, sign, encrypt, MIME), what ID spends reading it
 * (parse, decrypt, verify), ID's receipt (build, sign, serialise) and JP's check of that receipt
 * (parse, verify, compare the NRI digests). Each benchmark does the whole step, as the gateway
 * does it per message; none of them skips a check. Run from the project directory (the keys are
 * read from keystores-sample/).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class As4MessageBenchmark {
    /** Goods items in the CO: the realistic sizes. */
    @Param({"3", "30"})
    public int items;

    /** The eDelivery AS4 profile agreed with ID: RSA (1.15) or Ed25519 and X25519 (2.0). */
    @Param({"as4-1.15", "as4-2.0"})
    public String profile;

    private As4Security jpSecurity;
    private As4Security idSecurity;
    private UserMessages jpMessages;
    private AnswerCheck jpAnswers;
    private Partner id;
    private GatewayCrypto jp;
    private byte[] payload;

    private SoapMessage.Wire userMessage;
    private List<org.w3c.dom.Element> sentReferences;
    private String messageId;
    private As4Security.Verified verified;
    private SoapMessage.Wire receipt;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        jp = TestParties.jpCrypto();
        GatewayCrypto idCrypto = TestParties.idCrypto();
        jpSecurity = new As4Security(jp);
        idSecurity = new As4Security(idCrypto);
        jpMessages = new UserMessages(TestParties.JP);
        jpAnswers = new AnswerCheck(jpSecurity);
        Partner idOn115 = TestParties.idPartner(URI.create("http://127.0.0.1:9/as4"));
        id = Profile.parse("profile", profile) == Profile.AS4_2_0 ? TestParties.on20(idOn115) : idOn115;
        CertificateDocuments documents = new CertificateDocuments();
        payload = documents.certificateToXml(SampleCertificate.withItems(documents, items))
                .getBytes(StandardCharsets.UTF_8);
        // one exchange made once, as the inputs of the later steps
        messageId = UUID.randomUUID() + "@jp-gw";
        SoapMessage unsigned = jpMessages.unsigned(message(messageId), id, Instant.now(), true);
        sentReferences = jpSecurity.sign(unsigned, Instant.now(), As4Client.TIMESTAMP_TTL, id.profile());
        userMessage = jpSecurity.encryptAttachments(unsigned, jp.certificate(id.encryptionCertAlias()), id.profile())
                .toWire();
        verified = verifyDecrypt();
        receipt = receiptBuildAndSign();
        SendOutcome check = receiptCheck();
        if (check.kind() != SendOutcome.Kind.DELIVERED) {
            throw new IllegalStateException("the benchmark's receipt does not check: " + check.reason());
        }
    }

    private OutboundMessage message(String id) {
        return OutboundMessage.of(DocumentKind.CERTIFICATE, id, "conv-" + id, null, "JIEPA", payload, null);
    }

    /** JP: UserMessage with the gzip'd CO, signed (RSA-SHA256), attachment encrypted (AES-GCM, RSA-OAEP), MIME body. */
    @Benchmark
    public SoapMessage.Wire buildSignEncrypt() throws Exception {
        Instant now = Instant.now();
        SoapMessage unsigned = jpMessages.unsigned(message(messageId), id, now, true);
        jpSecurity.sign(unsigned, now, As4Client.TIMESTAMP_TTL, id.profile());
        return jpSecurity.encryptAttachments(unsigned, jp.certificate(id.encryptionCertAlias()), id.profile()).toWire();
    }

    /** ID: the MIME body parsed, the key unwrapped, the attachment decrypted, the signature and its digests verified. */
    @Benchmark
    public As4Security.Verified verifyDecrypt() throws Exception {
        return idSecurity.verify(SoapMessage.fromWire(userMessage.body(), userMessage.contentType()), id.profile());
    }

    /** ID: the receipt with the NRI of the verified references, signed and serialised. */
    @Benchmark
    public SoapMessage.Wire receiptBuildAndSign() throws Exception {
        Instant now = Instant.now();
        SoapMessage signal = new SoapMessage(Messaging.receipt(now, UUID.randomUUID() + "@id-gw", messageId,
                verified.references()), List.of());
        idSecurity.sign(signal, now, As4Client.TIMESTAMP_TTL, id.profile());
        return signal.toWire();
    }

    /** JP: the receipt parsed, its signature verified against ID's certificate, its NRI compared with what was sent. */
    @Benchmark
    public SendOutcome receiptCheck() {
        return jpAnswers.classify(new AnswerCheck.Sent(messageId, sentReferences, userMessage.body(),
                jp.certificate(id.signingCertAlias()), id.profile()), 200, receipt.contentType(), receipt.body());
    }

    /** The JMH runner, for running from an IDE; the command line is scripts/jmh.sh. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {As4MessageBenchmark.class.getSimpleName()});
    }
}
