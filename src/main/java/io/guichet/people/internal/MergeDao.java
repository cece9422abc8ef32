package io.guichet.people.internal;

import io.guichet.people.ContactSummary;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of merges, their undoing and duplicate proposals. A merge moves rows (identities, timeline entries)
 * from one contact to another and records their ids, so that an undo moves back exactly those.
 */
public final class MergeDao {
    private final Handle h;

    public MergeDao(Handle h) {
        this.h = h;
    }

    /** What a merge or an undo checks of a contact, its row locked. */
    public record State(long id, Long mergedInto, boolean erased) {
    }

    /** Locks the contacts in id order (two merges of the same pair never deadlock); unknown ones are absent. */
    public Map<Long, State> lock(long a, long b) {
        Map<Long, State> out = new HashMap<>();
        h.createQuery("SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM contacts WHERE id IN (:a, :b) ORDER BY id FOR UPDATE")
                .bind("a", a).bind("b", b)
                .map((rs, ctx) -> new State(rs.getLong("id"), (Long) rs.getObject("merged_into", Long.class), rs.getBoolean("erased")))
                .forEach(s -> out.put(s.id(), s));
        return out;
    }

    /** The fields a merge may fill, as they are: kept with the merge to tell what it changed. */
    public String fieldsOf(long contactId) {
        return h.createQuery("""
                        SELECT jsonb_build_object('name', name, 'programme', programme, 'graduation_year', graduation_year,
                               'organisation', organisation, 'city', city, 'postal_code', postal_code, 'country', country,
                               'kinds', kinds, 'tags', tags, 'custom', custom)::text FROM contacts WHERE id = :id""")
                .bind("id", contactId).mapTo(String.class).one();
    }

    /** The merged contact's primary identities (an identity moved onto a survivor that has one of its kind stops being primary). */
    public List<Long> primaryIdentities(long contactId) {
        return h.createQuery("SELECT id FROM contact_identities WHERE contact_id = :c AND is_primary ORDER BY id")
                .bind("c", contactId).mapTo(Long.class).list();
    }

    public List<Long> moveIdentities(long from, long to) {
        return h.createQuery("""
                        UPDATE contact_identities i SET contact_id = :to, is_primary = i.is_primary AND NOT EXISTS (
                            SELECT 1 FROM contact_identities p WHERE p.contact_id = :to AND p.kind = i.kind AND p.is_primary)
                        WHERE i.contact_id = :from RETURNING i.id""")
                .bind("from", from).bind("to", to).mapTo(Long.class).list();
    }

    public List<Long> moveEntries(long from, long to) {
        return h.createQuery("UPDATE contact_timeline SET contact_id = :to WHERE contact_id = :from RETURNING id")
                .bind("from", from).bind("to", to).mapTo(Long.class).list();
    }

    /** Contacts merged earlier into {@code from} now point at {@code to}: every reference resolves in one step. */
    public List<Long> repoint(long from, long to) {
        return h.createQuery("UPDATE contacts SET merged_into = :to WHERE merged_into = :from RETURNING id")
                .bind("from", from).bind("to", to).mapTo(Long.class).list();
    }

    /**
     * Fills the survivor's empty fields from the other; kinds and tags are united (the survivor's first, in
     * their order), custom fields the survivor lacks are added.
     */
    public void fill(long survivor, long other) {
        h.createUpdate("""
                        UPDATE contacts s SET
                            name = CASE WHEN coalesce(btrim(s.name), '') = '' THEN o.name ELSE s.name END,
                            programme = coalesce(s.programme, o.programme),
                            graduation_year = coalesce(s.graduation_year, o.graduation_year),
                            organisation = coalesce(s.organisation, o.organisation),
                            city = coalesce(s.city, o.city),
                            postal_code = coalesce(s.postal_code, o.postal_code),
                            country = coalesce(s.country, o.country),
                            kinds = s.kinds || ARRAY(SELECT k FROM unnest(o.kinds) WITH ORDINALITY AS x(k, n) WHERE NOT k = ANY(s.kinds) ORDER BY n),
                            tags = s.tags || ARRAY(SELECT t FROM unnest(o.tags) WITH ORDINALITY AS x(t, n) WHERE NOT t = ANY(s.tags) ORDER BY n),
                            custom = o.custom || s.custom,
                            last_activity_at = greatest(s.last_activity_at, o.last_activity_at),
                            updated_at = now()
                        FROM contacts o WHERE s.id = :s AND o.id = :o""")
                .bind("s", survivor).bind("o", other).execute();
    }

