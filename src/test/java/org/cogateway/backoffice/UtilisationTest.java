package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cogateway.testing.BackOfficeClient.faultOf;
import static org.cogateway.testing.Requests.draw;

import java.time.Instant;
import java.util.List;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.FindingType;
import org.cogateway.contract.backoffice.GatewayFaultDetail;
import org.cogateway.contract.backoffice.RecordUtilisationResponse;
import org.cogateway.contract.exchange.BalanceType;
import org.cogateway.contract.exchange.CertificateIdType;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Parallel;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Import declarations drawing on a certificate's quantities, over HTTP. Each test draws on its own
 * inbound certificate: item 1 is 800 H87, item 2 96.35 TNE, item 3 2 C62.
 */
class UtilisationTest {
    private static Gateway gateway;
    private static CertificateOfOriginPortType customs;

    @BeforeAll
    static void start() {
        gateway = TestGateways.jp();
        customs = BackOfficeClient.as(gateway, TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static CertificateIdType received(String number) {
        TestGateways.storeInbound(gateway, Certificates.inbound(number), Instant.parse("2026-11-20T08:00:00Z"));
        return Requests.id("ID", number, 1);
    }

    /** Remaining quantity per item, as the gateway reports it to Customs now. */
    private static List<String> remaining(CertificateIdType id) throws Exception {
        return remaining(customs.getCertificate(Requests.get("ID", id.getCertificateNumber(), 1)).getRecord()
                .getBalance());
    }

    private static List<String> remaining(List<BalanceType> balances) {
        return balances.stream().map(b -> b.getRemaining().getValue().toPlainString() + " " + b.getRemaining().getUnit())
                .toList();
    }

    private static long utilisations(CertificateIdType id) {
        return TestGateways.queryLong(gateway, "select count(*) from utilisation u join certificate c"
                + " on c.id = u.certificate_id where c.certificate_number = '" + id.getCertificateNumber() + "'");
    }

    @Test
    void aDeclarationReducesTheBalanceAndIsQueuedBack() throws Exception {
        CertificateIdType id = received("ID-U-001");

        RecordUtilisationResponse response = customs.recordUtilisation(Requests.utilisation(id, "DECL-1",
                draw(1, "300", "H87"), draw(2, "10.35", "TNE")));

        assertThat(remaining(response.getBalance())).containsExactly("500 H87", "86 TNE", "2 C62");
        assertThat(response.getBalance().get(0).getDrawn().getValue().toPlainString()).isEqualTo("300");
        assertThat(response.getReceipt().getPartner()).isEqualTo("ID");
        assertThat(remaining(id)).containsExactly("500 H87", "86 TNE", "2 C62");
        assertThat(TestGateways.queryLong(gateway, "select count(*) from transmission where kind = 'UTILISATION'"
                + " and id = '" + response.getReceipt().getTrackingId() + "'")).isEqualTo(1);
    }

    @Test
    void splitDeclarationsMayDrawTheWholeBalance() throws Exception {
        CertificateIdType id = received("ID-U-002");

        customs.recordUtilisation(Requests.utilisation(id, "DECL-1", draw(3, "1", "C62")));
        RecordUtilisationResponse second = customs.recordUtilisation(Requests.utilisation(id, "DECL-2", draw(3, "1", "C62")));

        assertThat(remaining(second.getBalance())).containsExactly("800 H87", "96.35 TNE", "0 C62");
    }

    @Test
    void aDrawExceedingTheRemainingBalanceIsRefusedAndChangesNothing() throws Exception {
        CertificateIdType id = received("ID-U-003");
        customs.recordUtilisation(Requests.utilisation(id, "DECL-1", draw(1, "700", "H87")));
        var before = TestGateways.rowCounts(gateway);

        GatewayFaultDetail fault = faultOf(() -> customs.recordUtilisation(Requests.utilisation(id, "DECL-2",
                draw(2, "1", "TNE"), draw(1, "101", "H87"))));

        assertThat(fault.getCode()).isEqualTo("BALANCE_EXCEEDED");
        assertThat(fault.getFinding()).extracting(FindingType::getCode).containsExactly("BALANCE_EXCEEDED");
        assertThat(fault.getFinding().get(0).getMessage()).contains("item 1").contains("100");
        // the draw on item 2, which alone would fit, was not applied either
        assertThat(remaining(id)).containsExactly("100 H87", "96.35 TNE", "2 C62");
        assertThat(TestGateways.rowCounts(gateway)).isEqualTo(before);
    }

    @Test
    void twoDrawsOnOneItemAreAddedBeforeTheBalanceCheck() throws Exception {
        CertificateIdType id = received("ID-U-004");

        assertThat(faultOf(() -> customs.recordUtilisation(Requests.utilisation(id, "DECL-1",
                draw(3, "1.5", "C62"), draw(3, "1", "C62")))).getCode()).isEqualTo("BALANCE_EXCEEDED");
        assertThat(remaining(id)).containsExactly("800 H87", "96.35 TNE", "2 C62");
    }

    @Test
    void theSameDeclarationAgainGivesTheSameAnswerAndDrawsOnce() throws Exception {
        CertificateIdType id = received("ID-U-005");
        var request = Requests.utilisation(id, "DECL-1", draw(1, "100", "H87"));
        RecordUtilisationResponse first = customs.recordUtilisation(request);

        RecordUtilisationResponse again = customs.recordUtilisation(request);

        assertThat(again.getReceipt().getTrackingId()).isEqualTo(first.getReceipt().getTrackingId());
        assertThat(remaining(again.getBalance())).containsExactly("700 H87", "96.35 TNE", "2 C62");
        assertThat(remaining(id)).containsExactly("700 H87", "96.35 TNE", "2 C62");
        assertThat(utilisations(id)).isEqualTo(1);
    }

    @Test
    void theSameDeclarationWithOtherDrawsIsAConflict() throws Exception {
        CertificateIdType id = received("ID-U-006");
        customs.recordUtilisation(Requests.utilisation(id, "DECL-1", draw(1, "100", "H87")));

        assertThat(faultOf(() -> customs.recordUtilisation(Requests.utilisation(id, "DECL-1",
                draw(1, "200", "H87")))).getCode()).isEqualTo("CONFLICT");
        assertThat(remaining(id)).containsExactly("700 H87", "96.35 TNE", "2 C62");
    }

    @Test
    void anUnknownItemOrAWrongUnitIsRefusedWithAFindingForEach() throws Exception {
        CertificateIdType id = received("ID-U-007");

        GatewayFaultDetail fault = faultOf(() -> customs.recordUtilisation(Requests.utilisation(id, "DECL-1",
                draw(9, "1", "H87"), draw(2, "1", "KGM"))));

        assertThat(fault.getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(fault.getFinding()).extracting(FindingType::getCode, FindingType::getPath).containsExactly(
                tuple("UNKNOWN_ITEM", "/RecordUtilisationRequest/Draw[1]/ItemNumber"),
                tuple("UNIT_MISMATCH", "/RecordUtilisationRequest/Draw[2]/Quantity"));
        assertThat(remaining(id)).containsExactly("800 H87", "96.35 TNE", "2 C62");
        assertThat(utilisations(id)).isZero();
    }

    @Test
    void aCancelledCertificateCannotBeDrawnOn() throws Exception {
        var co = Certificates.inbound("ID-U-008");
        co.setStatus(org.cogateway.contract.co.CertificateStatusType.CANCELLED);
        TestGateways.storeInbound(gateway, co, Instant.parse("2026-11-20T08:00:00Z"));

        assertThat(faultOf(() -> customs.recordUtilisation(Requests.utilisation(Requests.id("ID", "ID-U-008", 1),
                "DECL-1", draw(1, "1", "H87")))).getCode()).isEqualTo("CONFLICT");
    }

    @org.junit.jupiter.api.RepeatedTest(3)
    void declarationsInParallelNeverOverdrawTheBalance(org.junit.jupiter.api.RepetitionInfo repetition)
            throws Exception {
        CertificateIdType id = received("ID-U-1" + repetition.getCurrentRepetition());
        java.util.concurrent.atomic.AtomicInteger declaration = new java.util.concurrent.atomic.AtomicInteger();

        // six declarations of 300 H87 against 800: exactly two fit
        List<String> outcomes = Parallel.run(6, () -> {
            try {
                customs.recordUtilisation(Requests.utilisation(id, "DECL-" + declaration.incrementAndGet(),
                        draw(1, "300", "H87")));
                return "RECORDED";
            } catch (org.cogateway.contract.backoffice.GatewayFault f) {
                return f.getFaultInfo().getCode();
            }
        });

        assertThat(outcomes).filteredOn("RECORDED"::equals).hasSize(2);
        assertThat(outcomes).filteredOn(o -> !o.equals("RECORDED")).containsOnly("BALANCE_EXCEEDED");
        assertThat(remaining(id)).containsExactly("200 H87", "96.35 TNE", "2 C62");
        assertThat(utilisations(id)).isEqualTo(2);
    }

    @org.junit.jupiter.api.RepeatedTest(3)
    void theSameDeclarationInParallelIsRecordedOnceWithOneAnswer(org.junit.jupiter.api.RepetitionInfo repetition)
            throws Exception {
        CertificateIdType id = received("ID-U-2" + repetition.getCurrentRepetition());

        List<String> trackingIds = Parallel.run(6, () -> customs.recordUtilisation(
                Requests.utilisation(id, "DECL-1", draw(1, "300", "H87"))).getReceipt().getTrackingId());

        assertThat(trackingIds).containsOnly(trackingIds.get(0));
        assertThat(remaining(id)).containsExactly("500 H87", "96.35 TNE", "2 C62");
        assertThat(utilisations(id)).isEqualTo(1);
    }

    @Test
    void aZeroOrNegativeDrawIsRefusedAndCannotRaiseTheBalance() throws Exception {
        CertificateIdType id = received("ID-U-030");
        customs.recordUtilisation(Requests.utilisation(id, "DECL-1", draw(1, "100", "H87")));
        var before = TestGateways.rowCounts(gateway);

        GatewayFaultDetail fault = faultOf(() -> customs.recordUtilisation(Requests.utilisation(id, "DECL-2",
                draw(1, "-500", "H87"), draw(2, "0", "TNE"))));

        assertThat(fault.getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(fault.getFinding()).extracting(FindingType::getPath).containsExactly(
                "/RecordUtilisationRequest/Draw[1]/Quantity", "/RecordUtilisationRequest/Draw[2]/Quantity");
        assertThat(remaining(id)).containsExactly("700 H87", "96.35 TNE", "2 C62");
        assertThat(TestGateways.rowCounts(gateway)).isEqualTo(before);
    }
}
