package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;
import io.guichet.services.OpeningHours;
import io.guichet.services.OpeningPeriod;
import io.guichet.services.OpeningPeriods;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.internal.PeriodDao;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Opening periods: days when a service keeps other hours than its week (an exam period Monday to Saturday 7:30–19:30,
 * a holiday closure, an evening until 22:00 before a deadline). The services' catalogue reads them through the
 * {@link OpeningPeriods} port, so the widget, the offline form and routing follow the period in force.
 */
public final class StaffingPeriods implements OpeningPeriods {
    public static final int MAX_DAYS = 366;
    private static final long CACHE_MILLIS = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final AtomicReference<Map<Long, List<OpeningPeriod>>> cache = new AtomicReference<>();
    private volatile long loadedAt;

    public StaffingPeriods(Jdbi jdbi, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
    }

    /** A period as asked: the service already found; dates and hours already read (null when unreadable, refused by the reader). */
    public record Draft(ServiceQueue service, String labelFr, String labelEn, LocalDate firstDay, LocalDate lastDay, boolean closed,
                        List<OpeningHours> hours) {
    }

    public OpeningPeriod doCreatePeriod(Staff actor, Draft draft) {
        Access.requireStaffingPlanner(actor);
        OpeningPeriod p = checked(draft, 0);
        long id = jdbi.inTransaction(h -> {
            PeriodDao dao = new PeriodDao(h);
            dao.lockService(p.serviceId());
            refuseOverlap(dao, p, 0);
            return dao.insert(p, actor.id());
        });
        cache.set(null);
        return find(id);
    }

    public OpeningPeriod doUpdatePeriod(Staff actor, long id, Draft draft) {
        Access.requireStaffingPlanner(actor);
        find(id);
        OpeningPeriod p = checked(draft, id);
        jdbi.useTransaction(h -> {
            PeriodDao dao = new PeriodDao(h);
            dao.lockService(p.serviceId());
            refuseOverlap(dao, p, id);
            dao.update(id, p);
        });
        cache.set(null);
        return find(id);
    }

    public void doDeletePeriod(Staff actor, long id) {
        Access.requireStaffingPlanner(actor);
        if (!jdbi.inTransaction(h -> new PeriodDao(h).delete(id))) throw ApiError.notFound("Period");
        cache.set(null);
    }

    public OpeningPeriod accessPeriod(Staff viewer, long id) {
        Access.requireStaffingPlanner(viewer);
        return find(id);
    }

    /** Every period from yesterday on, of every service, by service then first day. */
    public List<OpeningPeriod> accessCurrentPeriods(Staff viewer) {
        Access.requireStaffingPlanner(viewer);
        return all().values().stream().flatMap(List::stream).toList();
    }

    @Override
    public List<OpeningPeriod> periodsOf(long serviceId) {
        return all().getOrDefault(serviceId, List.of());
    }

    private OpeningPeriod find(long id) {
        return jdbi.withHandle(h -> new PeriodDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Period"));
    }

    /** Cached like the catalogue: another node's change shows within 10 s, this node's at once. */
    private Map<Long, List<OpeningPeriod>> all() {
        Map<Long, List<OpeningPeriod>> cached = cache.get();
        if (cached == null || clock.millis() - loadedAt > CACHE_MILLIS) {
            cached = jdbi.withHandle(h -> new PeriodDao(h).current()).stream()
                    .collect(Collectors.groupingBy(OpeningPeriod::serviceId, Collectors.toUnmodifiableList()));
            cache.set(cached);
            loadedAt = clock.millis();
        }
        return cached;
    }

    private void refuseOverlap(PeriodDao dao, OpeningPeriod p, long id) {
        dao.overlapping(p.serviceId(), p.firstDay(), p.lastDay(), id).ifPresent(other -> {
            throw ApiError.conflict("period_overlap", "The service already has the period " + other.labelEn() + " from "
                    + other.firstDay() + " to " + other.lastDay()).because("overlap", other.labelFr(), other.firstDay(), other.lastDay());
        });
    }

    /** Every field at once; an English label left blank takes the French one. */
    private OpeningPeriod checked(Draft d, long id) {
        Checks checks = new Checks();
        if (d.service() == null) checks.refuse(ApiError.invalid("service", "service is required").because("required"));
        String fr = checks.check(() -> Fields.required("labelFr", d.labelFr(), 80));
        String en = checks.check(() -> Fields.optional("labelEn", d.labelEn(), 80));
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (d.firstDay() == null) checks.refuse(ApiError.invalid("startsAt", "startsAt is required (a date, 2027-05-03)").because("required"));
        if (d.lastDay() == null) checks.refuse(ApiError.invalid("endsAt", "endsAt is required (a date, 2027-05-15)").because("required"));
        if (d.firstDay() != null && d.lastDay() != null) {
            if (d.lastDay().isBefore(d.firstDay())) checks.refuse(ApiError.invalid("endsAt", "endsAt must be on or after startsAt").because("before_start"));
            else if (ChronoUnit.DAYS.between(d.firstDay(), d.lastDay()) >= MAX_DAYS)
                checks.refuse(ApiError.invalid("endsAt", "a period lasts at most " + MAX_DAYS + " days").because("too_long_period", MAX_DAYS));
            else if (d.lastDay().isBefore(today)) checks.refuse(ApiError.invalid("endsAt", "endsAt is in the past").because("past"));
        }
        List<OpeningHours> hours = d.hours() == null ? List.of() : d.hours();
        if (d.closed() && !hours.isEmpty()) checks.refuse(ApiError.invalid("hours", "a closed period has no hours").because("closed_with_hours"));
        if (!d.closed() && hours.isEmpty()) checks.refuse(ApiError.invalid("hours", "give the hours, or closed: true").because("no_hours"));
        for (OpeningHours o : hours) {
            if (o.weekday() < 1 || o.weekday() > 7) checks.refuse(ApiError.invalid("hours", "weekday is 1 (Monday) to 7 (Sunday)").because("weekday"));
            else if (!o.closes().isAfter(o.opens())) checks.refuse(ApiError.invalid("hours", "on weekday " + o.weekday() + ", closing time must be after opening time").because("order"));
        }
        checks.done();
        return new OpeningPeriod(id, d.service().id(), fr, en == null ? fr : en, d.firstDay(), d.lastDay(), d.closed(), List.copyOf(hours));
    }
}
