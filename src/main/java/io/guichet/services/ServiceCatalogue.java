package io.guichet.services;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.services.internal.CatalogueDao;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The institution's services (Admissions, Aide financière…): names in both languages, the languages
 * they answer in, their weekly hours and whether they are open now. The inbox routes to them; live
 * sessions, articles and every later module name them by slug.
 */
public final class ServiceCatalogue {
    private static final long CACHE_MILLIS = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final OpeningPeriods periods;
    private final AtomicReference<List<ServiceQueue>> cache = new AtomicReference<>();
    private volatile long loadedAt;

    public ServiceCatalogue(Jdbi jdbi, Clock clock, ZoneId zone) {
        this(jdbi, clock, zone, OpeningPeriods.NONE);
    }

    public ServiceCatalogue(Jdbi jdbi, Clock clock, ZoneId zone, OpeningPeriods periods) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.periods = periods;
    }

    public ServiceQueue doCreateService(Staff actor, String slug, String nameFr, String nameEn, List<String> languages) {
        Access.requireAdmin(actor);
        Checks checks = new Checks();
        String s = checks.check(() -> validSlug(slug));
        String fr = checks.check(() -> Fields.required("nameFr", nameFr, 80));
        String en = checks.check(() -> Fields.required("nameEn", nameEn, 80));
        List<String> langs = checks.check(() -> validLanguages(languages));
        checks.done();
        long id = jdbi.inTransaction(h -> {
            CatalogueDao dao = new CatalogueDao(h);
            if (dao.slugTaken(s)) throw ApiError.conflict("slug_taken", "A service already uses the slug " + s);
            return dao.insert(s, fr, en, langs);
        });
        cache.set(null);
        return findById(id);
    }

    /** Every field is checked before anything is refused: a form shows all its errors at once, each hours row its own. */
    public ServiceQueue doUpdateService(Staff actor, long id, String nameFr, String nameEn, List<String> languages,
                                        boolean active, List<OpeningHours> hours) {
        Access.requireAdmin(actor);
        Checks checks = new Checks();
        String fr = checks.check(() -> Fields.required("nameFr", nameFr, 80));
        String en = checks.check(() -> Fields.required("nameEn", nameEn, 80));
        List<String> langs = checks.check(() -> validLanguages(languages));
        for (OpeningHours o : hours) {
            if (!o.closes().isAfter(o.opens())) checks.refuse(ApiError.invalid("hours." + o.weekday(), "Closing time must be after opening time"));
        }
        checks.done();
        findById(id);
        jdbi.useTransaction(h -> {
            CatalogueDao dao = new CatalogueDao(h);
            dao.update(id, fr, en, langs, active);
            dao.replaceHours(id, hours);
        });
        cache.set(null);
        return findById(id);
    }

    /** Closes the service on {@code day} (a holiday), whatever its hours; the same day again renames it. */
    public ServiceQueue doAddClosure(Staff actor, long id, LocalDate day, String label) {
        Access.requireAdmin(actor);
        if (day == null) throw ApiError.invalid("day", "day is required");
        if (day.isBefore(today())) throw ApiError.invalid("day", "day must be today or later");
        String name = Fields.optional("label", label, 80);
        findById(id);
        jdbi.useTransaction(h -> new CatalogueDao(h).putClosure(id, day, name == null ? "" : name));
        cache.set(null);
        return findById(id);
    }

    public ServiceQueue doRemoveClosure(Staff actor, long id, LocalDate day) {
        Access.requireAdmin(actor);
        findById(id);
        jdbi.useTransaction(h -> new CatalogueDao(h).deleteClosure(id, day));
        cache.set(null);
        return findById(id);
    }

    private static String validSlug(String slug) {
        String s = Fields.required("slug", slug, 63);
        if (!s.matches("[a-z0-9][a-z0-9-]*")) throw ApiError.invalid("slug", "slug may use only a-z, 0-9 and -");
        return s;
    }

    private static List<String> validLanguages(List<String> languages) {
        List<String> langs = languages == null || languages.isEmpty() ? List.of("fr", "en") : languages;
        for (String l : langs) {
            if (!"fr".equals(l) && !"en".equals(l)) throw ApiError.invalid("languages", "languages may be fr and en");
        }
        return List.copyOf(new LinkedHashSet<>(langs));
    }

    /** Every service, active or not; public knowledge (cached: other nodes' changes show within 10 s). */
    public List<ServiceQueue> findAll() {
        List<ServiceQueue> cached = cache.get();
        if (cached == null || clock.millis() - loadedAt > CACHE_MILLIS) {
            // By French name as a French reader sorts them (Éducation before Emploi, not after Zoologie), for every list.
            cached = jdbi.withHandle(h -> new CatalogueDao(h).all()).stream()
                    .sorted(java.util.Comparator.comparing(ServiceQueue::nameFr, Messages.collator(Messages.FR))).toList();
            cache.set(cached);
            loadedAt = clock.millis();
        }
        return cached;
    }

    public List<ServiceQueue> findActive() {
        return findAll().stream().filter(ServiceQueue::active).toList();
    }

    public ServiceQueue findById(long id) {
        return find(s -> s.id() == id).orElseThrow(() -> ApiError.notFound("Service"));
    }

    /** The active service with this slug, or 422: callers name services, and an unknown one is invalid input. */
    public ServiceQueue findBySlug(String slug) {
        return find(s -> s.slug().equals(slug) && s.active())
                .orElseThrow(() -> new ApiError(422, "unknown_service", "Unknown service: " + slug));
    }

    /** The display name of a service slug in a language, or the slug itself when it names no service. */
    public String nameOf(String slug, String lang) {
        if (slug == null) return null;
        return find(s -> s.slug().equals(slug)).map(s -> s.name(lang)).orElse(slug);
    }

    /** Looks in the cache, then once more in the database: a service just created on another node is found. */
    private Optional<ServiceQueue> find(Predicate<ServiceQueue> match) {
        return findAll().stream().filter(match).findFirst().or(() -> {
            cache.set(null);
            return findAll().stream().filter(match).findFirst();
        });
    }

    /**
     * When the service next opens, within the coming week after its closures and periods, in the institution's time
     * zone: now when it is open, empty when it has no opening at all in that time.
     */
    public Optional<ZonedDateTime> nextOpening(ServiceQueue service) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        if (isOpenNow(service)) return Optional.of(now);
        List<OpeningPeriod> periods = this.periods.periodsOf(service.id());
        // a week past every day closed or overridden, but never more than a year and a month ahead
        long horizon = 7 + service.closures().size()
                + periods.stream().mapToLong(p -> java.time.temporal.ChronoUnit.DAYS.between(p.firstDay(), p.lastDay()) + 1).sum();
        for (int d = 0; d <= Math.min(horizon, 400); d++) {
            LocalDate day = now.toLocalDate().plusDays(d);
            Day hours = hoursOn(service, periods, day);
            if (hours.alwaysOpen()) return Optional.of(d == 0 ? now : day.atStartOfDay(zone));
            // atZone moves a time in a daylight-saving gap forward, as a wall clock does
            Optional<ZonedDateTime> first = hours.hours().stream().map(o -> day.atTime(o.opens()).atZone(zone))
                    .filter(t -> t.isAfter(now)).min(ZonedDateTime::compareTo);
            if (first.isPresent()) return first;
        }
        return Optional.empty();
    }

    /** Whether the service is open now in the institution's time zone: its closures, then the period in force, then its week. */
    public boolean isOpenNow(ServiceQueue service) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        Day today = hoursOn(service, periods.periodsOf(service.id()), now.toLocalDate());
        return today.alwaysOpen() || today.hours().stream()
                .anyMatch(o -> !now.toLocalTime().isBefore(o.opens()) && now.toLocalTime().isBefore(o.closes()));
    }

    /**
     * The hours of one day: a closure shuts it, a period in force replaces the week (a weekday it does not name is
     * closed), and a service with no weekly hours at all is always open.
     */
    public record Day(LocalDate day, List<OpeningHours> hours, boolean alwaysOpen, Optional<OpeningPeriod> period, Optional<Closure> closure) {
    }

    public Day hoursOn(ServiceQueue service, LocalDate day) {
        return hoursOn(service, periods.periodsOf(service.id()), day);
    }

    private static Day hoursOn(ServiceQueue service, List<OpeningPeriod> periods, LocalDate day) {
        int weekday = day.getDayOfWeek().getValue();
        Optional<Closure> closure = service.closures().stream().filter(c -> c.day().equals(day)).findFirst();
        Optional<OpeningPeriod> period = periods.stream().filter(p -> p.covers(day)).findFirst();
        if (closure.isPresent()) return new Day(day, List.of(), false, period, closure);
        if (period.isPresent()) {
            List<OpeningHours> hours = period.get().closed() ? List.of()
                    : period.get().hours().stream().filter(o -> o.weekday() == weekday).toList();
            return new Day(day, hours, false, period, closure);
        }
        if (service.hours().isEmpty()) return new Day(day, List.of(), true, period, closure);
        return new Day(day, service.hours().stream().filter(o -> o.weekday() == weekday).toList(), false, period, closure);
    }

    /** Today in the institution's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
