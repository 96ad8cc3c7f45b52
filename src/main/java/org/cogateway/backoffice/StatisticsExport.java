package org.cogateway.backoffice;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.cogateway.security.Caller;
import org.cogateway.security.HashedPasswordValidator;
import org.cogateway.store.JdbcTransactions;
import org.cogateway.store.StatisticsQueries;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CSV export of the rows under GetStatistics: {@code GET /services/export/goods-items.csv} on the
 * back-office listener, one goods item per line with its certificate's facts, for the same scope as
 * GetStatistics (the caller's) and the same filters as query parameters. The caller logs in with
 * HTTP Basic and its back-office password, checked by the same validator and throttle as a SOAP
 * UsernameToken. Rows go from the database cursor to the response as they are read: nothing is
 * collected, so an export of any size runs in the memory of one fetch and one output buffer.
 */
final class StatisticsExport extends Handler.Abstract {
    static final String CONTEXT = "/services/export";
    static final String PATH = CONTEXT + "/goods-items.csv";
    private static final Logger log = LoggerFactory.getLogger(StatisticsExport.class);
    private static final Set<String> LIST_PARAMETERS = Set.of("agreement", "partner", "exporter", "hsChapter",
            "hsHeading", "originCriterion", "status");
    private static final Set<String> STATUSES = Set.of("VALID", "CANCELLED", "REPLACED");
    private static final String HEADER = "issuing_country,certificate_number,version,issue_date,agreement,partner,"
            + "exporter,import_country,status,acknowledgement,received_at,first_utilised_at,item_number,hs_code,"
            + "origin_criterion,fob_value,currency,unit,certified,drawn\r\n";

    private final DataSource dataSource;
    private final HashedPasswordValidator passwords;
    private final StatisticsQueries queries = new StatisticsQueries();

    StatisticsExport(DataSource dataSource, HashedPasswordValidator passwords) {
        this.dataSource = dataSource;
        this.passwords = passwords;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!Request.getPathInContext(request).equals(PATH.substring(CONTEXT.length()))) {
            return text(response, callback, 404, "no such export; the rows are at " + PATH);
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return text(response, callback, 405, "the export is read with GET");
        }
        Optional<Caller> caller = authenticate(request);
        if (caller.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"co-gateway back-office\", charset=\"UTF-8\"");
            return text(response, callback, 401, "log in with HTTP Basic: a back-office caller and its password");
        }
        StatisticsQueries.Filter filter;
        try {
            filter = filter(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
        } catch (BackOfficeException e) {
            return text(response, callback, 400, e.getMessage());
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/csv; charset=utf-8; header=present");
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"goods-items.csv\"");
        long[] rows = {0};
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Content.Sink.asOutputStream(response),
                StandardCharsets.UTF_8), 64 * 1024)) {
            out.write(HEADER);
            JdbcTransactions.run(dataSource, Connection.TRANSACTION_REPEATABLE_READ, c -> {
                queries.exportRows(c, Statistics.scope(caller.get()), filter, row -> {
                    write(out, row);
                    rows[0]++;
                });
                return null;
            });
        } catch (IOException | SQLException | RuntimeException e) {
            // the status line has gone: failing the callback cuts the response short (no final chunk),
            // so the client sees an incomplete transfer, never a CSV that looks whole
            log.warn("CSV export for {} cut short after {} rows: {}", caller.get().id(), rows[0], e.toString());
            callback.failed(e);
            return true;
        }
        log.info("CSV export for {}: {} rows", caller.get().id(), rows[0]);
        callback.succeeded();
        return true;
    }

    private Optional<Caller> authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        return passwords.check(decoded.substring(0, colon), decoded.substring(colon + 1),
                Request.getRemoteAddr(request));
    }

    /** The query parameters as a statistics filter: issuedFrom, issuedTo (ISO dates) and repeatable lists. */
    static StatisticsQueries.Filter filter(Fields parameters) {
        Map<String, List<String>> lists = new java.util.HashMap<>();
        LIST_PARAMETERS.forEach(name -> lists.put(name, new ArrayList<>()));
        LocalDate from = null;
        LocalDate to = null;
        for (Fields.Field f : parameters) {
            String name = f.getName();
            switch (name) {
                case "issuedFrom" -> from = date(name, f.getValue());
                case "issuedTo" -> to = date(name, f.getValue());
                default -> {
                    if (!LIST_PARAMETERS.contains(name)) {
                        throw new BackOfficeException(FaultCode.INVALID_REQUEST, "unknown parameter '"
                                + printable(name) + "'; known: issuedFrom, issuedTo, " + String.join(", ",
                                new java.util.TreeSet<>(LIST_PARAMETERS)));
                    }
                    for (String v : f.getValues()) {
                        if (v.isEmpty() || v.length() > 256) {
                            throw new BackOfficeException(FaultCode.INVALID_REQUEST, "parameter '" + name
                                    + "' must have a value of 1 to 256 characters");
                        }
                        if (name.equals("status") && !STATUSES.contains(v)) {
                            throw new BackOfficeException(FaultCode.INVALID_REQUEST,
                                    "status must be VALID, CANCELLED or REPLACED, not '" + printable(v) + "'");
                        }
                        lists.get(name).add(v);
                    }
                }
            }
        }
        return Statistics.filter(from, to, lists.get("agreement"), lists.get("partner"), lists.get("exporter"),
                lists.get("hsChapter"), lists.get("hsHeading"), lists.get("originCriterion"), lists.get("status"));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST, name + " must be a date like 2026-11-30, not '"
                    + printable(value) + "'");
        }
    }

    private static void write(Writer out, StatisticsQueries.ExportRow r) {
        try {
            out.write(String.join(",", r.issuingCountry(), text(r.certificateNumber()), Integer.toString(r.version()),
                    String.valueOf(r.issueDate()), r.agreement(), text(r.partner()), text(r.exporter()),
                    r.importCountry(), r.status(), r.acknowledgement() == null ? "" : r.acknowledgement(),
                    r.receivedAt() == null ? "" : r.receivedAt() + "Z",
                    r.firstUtilisedAt() == null ? "" : r.firstUtilisedAt() + "Z", Integer.toString(r.itemNumber()),
                    r.hsCode(), text(r.originCriterion()), number(r.fobValue()), r.currency(), r.unit(),
                    number(r.certified()), number(r.drawn())));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A text field as RFC 4180 wants it (quoted when it holds a comma, quote or line break), and
     * never read as a formula by a spreadsheet: a leading = + - @ is escaped with an apostrophe.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String number(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 63) + "…";
    }

    private static boolean text(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, java.nio.ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
