package io.guichet.insights;

import io.guichet.desk.IncidentFigures;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.ReportFigures;
import io.guichet.inbox.ReportFigures.Figures;
import io.guichet.inbox.ReportFigures.SlotArrivals;
import io.guichet.platform.web.ApiError;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.Target;
import io.guichet.staffing.Targets;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a period (issue 17): the inbox's figures per day or week and channel ({@link ReportFigures}, SQL on the
 * database), arrivals per half-hour slot, and exam incidents per category ({@link IncidentFigures}); each service's answer
 * target is staffing's chat target. Leads and administrators ({@link Access#canReadReports}).
 */
public final class Reports {
    /** A year and a bit: the longest period a report reads. */
    public static final int MAX_DAYS = 400;

    private final ReportFigures figures;
    private final IncidentFigures incidents;
    private final ServiceCatalogue services;
    private final Targets targets;
    private final ZoneId zone;
    private final Clock clock;

    public Reports(ReportFigures figures, IncidentFigures incidents, ServiceCatalogue services, Targets targets, ZoneId zone, Clock clock) {
        this.figures = figures;
        this.incidents = incidents;
        this.services = services;
        this.targets = targets;
        this.zone = zone;
        this.clock = clock;
    }

    /** From the first day to the last, both included, in the institution's zone. */
    public record Period(LocalDate from, LocalDate to) {
        public Instant start(ZoneId zone) {
            return from.atStartOfDay(zone).toInstant();
        }

        public Instant end(ZoneId zone) {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }

        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    /** The period typed ({@code YYYY-MM-DD}, either may be absent): by default the last 30 days to today. 422 naming the field. */
    public Period period(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate last = to == null || to.isBlank() ? today : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : date("from", from);
        if (last.isBefore(first)) throw ApiError.invalid("to", "to must be on or after from").because("order");
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS)
            throw ApiError.invalid("to", "a report covers at most " + MAX_DAYS + " days").because("too_long", MAX_DAYS);
        return new Period(first, last);
    }

    private static LocalDate date(String field, String value) {
        try {
            if (value.length() != 10) throw new DateTimeException(value);
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw ApiError.invalid(field, field + " must be a date as YYYY-MM-DD").because("date");
        }
    }

    /** The service a slug names, or null for every service (422 {@code unknown_service}). */
    public ServiceQueue service(String slug) {
        return slug == null || slug.isBlank() ? null : services.findBySlug(slug);
    }

    /**
     * The report: {@code total} (the whole period, every channel), {@code perChannel}, {@code perBucket} (each day or
     * week, every channel) and {@code perBucketAndChannel}; a bucket or channel with no arrival is absent.
     */
    public record Report(Period period, ServiceQueue service, ReportFigures.Unit unit, Figures total, List<Figures> perChannel,
                         List<Figures> perBucket, List<Figures> perBucketAndChannel, List<SlotArrivals> slots, Map<String, Long> incidents,
                         Map<Long, Integer> targetSeconds) {
    }

    public Report accessReport(Staff viewer, Period period, ServiceQueue service, ReportFigures.Unit unit) {
        Access.requireReportReader(viewer);
        Map<Long, Integer> target = new HashMap<>();
        for (ServiceQueue s : services.findAll()) target.put(s.id(), targets.findTarget(s, "chat").answerSeconds());
        int standard = Target.standard(0, "chat").answerSeconds();
        Instant start = period.start(zone), end = period.end(zone);
        Long serviceId = service == null ? null : service.id();
        List<Figures> rows = figures.findFigures(start, end, serviceId, zone, unit, target, standard);
        Figures total = rows.stream().filter(f -> f.bucket() == null && f.channel() == null).findFirst()
                .orElse(new Figures(null, null, 0, 0, 0, null, null, 0, null, 0, null));
        return new Report(period, service, unit, total,
                rows.stream().filter(f -> f.bucket() == null && f.channel() != null).toList(),
                rows.stream().filter(f -> f.bucket() != null && f.channel() == null).toList(),
                rows.stream().filter(f -> f.bucket() != null && f.channel() != null).toList(),
                figures.findArrivalsBySlot(start, end, serviceId, zone), incidents.findByCategory(start, end), target);
    }

    public ZoneId zone() {
        return zone;
    }
}