    public void markMerged(long other, long survivor) {
        h.createUpdate("UPDATE contacts SET merged_into = :s, updated_at = now() WHERE id = :o").bind("s", survivor).bind("o", other).execute();
    }

    public long insertMerge(long survivor, long other, List<Long> identities, List<Long> primary, List<Long> entries,
                            List<Long> repointed, String survivorBefore, long staffId, Instant at) {
        return h.createQuery("""
                        INSERT INTO contact_merges (survivor_id, merged_id, moved_identities, moved_primary, moved_entries, repointed,
                                                    survivor_before, staff_id, merged_at)
                        VALUES (:s, :o, :ids, :primary, :entries, :repointed, CAST(:before AS jsonb), :staff, :at) RETURNING id""")
                .bind("s", survivor).bind("o", other).bindArray("ids", Long.class, identities).bindArray("primary", Long.class, primary)
                .bindArray("entries", Long.class, entries).bindArray("repointed", Long.class, repointed)
                .bind("before", survivorBefore).bind("staff", staffId).bind("at", Timestamp.from(at)).mapTo(Long.class).one();
    }

    /** A merge as recorded. */
    public record Row(long id, long survivorId, long mergedId, List<Long> identities, List<Long> primary, List<Long> entries,
                      List<Long> repointed, Long staffId, Instant mergedAt, Instant undoneAt, String mergedName) {
    }

    private static final String ROW = """
            SELECT id, survivor_id, merged_id, moved_identities, moved_primary, moved_entries, repointed, staff_id, merged_at, undone_at,
                   (SELECT coalesce(nullif(btrim(c.name), ''), '#' || c.id) FROM contacts c WHERE c.id = merged_id) AS merged_name
            FROM contact_merges""";

    public Optional<Row> find(long mergeId) {
        return h.createQuery(ROW + " WHERE id = :id").bind("id", mergeId).map((rs, ctx) -> row(rs)).findOne();
    }

    public Optional<Row> lockMerge(long mergeId) {
        return h.createQuery(ROW + " WHERE id = :id FOR UPDATE").bind("id", mergeId).map((rs, ctx) -> row(rs)).findOne();
    }

    /** The merges into these contacts, newest first. */
    public List<Row> intoContact(long survivorId, int limit) {
        return h.createQuery(ROW + " WHERE survivor_id = :s ORDER BY merged_at DESC, id DESC LIMIT :limit")
                .bind("s", survivorId).bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        Timestamp undone = rs.getTimestamp("undone_at");
        return new Row(rs.getLong("id"), rs.getLong("survivor_id"), rs.getLong("merged_id"), longs(rs.getArray("moved_identities")),
                longs(rs.getArray("moved_primary")), longs(rs.getArray("moved_entries")), longs(rs.getArray("repointed")),
                (Long) rs.getObject("staff_id", Long.class), rs.getTimestamp("merged_at").toInstant(), undone == null ? null : undone.toInstant(),
                rs.getString("merged_name"));
    }

    private static List<Long> longs(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((Long[]) a.getArray());
    }

    /** Counts of what an undo found still in place to move back. */
    public record Restored(int identities, int entries) {
    }

    /**
     * Moves back what the merge moved and is still on the survivor; the merged contact's primary identities
     * are primary again, and the contacts it had absorbed point at it again.
     */
    public Restored moveBack(Row m) {
        int identities = h.createUpdate("""
                        UPDATE contact_identities SET contact_id = :o, is_primary = id = ANY(:primary)
                        WHERE id = ANY(:ids) AND contact_id = :s""")
                .bind("o", m.mergedId()).bind("s", m.survivorId()).bindArray("primary", Long.class, m.primary())
                .bindArray("ids", Long.class, m.identities()).execute();
        int entries = h.createUpdate("UPDATE contact_timeline SET contact_id = :o WHERE id = ANY(:ids) AND contact_id = :s")
                .bind("o", m.mergedId()).bind("s", m.survivorId()).bindArray("ids", Long.class, m.entries()).execute();
        h.createUpdate("UPDATE contacts SET merged_into = :o WHERE id = ANY(:ids) AND merged_into = :s")
                .bind("o", m.mergedId()).bind("s", m.survivorId()).bindArray("ids", Long.class, m.repointed()).execute();
        return new Restored(identities, entries);
    }

