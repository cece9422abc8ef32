package io.guichet.webinars;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.live.LiveSession;
import io.guichet.live.LiveSessionService;
import io.guichet.people.ConsentLedger;
import io.guichet.people.Contact;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactField;
import io.guichet.people.ContactDraft;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.webinars.Registration.Status;
import io.guichet.webinars.internal.QuestionDao;
import io.guichet.webinars.internal.WebinarDao;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The programme and its registrations: series (recurring, their occurrences made at once from the rule in the
 * institution's zone), events (fairs with tracks), sessions; registration with capacity and a waitlist in arrival
 * order, series registrations, cancellation and promotion. Every registration, cancellation and promotion of a
 * session takes the session's row lock, so two registrants never take the last seat both, and the waitlist is the
 * order in which they got the lock. The registrant becomes (or is found as) a contact by their email, through
 * {@code people}; consent to future events' mail, when given, goes to the consent ledger in the same transaction.
 */
public final class WebinarService {
    public static final int MAX_TITLE = 120, MAX_DESCRIPTION = 8_000, MAX_SPEAKERS = 12, MAX_TAGS = 12, MAX_ANSWERS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final Clock clock;
    private final ZoneId zone;
    private final ContactDirectory contacts;
    private final ConsentLedger consent;
    private final PeopleService people;
    private final LiveSessionService live;
    private final RegistrationMail mail;

    public WebinarService(Jdbi jdbi, Clock clock, ZoneId zone, ContactDirectory contacts, ConsentLedger consent, PeopleService people,
                          LiveSessionService live, RegistrationMail mail) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.contacts = contacts;
        this.consent = consent;
        this.people = people;
        this.live = live;
        this.mail = mail;
    }

    /** What the mails of registrations say, queued in the transaction of the change that causes them. */
    public interface RegistrationMail {
        /** A registration was taken (registered or waitlisted), or a waitlisted person got a seat ({@code promoted}). */
        void placed(Handle h, WebinarSession session, Registration r, boolean promoted);

        /** A registration was cancelled (by its link). */
        void cancelled(Handle h, WebinarSession session, Registration r);

        /** The session's time changed: the registrant with a seat gets the new time and invitation (its SEQUENCE raised). */
        void moved(Handle h, WebinarSession session, Registration r);

        RegistrationMail NONE = new RegistrationMail() {
            public void placed(Handle h, WebinarSession session, Registration r, boolean promoted) {
            }

            public void cancelled(Handle h, WebinarSession session, Registration r) {
            }

            public void moved(Handle h, WebinarSession session, Registration r) {
            }
        };
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- the programme -------------------------------------------------------------------------------------------

    /** What staff give for a session, or for every occurrence of a series (without its times, which the rule gives). */
    public record SessionForm(String titleFr, String titleEn, String descriptionFr, String descriptionEn, List<String> speakers,
                              Integer capacity, String lang, List<String> audiences, Instant startsAt, Instant endsAt, String externalUrl,
                              Long eventId, String track, String kind) {
    }

    public record SeriesForm(String slug, SessionForm session, Recurrence rule) {
    }

    public record EventForm(String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn, LocalDate firstDay,
                            LocalDate lastDay, List<String> tracks) {
    }

    public WebinarSession doCreateSession(Staff actor, SessionForm form) {
        Access.requireWebinarOrganiser(actor);
        long id = jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            WebinarDao.SessionFields f = checked(dao, form, null, form.startsAt(), form.endsAt());
            return dao.insertSession(f, actor.id());
        });
        return findSession(id);
    }

    /**
     * Changes a session (its series and fair stay), every field checked at once, under its row lock. A new time raises
     * its SEQUENCE and mails each registrant with a seat the new time and invitation; more seats go to the waitlist's first,
     * in order, each mailed; fewer seats than are taken are refused.
     */
    public WebinarSession doUpdateSession(Staff actor, long id, SessionForm form) {
        Access.requireWebinarOrganiser(actor);
        return jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            WebinarSession before = dao.lockSession(id).orElseThrow(() -> ApiError.notFound("Session"));
            Checks checks = new Checks();
            Runnable apply = update(h, dao, before, form, checks, null);
            checks.done();
            apply.run();
            return dao.session(id).orElseThrow();
        });
    }

    /**
     * Checks {@code form} as the new state of the locked session {@code before} (adding what it refuses to {@code checks};
     * {@code occurrence}, a series' date, names the session too few seats are refused on), and returns what writes it: the row, the new time mailed, the waitlist's
     * first promoted into new seats.
     */
    private Runnable update(Handle h, WebinarDao dao, WebinarSession before, SessionForm form, Checks checks, LocalDate occurrence) {
        SessionForm f = new SessionForm(form.titleFr(), form.titleEn(), form.descriptionFr(), form.descriptionEn(), form.speakers(), form.capacity(),
                form.lang(), form.audiences(), form.startsAt(), form.endsAt(), form.externalUrl(), before.eventId(), form.track(), form.kind());
        WebinarDao.SessionFields fields = checked(dao, f, before.seriesId(), f.startsAt(), f.endsAt(), checks);
        if (f.capacity() != null && f.capacity() >= 1 && f.capacity() < before.registered())
            checks.refuse(ApiError.conflict("below_taken", occurrence != null ? occurrence.toString() // the series' form names the date
                    : "capacity is below the " + before.registered() + " seats taken"));
        return () -> {
            long id = before.id();
            boolean moved = !fields.startsAt().equals(before.startsAt()) || !fields.endsAt().equals(before.endsAt());
            dao.updateSession(id, fields, moved);
            WebinarSession after = dao.session(id).orElseThrow();
            if (moved) for (Registration r : dao.registrations(id)) if (r.status() == Status.REGISTERED) mail.moved(h, after, r);
            while (!after.isFull() && clock.instant().isBefore(after.startsAt())) {
                Optional<Registration> promoted = dao.promoteFirstWaiting(id);
                if (promoted.isEmpty()) break;
                dao.seatTaken(id, 1);
                after = dao.session(id).orElseThrow();
                people.doRecord(h, new TimelineEntry(promoted.get().contactId(), clock.instant(), "webinars", "webinars.promoted",
                        Map.of("session", after.titleFr(), "session_en", after.titleEn()), "webinar_session", Long.toString(id), null));
                mail.placed(h, after, promoted.get(), true);
            }
        };
    }

    /**
     * Changes a series' titles and what every occurrence still to come shares (texts, speakers, seats, language,
     * audiences, link); each keeps its own time, and one whose seats would fall below those taken refuses the whole change,
     * naming its date. Occurrences already held stay as they were: they are history.
     */
    public WebinarSeries doUpdateSeries(Staff actor, long id, SessionForm form) {
        Access.requireWebinarOrganiser(actor);
        return jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            WebinarSeries series = dao.lockSeries(id).orElseThrow(() -> ApiError.notFound("Series"));
            Checks checks = new Checks();
            List<Runnable> writes = new ArrayList<>();
            for (WebinarSession s : dao.futureSessionsOf(id, clock.instant())) {
                SessionForm occurrence = new SessionForm(form.titleFr(), form.titleEn(), form.descriptionFr(), form.descriptionEn(), form.speakers(),
                        form.capacity(), form.lang(), form.audiences(), s.startsAt(), s.endsAt(), form.externalUrl(), null, s.track(), s.kind());
                writes.add(update(h, dao, s, occurrence, checks, s.startsAt().atZone(zone).toLocalDate()));
            }
            if (writes.isEmpty()) shared(form, checks); // nothing left to come: the texts are still checked before the titles change
            checks.done();
            writes.forEach(Runnable::run);
            dao.updateSeriesTitles(id, form.titleFr().strip(), form.titleEn().strip());
            return dao.series(series.id()).orElseThrow();
        });
    }

    /**
     * A series and all its occurrences; a time in a daylight-saving gap on any of its dates refuses the whole series.
     * Every field is checked before any is refused (the slug, the rule, the session's fields), so a form shows all at once.
     */
    public WebinarSeries doCreateSeries(Staff actor, SeriesForm form) {
        Access.requireWebinarOrganiser(actor);
        Checks checks = new Checks();
        String slug = checks.check(() -> slug(form.slug()));
        List<Recurrence.Occurrence> occurrences = form.rule() == null ? null : checks.check(() -> form.rule().occurrences(zone));
        if (form.rule() == null) checks.refuse(ApiError.invalid("rule", "rule is required").because("required"));
        else if (occurrences != null && occurrences.isEmpty()) checks.refuse(ApiError.invalid("rule", "This rule gives no session").because("empty"));
        long id = jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            if (slug != null && dao.seriesSlugTaken(slug)) checks.refuse(ApiError.conflict("slug_taken", "A series already uses the slug " + slug));
            // the session's fields are checked on the first occurrence; without one (the rule is refused), those of no time
            if (occurrences == null || occurrences.isEmpty()) shared(form.session(), checks);
            WebinarDao.SessionFields checkedFields = occurrences == null || occurrences.isEmpty() ? null
                    : checked(dao, form.session(), null, occurrences.getFirst().startsAt(), occurrences.getFirst().endsAt(), checks);
            checks.done();
            long seriesId = dao.insertSeries(slug, checkedFields.titleFr(), checkedFields.titleEn(), form.rule(), zone.getId(), actor.id());
            for (Recurrence.Occurrence o : occurrences) dao.insertSession(checked(dao, form.session(), seriesId, o.startsAt(), o.endsAt()), actor.id());
            return seriesId;
        });
        return findSeries(id);
    }

    public WebinarEvent doCreateEvent(Staff actor, EventForm form) {
        Access.requireWebinarOrganiser(actor);
        Checks checks = new Checks();
        String slug = checks.check(() -> slug(form.slug()));
        EventFields f = checked(form, checks);
        long id = jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            if (slug != null && dao.eventSlugTaken(slug)) checks.refuse(ApiError.conflict("slug_taken", "An event already uses the slug " + slug));
            checks.done();
            return dao.insertEvent(slug, f.titleFr(), f.titleEn(), f.descriptionFr(), f.descriptionEn(), form.firstDay(), form.lastDay(), f.tracks(), actor.id());
        });
        return jdbi.withHandle(h -> new WebinarDao(h).event(id)).orElseThrow();
    }

    /**
     * Changes a fair (its slug, in every link already sent, stays). Its sessions must still fit: days that would leave one
     * outside, or a track taken away that a session is in, are refused, naming how many.
     */
    public WebinarEvent doUpdateEvent(Staff actor, String slug, EventForm form) {
        Access.requireWebinarOrganiser(actor);
        Checks checks = new Checks();
        EventFields f = checked(form, checks);
        return jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            WebinarEvent event = dao.lockEvent(slug).orElseThrow(() -> ApiError.notFound("Event"));
            List<WebinarSession> sessions = dao.sessionsOfEvent(event.id());
            if (form.firstDay() != null && form.lastDay() != null) {
                long outside = sessions.stream().map(s -> s.startsAt().atZone(zone).toLocalDate())
                        .filter(d -> d.isBefore(form.firstDay()) || d.isAfter(form.lastDay())).count();
                if (outside > 0) checks.refuse(new ApiError(409, "sessions_outside", Long.toString(outside),
                        form.firstDay().isAfter(event.firstDay()) ? "firstDay" : "lastDay"));
            }
            if (f.tracks() != null) {
                Set<String> used = new TreeSet<>();
                for (WebinarSession s : sessions) if (s.track() != null && !f.tracks().contains(s.track())) used.add(s.track());
                if (!used.isEmpty()) checks.refuse(new ApiError(409, "track_used", String.join(", ", used), "tracks"));
            }
            checks.done();
            dao.updateEvent(event.id(), f.titleFr(), f.titleEn(), f.descriptionFr(), f.descriptionEn(), form.firstDay(), form.lastDay(), f.tracks());
            return dao.event(event.id()).orElseThrow();
        });
    }

    private record EventFields(String titleFr, String titleEn, String descriptionFr, String descriptionEn, List<String> tracks) {
    }

    /** A fair's fields, each refusal added to {@code checks}. */
    private static EventFields checked(EventForm form, Checks checks) {
        String titleFr = checks.check(() -> Fields.required("titleFr", form.titleFr(), MAX_TITLE));
        String titleEn = checks.check(() -> Fields.required("titleEn", form.titleEn(), MAX_TITLE));
        String descFr = Objects.requireNonNullElse(checks.check(() -> Fields.optionalText("descriptionFr", form.descriptionFr(), MAX_DESCRIPTION)), "");
        String descEn = Objects.requireNonNullElse(checks.check(() -> Fields.optionalText("descriptionEn", form.descriptionEn(), MAX_DESCRIPTION)), "");
        if (form.firstDay() == null) checks.refuse(ApiError.invalid("firstDay", "firstDay is required").because("required"));
        if (form.lastDay() == null) checks.refuse(ApiError.invalid("lastDay", "lastDay is required").because("required"));
        else if (form.firstDay() != null && form.lastDay().isBefore(form.firstDay())) checks.refuse(ApiError.invalid("lastDay", "lastDay is before firstDay"));
        else if (form.firstDay() != null && form.lastDay().isAfter(form.firstDay().plusDays(30))) checks.refuse(ApiError.invalid("lastDay", "An event lasts at most 31 days"));
        List<String> tracks = checks.check(() -> tags("tracks", form.tracks(), 60));
        return new EventFields(titleFr, titleEn, descFr, descEn, tracks);
    }

    /** Every field checked before any is refused, so a form shows all its errors at once. */
    private WebinarDao.SessionFields checked(WebinarDao dao, SessionForm f, Long seriesId, Instant startsAt, Instant endsAt) {
        Checks checks = new Checks();
        WebinarDao.SessionFields fields = checked(dao, f, seriesId, startsAt, endsAt, checks);
        checks.done();
        return fields;
    }

    /** The same, adding what it refuses to {@code checks} (the caller's {@code done()} throws them with its own). */
    private WebinarDao.SessionFields checked(WebinarDao dao, SessionForm f, Long seriesId, Instant startsAt, Instant endsAt, Checks checks) {
        Shared s = shared(f, checks);
        if (startsAt == null) checks.refuse(ApiError.invalid("startsAt", "startsAt is required").because("required"));
        if (endsAt == null) checks.refuse(ApiError.invalid("endsAt", "endsAt is required").because("required"));
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) checks.refuse(ApiError.invalid("endsAt", "endsAt must be after startsAt"));
            else if (Duration.between(startsAt, endsAt).toHours() >= 12) checks.refuse(ApiError.invalid("endsAt", "A session lasts less than 12 hours"));
        }
        String track = checks.check(() -> Fields.optional("track", f.track(), 60));
        if (f.eventId() != null) {
            Optional<WebinarEvent> event = dao.event(f.eventId());
            if (event.isEmpty()) checks.refuse(ApiError.invalid("eventId", "No such event"));
            else {
                if (track != null && !event.get().tracks().contains(track)) checks.refuse(ApiError.invalid("track", "The event has no track " + track));
                LocalDate day = startsAt == null ? null : startsAt.atZone(zone).toLocalDate();
                if (day != null && (day.isBefore(event.get().firstDay()) || day.isAfter(event.get().lastDay())))
                    checks.refuse(ApiError.invalid("startsAt", "The session is outside the event's days"));
            }
        } else if (track != null) {
            checks.refuse(ApiError.invalid("track", "Only a session of an event has a track"));
        }
        return new WebinarDao.SessionFields(seriesId, f.eventId(), track, s.kind(), s.titleFr(), s.titleEn(), s.descFr(), s.descEn(),
                s.speakers(), f.capacity(), s.lang(), s.audiences(), startsAt, endsAt, s.url());
    }

    /** What a session's form says that does not depend on its time: the same for every occurrence of a series. */
    private record Shared(String titleFr, String titleEn, String descFr, String descEn, String lang, String kind, String url,
                          List<String> speakers, List<String> audiences) {
    }

    private Shared shared(SessionForm f, Checks checks) {
        String titleFr = checks.check(() -> Fields.required("titleFr", f.titleFr(), MAX_TITLE));
        String titleEn = checks.check(() -> Fields.required("titleEn", f.titleEn(), MAX_TITLE));
        String descFr = Objects.requireNonNullElse(checks.check(() -> Fields.optionalText("descriptionFr", f.descriptionFr(), MAX_DESCRIPTION)), "");
        String descEn = Objects.requireNonNullElse(checks.check(() -> Fields.optionalText("descriptionEn", f.descriptionEn(), MAX_DESCRIPTION)), "");
        if (f.capacity() != null && (f.capacity() < 1 || f.capacity() > 100_000)) checks.refuse(ApiError.invalid("capacity", "capacity is from 1 to 100000"));
        String lang = f.lang() == null ? Messages.FR : f.lang();
        if (!Messages.isSupported(lang)) checks.refuse(ApiError.invalid("lang", "lang must be fr or en"));
        String kind = f.kind() == null ? "webinar" : f.kind();
        if (!kind.equals("webinar") && !kind.equals("talk")) checks.refuse(ApiError.invalid("kind", "kind is webinar or talk"));
        String url = checks.check(() -> externalUrl(f.externalUrl()));
        List<String> speakers = checks.check(() -> tags("speakers", f.speakers(), 120, MAX_SPEAKERS));
        List<String> audiences = checks.check(() -> tags("audiences", f.audiences(), 40));
        return new Shared(titleFr, titleEn, descFr, descEn, lang, kind, url, speakers, audiences);
    }

    private static String slug(String value) {
        String slug = Fields.required("slug", value, 63);
        if (!slug.matches("[a-z0-9][a-z0-9-]*")) throw ApiError.invalid("slug", "slug may use only a-z, 0-9 and -");
        return slug;
    }

    private static List<String> tags(String field, List<String> values, int max) {
        return tags(field, values, max, MAX_TAGS);
    }

    private static List<String> tags(String field, List<String> values, int max, int count) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            String t = Fields.optional(field, v, max);
            if (t != null) out.add(t);
        }
        if (out.size() > count) throw ApiError.invalid(field, field + " holds at most " + count + " values");
        return List.copyOf(out);
    }

    /** A pasted meeting link: an absolute https address (http only for a local test server), nothing a browser would run. */
    static String externalUrl(String value) {
        String url = Fields.optional("externalUrl", value, 2_000);
        if (url == null) return null;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) throw new java.net.URISyntaxException(url, "scheme");
        } catch (java.net.URISyntaxException e) {
            throw ApiError.invalid("externalUrl", "externalUrl must be an https address");
        }
        return url;
    }

    /** Public: any session by id (404 when there is none). */
    public WebinarSession findSession(long id) {
        return jdbi.withHandle(h -> new WebinarDao(h).session(id)).orElseThrow(() -> ApiError.notFound("Session"));
    }

    public WebinarSeries findSeries(long id) {
        return jdbi.withHandle(h -> new WebinarDao(h).series(id)).orElseThrow(() -> ApiError.notFound("Series"));
    }

    public WebinarEvent findEvent(String slug) {
        if (slug == null || slug.length() > 63) throw ApiError.notFound("Event");
        return jdbi.withHandle(h -> new WebinarDao(h).eventBySlug(slug)).orElseThrow(() -> ApiError.notFound("Event"));
    }

    public List<WebinarEvent> findEvents() {
        return jdbi.withHandle(h -> new WebinarDao(h).events());
    }

    public Optional<WebinarEvent> findEventOf(WebinarSession s) {
        return s.eventId() == null ? Optional.empty() : jdbi.withHandle(h -> new WebinarDao(h).event(s.eventId()));
    }

    /** Public: the sessions not cancelled that overlap [from, to), in time order (at most 2,000). */
    public List<WebinarSession> findSessions(Instant from, Instant to) {
        if (to.isBefore(from)) throw ApiError.invalid("to", "to is before from");
        if (Duration.between(from, to).toDays() > 400) throw ApiError.invalid("to", "Ask for at most 400 days at a time");
        return jdbi.withHandle(h -> new WebinarDao(h).sessionsBetween(from, to));
    }

    /** The staff list: the sessions overlapping [from, to), for those who run webinars. */
    public List<WebinarSession> accessProgramme(Staff viewer, Instant from, Instant to) {
        Access.requireWebinarOrganiser(viewer);
        return findSessions(from, to);
    }

    public List<WebinarSeries> findAllSeries() {
        return jdbi.withHandle(h -> new WebinarDao(h).allSeries());
    }

    public List<WebinarSession> findSessionsOfSeries(long seriesId) {
        return jdbi.withHandle(h -> new WebinarDao(h).sessionsOfSeries(seriesId));
    }

    public List<WebinarSession> findSessionsOf(WebinarEvent event) {
        return jdbi.withHandle(h -> new WebinarDao(h).sessionsOfEvent(event.id()));
    }

    /**
     * The session's Q&A wall: a live session, made on first use (any number of nodes may ask at once: the slug is
     * unique, so the second finds the first's).
     */
    public LiveSession doOpenWall(long sessionId) {
        WebinarSession s = findSession(sessionId);
        String slug = wallSlug(s);
        if (s.liveSessionId() == null) {
            try {
                live.doCreateSession(Staff.SYSTEM, new LiveSessionService.SessionForm(slug, s.titleFr(), s.titleEn(), "", "",
                        s.startsAt(), s.endsAt(), true, true, List.of(), List.of()));
            } catch (ApiError e) {
                if (!"slug_taken".equals(e.code())) throw e;
            }
            LiveSession wall = live.findSession(slug);
            jdbi.useTransaction(h -> new WebinarDao(h).linkLiveSession(s.id(), wall.id()));
            return wall;
        }
        return live.findSession(slug);
    }

    /** The address of a session's Q&A wall in module live: {@code /e/webinaire-<id>}. */
    public static String wallSlug(WebinarSession s) {
        return "webinaire-" + s.id();
    }

    // ---- registration --------------------------------------------------------------------------------------------

    /** What a registrant gives: {@code answers} to the form's questions, {@code consent} to future events' mail (never forced). */
    public record RegistrationForm(String name, String email, String lang, Map<String, Object> answers, boolean consent, String clientId,
                                   String consentWordingFr, String consentWordingEn, String postalCode) {
        public RegistrationForm(String name, String email, String lang, Map<String, Object> answers, boolean consent, String clientId,
                                String consentWordingFr, String consentWordingEn) {
            this(name, email, lang, answers, consent, clientId, consentWordingFr, consentWordingEn, null);
        }
    }

    /** A registration and whether this call made it (201) or found the one this address or client id already held (200). */
    public record Registered(Registration registration, boolean created) {
    }

    /** {@code fields}: the answers to questions tied to a contact's field, by its key, as the field keeps them. */
    private record Checked(String name, String email, String lang, String answers, String clientId, String postalCode, Map<String, Object> fields) {
    }

    /** Every field checked at once, the answers against the questions {@code asked} (and a contact field's, against it). */
    private Checked check(RegistrationForm f, List<RegistrationQuestion> asked) {
        Checks checks = new Checks(); // a form shows every refused field at once
        String name = checks.check(() -> Fields.required("name", f.name(), 120));
        String email = checks.check(() -> Fields.optionalEmail("email", f.email()));
        if (email == null && (f.email() == null || f.email().isBlank())) checks.refuse(ApiError.invalid("email", "email is required").because("required"));
        String lang = f.lang() == null ? Messages.FR : f.lang();
        if (!Messages.isSupported(lang)) checks.refuse(ApiError.invalid("lang", "lang must be fr or en"));
        String clientId = checks.check(() -> Fields.optional("clientId", f.clientId(), 64));
        Map<String, Object> given = f.answers() == null ? Map.of() : f.answers();
        if (given.size() > MAX_ANSWERS) checks.refuse(ApiError.invalid("answers", "At most " + MAX_ANSWERS + " answers"));
        Map<String, Object> answers = RegistrationQuestion.check(asked, given, checks);
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        // read once, and only when a question is tied to a contact's field: this is the rush's path
        Map<String, ContactField> defined = asked.stream().anyMatch(q -> q.contactField() != null) ? contacts.findFields() : Map.of();
        for (RegistrationQuestion q : asked) {
            Object answer = answers.get(Long.toString(q.id()));
            ContactField field = q.contactField() == null ? null : defined.get(q.contactField());
            if (field == null || answer == null) continue; // not tied, or the field was deleted since: the answer stays on the registration only
            try {
                Object value = field.value(q.plain(answer));
                if (value != null) fields.put(q.contactField(), value);
            } catch (ApiError e) {
                String code = "number".equals(e.reason()) ? "not_a_number" : "date".equals(e.reason()) ? "not_a_date" : e.code();
                checks.refuse(new ApiError(422, code, q.field() + ": " + e.getMessage(), q.field()));
            }
        }
        // Canadian, normalised ("h2x1y4" is H2X 1Y4): the numbers' regions are its first characters
        String postalCode = checks.check(() -> ContactDraft.postalCode(Fields.optional("postalCode", f.postalCode(), 12), "CA"));
        checks.done();
        try {
            return new Checked(name, email.toLowerCase(Locale.ROOT), lang, JSON.writeValueAsString(answers), clientId, postalCode, fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RegistrationQuestion> asked(WebinarSession s) {
        return jdbi.withHandle(h -> new QuestionDao(h).asked(s.id(), s.seriesId(), s.eventId()));
    }

    /** Public: registers to one session; full → waitlisted, past or cancelled → {@code 409}. */
    public Registered doRegister(long sessionId, RegistrationForm form) {
        Checked c = check(form, asked(findSession(sessionId)));
        return jdbi.inTransaction(h -> {
            Contact contact = contactOf(h, c);
            Registered r = place(h, sessionId, null, contact, c);
            if (r.created()) recordConsent(h, contact.id(), form);
            return r;
        });
    }

    /** Public: registers to every future occurrence of a series (each one its own registration, cancellable alone). */
    public List<Registered> doRegisterSeries(long seriesId, RegistrationForm form) {
        findSeries(seriesId);
        Checked c = check(form, jdbi.withHandle(h -> new QuestionDao(h).ofSeries(seriesId)));
        return jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            List<WebinarSession> future = dao.futureSessionsOf(seriesId, clock.instant());
            if (future.isEmpty()) throw ApiError.conflict("past", "This series has no session to come");
            Contact contact = contactOf(h, c);
            Optional<Long> byClient = c.clientId() == null ? Optional.empty() : dao.seriesRegistrationByClientId(seriesId, c.clientId());
            long seriesRegistration = byClient.orElseGet(() -> dao.insertSeriesRegistration(seriesId, contact.id(), c.email(), c.name(), c.lang(), c.clientId()));
            List<Registered> out = new ArrayList<>();
            for (WebinarSession s : future) out.add(place(h, s.id(), seriesRegistration, contact, c));
            if (out.stream().anyMatch(Registered::created)) recordConsent(h, contact.id(), form);
            return out;
        });
    }

    private Contact contactOf(Handle h, Checked c) {
        Contact contact = contacts.doFindOrCreateByIdentity(h, "email", c.email(), c.name(), c.lang(), "webinars").contact();
        if (c.postalCode() != null) contacts.doNotePostalCode(h, contact.id(), c.postalCode());
        c.fields().forEach((key, value) -> contacts.doNoteField(h, contact.id(), key, value));
        return contact;
    }

    private void recordConsent(Handle h, long contactId, RegistrationForm form) {
        if (!form.consent()) return;
        consent.insert(h, contactId, new ConsentLedger.Change(Purpose.EVENTS, true, "express", null, null, "form",
                Fields.optional("consentWordingFr", form.consentWordingFr(), ConsentLedger.MAX_WORDING),
                Fields.optional("consentWordingEn", form.consentWordingEn(), ConsentLedger.MAX_WORDING)), null);
    }

    /** Under the session's row lock: the same person again is their registration; otherwise a seat or the waitlist. */
    private Registered place(Handle h, long sessionId, Long seriesRegistration, Contact contact, Checked c) {
        WebinarDao dao = new WebinarDao(h);
        WebinarSession s = dao.lockSession(sessionId).orElseThrow(() -> ApiError.notFound("Session"));
        if (s.cancelledAt() != null) throw ApiError.conflict("cancelled", "This session is cancelled");
        if (!clock.instant().isBefore(s.startsAt())) throw ApiError.conflict("past", "This session has already begun; registration is closed");
        Optional<Registration> existing = dao.existing(s.id(), c.email(), c.clientId());
        if (existing.isPresent() && existing.get().status() != Status.CANCELLED) return new Registered(existing.get(), false);
        Status status = s.isFull() ? Status.WAITLISTED : Status.REGISTERED;
        if (status == Status.REGISTERED) dao.seatTaken(s.id(), 1);
        Registration r = existing.isPresent() ? dao.reopen(existing.get().id(), status)
                : dao.insertRegistration(s.id(), seriesRegistration, contact.id(), c.email(), c.name(), c.lang(), c.clientId(), c.answers(), c.postalCode(), status);
        people.doRecord(h, new TimelineEntry(contact.id(), clock.instant(), "webinars",
                status == Status.REGISTERED ? "webinars.registered" : "webinars.waitlisted",
                Map.of("session", s.titleFr(), "session_en", s.titleEn()), "webinar_session", Long.toString(s.id()), null));
        mail.placed(h, s, r, false);
        return new Registered(r, true);
    }

    /**
     * Cancels one registration (the link of its mails names it); a seat freed goes to the first of the waitlist, who is
     * mailed. Cancelling again changes nothing.
     */
    public Registration doCancel(long registrationId) {
        return jdbi.inTransaction(h -> {
            WebinarDao dao = new WebinarDao(h);
            Registration r = dao.registration(registrationId).orElseThrow(() -> ApiError.notFound("Registration"));
            WebinarSession s = dao.lockSession(r.sessionId()).orElseThrow();
            r = dao.registration(registrationId).orElseThrow(); // as it is under the lock
            if (r.status() == Status.CANCELLED) return r;
            dao.cancel(r.id());
            people.doRecord(h, new TimelineEntry(r.contactId(), clock.instant(), "webinars", "webinars.cancelled",
                    Map.of("session", s.titleFr(), "session_en", s.titleEn()), "webinar_session", Long.toString(s.id()), null));
            mail.cancelled(h, s, r);
            if (r.status() == Status.REGISTERED) {
                Optional<Registration> promoted = clock.instant().isBefore(s.startsAt()) ? dao.promoteFirstWaiting(s.id()) : Optional.empty();
                if (promoted.isPresent()) {
                    people.doRecord(h, new TimelineEntry(promoted.get().contactId(), clock.instant(), "webinars", "webinars.promoted",
                            Map.of("session", s.titleFr(), "session_en", s.titleEn()), "webinar_session", Long.toString(s.id()), null));
                    mail.placed(h, s, promoted.get(), true);
                } else {
                    dao.seatTaken(s.id(), -1);
                }
            }
            return dao.registration(registrationId).orElseThrow();
        });
    }

    /**
     * For the "not this one" page (whose signed link named {@code registrationId}): the same person again, to that same
     * session (undo) or to another occurrence of its series (swap), with their name, language, answers and postal code
     * as they gave them; a session of another series, past or full is refused or waitlisted as any registration.
     */
    public Registered doRegisterAgain(long registrationId, long sessionId) {
        Registration r = findRegistration(registrationId);
        WebinarSession from = findSession(r.sessionId()), to = findSession(sessionId);
        if (to.id() != from.id() && (from.seriesId() == null || !from.seriesId().equals(to.seriesId())))
            throw ApiError.invalid("session", "Only another session of the same series");
        RegistrationForm form = new RegistrationForm(r.name(), r.email(), r.lang(), r.answers(), false, null, null, null, r.postalCode());
        Checked c = check(form, asked(to));
        return jdbi.inTransaction(h -> place(h, to.id(), r.seriesRegistrationId(), contactOf(h, c), c));
    }

    /** The other dates a registrant to an occurrence of a series could take instead: to come, not cancelled, not held already. */
    public List<WebinarSession> findOtherOccurrences(Registration r) {
        WebinarSession s = findSession(r.sessionId());
        if (s.seriesId() == null) return List.of();
        return jdbi.withHandle(h -> {
            WebinarDao dao = new WebinarDao(h);
            return dao.futureSessionsOf(s.seriesId(), clock.instant()).stream().filter(o -> o.id() != s.id())
                    .filter(o -> dao.existing(o.id(), r.email(), null).map(x -> x.status() == Status.CANCELLED).orElse(true)).toList();
        });
    }

    /** For the links of mails (which checked their signature): the registration itself. */
    public Registration findRegistration(long id) {
        return jdbi.withHandle(h -> new WebinarDao(h).registration(id)).orElseThrow(() -> ApiError.notFound("Registration"));
    }

    /** Everyone of a session in arrival order, for those who run webinars. */
    public List<Registration> accessRegistrations(Staff viewer, long sessionId) {
        Access.requireWebinarOrganiser(viewer);
        findSession(sessionId);
        return jdbi.withHandle(h -> new WebinarDao(h).registrations(sessionId));
    }
}
