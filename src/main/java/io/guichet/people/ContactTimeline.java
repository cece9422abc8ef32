package io.guichet.people;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Viewer;
import io.guichet.people.internal.TimelineDao;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a contact's timeline: newest first, a page at a time (keyset on the time and id, so entries
 * written meanwhile never shift a page). Whoever may read the contact may read its timeline; a merged
 * contact's entries moved to the one it was merged into, so the survivor's timeline holds both.
 */
public final class ContactTimeline {
    public static final int PAGE = 30;
    /** A cursor is the last entry's time in microseconds and its id: {@code 1733000000000000.42}. */
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");

    private final Jdbi jdbi;
    private final PeopleService people;
    private final IdentityService identity;

    public ContactTimeline(Jdbi jdbi, PeopleService people, IdentityService identity) {
        this.jdbi = jdbi;
        this.people = people;
        this.identity = identity;
    }

    /** One entry as staff read it; {@code staffName} is who did it or was given it (null: no one in particular). */
    public record Entry(long id, Instant at, String module, String what, Map<String, String> params,
                        String refKind, String refId, Long staffId, String staffName) {
    }

    /** {@code contactId} is the contact whose timeline this is (the survivor when the one asked for was merged). */
    public record Page(long contactId, List<Entry> entries, String next) {
    }

    /** A page of the contact's timeline, after {@code cursor} (a page's {@code next}; null or blank: the newest). */
    public Page accessTimeline(Viewer viewer, long contactId, String cursor) {
        Contact contact = people.accessContact(viewer, contactId);
        Instant beforeAt = null;
        long beforeId = 0;
        if (cursor != null && !cursor.isBlank()) {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) throw ApiError.invalid("cursor", "cursor must be the next value of a previous page");
            try {
                long micros = Long.parseLong(m.group(1));
                beforeAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                beforeId = Long.parseLong(m.group(2));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                throw ApiError.invalid("cursor", "cursor must be the next value of a previous page");
            }
        }
        Instant at = beforeAt;
        long id = beforeId;
        List<TimelineDao.Row> rows = jdbi.withHandle(h -> new TimelineDao(h).page(contact.id(), at, id, PAGE + 1));
        List<Entry> entries = rows.stream().limit(PAGE).map(r -> new Entry(r.id(), r.at(), r.module(), r.what(), r.params(),
                r.refKind(), r.refId(), r.staffId(), r.staffId() == null ? null : identity.staffName(r.staffId()))).toList();
        String next = rows.size() > PAGE ? cursorOf(entries.getLast()) : null;
        return new Page(contact.id(), entries, next);
    }

    private static String cursorOf(Entry e) {
        long micros = Math.addExact(Math.multiplyExact(e.at().getEpochSecond(), 1_000_000L), e.at().getNano() / 1_000L);
        return micros + "." + e.id();
    }
}
