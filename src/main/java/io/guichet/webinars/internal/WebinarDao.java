package io.guichet.webinars.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.webinars.Recurrence;
import io.guichet.webinars.Registration;
import io.guichet.webinars.WebinarEvent;
import io.guichet.webinars.WebinarSeries;
import io.guichet.webinars.WebinarSession;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL of series, events, sessions and registrations. */
public final class WebinarDao {
    private static final String SESSION_COLUMNS = """
            id, series_id, event_id, track, kind, title_fr, title_en, description_fr, description_en, speakers, capacity, lang,
            audiences, starts_at, ends_at, external_url, live_session_id, ics_sequence, registered, cancelled_at""";
    private static final RowMapper<WebinarSession> SESSION = (rs, ctx) -> new WebinarSession(rs.getLong("id"),
            (Long) rs.getObject("series_id"), (Long) rs.getObject("event_id"), rs.getString("track"), rs.getString("kind"),
            rs.getString("title_fr"), rs.getString("title_en"), rs.getString("description_fr"), rs.getString("description_en"),
            texts(rs.getArray("speakers")), (Integer) rs.getObject("capacity"), rs.getString("lang"), texts(rs.getArray("audiences")),
            rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("external_url"),
            (Long) rs.getObject("live_session_id"), rs.getInt("ics_sequence"), rs.getInt("registered"), instant(rs.getTimestamp("cancelled_at")));
    private static final String REGISTRATION_COLUMNS = "id, session_id, series_registration_id, contact_id, email, name, lang, client_id, status, arrival, created_at, answers, postal_code";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<Registration> REGISTRATION = (rs, ctx) -> new Registration(rs.getLong("id"), rs.getLong("session_id"),
            (Long) rs.getObject("series_registration_id"), rs.getLong("contact_id"), rs.getString("email"), rs.getString("name"),
            rs.getString("lang"), rs.getString("client_id"), Registration.Status.of(rs.getString("status")), rs.getLong("arrival"),
            rs.getTimestamp("created_at").toInstant(), answers(rs.getString("answers")),
            rs.getString("postal_code"));

    private static final RowMapper<WebinarSeries> SERIES = (rs, ctx) -> {
        Number weekday = (Number) rs.getObject("weekday");
        Recurrence rule = new Recurrence("weekly".equals(rs.getString("rule_kind")) ? Recurrence.Kind.WEEKLY : Recurrence.Kind.DATES,
                weekday == null ? null : DayOfWeek.of(weekday.intValue()), rs.getObject("local_time", java.time.LocalTime.class),
                Duration.ofMinutes(rs.getInt("minutes")), rs.getObject("from_date", LocalDate.class), rs.getObject("until_date", LocalDate.class),
                dates(rs.getArray("dates")), Set.copyOf(dates(rs.getArray("exceptions"))));
        return new WebinarSeries(rs.getLong("id"), rs.getString("slug"), rs.getString("title_fr"), rs.getString("title_en"), rule, rs.getString("zone"));
    };

    private final Handle h;

    public WebinarDao(Handle h) {
        this.h = h;
    }

    /** What a session is made of, checked. */
    public record SessionFields(Long seriesId, Long eventId, String track, String kind, String titleFr, String titleEn, String descriptionFr,
                                String descriptionEn, List<String> speakers, Integer capacity, String lang, List<String> audiences,
                                Instant startsAt, Instant endsAt, String externalUrl) {
    }

    public long insertSession(SessionFields f, long createdBy) {
        return h.createQuery("""
                        INSERT INTO webinar_sessions (series_id, event_id, track, kind, title_fr, title_en, description_fr, description_en,
                                                      speakers, capacity, lang, audiences, starts_at, ends_at, external_url, created_by)
                        VALUES (:series, :event, :track, :kind, :tfr, :ten, :dfr, :den, :speakers, :capacity, :lang, :audiences,
                                :starts, :ends, :url, :by) RETURNING id""")
                .bind("series", f.seriesId()).bind("event", f.eventId()).bind("track", f.track()).bind("kind", f.kind())
                .bind("tfr", f.titleFr()).bind("ten", f.titleEn()).bind("dfr", f.descriptionFr()).bind("den", f.descriptionEn())
                .bindArray("speakers", String.class, f.speakers()).bind("capacity", f.capacity()).bind("lang", f.lang())
                .bindArray("audiences", String.class, f.audiences()).bind("starts", Timestamp.from(f.startsAt()))
                .bind("ends", Timestamp.from(f.endsAt())).bind("url", f.externalUrl()).bind("by", createdBy)
                .mapTo(Long.class).one();
    }