    /**
     * Takes back from the survivor what the merge gave it, field by field, only where it still holds what came
     * from the other (what staff changed since is kept): a field empty before the merge is emptied again;
     * kinds, tags and custom fields it added are removed.
     */
    public void unfill(long mergeId) {
        h.createUpdate("""
                        UPDATE contacts s SET
                            name = CASE WHEN coalesce(btrim(b->>'name'), '') = '' AND s.name IS NOT DISTINCT FROM o.name THEN b->>'name' ELSE s.name END,
                            programme = CASE WHEN b->>'programme' IS NULL AND s.programme IS NOT DISTINCT FROM o.programme THEN NULL ELSE s.programme END,
                            graduation_year = CASE WHEN b->>'graduation_year' IS NULL AND s.graduation_year IS NOT DISTINCT FROM o.graduation_year THEN NULL ELSE s.graduation_year END,
                            organisation = CASE WHEN b->>'organisation' IS NULL AND s.organisation IS NOT DISTINCT FROM o.organisation THEN NULL ELSE s.organisation END,
                            city = CASE WHEN b->>'city' IS NULL AND s.city IS NOT DISTINCT FROM o.city THEN NULL ELSE s.city END,
                            postal_code = CASE WHEN b->>'postal_code' IS NULL AND s.postal_code IS NOT DISTINCT FROM o.postal_code THEN NULL ELSE s.postal_code END,
                            country = CASE WHEN b->>'country' IS NULL AND s.country IS NOT DISTINCT FROM o.country THEN NULL ELSE s.country END,
                            kinds = ARRAY(SELECT k FROM unnest(s.kinds) WITH ORDINALITY AS x(k, n)
                                          WHERE (b->'kinds') @> to_jsonb(k) OR NOT k = ANY(o.kinds) ORDER BY n),
                            tags = ARRAY(SELECT t FROM unnest(s.tags) WITH ORDINALITY AS x(t, n)
                                         WHERE (b->'tags') @> to_jsonb(t) OR NOT t = ANY(o.tags) ORDER BY n),
                            custom = s.custom - ARRAY(SELECT e.key FROM jsonb_each(o.custom) e
                                                      WHERE (b->'custom') -> e.key IS NULL AND s.custom->e.key = e.value),
                            updated_at = now()
                        FROM contact_merges m, contacts o, LATERAL (SELECT m.survivor_before AS b) sb
                        WHERE m.id = :m AND s.id = m.survivor_id AND o.id = m.merged_id""")
                .bind("m", mergeId).execute();
    }

    public void markUndone(long mergeId, long mergedId, long staffId, Instant at) {
        h.createUpdate("UPDATE contact_merges SET undone_at = :at, undone_by = :staff WHERE id = :m")
                .bind("m", mergeId).bind("staff", staffId).bind("at", Timestamp.from(at)).execute();
        h.createUpdate("UPDATE contacts SET merged_into = NULL, updated_at = now() WHERE id = :o").bind("o", mergedId).execute();
    }

    // ---------------------------------------------------------------- resolution of merged ids

