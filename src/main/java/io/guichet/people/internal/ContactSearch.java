package io.guichet.people.internal;

import io.guichet.people.ContactField;
import io.guichet.people.ContactFilter;
import io.guichet.people.ContactRecord;
import io.guichet.people.ConsentLedger;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact list's SQL: one WHERE clause built from a {@link ContactFilter}, read a page at a time with a keyset
 * cursor (last activity then id, or name in French order then id), so page 500 costs what page 1 does and a contact
 * changing meanwhile is neither shown twice nor skipped by the order it had. Merged and erased contacts never show.
 */
public final class ContactSearch {
    /** The name order key: contacts with no name (visitors) last, U+FFFF sorting after every letter. */
    private static final String NAME_KEY = "(coalesce(c.name, U&'\\FFFF') COLLATE people_names)";

    /** Where the previous page ended, for either order. */
    public record Cursor(ContactFilter.Sort sort, Instant at, String name, long id) {
        public String encode() {
            String raw = sort == ContactFilter.Sort.NAME ? "n|" + id + "|" + name : "a|" + id + "|" + at;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor after(ContactFilter.Sort sort, ContactRecord last) {
            return new Cursor(sort, last.lastActivityAt(), last.name() == null ? "\uFFFF" : last.name(), last.id());
        }

        /** A cursor this list gave, for this order; anything else is refused naming {@code cursor}. */
        public static Cursor decode(String cursor, ContactFilter.Sort sort) {
            if (cursor == null || cursor.isEmpty()) return null;
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
                long id = Long.parseLong(parts[1]);
                if (parts[0].equals("a") && sort == ContactFilter.Sort.ACTIVITY) return new Cursor(sort, Instant.parse(parts[2]), null, id);
                if (parts[0].equals("n") && sort == ContactFilter.Sort.NAME) return new Cursor(sort, null, parts[2], id);
            } catch (RuntimeException e) {
                // fall through: a cursor we did not make
            }
            throw ApiError.invalid("cursor", "cursor is not one this list gave");
        }
    }

    private final Handle h;
    private final ZoneId zone;

    public ContactSearch(Handle h, ZoneId zone) {
        this.h = h;
        this.zone = zone;
    }

    /** Up to {@code limit} contacts matching, after the cursor (null: from the start). */
    public List<ContactRecord> page(ContactFilter filter, Map<String, ContactField> definitions, Cursor after, int limit) {
        Map<String, Object> binds = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT " + ContactDao.RECORD_COLUMNS + " FROM contacts c WHERE ")
                .append(where(filter, definitions, binds));
        boolean byName = filter.sort() == ContactFilter.Sort.NAME;
        if (after != null) {
            if (byName) {
                sql.append(" AND (" + NAME_KEY + " > (:afterName COLLATE people_names) OR (" + NAME_KEY + " = (:afterName COLLATE people_names) AND c.id > :afterId))");
                binds.put("afterName", after.name());
            } else {
                sql.append(" AND (c.last_activity_at, c.id) < (:afterAt, :afterId)");
                binds.put("afterAt", Timestamp.from(after.at()));
            }
            binds.put("afterId", after.id());
        }
        sql.append(byName ? " ORDER BY " + NAME_KEY + ", c.id" : " ORDER BY c.last_activity_at DESC, c.id DESC").append(" LIMIT :limit");
        binds.put("limit", limit);
        return bound(h.createQuery(sql.toString()), binds).map(ContactDao.RECORD).list();
    }

    public long count(ContactFilter filter, Map<String, ContactField> definitions) {
        Map<String, Object> binds = new LinkedHashMap<>();
        return bound(h.createQuery("SELECT count(*) FROM contacts c WHERE " + where(filter, definitions, binds)), binds).mapTo(Long.class).one();
    }