    /** A session's fields changed; {@code moved}: its time changed, so its SEQUENCE goes up and calendars take the new one. */
    public void updateSession(long id, SessionFields f, boolean moved) {
        h.createUpdate("""
                        UPDATE webinar_sessions SET track = :track, kind = :kind, title_fr = :tfr, title_en = :ten, description_fr = :dfr,
                               description_en = :den, speakers = :speakers, capacity = :capacity, lang = :lang, audiences = :audiences,
                               starts_at = :starts, ends_at = :ends, external_url = :url, ics_sequence = ics_sequence + :raise
                        WHERE id = :id""")
                .bind("track", f.track()).bind("kind", f.kind()).bind("tfr", f.titleFr()).bind("ten", f.titleEn()).bind("dfr", f.descriptionFr())
                .bind("den", f.descriptionEn()).bindArray("speakers", String.class, f.speakers()).bind("capacity", f.capacity()).bind("lang", f.lang())
                .bindArray("audiences", String.class, f.audiences()).bind("starts", Timestamp.from(f.startsAt())).bind("ends", Timestamp.from(f.endsAt()))
                .bind("url", f.externalUrl()).bind("raise", moved ? 1 : 0).bind("id", id).execute();
    }

    public void linkLiveSession(long sessionId, long liveSessionId) {
        h.createUpdate("UPDATE webinar_sessions SET live_session_id = :l WHERE id = :id").bind("l", liveSessionId).bind("id", sessionId).execute();
    }

    public Optional<WebinarSession> session(long id) {
        return h.createQuery("SELECT " + SESSION_COLUMNS + " FROM webinar_sessions WHERE id = :id").bind("id", id).map(SESSION).findOne();
    }

    /** The session's row locked: every registration, cancellation and promotion of one session takes turns here. */
    public Optional<WebinarSession> lockSession(long id) {
        return h.createQuery("SELECT " + SESSION_COLUMNS + " FROM webinar_sessions WHERE id = :id FOR UPDATE").bind("id", id).map(SESSION).findOne();
    }