    /** Each id's survivor (itself when it was not merged); unknown ids are absent. */
    public Map<Long, Long> survivors(Collection<Long> ids) {
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        h.createQuery("SELECT id, coalesce(merged_into, id) AS survivor FROM contacts WHERE id = ANY(:ids)")
                .bindArray("ids", Long.class, List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getLong("survivor"))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The contacts merged into these, by survivor. */
    public Map<Long, List<Long>> mergedInto(Collection<Long> survivorIds) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (survivorIds.isEmpty()) return out;
        h.createQuery("SELECT merged_into, id FROM contacts WHERE merged_into = ANY(:ids) ORDER BY id")
                .bindArray("ids", Long.class, List.copyOf(survivorIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    // ---------------------------------------------------------------- duplicates

    /** A possible duplicate pair, lower id first, and why: {@code name_city}, {@code email}. */
    public record Pair(long low, long high, List<String> reasons) {
    }

    /** The contacts that look like this one and were not dismissed, with why. */
    public List<Pair> duplicatesOf(long contactId, int limit) {
        return h.createQuery("""
                        WITH me AS (SELECT id, people_name_key(name) AS nk, people_name_key(city) AS ck FROM contacts WHERE id = :id),
                        found AS (
                            SELECT c.id, 'name_city' AS reason FROM contacts c, me
                            WHERE me.nk <> '' AND me.ck <> '' AND people_name_key(c.name) = me.nk AND people_name_key(c.city) = me.ck
                              AND c.merged_into IS NULL AND c.erased_at IS NULL
                            UNION ALL
                            SELECT o.contact_id, 'email' FROM contact_identities mine
                            JOIN contact_identities o ON o.kind = 'email' AND people_mailbox_key(o.value) = people_mailbox_key(mine.value)
                            WHERE mine.contact_id = :id AND mine.kind = 'email')
                        SELECT least(f.id, :id) AS low, greatest(f.id, :id) AS high, array_agg(DISTINCT f.reason ORDER BY f.reason) AS reasons
                        FROM found f JOIN contacts c ON c.id = f.id
                        WHERE f.id <> :id AND c.merged_into IS NULL AND c.erased_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM contact_duplicate_dismissals d
                                          WHERE d.contact_low = least(f.id, :id) AND d.contact_high = greatest(f.id, :id))
                        GROUP BY f.id ORDER BY f.id DESC LIMIT :limit""")
                .bind("id", contactId).bind("limit", limit).map((rs, ctx) -> pair(rs)).list();
    }

    /** Every possible duplicate pair not dismissed, newest contacts first. */
    public List<Pair> allDuplicates(int limit) {
        return h.createQuery("""
                        WITH live AS (SELECT id, people_name_key(name) AS nk, people_name_key(city) AS ck FROM contacts
                                      WHERE merged_into IS NULL AND erased_at IS NULL),
                        found AS (
                            SELECT a.id AS low, b.id AS high, 'name_city' AS reason FROM live a
                            JOIN live b ON b.nk = a.nk AND b.ck = a.ck AND b.id > a.id
                            WHERE a.nk <> '' AND a.ck <> ''
                            UNION ALL
                            SELECT least(x.contact_id, y.contact_id), greatest(x.contact_id, y.contact_id), 'email'
                            FROM contact_identities x
                            JOIN contact_identities y ON y.kind = 'email' AND people_mailbox_key(y.value) = people_mailbox_key(x.value)
                                                     AND y.contact_id > x.contact_id
                            WHERE x.kind = 'email')
                        SELECT f.low, f.high, array_agg(DISTINCT f.reason ORDER BY f.reason) AS reasons FROM found f
                        JOIN live a ON a.id = f.low JOIN live b ON b.id = f.high
                        WHERE NOT EXISTS (SELECT 1 FROM contact_duplicate_dismissals d WHERE d.contact_low = f.low AND d.contact_high = f.high)
                        GROUP BY f.low, f.high ORDER BY f.high DESC, f.low DESC LIMIT :limit""")
                .bind("limit", limit).map((rs, ctx) -> pair(rs)).list();
    }

    private static Pair pair(java.sql.ResultSet rs) throws SQLException {
        return new Pair(rs.getLong("low"), rs.getLong("high"), Arrays.asList((String[]) rs.getArray("reasons").getArray()));
    }

    /** The name staff know a contact by: its name, else its first email (null for an anonymous visitor, whom a sentence names so). */
    public String displayName(long contactId) {
        return h.createQuery("""
                        SELECT coalesce(nullif(btrim(c.name), ''), (SELECT coalesce(i.shown, i.value) FROM contact_identities i
                                WHERE i.contact_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC, i.id LIMIT 1))
                        FROM contacts c WHERE c.id = :id""").bind("id", contactId).mapTo(String.class).one();
    }

    public void dismiss(long a, long b, long staffId) {
        h.createUpdate("""
                        INSERT INTO contact_duplicate_dismissals (contact_low, contact_high, staff_id) VALUES (:low, :high, :staff)
                        ON CONFLICT DO NOTHING""")
                .bind("low", Math.min(a, b)).bind("high", Math.max(a, b)).bind("staff", staffId).execute();
    }

    public List<ContactSummary> summaries(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return h.createQuery("""
                        SELECT c.id, c.name, c.city, c.programme, c.kinds, c.created_at, c.last_activity_at,
                               ARRAY(SELECT coalesce(i.shown, i.value) FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'email'
                                     ORDER BY i.is_primary DESC, i.id) AS emails,
                               ARRAY(SELECT coalesce(i.shown, i.value) FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'phone'
                                     ORDER BY i.is_primary DESC, i.id) AS phones
                        FROM contacts c WHERE c.id = ANY(:ids) ORDER BY c.id""")
                .bindArray("ids", Long.class, List.copyOf(ids))
                .map((rs, ctx) -> new ContactSummary(rs.getLong("id"), rs.getString("name"), rs.getString("city"), rs.getString("programme"),
                        Arrays.asList((String[]) rs.getArray("kinds").getArray()), Arrays.asList((String[]) rs.getArray("emails").getArray()),
                        Arrays.asList((String[]) rs.getArray("phones").getArray()), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_activity_at").toInstant()))
                .list();
    }
}
