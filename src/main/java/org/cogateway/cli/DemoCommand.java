package org.cogateway.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import org.cogateway.contract.backoffice.AnswerVerificationRequest;
import org.cogateway.contract.backoffice.DocumentType;
import org.cogateway.contract.backoffice.GetVerificationStatusRequest;
import org.cogateway.contract.backoffice.ListVerificationRequestsRequest;
import org.cogateway.contract.backoffice.RequestVerificationRequest;
import org.cogateway.contract.exchange.DocumentMimeType;
import org.cogateway.contract.exchange.ItemResultType;
import org.cogateway.contract.exchange.VerificationReasonType;
import org.cogateway.contract.exchange.VerificationResultType;
import org.cogateway.Gateway;
import org.cogateway.bench.GatewayProcess;
import org.cogateway.admin.AdminRole;
import org.cogateway.admin.AdminUsers;
import org.cogateway.config.GatewayConfig;
import org.cogateway.config.Settings;
import org.cogateway.contract.backoffice.AcknowledgeCertificateRequest;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GatewayFault;
import org.cogateway.contract.backoffice.GetDeliveryStatusRequest;
import org.cogateway.contract.backoffice.GetDeliveryStatusResponse;
import org.cogateway.contract.backoffice.ListInboundCertificatesRequest;
import org.cogateway.contract.backoffice.ListInboundCertificatesResponse;
import org.cogateway.contract.backoffice.QueryCertificateRequest;
import org.cogateway.contract.backoffice.QueryCertificateResponse;
import org.cogateway.contract.backoffice.RecordUtilisationRequest;
import org.cogateway.contract.backoffice.RecordUtilisationResponse;
import org.cogateway.contract.backoffice.SubmitCertificateRequest;
import org.cogateway.contract.backoffice.SubmitCertificateResponse;
import org.cogateway.contract.backoffice.TransmissionStateType;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.QuantityType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.contract.exchange.DrawType;
import org.cogateway.document.CertificateDocuments;
import org.cogateway.document.Dates;
import org.cogateway.document.SampleCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts two gateways on loopback, Japan (JP-GW) and Indonesia (ID-GW), with the sample keys and "
                + "fresh embedded databases, and walks one Certificate of Origin through the whole exchange: "
                + "submitted in Japan, delivered over AS4, found and acknowledged by Indonesian Customs, drawn on by "
                + "an import declaration, until the Japanese issuing body sees ACKNOWLEDGED; then Indonesian Customs asks "
                + "for its verification with a PDF attached and the Japanese issuing body answers. It runs from any "
                + "directory: the configurations and keys are the installation's. Exit code 0 when every step succeeded.")
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_USER = "demo";

    @Option(names = "--timeout", defaultValue = "60s", description = "How long to wait for each step (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--profile", defaultValue = "as4-1.15", description = "The eDelivery AS4 profile both gateways agree "
            + "on: as4-1.15 (RSA) or as4-2.0 (Ed25519 signatures, X25519 encryption) (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--keep-data", description = "Keep the two demo databases instead of deleting them at the end.")
    boolean keepData;

    @Option(names = "--verbose", description = "Show the gateways' log lines between the demo's steps.")
    boolean verbose;

    @Option(names = "--keep", description = "After the walk-through, keep both gateways and their consoles running "
            + "until Ctrl-C, with a demo operator (admin role) whose name and password are printed.")
    boolean keep;

    private Duration stepTimeout;
    private int step;
    /** With --keep: counted down when the gateways are closed, so Ctrl-C's hook waits for a clean stop. */
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        stepTimeout = org.cogateway.config.Durations.parse("--timeout", timeout);
        org.cogateway.partner.Profile agreed = org.cogateway.partner.Profile.parse("--profile", profile);
        if (!verbose) {
            // the steps tell the story; the two gateways' own log lines would drown it
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
        Path data = Files.createTempDirectory("co-gateway-demo");
        int jpPort = GatewayProcess.freePort();
        int idPort = GatewayProcess.freePort();
        Map<String, String> jpEnv = new java.util.HashMap<>(Map.of(
                "COGW_HTTP_PORT", String.valueOf(jpPort),
                "COGW_ADMIN_PORT", String.valueOf(GatewayProcess.freePort()),
                "COGW_GATEWAY_DATADIR", data.resolve("jp").toString(),
                "COGW_PARTNER_ID_ENDPOINT", "http://127.0.0.1:" + idPort + "/as4"));
        jpEnv.putAll(profileSettings("ID", agreed));
        Map<String, String> idEnv = new java.util.HashMap<>(Map.of(
                "COGW_HTTP_PORT", String.valueOf(idPort),
                "COGW_ADMIN_PORT", String.valueOf(GatewayProcess.freePort()),
                "COGW_GATEWAY_DATADIR", data.resolve("id").toString(),
                "COGW_PARTNER_JP_ENDPOINT", "http://127.0.0.1:" + jpPort + "/as4"));
        idEnv.putAll(profileSettings("JP", agreed));
        GatewayConfig jpConfig = GatewayConfig.from(Settings.load(Installation.config("gateway-jp.properties"), jpEnv));
        GatewayConfig idConfig = GatewayConfig.from(Settings.load(Installation.config("gateway-id.properties"), idEnv));
        try (Gateway jp = Gateway.start(jpConfig, Clock.systemUTC());
             Gateway id = Gateway.start(idConfig, Clock.systemUTC())) {
            say("JP gateway on " + jp.baseUrl() + ", ID gateway on " + id.baseUrl() + ", profile " + agreed.id()
                    + " (data in " + data + ")");
            run(jp, id);
            say("done: the certificate went from the Japanese issuing body to Indonesian Customs and back");
            if (keep) {
                keepRunning(jp, id);
            }
            return 0;
        } catch (DemoFailed e) {
            System.out.println("DEMO FAILED at step " + step + ": " + e.getMessage());
            return 1;
        } finally {
            if (!keepData) {
                deleteTree(data);
            }
            closed.countDown();
        }
    }

    /**
     * Under as4-2.0 the sample configuration's partner is switched to that profile and to the partner's
     * Ed25519 and X25519 certificates of the sample truststores (aliases {@code <alias>-ed25519}, {@code -x25519}).
     */
    static Map<String, String> profileSettings(String partner, org.cogateway.partner.Profile agreed) {
        Map<String, String> env = new java.util.HashMap<>();
        org.cogateway.bench.Bench.sampleProfileSettings(partner, agreed).forEach((key, value) ->
                env.put("COGW_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    /** Adds the demo operator to both gateways, prints where their consoles are, and waits for Ctrl-C. */
    private void keepRunning(Gateway jp, Gateway id) throws InterruptedException {
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        for (Gateway g : new Gateway[] {jp, id}) {
            new AdminUsers(g.database().dataSource(), Clock.systemUTC()).add(DEMO_USER, AdminRole.ADMIN,
                    password.toCharArray());
        }
        System.out.println();
        System.out.println("Both gateways keep running until Ctrl-C. Consoles (user " + DEMO_USER + ", password "
                + password + "):");
        System.out.println("  JP: " + jp.adminUrl() + "/console");
        System.out.println("  ID: " + id.adminUrl() + "/console");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop"));
        stopped.await();
    }

    private void run(Gateway jp, Gateway id) throws GatewayFault {
        CertificateOfOriginPortType chamber = BackOfficeCaller.port(jp.baseUrl(), "jp-chamber", "jp-chamber-demo");
        CertificateOfOriginPortType customs = BackOfficeCaller.port(id.baseUrl(), "id-customs", "id-customs-demo");

        CertificateOfOriginType co = SampleCertificate.read(new CertificateDocuments());
        SubmitCertificateRequest submit = new SubmitCertificateRequest();
        submit.setCertificateOfOrigin(co);
        SubmitCertificateResponse submitted = chamber.submitCertificate(submit);
        String trackingId = submitted.getReceipt().getTrackingId();
        say("jp-chamber submits CO " + co.getCertificateNumber() + " (" + co.getAgreement() + ", JP -> ID): tracking id "
                + trackingId + ", " + submitted.getReceipt().getState());

        GetDeliveryStatusResponse delivered = await("the AS4 receipt from ID", () -> status(chamber, trackingId),
                s -> s.getTransmission().getState() != TransmissionStateType.QUEUED
                        && s.getTransmission().getState() != TransmissionStateType.SENDING);
        requireState(delivered, TransmissionStateType.DELIVERED);
        say("JP gateway sent it as a signed, encrypted AS4 message; ID's signed receipt verified: DELIVERED after "
                + delivered.getTransmission().getAttempts() + " attempt(s)");

        ListInboundCertificatesResponse inbound = await("the CO at Indonesian Customs", () -> list(customs),
                r -> !r.getCertificate().isEmpty());
        var summary = inbound.getCertificate().get(0);
        say("id-customs lists inbound COs: " + summary.getCertificate().getCertificateNumber() + " from "
                + summary.getCertificate().getIssuingCountry() + ", " + summary.getCurrentStatus() + ", invoices "
                + summary.getInvoiceNumber());

        QueryCertificateRequest query = new QueryCertificateRequest();
        query.setIssuingCountry("JP");
        query.setCertificateNumber(co.getCertificateNumber());
        query.setInvoiceNumber(co.getInvoice().get(0).getNumber());
        QueryCertificateResponse found = customs.queryCertificate(query);
        say("id-customs queries certificate + invoice " + query.getInvoiceNumber() + " for an import declaration: "
                + found.getOutcome() + (found.getRecord() == null ? "" : ", " + found.getRecord().getCurrentStatus()));

        AcknowledgeCertificateRequest ack = new AcknowledgeCertificateRequest();
        ack.setCertificate(summary.getCertificate());
        ack.setStatus(AcknowledgementStatusType.ACCEPTED);
        ack.setRemarks("Accepted for import declaration DEMO-IMP-0001");
        say("id-customs acknowledges it ACCEPTED: tracking id "
                + customs.acknowledgeCertificate(ack).getReceipt().getTrackingId());

        RecordUtilisationRequest use = utilisation(summary.getCertificate(), co);
        RecordUtilisationResponse used = customs.recordUtilisation(use);
        var balance = used.getBalance().get(0);
        say("id-customs records declaration " + use.getDeclarationNumber() + " drawing "
                + use.getDraw().get(0).getQuantity().getValue() + " " + balance.getRemaining().getUnit()
                + " of item 1: remaining " + balance.getRemaining().getValue() + " of " + balance.getCertified().getValue());

        GetDeliveryStatusResponse answered = await("both answers back at the issuing body", () -> status(chamber, trackingId),
                s -> s.getAnswer().size() >= 2);
        requireState(answered, TransmissionStateType.ACKNOWLEDGED);
        say("jp-chamber sees " + answered.getTransmission().getState() + " and " + answered.getAnswer().size()
                + " answers; the history:");
        answered.getHistory().forEach(h -> System.out.println("        " + h.getAt() + "  " + h.getState()
                + (h.getDetail() == null ? "" : "  " + h.getDetail())));
        verification(chamber, customs, co, query);
    }

    /** The verification round trip: Customs asks with a PDF attached, the chamber answers with one, Customs reads it. */
    private void verification(CertificateOfOriginPortType chamber, CertificateOfOriginPortType customs,
                              CertificateOfOriginType co, QueryCertificateRequest query) throws GatewayFault {
        RequestVerificationRequest ask = new RequestVerificationRequest();
        ask.setIssuingCountry("JP");
        ask.setCertificateNumber(co.getCertificateNumber());
        ask.getReason().add(VerificationReasonType.ORIGIN_CRITERION);
        ask.setDetails("Please confirm the origin criterion of item 1; the declaration's invoice is attached.");
        ask.getItemNumber().add(co.getGoodsItem().get(0).getItemNumber());
        ask.setReplyBy(Dates.xml(LocalDate.now(Clock.systemUTC()).plusDays(30)));
        ask.getDocument().add(pdf("demo-invoice.pdf", "Invoice DEMO-IMP-0001"));
        String id = customs.requestVerification(ask).getVerificationId();
        say("id-customs asks Japan to verify item 1 of " + co.getCertificateNumber() + ", reply by " + ask.getReplyBy()
                + ", a PDF attached: verification " + id);

        var received = await("the verification request at the JP chamber", () -> {
            try {
                return chamber.listVerificationRequests(new ListVerificationRequestsRequest()).getVerification();
            } catch (GatewayFault e) {
                throw new DemoFailed("ListVerificationRequests refused: " + e.getFaultInfo().getCode());
            }
        }, l -> l.stream().anyMatch(v -> v.getVerificationId().equals(id)));
        var request = received.stream().filter(v -> v.getVerificationId().equals(id)).findFirst().orElseThrow();
        say("jp-chamber lists open verification requests: " + id + " from " + request.getRequestingCountry() + ", "
                + request.getReason() + ", " + request.getDocument().size() + " document(s) of "
                + request.getDocument().get(0).getSize() + " bytes, " + request.getStatus());

        AnswerVerificationRequest answer = new AnswerVerificationRequest();
        answer.setVerificationId(id);
        ItemResultType item = new ItemResultType();
        item.setItemNumber(co.getGoodsItem().get(0).getItemNumber());
        item.setResult(VerificationResultType.CONFIRMED);
        item.setFindings("The producer's records support the origin criterion stated.");
        answer.getItem().add(item);
        answer.getDocument().add(pdf("demo-site-visit.pdf", "Site visit report"));
        say("jp-chamber answers item 1 CONFIRMED with its report attached: tracking id "
                + chamber.answerVerification(answer).getReceipt().getTrackingId());

        GetVerificationStatusRequest status = new GetVerificationStatusRequest();
        status.setVerificationId(id);
        var done = await("the verification answer at Indonesian Customs", () -> {
            try {
                return customs.getVerificationStatus(status).getVerification().get(0);
            } catch (GatewayFault e) {
                throw new DemoFailed("GetVerificationStatus refused: " + e.getFaultInfo().getCode());
            }
        }, v -> v.getAnswer() != null);
        say("id-customs reads the answer: " + done.getStatus() + ", " + done.getAnswer().getOutcome() + ", "
                + done.getAnswer().getDocument().size() + " document(s); the request's transmission is "
                + done.getTransmissionState() + "; QueryCertificate shows verification "
                + customs.queryCertificate(query).getVerification().getStatus());
    }

    /** A one-page PDF with one line of text: what an officer would attach. */
    private static DocumentType pdf(String name, String text) {
        String body = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        String pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
                + "/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
                + "4 0 obj<</Length " + body.length() + ">>stream\n" + body + "\nendstream endobj\n"
                + "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
        DocumentType d = new DocumentType();
        d.setFileName(name);
        d.setMimeType(DocumentMimeType.APPLICATION_PDF);
        d.setContent(pdf.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return d;
    }

    private static RecordUtilisationRequest utilisation(CertificateIdType certificate, CertificateOfOriginType co) {
        RecordUtilisationRequest use = new RecordUtilisationRequest();
        use.setCertificate(certificate);
        use.setDeclarationNumber("DEMO-IMP-0001");
        use.setDeclarationDate(Dates.xml(LocalDate.now(Clock.systemUTC())));
        DrawType draw = new DrawType();
        draw.setItemNumber(co.getGoodsItem().get(0).getItemNumber());
        QuantityType quantity = new QuantityType();
        quantity.setUnit(co.getGoodsItem().get(0).getQuantity().getUnit());
        quantity.setValue(co.getGoodsItem().get(0).getQuantity().getValue().divide(BigDecimal.valueOf(4)));
        draw.setQuantity(quantity);
        use.getDraw().add(draw);
        return use;
    }

    private static GetDeliveryStatusResponse status(CertificateOfOriginPortType port, String trackingId) {
        GetDeliveryStatusRequest r = new GetDeliveryStatusRequest();
        r.setTrackingId(trackingId);
        try {
            return port.getDeliveryStatus(r);
        } catch (GatewayFault e) {
            throw new DemoFailed("GetDeliveryStatus refused: " + e.getFaultInfo().getCode() + " " + e.getFaultInfo().getMessage());
        }
    }

    private static ListInboundCertificatesResponse list(CertificateOfOriginPortType port) {
        try {
            return port.listInboundCertificates(new ListInboundCertificatesRequest());
        } catch (GatewayFault e) {
            throw new DemoFailed("ListInboundCertificates refused: " + e.getFaultInfo().getCode());
        }
    }

    private static void requireState(GetDeliveryStatusResponse s, TransmissionStateType expected) {
        if (s.getTransmission().getState() != expected) {
            throw new DemoFailed("the transmission is " + s.getTransmission().getState() + ", not " + expected
                    + (s.getTransmission().getLastError() == null ? "" : ": " + s.getTransmission().getLastError()));
        }
    }

    private <T> T await(String what, Supplier<T> poll, Predicate<T> done) {
        Instant deadline = Instant.now().plus(stepTimeout);
        while (true) {
            T value = poll.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DemoFailed("waited " + stepTimeout.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailed("interrupted while waiting for " + what);
            }
        }
    }

    private void say(String line) {
        System.out.printf("[%d] %s%n", ++step, line);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    /** A step that did not end as it should; the demo stops with its reason. */
    private static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message, null, false, false);
        }
    }
}
