package org.cogateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cogateway.testing.BackOfficeClient.faultOf;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.cogateway.Gateway;
import org.cogateway.contract.backoffice.CertificateOfOriginPortType;
import org.cogateway.contract.backoffice.GetStatisticsRequest;
import org.cogateway.contract.backoffice.GetStatisticsResponse;
import org.cogateway.contract.backoffice.MoneyType;
import org.cogateway.contract.backoffice.StatisticsDimensionType;
import org.cogateway.contract.backoffice.StatisticsFilterType;
import org.cogateway.contract.backoffice.StatisticsGroupType;
import org.cogateway.contract.backoffice.StatisticsKeyType;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.exchange.AcknowledgementStatusType;
import org.cogateway.store.StatisticsQueries;
import org.cogateway.testing.BackOfficeClient;
import org.cogateway.testing.Certificates;
import org.cogateway.testing.Requests;
import org.cogateway.testing.TestGateways;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GetStatistics over HTTP on one gateway holding three certificates Indonesia sent to Japan (and one
 * it sent elsewhere, which Japanese Customs must not count). The sample's items: HS 870899 PSR 46,400
 * USD (800 H87), 721049 PE 88,642 USD, 847989 PSR 73,500 USD.
 */
class StatisticsTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-20T12:00:00Z");
    private static Gateway gateway;
    private static CertificateOfOriginPortType customs;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateways.jp();
        customs = BackOfficeClient.as(gateway, TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
        TestGateways.storeInbound(gateway, Certificates.inbound("ID-S-001"), RECEIVED);
        CertificateOfOriginType rcep = Certificates.inbound("ID-S-002");
        rcep.setAgreement("RCEP");
        rcep.setIssueDate(Requests.date("2026-10-05"));
        TestGateways.storeInbound(gateway, rcep, RECEIVED);
        CertificateOfOriginType other = Certificates.inbound("ID-S-003");
        other.getExporter().setName("PT Another Exporter");
        TestGateways.storeInbound(gateway, other, RECEIVED);
        CertificateOfOriginType elsewhere = Certificates.inbound("ID-S-004");
        elsewhere.setImportCountry("ID");
        TestGateways.storeInbound(gateway, elsewhere, RECEIVED);

        customs.acknowledgeCertificate(Requests.acknowledge(Requests.id("ID", "ID-S-001", 1),
                AcknowledgementStatusType.ACCEPTED, null));
        customs.acknowledgeCertificate(Requests.acknowledge(Requests.id("ID", "ID-S-003", 1),
                AcknowledgementStatusType.REJECTED, "origin criterion doubtful"));
        customs.recordUtilisation(Requests.utilisation(Requests.id("ID", "ID-S-001", 1), "IMP-S-001",
                Requests.draw(1, "800", "H87")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void withoutGroupingTheTotalsCountTheCallersCertificatesOnly() throws Exception {
        GetStatisticsResponse r = customs.getStatistics(request(null));

        StatisticsGroupType all = single(r);
        assertThat(all.getKey()).isEmpty();
        assertThat(all.getCertificates()).isEqualTo(3);
        assertThat(all.getGoodsItems()).isEqualTo(9);
        assertThat(usd(all.getFobValue())).isEqualByComparingTo("625626.00");
        // item 1 of ID-S-001 is drawn in full
        assertThat(usd(all.getRemainingFobValue())).isEqualByComparingTo("579226.00");
        assertThat(all.getUtilisedShare()).isEqualByComparingTo("0.1111");
        assertThat(all.getAcknowledged()).isEqualTo(2);
        assertThat(all.getRejected()).isEqualTo(1);
        assertThat(all.getCancelled()).isZero();
        // (0.5 + 46.5 + 0.5) / 3 days from IssueDate to arrival at noon
        assertThat(all.getMeanDaysToDelivery()).isEqualByComparingTo("15.83");
        assertThat(all.getMeanDaysToFirstUtilisation()).isNotNull();
        assertThat(r.isTruncated()).isFalse();
    }

    @Test
    void groupsByAgreementComeLargestFirstAndMaxGroupsTruncates() throws Exception {
        GetStatisticsResponse r = customs.getStatistics(request(null, StatisticsDimensionType.AGREEMENT));
        assertThat(r.getGroup()).extracting(g -> g.getKey().get(0).getValue(), StatisticsGroupType::getCertificates)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("JIEPA", 2L),
                        org.assertj.core.groups.Tuple.tuple("RCEP", 1L));

        GetStatisticsRequest one = request(null, StatisticsDimensionType.AGREEMENT);
        one.setMaxGroups(1);
        GetStatisticsResponse cut = customs.getStatistics(one);
        assertThat(cut.getGroup()).hasSize(1);
        assertThat(cut.isTruncated()).isTrue();
    }

    @Test
    void groupsByHsChapterCountEachCertificateOncePerChapter() throws Exception {
        GetStatisticsResponse r = customs.getStatistics(request(null, StatisticsDimensionType.HS_CHAPTER));
        assertThat(r.getGroup()).hasSize(3).allSatisfy(g -> {
            assertThat(g.getCertificates()).isEqualTo(3);
            assertThat(g.getGoodsItems()).isEqualTo(3);
        });
        StatisticsGroupType vehicles = byKey(r, "87");
        assertThat(usd(vehicles.getFobValue())).isEqualByComparingTo("139200.00");
        assertThat(usd(vehicles.getRemainingFobValue())).isEqualByComparingTo("92800.00");
        assertThat(vehicles.getUtilisedShare()).isEqualByComparingTo("0.3333");
    }

    @Test
    void rejectionReasonsAndMonthsAreGroupsAndFiltersNarrowThem() throws Exception {
        GetStatisticsResponse reasons = customs.getStatistics(request(null, StatisticsDimensionType.ACKNOWLEDGEMENT,
                StatisticsDimensionType.REJECTION_REASON));
        assertThat(reasons.getGroup()).extracting(g -> g.getKey().get(0).getValue() + "/" + g.getKey().get(1).getValue()
                        + "=" + g.getCertificates())
                .containsExactlyInAnyOrder("ACCEPTED/NONE=1", "REJECTED/origin criterion doubtful=1", "NONE/NONE=1");

        StatisticsFilterType filter = new StatisticsFilterType();
        filter.getHsHeading().add("8708");
        filter.setIssuedFrom(Requests.date("2026-11-01"));
        GetStatisticsResponse november = customs.getStatistics(request(filter, StatisticsDimensionType.MONTH,
                StatisticsDimensionType.EXPORTER));
        assertThat(november.getGroup()).extracting(g -> g.getKey().get(0).getValue() + " " + g.getKey().get(1).getValue()
                        + "=" + g.getCertificates() + "/" + g.getGoodsItems())
                .containsExactlyInAnyOrder("2026-11 " + Certificates.sample().getExporter().getName() + "=1/1",
                        "2026-11 PT Another Exporter=1/1");

        StatisticsFilterType status = new StatisticsFilterType();
        status.getStatus().add(org.cogateway.contract.backoffice.CurrentStatusType.CANCELLED);
        assertThat(single(customs.getStatistics(request(status))).getCertificates()).isZero();
    }

    /**
     * Every grouping and filter kind, answered by the roll-ups (V18) where they can and directly where
     * they cannot, equals the figures computed in Java from the stored rows (StatisticsOracle): on this
     * gateway's certificates (acknowledged and drawn on over HTTP) and on 400 synthetic ones for
     * Vietnam, of which some are then cancelled, acknowledged, rejected and drawn on through the store's
     * own code; before the deltas are folded into the monthly rows and after.
     */
    @Test
    void everyGroupingEqualsTheFiguresComputedFromTheRowsBeforeAndAfterFolding() throws Exception {
        javax.sql.DataSource ds = gateway.database().dataSource();
        org.cogateway.testing.StatisticsRows.load(ds, 400, 3, "VN", null);
        changeSomeSyntheticCertificates();
        compareWithTheRows(ds, "JP", "VN");
        org.cogateway.store.StatisticsRollup.fold(ds);
        assertThat(TestGateways.count(gateway, "statistics_delta")).isZero();
        // the roll-up is what answered: its rows count Vietnam's 400 certificates, each once
        assertThat(TestGateways.queryLong(gateway, "select sum(certificates) from statistics_month"
                + " where kind = 'C' and who = 'VN'")).isEqualTo(400);
        // and the one by HS heading and origin criterion counts each once per pair its items have
        assertThat(TestGateways.queryLong(gateway, "select sum(certificates) from statistics_month"
                + " where kind = 'HC' and who = 'VN' and currency = ''")).isBetween(400L, 1200L);
        assertThat(compareWithTheRows(ds, "JP", "VN")).isGreaterThan(1000);
    }

    /**
     * Receipts in parallel each append their own deltas (no total row they would all update), so none
     * waits for another's commit or deadlocks with it, and every one is counted: 8 threads storing 20
     * certificates each for Thailand, then every grouping equals the rows.
     */
    @Test
    void parallelReceiptsAreAllCountedWithoutDeadlocks() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    CertificateOfOriginType co = Certificates.inbound("TH-P-" + thread + "-" + i);
                    co.setImportCountry("TH");
                    TestGateways.storeInbound(gateway, co, RECEIVED);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        compareWithTheRows(gateway.database().dataSource(), "TH");
        assertThat(TestGateways.queryLong(gateway, "select count(*) from certificate where import_country = 'TH'"))
                .isEqualTo(160);
    }

    /** Status changes, acknowledgements and draws through the store's code, as the receivers make them. */
    private static void changeSomeSyntheticCertificates() {
        org.cogateway.store.CertificateRepository repository = new org.cogateway.store.CertificateRepository();
        gateway.database().inTransaction(s -> {
            List<org.cogateway.store.CertificateEntity> vn = s.createSelectionQuery(
                    "from CertificateEntity c where c.importCountry = 'VN' order by c.id",
                    org.cogateway.store.CertificateEntity.class).setMaxResults(40).getResultList();
            for (int i = 0; i < vn.size(); i++) {
                org.cogateway.store.CertificateEntity c = vn.get(i);
                switch (i % 4) {
                    case 0 -> c.cancel("test");
                    case 1 -> repository.recordAcknowledgement(s, c.id(), "REJECTED", "reason " + i % 3,
                            Instant.parse("2026-12-01T00:00:00Z"));
                    case 2 -> {
                        repository.balancesForUpdate(s, c.id()).forEach(b -> b.recordDrawElsewhere(
                                new BigDecimal("10")));
                        repository.recordUtilised(s, c.id(), Instant.parse("2026-12-02T00:00:00Z"));
                    }
                    default -> {
                        repository.recordAcknowledgement(s, c.id(), "ACCEPTED", null, Instant.parse("2026-12-01T00:00:00Z"));
                        c.replaceBy(c.certificateNumber(), 2, "test");
                    }
                }
            }
        });
    }

    private static int compareWithTheRows(javax.sql.DataSource ds, String... countries) throws Exception {
        StatisticsQueries q = new StatisticsQueries();
        List<StatisticsQueries.Filter> filters = List.of(StatisticsQueries.Filter.NONE,
                // whole months (the roll-ups) and not (the direct path)
                new StatisticsQueries.Filter(java.time.LocalDate.of(2026, 4, 1), java.time.LocalDate.of(2026, 11, 30),
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                new StatisticsQueries.Filter(java.time.LocalDate.of(2026, 4, 2), java.time.LocalDate.of(2026, 11, 20),
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                new StatisticsQueries.Filter(null, null, List.of("JIEPA", "RCEP"), List.of("JP", "ID", "VN"), List.of(),
                        List.of(), List.of(), List.of(), List.of("VALID", "REPLACED")),
                new StatisticsQueries.Filter(null, null, List.of(), List.of(), List.of("Exporter 0007", "Exporter 0011"),
                        List.of(), List.of(), List.of(), List.of()),
                // one chapter (the roll-ups) and two, whose certificates overlap (the direct path)
                new StatisticsQueries.Filter(null, null, List.of(), List.of(), List.of(), List.of("87"), List.of(),
                        List.of(), List.of()),
                new StatisticsQueries.Filter(null, null, List.of(), List.of(), List.of(), List.of("87", "72"), List.of(),
                        List.of(), List.of()),
                new StatisticsQueries.Filter(null, null, List.of(), List.of(), List.of(), List.of(), List.of("8708"),
                        List.of("PSR", "WO"), List.of()),
                // two headings, whose certificates overlap, and one origin criterion
                new StatisticsQueries.Filter(null, null, List.of(), List.of(), List.of(), List.of(),
                        List.of("8708", "8703"), List.of("WO"), List.of()));
        List<List<StatisticsQueries.Dimension>> groupings = new java.util.ArrayList<>();
        groupings.add(List.of());
        for (StatisticsQueries.Dimension d : StatisticsQueries.Dimension.values()) {
            groupings.add(List.of(d));
        }
        groupings.add(List.of(StatisticsQueries.Dimension.AGREEMENT, StatisticsQueries.Dimension.MONTH));
        groupings.add(List.of(StatisticsQueries.Dimension.ACKNOWLEDGEMENT, StatisticsQueries.Dimension.REJECTION_REASON));
        groupings.add(List.of(StatisticsQueries.Dimension.EXPORTER, StatisticsQueries.Dimension.STATUS));
        groupings.add(List.of(StatisticsQueries.Dimension.MONTH, StatisticsQueries.Dimension.HS_CHAPTER));
        groupings.add(List.of(StatisticsQueries.Dimension.HS_HEADING, StatisticsQueries.Dimension.ORIGIN_CRITERION));
        groupings.add(List.of(StatisticsQueries.Dimension.ORIGIN_CRITERION, StatisticsQueries.Dimension.MONTH,
                StatisticsQueries.Dimension.AGREEMENT));
        int compared = 0;
        try (java.sql.Connection c = ds.getConnection()) {
            c.setTransactionIsolation(java.sql.Connection.TRANSACTION_REPEATABLE_READ);
            org.cogateway.testing.StatisticsOracle rows = new org.cogateway.testing.StatisticsOracle(c);
            for (String country : countries) {
                StatisticsQueries.Scope scope = new StatisticsQueries.Scope(true, country);
                for (StatisticsQueries.Filter f : filters) {
                    for (List<StatisticsQueries.Dimension> dims : groupings) {
                        for (int max : new int[] {1000, 3}) {
                            assertThat(q.run(c, scope, f, dims, max)).as("%s %s %s max %d", scope, f, dims, max)
                                    .isEqualTo(rows.run(country, f, dims, max));
                            compared += Math.min(max, rows.run(country, f, dims, 1000).groups().size());
                        }
                    }
                }
            }
            c.commit();
        }
        return compared;
    }

    @Test
    void anIssuingBodySeesOnlyWhatItSubmittedAndCustomsOfAnotherCountryOnlyItsOwn() throws Exception {
        CertificateOfOriginPortType chamber = BackOfficeClient.as(gateway, TestGateways.CHAMBER,
                TestGateways.CHAMBER_PASSWORD);
        assertThat(single(chamber.getStatistics(request(null))).getCertificates()).isZero();
        CertificateOfOriginPortType idCustoms = BackOfficeClient.as(gateway, TestGateways.ID_CUSTOMS,
                TestGateways.ID_CUSTOMS_PASSWORD);
        assertThat(single(idCustoms.getStatistics(request(null))).getCertificates()).isEqualTo(1);
    }

    @Test
    void aDimensionTwiceOrAnInvertedDateRangeIsRefusedAsAnInvalidRequest() {
        assertThat(faultOf(() -> customs.getStatistics(request(null, StatisticsDimensionType.PARTNER,
                StatisticsDimensionType.PARTNER))).getCode()).isEqualTo("INVALID_REQUEST");
        StatisticsFilterType inverted = new StatisticsFilterType();
        inverted.setIssuedFrom(Requests.date("2026-12-01"));
        inverted.setIssuedTo(Requests.date("2026-11-01"));
        var fault = faultOf(() -> customs.getStatistics(request(inverted)));
        assertThat(fault.getCode()).isEqualTo("INVALID_REQUEST");
        assertThat(fault.getMessage()).contains("IssuedFrom 2026-12-01 is after IssuedTo 2026-11-01");
    }

    @Test
    void theCsvExportStreamsTheCallersGoodsItemsWithTheSameFilters() throws Exception {
        HttpResponse<String> all = export("", TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = all.body().split("\r\n");
        assertThat(lines).hasSize(10);
        assertThat(lines[0]).startsWith("issuing_country,certificate_number,version,issue_date,agreement,partner,");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ID,ID-S-001,1,2026-11-20,JIEPA,ID,")
                .contains(",ACCEPTED,2026-11-20T12:00Z,").contains(",1,870899,PSR,46400,USD,H87,800,800"));
        assertThat(lines).noneMatch(l -> l.contains("ID-S-004"));

        HttpResponse<String> chapter = export("?hsChapter=87&issuedFrom=2026-11-01&status=VALID",
                TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
        assertThat(chapter.body().split("\r\n")).hasSize(3);
    }

    @Test
    void theCsvExportRefusesAWrongPasswordAndBadParametersClearly() throws Exception {
        // another caller than the other tests': a wrong password makes its next login wait (auth.failureDelay)
        HttpResponse<String> wrong = export("", TestGateways.OSAKA, "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic ");
        HttpResponse<String> unknown = export("?hsCode=870899", TestGateways.CUSTOMS, TestGateways.CUSTOMS_PASSWORD);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown parameter 'hsCode'").doesNotContain("Exception");
        HttpResponse<String> badDate = export("?issuedFrom=yesterday", TestGateways.CUSTOMS,
                TestGateways.CUSTOMS_PASSWORD);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("issuedFrom must be a date like 2026-11-30, not 'yesterday'");
    }

    @Test
    void csvTextFieldsAreQuotedAndNeverReadAsFormulas() {
        assertThat(StatisticsExport.text("PT Maju, Tbk")).isEqualTo("\"PT Maju, Tbk\"");
        assertThat(StatisticsExport.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(StatisticsExport.text("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(StatisticsExport.text("plain")).isEqualTo("plain");
    }

    private static HttpResponse<String> export(String query, String user, String password) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + StatisticsExport.PATH + query)).header("Authorization", "Basic " + basic).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static GetStatisticsRequest request(StatisticsFilterType filter, StatisticsDimensionType... groupBy) {
        GetStatisticsRequest r = new GetStatisticsRequest();
        r.setFilter(filter);
        r.getGroupBy().addAll(List.of(groupBy));
        return r;
    }

    private static StatisticsGroupType single(GetStatisticsResponse r) {
        assertThat(r.getGroup()).hasSize(1);
        return r.getGroup().get(0);
    }

    private static StatisticsGroupType byKey(GetStatisticsResponse r, String key) {
        Function<StatisticsGroupType, String> first = g -> g.getKey().stream().map(StatisticsKeyType::getValue)
                .findFirst().orElse(null);
        return r.getGroup().stream().filter(g -> key.equals(first.apply(g))).findFirst().orElseThrow();
    }

    private static BigDecimal usd(List<MoneyType> money) {
        return money.stream().filter(m -> m.getCurrency().equals("USD")).map(MoneyType::getValue).findFirst()
                .orElseThrow();
    }
}
