package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.inbox.internal.SearchDao;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Search and filters over conversations, newest activity first, in pages with a cursor; a viewer finds only what
 * {@link Access} lets them read (supervisors every service, others their services and what is assigned to them).
 */
public final class ConversationSearch {
    public static final int PAGE_MAX = 100, PAGE_DEFAULT = 50;
    /** Words of a search after the first ones add little and each costs an index probe. */
    private static final int MAX_WORDS = 8;
    /** Contacts named by the text, at most: a name common enough to exceed it is better narrowed by a word of the messages. */
    private static final int MAX_NAMED_CONTACTS = 1_000;

    private final Jdbi jdbi;
    private final PeopleService people;

    public ConversationSearch(Jdbi jdbi, PeopleService people) {
        this.jdbi = jdbi;
        this.people = people;
    }

    /** A page of conversations, each with its snooze (null when not snoozed) and its labels; {@code next} is null at the end. */
    public record Page(List<Found> conversations, String next) {
    }

    public record Found(Conversation conversation, Snooze snooze, List<Long> labelIds) {
    }

    public Page accessSearch(Viewer viewer, ConversationQuery query, String cursor, int limit) {
        Access.requireStaff(viewer.staff());
        if (limit < 1 || limit > PAGE_MAX) throw ApiError.invalid("limit", "limit must be between 1 and " + PAGE_MAX);
        SearchDao.Filter filter = new SearchDao.Filter(
                Access.canSupervise(viewer.staff()) ? null : List.copyOf(viewer.serviceIds()), viewer.id(),
                query, tsQuery(query.text()),
                query.text() == null ? List.of() : people.findContactIdsMatching(query.text(), MAX_NAMED_CONTACTS),
                query.contactId() == null ? null : people.findMergedContactIds(query.contactId()),
                Cursor.parse(cursor));
        List<Found> rows = jdbi.withHandle(h -> new SearchDao(h).search(filter, limit + 1));
        if (rows.size() <= limit) return new Page(rows, null);
        List<Found> page = rows.subList(0, limit);
        Conversation last = page.getLast().conversation();
        return new Page(List.copyOf(page), new Cursor(last.lastMessageAt(), last.id()).encode());
    }

    /**
     * The words of the text as a tsquery, each matching the beginning of a word ("inscri" finds "inscription"),
     * folded in the database as the messages are; only letters and digits reach it, so no operator can be injected.
     * One-letter words (the "l" of "l'élève") are left out: as a prefix they match nearly everything. Null when no word.
     */
    static String tsQuery(String text) {
        if (text == null) return null;
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.codePointCount(0, w.length()) >= 2 && words.size() < MAX_WORDS && !words.contains(w)) words.add(w);
        }
        return words.isEmpty() ? null : String.join(" & ", words.stream().map(w -> w + ":*").toList());
    }

    /** Where the next page starts: after this conversation in the order of activity. */
    public record Cursor(Instant at, long id) {
        String encode() {
            String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor parse(String cursor) {
            if (cursor == null || cursor.isBlank()) return null;
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII).split("\\.");
                if (p.length != 3) throw new IllegalArgumentException();
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(p[0]), Long.parseLong(p[1])), Long.parseLong(p[2]));
            } catch (RuntimeException e) {
                throw ApiError.invalid("cursor", "cursor is not one this list gave");
            }
        }
    }
}
