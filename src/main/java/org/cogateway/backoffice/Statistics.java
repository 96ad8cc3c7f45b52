package org.cogateway.backoffice;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cogateway.contract.backoffice.CurrentStatusType;
import org.cogateway.contract.backoffice.GetStatisticsRequest;
import org.cogateway.contract.backoffice.GetStatisticsResponse;
import org.cogateway.contract.backoffice.MoneyType;
import org.cogateway.contract.backoffice.StatisticsDimensionType;
import org.cogateway.contract.backoffice.StatisticsFilterType;
import org.cogateway.contract.backoffice.StatisticsGroupType;
import org.cogateway.contract.backoffice.StatisticsKeyType;
import org.cogateway.document.Dates;
import org.cogateway.security.Caller;
import org.cogateway.security.Role;
import org.cogateway.store.JdbcTransactions;
import org.cogateway.store.StatisticsQueries;

/**
 * GetStatistics and the CSV export's scope and filter: figures over what this gateway holds, for
 * the caller's own part of it. Customs sees the certificates addressed to its country, an issuing body
 * the certificates it submitted (as everywhere in the back-office, see {@link Access}).
 */
final class Statistics {
    static final int DEFAULT_MAX_GROUPS = 1000;

    private final DataSource dataSource;
    private final StatisticsQueries queries = new StatisticsQueries();

    Statistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    GetStatisticsResponse get(Caller caller, GetStatisticsRequest request) {
        List<StatisticsQueries.Dimension> dims = dimensions(request.getGroupBy());
        StatisticsQueries.Filter filter = filter(request.getFilter());
        int max = request.getMaxGroups() == null ? DEFAULT_MAX_GROUPS : request.getMaxGroups();
        StatisticsQueries.Result result;
        try {
            // read-only and repeatable: both queries see the same snapshot
            result = JdbcTransactions.run(dataSource, Connection.TRANSACTION_REPEATABLE_READ,
                    c -> queries.run(c, scope(caller), filter, dims, max));
        } catch (SQLException e) {
            throw new IllegalStateException("statistics query failed", e);
        }
        GetStatisticsResponse response = new GetStatisticsResponse();
        for (StatisticsQueries.Group g : result.groups()) {
            response.getGroup().add(group(request.getGroupBy(), g));
        }
        response.setTruncated(result.truncated());
        return response;
    }

    static StatisticsQueries.Scope scope(Caller caller) {
        return caller.role() == Role.CUSTOMS ? new StatisticsQueries.Scope(true, caller.country())
                : new StatisticsQueries.Scope(false, caller.id());
    }

    private static List<StatisticsQueries.Dimension> dimensions(List<StatisticsDimensionType> groupBy) {
        EnumSet<StatisticsDimensionType> seen = EnumSet.noneOf(StatisticsDimensionType.class);
        List<StatisticsQueries.Dimension> dims = new ArrayList<>();
        for (StatisticsDimensionType d : groupBy) {
            if (d == null) {
                throw new BackOfficeException(FaultCode.INVALID_REQUEST, "GroupBy names an unknown dimension");
            }
            if (!seen.add(d)) {
                throw new BackOfficeException(FaultCode.INVALID_REQUEST, "GroupBy names " + d.value() + " twice");
            }
            dims.add(StatisticsQueries.Dimension.valueOf(d.name()));
        }
        return dims;
    }

    static StatisticsQueries.Filter filter(StatisticsFilterType f) {
        if (f == null) {
            return StatisticsQueries.Filter.NONE;
        }
        LocalDate from = f.getIssuedFrom() == null ? null : Dates.localDate(f.getIssuedFrom());
        LocalDate to = f.getIssuedTo() == null ? null : Dates.localDate(f.getIssuedTo());
        return filter(from, to, f.getAgreement(), f.getPartner(), f.getExporter(), f.getHsChapter(),
                f.getHsHeading(), f.getOriginCriterion(), f.getStatus().stream().map(CurrentStatusType::value).toList());
    }

    static StatisticsQueries.Filter filter(LocalDate from, LocalDate to, List<String> agreements, List<String> partners,
                                           List<String> exporters, List<String> chapters, List<String> headings,
                                           List<String> criteria, List<String> statuses) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "IssuedFrom " + from + " is after IssuedTo " + to);
        }
        return new StatisticsQueries.Filter(from, to, List.copyOf(agreements), List.copyOf(partners),
                List.copyOf(exporters), List.copyOf(chapters), List.copyOf(headings), List.copyOf(criteria),
                List.copyOf(statuses));
    }

    private static StatisticsGroupType group(List<StatisticsDimensionType> dims, StatisticsQueries.Group g) {
        StatisticsGroupType x = new StatisticsGroupType();
        for (int i = 0; i < dims.size(); i++) {
            StatisticsKeyType key = new StatisticsKeyType();
            key.setDimension(dims.get(i));
            key.setValue(g.key().get(i));
            x.getKey().add(key);
        }
        x.setCertificates(g.certificates());
        x.setGoodsItems(g.goodsItems());
        x.getFobValue().addAll(money(g.fob()));
        x.getRemainingFobValue().addAll(money(g.remainingFob()));
        x.setUtilisedShare(g.utilisedShare());
        x.setAcknowledged(g.acknowledged());
        x.setRejected(g.rejected());
        x.setCancelled(g.cancelled());
        x.setReplaced(g.replaced());
        x.setMeanDaysToDelivery(g.meanDaysToDelivery());
        x.setMeanDaysToFirstUtilisation(g.meanDaysToFirstUtilisation());
        return x;
    }

    private static List<MoneyType> money(Map<String, BigDecimal> byCurrency) {
        return byCurrency.entrySet().stream().map(e -> {
            MoneyType m = new MoneyType();
            m.setCurrency(e.getKey());
            m.setValue(e.getValue());
            return m;
        }).toList();
    }
}
