package io.guichet.services;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.services.internal.CatalogueDao;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
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
    private final AtomicReference<List<ServiceQueue>> cache = new AtomicReference<>();
    private volatile long loadedAt;

    public ServiceCatalogue(Jdbi jdbi, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
    }

    public ServiceQueue doCreateService(Staff actor, String slug, String nameFr, String nameEn, List<String> languages) {
        Access.requireAdmin(actor);
        String s = Fields.required("slug", slug, 63);
        if (!s.matches("[a-z0-9][a-z0-9-]*")) throw ApiError.invalid("slug", "slug may use only a-z, 0-9 and -");
        String fr = Fields.required("nameFr", nameFr, 80);
        String en = Fields.required("nameEn", nameEn, 80);
        List<String> langs = validLanguages(languages);
        long id = jdbi.inTransaction(h -> {
            CatalogueDao dao = new CatalogueDao(h);
            if (dao.slugTaken(s)) throw ApiError.conflict("slug_taken", "A service already uses the slug " + s);
            return dao.insert(s, fr, en, langs);
        });
        cache.set(null);
        return findById(id);
    }

    public ServiceQueue doUpdateService(Staff actor, long id, String nameFr, String nameEn, List<String> languages,
                                        boolean active, List<OpeningHours> hours) {
        Access.requireAdmin(actor);
        String fr = Fields.required("nameFr", nameFr, 80);
        String en = Fields.required("nameEn", nameEn, 80);
        List<String> langs = validLanguages(languages);
        for (OpeningHours o : hours) {
            if (!o.closes().isAfter(o.opens())) throw ApiError.invalid("hours", "Closing time must be after opening time");
        }
        findById(id);
        jdbi.useTransaction(h -> {
            CatalogueDao dao = new CatalogueDao(h);
            dao.update(id, fr, en, langs, active);
            dao.replaceHours(id, hours);
        });
        cache.set(null);
        return findById(id);
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
            cached = jdbi.withHandle(h -> new CatalogueDao(h).all());
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

    /** Whether the service is open now in the institution's time zone; no hours at all means always open. */
    public boolean isOpenNow(ServiceQueue service) {
        if (service.hours().isEmpty()) return true;
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        int day = now.getDayOfWeek().getValue();
        return service.hours().stream().anyMatch(o -> o.weekday() == day
                && !now.toLocalTime().isBefore(o.opens()) && now.toLocalTime().isBefore(o.closes()));
    }
}