    private String where(ContactFilter f, Map<String, ContactField> definitions, Map<String, Object> binds) {
        List<String> and = new ArrayList<>(List.of("c.merged_into IS NULL", "c.erased_at IS NULL"));
        if (f.q() != null) {
            // Accent- and case-blind on the name and on what identities hold (emails lower-case, phones E.164: the
            // digits typed are matched too, so "514 555" finds +15145550123).
            and.add("""
                    (people_fold(c.name) LIKE :q ESCAPE '!' OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id
                     AND i.kind IN ('email', 'phone', 'student_number') AND (people_fold(i.value) LIKE :q ESCAPE '!'
                     OR (:digits <> '' AND i.kind = 'phone' AND i.value LIKE :digits))))""");
            binds.put("q", "%" + likeEscaped(fold(f.q())) + "%");
            String digits = f.q().replaceAll("[\\s().\\-]", "");
            binds.put("digits", digits.matches("\\+?\\d{3,15}") ? "%" + digits.replace("+", "") + "%" : "");
        }
        if (f.kind() != null) {
            and.add(":kind = ANY(c.kinds)");
            binds.put("kind", f.kind());
        }
        if (f.tag() != null) {
            and.add("EXISTS (SELECT 1 FROM unnest(c.tags) t WHERE people_fold(t) = people_fold(:tag))");
            binds.put("tag", f.tag());
        }
        if (f.programme() != null) {
            and.add("people_fold(c.programme) = people_fold(:programme)");
            binds.put("programme", f.programme());
        }
        if (f.city() != null) {
            and.add("people_fold(c.city) = people_fold(:city)");
            binds.put("city", f.city());
        }
        if (f.country() != null) {
            and.add("c.country = :country");
            binds.put("country", f.country());
        }
        int n = 0;
        for (var e : f.fields().entrySet()) {
            ContactField def = definitions.get(e.getKey());
            if (def == null) throw ApiError.invalid("field." + e.getKey(), "field." + e.getKey() + ": there is no contact field " + e.getKey());
            Object value = def.value(e.getValue());
            String key = "fk" + n, val = "fv" + n++;
            binds.put(key, def.key());
            if (def.type() == ContactField.Type.TEXT) {
                and.add("people_fold(c.custom ->> :" + key + ") = people_fold(:" + val + ")");
                binds.put(val, value);
            } else {
                // jsonb equality compares numbers as numbers (2 = 2.0), dates and choices as their exact text
                and.add("c.custom -> :" + key + " = CAST(:" + val + " AS jsonb)");
                binds.put(val, ContactDao.json(value));
            }
        }
        if (f.activeSince() != null) {
            and.add("c.last_activity_at >= :since");
            binds.put("since", Timestamp.from(f.activeSince().atStartOfDay(zone).toInstant()));
        }
        if (f.activeBefore() != null) {
            and.add("c.last_activity_at < :before");
            binds.put("before", Timestamp.from(f.activeBefore().atStartOfDay(zone).toInstant()));
        }
        if (f.consent() != null) {
            and.add(consent(f.consent().state()));
            binds.put("consentPurpose", f.consent().purpose().key());
            binds.put("consentAt", Timestamp.from(Instant.now()));
        }
        return String.join(" AND ", and);
    }

    /**
     * The ledger of {@code c} as read for consent: its own entries and those of the contacts merged into it. As one array
     * of ids, so each probe is an index scan of {@code contact_consents_contact}: with {@code contact_id = c.id OR
     * contact_id IN (…)} the planner scanned the whole ledger for every contact (a count over 50,000 never ended).
     */
    private static String ledger(String e) {
        return e + ".purpose = :consentPurpose AND " + e + ".at <= :consentAt AND " + e
                + ".contact_id = ANY(ARRAY(SELECT c.id UNION ALL SELECT m.id FROM contacts m WHERE m.merged_into = c.id))";
    }

    /**
     * The state {@link io.guichet.people.ConsentLedger#stateOf} derives, in SQL so that a page of 50 among 50,000 costs
     * one index probe per candidate: {@code withdrawn} when the newest entry is a withdrawal, {@code granted} when a grant
     * still valid has no withdrawal after it, {@code expired} when the newest is a grant and none after the last
     * withdrawal is valid any more, {@code none} with no entry. Those with any entry for the purpose are few: they are found
     * first (the semi-join on the ledger), and only they are read entry by entry.
     */
    private static String consent(String state) {
        String anyEntry = "c.id IN (SELECT coalesce(x.merged_into, x.id) FROM contact_consents a JOIN contacts x ON x.id = a.contact_id"
                + " WHERE a.purpose = :consentPurpose AND a.at <= :consentAt)";
        String newest = "(SELECT n.state FROM contact_consents n WHERE " + ledger("n") + " ORDER BY n.at DESC, n.id DESC LIMIT 1)";
        // the expiry of an implied grant as ConsentLedger.Entry.expiresAt computes it, months counted in UTC
        String valid = "EXISTS (SELECT 1 FROM contact_consents g WHERE " + ledger("g") + " AND g.state = 'granted'"
                + " AND (g.basis = 'express' OR g.ground_at IS NULL OR (g.ground_at AT TIME ZONE 'UTC' + CASE g.ground WHEN 'inquiry' THEN interval '"
                + ConsentLedger.INQUIRY_MONTHS + " months' ELSE interval '" + ConsentLedger.RELATIONSHIP_YEARS + " years' END) AT TIME ZONE 'UTC' > :consentAt)"
                + " AND NOT EXISTS (SELECT 1 FROM contact_consents w WHERE " + ledger("w") + " AND w.state = 'withdrawn' AND (w.at, w.id) > (g.at, g.id)))";
        return switch (state) {
            case "none" -> "NOT " + anyEntry;
            case "withdrawn" -> "(" + anyEntry + " AND " + newest + " = 'withdrawn')";
            case "granted" -> "(" + anyEntry + " AND " + valid + ")";
            case "expired" -> "(" + anyEntry + " AND " + newest + " = 'granted' AND NOT " + valid + ")";
            default -> throw new IllegalArgumentException(state);
        };
    }

    /** As the database folds (people_fold), for the pattern: the same function, so the two never disagree. */
    private String fold(String text) {
        return h.createQuery("SELECT people_fold(:t)").bind("t", text).mapTo(String.class).one();
    }

    static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Query bound(Query q, Map<String, Object> binds) {
        binds.forEach(q::bind);
        return q;
    }
}
