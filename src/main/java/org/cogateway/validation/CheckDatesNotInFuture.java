package org.cogateway.validation;

import org.w3c.dom.Element;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * DATE_IN_FUTURE: a certificate cannot be issued, declared, certified, invoiced or cancelled after today.
 * "Today" is the date in the latest time zone on earth (UTC+14): a certificate dated today anywhere is then
 * never refused, e.g. one issued in Tokyo in the morning while it is still yesterday in UTC.
 */
final class CheckDatesNotInFuture implements CertificateRule {

    private static final ZoneOffset LATEST_TIME_ZONE = ZoneOffset.ofHours(14);

    private final Clock clock;

    CheckDatesNotInFuture(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void check(CertificateView certificate, ValidationContext context, FindingCollector findings) {
        LocalDate today = LocalDate.now(clock.withZone(LATEST_TIME_ZONE));
        List<Element> dates = new ArrayList<>();
        dates.addAll(certificate.all("Cancellation", "Date"));
        dates.addAll(certificate.all("IssueDate"));
        dates.addAll(certificate.all("Invoice", "Date"));
        dates.addAll(certificate.all("ExporterDeclaration", "Date"));
        dates.addAll(certificate.all("Certification", "Date"));
        for (Element date : dates) {
            CertificateView.date(date).filter(value -> value.isAfter(today)).ifPresent(value -> findings.severe(
                    "DATE_IN_FUTURE", date, certificate.label(date) + " " + value + " is after today (" + today
                            + " in UTC+14, the latest time zone)"));
        }
    }
}
