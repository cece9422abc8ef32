package io.guichet.people.internal;

import io.guichet.people.TimelineEntry;
import org.jdbi.v3.core.Handle;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** SQL of the contact timeline. */
public final class TimelineDao {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Handle h;

    public TimelineDao(Handle h) {
        this.h = h;
    }

    /** Writes the entry on the contact it names, or on the contact that one was merged into; touches the contact's activity. */
    public void insert(TimelineEntry e) {
        h.createUpdate("""
                        WITH target AS (SELECT coalesce(merged_into, id) AS id FROM contacts WHERE id = :contact),
                             entry AS (INSERT INTO contact_timeline (contact_id, at, module, what, params, ref_kind, ref_id, staff_id)
                                       SELECT id, :at, :module, :what, CAST(:params AS jsonb), :refKind, :refId, :staff FROM target RETURNING contact_id)
                        UPDATE contacts SET last_activity_at = greatest(last_activity_at, :at) WHERE id IN (SELECT contact_id FROM entry)""")
                .bind("contact", e.contactId()).bind("at", Timestamp.from(e.at())).bind("module", e.module()).bind("what", e.what())
                .bind("params", json(e.params()))
                .bind("refKind", e.refKind()).bind("refId", e.refId()).bind("staff", e.staffId()).execute();
    }

    /** As {@link #insert}, many at once in one statement (a routing pass assigns a batch of conversations). */
    public void insertAll(java.util.List<TimelineEntry> entries) {
        if (entries.isEmpty()) return;
        h.createUpdate("""
                        WITH e AS (SELECT * FROM unnest(:contacts, CAST(:ats AS timestamptz[]), :modules, :whats, :params, :refKinds, :refIds, :staff)
                                             AS e(contact, at, module, what, params, ref_kind, ref_id, staff)),
                             entry AS (INSERT INTO contact_timeline (contact_id, at, module, what, params, ref_kind, ref_id, staff_id)
                                       SELECT coalesce(c.merged_into, c.id), e.at, e.module, e.what, CAST(e.params AS jsonb), e.ref_kind, e.ref_id, e.staff
                                       FROM e JOIN contacts c ON c.id = e.contact RETURNING contact_id, at)
                        UPDATE contacts c SET last_activity_at = greatest(c.last_activity_at, x.at)
                        FROM (SELECT contact_id, max(at) AS at FROM entry GROUP BY contact_id) x WHERE c.id = x.contact_id""")
                .bindArray("contacts", Long.class, entries.stream().map(TimelineEntry::contactId).toList())
                .bindArray("ats", String.class, entries.stream().map(e -> e.at().toString()).toList())
                .bindArray("modules", String.class, entries.stream().map(TimelineEntry::module).toList())
                .bindArray("whats", String.class, entries.stream().map(TimelineEntry::what).toList())
                .bindArray("params", String.class, entries.stream().map(e -> json(e.params())).toList())
                .bindArray("refKinds", String.class, entries.stream().map(TimelineEntry::refKind).toList())
                .bindArray("refIds", String.class, entries.stream().map(TimelineEntry::refId).toList())
                .bindArray("staff", Long.class, entries.stream().map(TimelineEntry::staffId).toList())
                .execute();
    }

    /** One row of a contact's timeline as stored. */
    public record Row(long id, Instant at, String module, String what, Map<String, String> params, String refKind, String refId, Long staffId) {
    }

    /** The contact's entries, newest first, after the keyset ({@code beforeAt}, {@code beforeId}) when given. */
    public List<Row> page(long contactId, Instant beforeAt, long beforeId, int limit) {
        return h.createQuery("""
                        SELECT id, at, module, what, params::text AS params, ref_kind, ref_id, staff_id FROM contact_timeline
                        WHERE contact_id = :c AND (CAST(:at AS timestamptz) IS NULL OR (at, id) < (:at, :id))
                        ORDER BY at DESC, id DESC LIMIT :limit""")
                .bind("c", contactId).bind("at", beforeAt == null ? null : Timestamp.from(beforeAt)).bind("id", beforeId).bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("module"), rs.getString("what"),
                        params(rs.getString("params")), rs.getString("ref_kind"), rs.getString("ref_id"),
                        rs.getObject("staff_id") == null ? null : rs.getLong("staff_id")))
                .list();
    }

    private static Map<String, String> params(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