    public List<WebinarSession> sessionsBetween(Instant from, Instant to) {
        return h.createQuery("SELECT " + SESSION_COLUMNS + """
                         FROM webinar_sessions WHERE cancelled_at IS NULL AND ends_at > :from AND starts_at < :to
                        ORDER BY starts_at, id LIMIT 2000""")
                .bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to)).map(SESSION).list();
    }

    /** A series' sessions still to come at {@code now}, in time order (the order their rows are locked in). */
    public List<WebinarSession> futureSessionsOf(long seriesId, Instant now) {
        return h.createQuery("SELECT " + SESSION_COLUMNS
                        + " FROM webinar_sessions WHERE series_id = :s AND cancelled_at IS NULL AND starts_at > :now ORDER BY starts_at, id")
                .bind("s", seriesId).bind("now", Timestamp.from(now)).map(SESSION).list();
    }

    public List<WebinarSession> sessionsOfSeries(long seriesId) {
        return h.createQuery("SELECT " + SESSION_COLUMNS + " FROM webinar_sessions WHERE series_id = :s ORDER BY starts_at, id")
                .bind("s", seriesId).map(SESSION).list();
    }

    public List<WebinarSession> sessionsOfEvent(long eventId) {
        return h.createQuery("SELECT " + SESSION_COLUMNS + " FROM webinar_sessions WHERE event_id = :e AND cancelled_at IS NULL ORDER BY starts_at, track, id")
                .bind("e", eventId).map(SESSION).list();
    }

    public void seatTaken(long sessionId, int delta) {
        h.createUpdate("UPDATE webinar_sessions SET registered = registered + :d WHERE id = :id").bind("d", delta).bind("id", sessionId).execute();
    }

    public long insertSeries(String slug, String titleFr, String titleEn, Recurrence rule, String zone, long createdBy) {
        return h.createQuery("""
                        INSERT INTO webinar_series (slug, title_fr, title_en, rule_kind, weekday, local_time, minutes, from_date, until_date,
                                                    dates, exceptions, zone, created_by)
                        VALUES (:slug, :tfr, :ten, :kind, :weekday, :time, :minutes, :from, :until, CAST(:dates AS date[]), CAST(:exceptions AS date[]), :zone, :by)
                        RETURNING id""")
                .bind("slug", slug).bind("tfr", titleFr).bind("ten", titleEn).bind("kind", rule.kind().name().toLowerCase(java.util.Locale.ROOT))
                .bind("weekday", rule.weekday() == null ? null : (short) rule.weekday().getValue()).bind("time", rule.time())
                .bind("minutes", (int) rule.length().toMinutes()).bind("from", rule.from()).bind("until", rule.until())
                .bindArray("dates", String.class, rule.dates().stream().map(LocalDate::toString).toList())
                .bindArray("exceptions", String.class, rule.exceptions().stream().sorted().map(LocalDate::toString).toList())
                .bind("zone", zone).bind("by", createdBy).mapTo(Long.class).one();
    }

    public boolean seriesSlugTaken(String slug) {
        return h.createQuery("SELECT count(*) > 0 FROM webinar_series WHERE slug = :s").bind("s", slug).mapTo(Boolean.class).one();
    }

    public boolean eventSlugTaken(String slug) {
        return h.createQuery("SELECT count(*) > 0 FROM webinar_events WHERE slug = :s").bind("s", slug).mapTo(Boolean.class).one();
    }

    public Optional<WebinarSeries> series(long id) {
        return h.createQuery("SELECT * FROM webinar_series WHERE id = :id").bind("id", id).map(SERIES).findOne();
    }

    public Optional<WebinarSeries> lockSeries(long id) {
        return h.createQuery("SELECT * FROM webinar_series WHERE id = :id FOR UPDATE").bind("id", id).map(SERIES).findOne();
    }

    public void updateSeriesTitles(long id, String titleFr, String titleEn) {
        h.createUpdate("UPDATE webinar_series SET title_fr = :tfr, title_en = :ten WHERE id = :id").bind("tfr", titleFr).bind("ten", titleEn).bind("id", id).execute();
    }

    public long insertEvent(String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn, LocalDate first,
                            LocalDate last, List<String> tracks, long createdBy) {
        return h.createQuery("""
                        INSERT INTO webinar_events (slug, title_fr, title_en, description_fr, description_en, first_day, last_day, tracks, created_by)
                        VALUES (:slug, :tfr, :ten, :dfr, :den, :first, :last, :tracks, :by) RETURNING id""")
                .bind("slug", slug).bind("tfr", titleFr).bind("ten", titleEn).bind("dfr", descriptionFr).bind("den", descriptionEn)
                .bind("first", first).bind("last", last).bindArray("tracks", String.class, tracks).bind("by", createdBy)
                .mapTo(Long.class).one();
    }

    private static final RowMapper<WebinarEvent> EVENT = (rs, ctx) -> new WebinarEvent(rs.getLong("id"), rs.getString("slug"),
            rs.getString("title_fr"), rs.getString("title_en"), rs.getString("description_fr"), rs.getString("description_en"),
            rs.getObject("first_day", LocalDate.class), rs.getObject("last_day", LocalDate.class), texts(rs.getArray("tracks")));

    public Optional<WebinarEvent> event(long id) {
        return h.createQuery("SELECT * FROM webinar_events WHERE id = :id").bind("id", id).map(EVENT).findOne();
    }

    public Optional<WebinarEvent> lockEvent(String slug) {
        return h.createQuery("SELECT * FROM webinar_events WHERE slug = :s FOR UPDATE").bind("s", slug).map(EVENT).findOne();
    }

    public void updateEvent(long id, String titleFr, String titleEn, String descriptionFr, String descriptionEn, LocalDate first, LocalDate last,
                            List<String> tracks) {
        h.createUpdate("""
                        UPDATE webinar_events SET title_fr = :tfr, title_en = :ten, description_fr = :dfr, description_en = :den, first_day = :first,
                               last_day = :last, tracks = :tracks WHERE id = :id""")
                .bind("tfr", titleFr).bind("ten", titleEn).bind("dfr", descriptionFr).bind("den", descriptionEn).bind("first", first).bind("last", last)
                .bindArray("tracks", String.class, tracks).bind("id", id).execute();
    }

    public Optional<WebinarEvent> eventBySlug(String slug) {
        return h.createQuery("SELECT * FROM webinar_events WHERE slug = :s").bind("s", slug).map(EVENT).findOne();
    }

    public List<WebinarEvent> events() {
        return h.createQuery("SELECT * FROM webinar_events ORDER BY first_day, id").map(EVENT).list();
    }

    /** The registration this address or this client id already holds for the session, if any. */
    public Optional<Registration> existing(long sessionId, String email, String clientId) {
        return h.createQuery("SELECT " + REGISTRATION_COLUMNS + """
                         FROM webinar_registrations WHERE session_id = :s AND (email = :e OR client_id = :c)
                        ORDER BY (client_id = :c) DESC NULLS LAST LIMIT 1""")
                .bind("s", sessionId).bind("e", email).bind("c", clientId).map(REGISTRATION).findOne();
    }

    public Registration insertRegistration(long sessionId, Long seriesRegistrationId, long contactId, String email, String name, String lang,
                                           String clientId, String answersJson, String postalCode, Registration.Status status) {
        return h.createQuery("""
                        INSERT INTO webinar_registrations (session_id, series_registration_id, contact_id, email, name, lang, client_id, answers,
                                                           postal_code, status, arrival)
                        VALUES (:s, :sr, :contact, :e, :name, :lang, :c, CAST(:answers AS jsonb), :postal, :status, nextval('webinar_arrival'))
                        RETURNING""" + " " + REGISTRATION_COLUMNS)
                .bind("s", sessionId).bind("sr", seriesRegistrationId).bind("contact", contactId).bind("e", email).bind("name", name)
                .bind("lang", lang).bind("c", clientId).bind("answers", answersJson).bind("postal", postalCode).bind("status", status.code())
                .map(REGISTRATION).one();
    }

    /** A cancelled registration taken up again: a new arrival, at the back of any waitlist. */
    public Registration reopen(long id, Registration.Status status) {
        return h.createQuery("UPDATE webinar_registrations SET status = :status, arrival = nextval('webinar_arrival'), cancelled_at = NULL "
                        + "WHERE id = :id RETURNING " + REGISTRATION_COLUMNS)
                .bind("id", id).bind("status", status.code()).map(REGISTRATION).one();
    }

    public Optional<Registration> registration(long id) {
        return h.createQuery("SELECT " + REGISTRATION_COLUMNS + " FROM webinar_registrations WHERE id = :id").bind("id", id).map(REGISTRATION).findOne();
    }

    public void cancel(long id) {
        h.createUpdate("UPDATE webinar_registrations SET status = 'cancelled', cancelled_at = now() WHERE id = :id").bind("id", id).execute();
    }

    /** The first of the waitlist, moved into the seat a cancellation freed. */
    public Optional<Registration> promoteFirstWaiting(long sessionId) {
        return h.createQuery("""
                        UPDATE webinar_registrations SET status = 'registered', promoted_at = now()
                        WHERE id = (SELECT id FROM webinar_registrations WHERE session_id = :s AND status = 'waitlisted' ORDER BY arrival LIMIT 1)
                        RETURNING""" + " " + REGISTRATION_COLUMNS)
                .bind("s", sessionId).map(REGISTRATION).findOne();
    }

    public List<Registration> registrations(long sessionId) {
        return h.createQuery("SELECT " + REGISTRATION_COLUMNS + " FROM webinar_registrations WHERE session_id = :s ORDER BY arrival")
                .bind("s", sessionId).map(REGISTRATION).list();
    }

    public long insertSeriesRegistration(long seriesId, long contactId, String email, String name, String lang, String clientId) {
        return h.createQuery("""
                        INSERT INTO webinar_series_registrations (series_id, contact_id, email, name, lang, client_id)
                        VALUES (:s, :contact, :e, :name, :lang, :c)
                        ON CONFLICT (series_id, email) DO UPDATE SET cancelled_at = NULL
                        RETURNING id""")
                .bind("s", seriesId).bind("contact", contactId).bind("e", email).bind("name", name).bind("lang", lang).bind("c", clientId)
                .mapTo(Long.class).one();
    }

    public Optional<Long> seriesRegistrationByClientId(long seriesId, String clientId) {
        return h.createQuery("SELECT id FROM webinar_series_registrations WHERE series_id = :s AND client_id = :c")
                .bind("s", seriesId).bind("c", clientId).mapTo(Long.class).findOne();
    }

    /** Of {@code contacts}, those who registered to a session outside {@code sessions} before their first registration to one of them. */
    public Set<Long> returningContacts(List<Long> contacts, List<Long> sessions) {
        if (contacts.isEmpty()) return Set.of();
        return Set.copyOf(h.createQuery("""
                        SELECT DISTINCT r.contact_id FROM webinar_registrations r
                        WHERE r.contact_id = ANY(:contacts) AND r.session_id <> ALL(:sessions)
                          AND r.created_at < (SELECT min(x.created_at) FROM webinar_registrations x
                                              WHERE x.contact_id = r.contact_id AND x.session_id = ANY(:sessions))""")
                .bind("contacts", contacts.toArray(Long[]::new)).bind("sessions", sessions.toArray(Long[]::new)).mapTo(Long.class).list());
    }

    public List<WebinarSeries> allSeries() {
        return h.createQuery("SELECT * FROM webinar_series ORDER BY title_fr, id").map(SERIES).list();
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    private static List<LocalDate> dates(Array a) throws SQLException {
        if (a == null) return List.of();
        return Arrays.stream((Date[]) a.getArray()).map(Date::toLocalDate).toList();
    }

    private static Map<String, Object> answers(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webinar_registrations.answers is not an object", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
