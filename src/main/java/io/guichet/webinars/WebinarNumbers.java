package io.guichet.webinars;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.live.LiveReportService;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactRecord;
import io.guichet.webinars.Registration.Status;
import io.guichet.webinars.internal.RoomDao;
import io.guichet.webinars.internal.WebinarDao;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers of a session, a series or an event, for those who run webinars: registrations, waitlist,
 * cancellations, questions asked on the Q&A wall, where registrants come from (the postal code's first three
 * characters, else the country, from {@code people}) and whether they had registered to another webinar before.
 * Attendance (who came, the average minutes of those who came: from the rooms, exact with bbb-webhooks) and the replay's
 * views (each follow of a registrant's replay link) are {@code null} (shown "—") until there can be any.
 */
public final class WebinarNumbers {
    /** {@code regions} by count, largest first; {@code days}: registrations taken each day (institution's zone), in order. */
    public record Numbers(String titleFr, String titleEn, List<Row> sessions, Row total, Map<String, Integer> regions, int firstTime,
                          int returning, Map<LocalDate, Integer> days) {
        public String title(String reader) {
            return "en".equals(reader) ? titleEn : titleFr;
        }
    }

    /**
     * One session's figures (or the sum of a scope's); null is "not known": attendance before the session starts,
     * replay views while there is no replay. {@code averageMinutes}: of those who came.
     */
    public record Row(WebinarSession session, int registered, int waitlisted, int cancelled, Integer attended, Integer averageMinutes,
                      Integer replayViews, int questions) {
        /** Attendance as a share of the registered, in percent; null while attendance is unknown. */
        public Integer attendanceRate() {
            return attended == null || registered == 0 ? null : Math.round(100f * attended / registered);
        }
    }

    /** The region of a contact nobody told us where they live. */
    public static final String UNKNOWN = "?";

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final WebinarService webinars;
    private final ContactDirectory contacts;
    private final LiveReportService liveReports;

    public WebinarNumbers(Jdbi jdbi, ZoneId zone, WebinarService webinars, ContactDirectory contacts, LiveReportService liveReports) {
        this.jdbi = jdbi;
        this.zone = zone;
        this.webinars = webinars;
        this.contacts = contacts;
        this.liveReports = liveReports;
    }

    public Numbers accessSession(Staff viewer, long sessionId) {
        Access.requireWebinarOrganiser(viewer);
        WebinarSession s = webinars.findSession(sessionId);
        return numbers(viewer, s.titleFr(), s.titleEn(), List.of(s));
    }

    public Numbers accessSeries(Staff viewer, long seriesId) {
        Access.requireWebinarOrganiser(viewer);
        WebinarSeries s = webinars.findSeries(seriesId);
        return numbers(viewer, s.titleFr(), s.titleEn(), webinars.findSessionsOfSeries(seriesId));
    }

    public Numbers accessEvent(Staff viewer, String slug) {
        Access.requireWebinarOrganiser(viewer);
        WebinarEvent e = webinars.findEvent(slug);
        return numbers(viewer, e.titleFr(), e.titleEn(), webinars.findSessionsOf(e));
    }

    private Numbers numbers(Staff viewer, String titleFr, String titleEn, List<WebinarSession> sessions) {
        List<Row> rows = new ArrayList<>();
        Map<Long, Registration> firstOfContact = new LinkedHashMap<>();
        Map<Long, String> postalCodes = new LinkedHashMap<>(); // what registrants typed, before what their contact record says
        Map<LocalDate, Integer> days = new TreeMap<>();
        Map<Long, Long> seconds = new LinkedHashMap<>();
        for (WebinarSession s : sessions) {
            List<Registration> all = webinars.accessRegistrations(viewer, s.id());
            int[] byStatus = new int[Status.values().length];
            for (Registration r : all) {
                byStatus[r.status().ordinal()]++;
                firstOfContact.putIfAbsent(r.contactId(), r);
                if (r.postalCode() != null) postalCodes.putIfAbsent(r.contactId(), r.postalCode());
                days.merge(r.createdAt().atZone(zone).toLocalDate(), 1, Integer::sum);
            }
            Attendance a = attendance(s);
            seconds.merge(s.id(), a.seconds(), Long::sum);
            rows.add(new Row(s, byStatus[Status.REGISTERED.ordinal()], byStatus[Status.WAITLISTED.ordinal()], byStatus[Status.CANCELLED.ordinal()],
                    a.attended(), a.attended() == null ? null : averageMinutes(a.attended(), a.seconds()), a.replayViews(), questions(viewer, s)));
        }
        Integer attended = sumOfKnown(rows.stream().map(Row::attended).toList());
        Row total = new Row(null, rows.stream().mapToInt(Row::registered).sum(), rows.stream().mapToInt(Row::waitlisted).sum(),
                rows.stream().mapToInt(Row::cancelled).sum(), attended,
                attended == null ? null : averageMinutes(attended, seconds.values().stream().mapToLong(Long::longValue).sum()),
                sumOfKnown(rows.stream().map(Row::replayViews).toList()), rows.stream().mapToInt(Row::questions).sum());
        List<Long> contactIds = List.copyOf(firstOfContact.keySet());
        Set<Long> returning = jdbi.withHandle(h -> new WebinarDao(h).returningContacts(contactIds,
                sessions.stream().map(WebinarSession::id).toList()));
        return new Numbers(titleFr, titleEn, rows, total, regions(viewer, contactIds, postalCodes), contactIds.size() - returning.size(), returning.size(), days);
    }

    private record Attendance(Integer attended, long seconds, Integer replayViews) {
    }

    /** Who came and for how long (once the session has begun), and the replay's views (once there is one). */
    private Attendance attendance(WebinarSession s) {
        Instant now = webinars.now();
        return jdbi.withHandle(h -> {
            RoomDao rooms = new RoomDao(h);
            boolean begun = !now.isBefore(s.startsAt());
            RoomDao.Summary summary = begun ? rooms.summary(s.id(), now) : new RoomDao.Summary(0, 0);
            boolean replay = rooms.room(s.id()).map(RoomDao.Room::replayUrl).isPresent();
            return new Attendance(begun ? summary.attended() : null, summary.seconds(), replay ? rooms.replayViews(s.id()) : null);
        });
    }

    private static Integer averageMinutes(int attended, long seconds) {
        return attended == 0 || seconds == 0 ? null : Math.round(seconds / 60f / attended); // a pasted link tells no time
    }

    /** The sum of the values known; null when none is. */
    private static Integer sumOfKnown(List<Integer> values) {
        return values.stream().allMatch(java.util.Objects::isNull) ? null : values.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum();
    }

    private int questions(Staff viewer, WebinarSession s) {
        return s.liveSessionId() == null ? 0 : liveReports.accessFigures(viewer, WebinarService.wallSlug(s), 0).asked();
    }

    private Map<String, Integer> regions(Staff viewer, List<Long> contactIds, Map<Long, String> postalCodes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (long id : contactIds) {
            String region = postalCodes.containsKey(id) ? postalCodes.get(id).substring(0, 3) : region(contacts.accessRecord(new Viewer(viewer, Set.of()), id));
            counts.merge(region, 1, Integer::sum);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** "H2X" for a Canadian postal code (its forward sortation area), the first three characters of another, else the country. */
    static String region(ContactRecord c) {
        if (c.postalCode() != null && c.postalCode().length() >= 3) return c.postalCode().substring(0, 3);
        return c.country() != null ? c.country() : UNKNOWN;
    }
}
