package io.guichet.people.internal;

import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the audit log, of erasure and of the retention policy. */
public final class PrivacyDao {
    /** A contact's kinds, or {@code none} when it has none (a web visitor): the key of its privacy rules. */
    private static final String KINDS_OR_NONE = "CASE WHEN cardinality(c.kinds) = 0 THEN ARRAY['none'] ELSE c.kinds END";
    /** Contacts whose every kind says to anonymise them after so long without activity (no rule: never). */
    private static final String RETAINED_TOO_LONG = """
            c.erased_at IS NULL AND c.merged_into IS NULL
            AND NOT EXISTS (SELECT 1 FROM unnest(%s) k (kind) LEFT JOIN contact_privacy_rules r ON r.kind = k.kind
                            WHERE r.retention_months IS NULL OR c.last_activity_at >= CAST(:now AS timestamptz) - make_interval(months => r.retention_months))"""
            .formatted(KINDS_OR_NONE);

    public record AuditRow(long id, Instant at, long staffId, String action, Long contactId, String clientIp, String detail) {
    }

    public record Rule(String kind, String onErase, Integer retentionMonths, long affected) {
    }

    private final Handle h;

    public PrivacyDao(Handle h) {
        this.h = h;
    }

    public void audit(long staffId, String action, Long contactId, String clientIp, String detail) {
        h.createUpdate("INSERT INTO contact_audit (staff_id, action, contact_id, client_ip, detail) VALUES (:s, :a, :c, :ip, :d)")
                .bind("s", staffId).bind("a", action).bind("c", contactId).bind("ip", clientIp).bind("d", detail).execute();
    }

    /** Newest first, before the cursor (an entry id), optionally for one contact or one action. */
    public List<AuditRow> auditLog(Long contactId, String action, long before, int limit) {
        return h.createQuery("""
                        SELECT id, at, staff_id, action, contact_id, client_ip, detail FROM contact_audit
                        WHERE id < :before AND (CAST(:c AS bigint) IS NULL OR contact_id = :c) AND (CAST(:a AS text) IS NULL OR action = :a)
                        ORDER BY id DESC LIMIT :limit""")
                .bind("before", before).bind("c", contactId).bind("a", action).bind("limit", limit)
                .map((rs, ctx) -> new AuditRow(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getLong("staff_id"), rs.getString("action"),
                        (Long) rs.getObject("contact_id"), rs.getString("client_ip"), rs.getString("detail"))).list();
    }

    /** The contact's language and whether it was erased; empty when there is no such contact. */
    public Optional<Map<String, Object>> contactState(long contactId) {
        return h.createQuery("SELECT lang, erased_at IS NOT NULL AS erased, " + KINDS_OR_NONE + " AS kinds FROM contacts c WHERE id = :c")
                .bind("c", contactId).mapToMap().findOne();
    }

    /** A table's rows about the contact as one JSON array ({@code to_jsonb}: every column, whatever columns come later). */
    public String contactJson(long contactId) {
        return h.createQuery("SELECT to_jsonb(c) FROM contacts c WHERE id = :c")
                .bind("c", contactId).mapTo(String.class).findOne().orElse("null");
    }

    public String identitiesJson(long contactId) {
        // a visitor identity's value is the hash of the browser's token: its kind and dates are what the person can use
        return h.createQuery("""
                        SELECT coalesce(jsonb_agg(CASE WHEN kind = 'visitor' THEN to_jsonb(i) - 'value' ELSE to_jsonb(i) END ORDER BY id), '[]')
                        FROM contact_identities i WHERE contact_id = :c""").bind("c", contactId).mapTo(String.class).one();
    }

    /** Emails and phones a chat visitor typed, never verified: personal data all the same. */
    public String claimsJson(long contactId) {
        return h.createQuery("SELECT coalesce(jsonb_agg(to_jsonb(c) ORDER BY id), '[]') FROM contact_claims c WHERE contact_id = :c")
                .bind("c", contactId).mapTo(String.class).one();
    }

    public String timelineJson(long contactId) {
        return h.createQuery("SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY at DESC, id DESC), '[]') FROM contact_timeline t WHERE contact_id = :c")
                .bind("c", contactId).mapTo(String.class).one();
    }

    public String fieldsJson() {
        return h.createQuery("SELECT coalesce(jsonb_agg(to_jsonb(f) ORDER BY position, key), '[]') FROM contact_fields f").mapTo(String.class).one();
    }

    /** The contact and those merged into it: erasure takes them all. Locked, so two erasures do not cross. */
    public List<Long> erasable(long contactId) {
        return h.createQuery("SELECT id FROM contacts WHERE (id = :c OR merged_into = :c) AND erased_at IS NULL ORDER BY id FOR UPDATE")
                .bind("c", contactId).mapTo(Long.class).list();
    }

    /** Identities, personal fields, timeline and merge snapshots go; the row stays as an anonymous former contact. */
    public void anonymise(List<Long> ids, Instant at) {
        Long[] array = ids.toArray(Long[]::new);
        h.createUpdate("""
                        UPDATE contacts SET name = NULL, programme = NULL, graduation_year = NULL, organisation = NULL, city = NULL,
                               postal_code = NULL, country = NULL, tags = '{}', custom = '{}', erased_at = :at, updated_at = :at
                        WHERE id = ANY(:ids)""").bind("ids", array).bind("at", Timestamp.from(at)).execute();
        h.createUpdate("DELETE FROM contact_identities WHERE contact_id = ANY(:ids)").bind("ids", array).execute();
        h.createUpdate("DELETE FROM contact_claims WHERE contact_id = ANY(:ids)").bind("ids", array).execute();
        h.createUpdate("DELETE FROM contact_email_codes WHERE contact_id = ANY(:ids)").bind("ids", array).execute();
        h.createUpdate("DELETE FROM contact_timeline WHERE contact_id = ANY(:ids)").bind("ids", array).execute();
        h.createUpdate("DELETE FROM contact_merges WHERE survivor_id = ANY(:ids) OR merged_id = ANY(:ids)").bind("ids", array).execute();
    }

    /** What erasure does to a contact of these kinds: delete only when every kind says so (keeping is what the institution may need). */
    public boolean deletesOnErase(long contactId) {
        return h.createQuery("""
                        SELECT bool_and(coalesce(r.on_erase, 'keep') = 'delete') FROM contacts c, unnest(%s) k (kind)
                        LEFT JOIN contact_privacy_rules r ON r.kind = k.kind WHERE c.id = :c""".formatted(KINDS_OR_NONE))
                .bind("c", contactId).mapTo(Boolean.class).findOne().orElse(false);
    }

    public List<Rule> rules(Instant now) {
        Map<String, Long> affected = new java.util.HashMap<>();
        h.createQuery("SELECT k.kind, count(*) AS n FROM contacts c, unnest(%s) k (kind) WHERE %s GROUP BY k.kind"
                        .formatted(KINDS_OR_NONE, RETAINED_TOO_LONG))
                .bind("now", Timestamp.from(now)).map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getLong("n")))
                .forEach(e -> affected.put(e.getKey(), e.getValue()));
        return h.createQuery("SELECT kind, on_erase, retention_months FROM contact_privacy_rules ORDER BY kind = 'none', kind")
                .map((rs, ctx) -> new Rule(rs.getString("kind"), rs.getString("on_erase"), (Integer) rs.getObject("retention_months"),
                        affected.getOrDefault(rs.getString("kind"), 0L))).list();
    }

    public void setRule(String kind, String onErase, Integer retentionMonths, long staffId) {
        h.createUpdate("UPDATE contact_privacy_rules SET on_erase = :e, retention_months = :m, updated_by = :s, updated_at = now() WHERE kind = :k")
                .bind("k", kind).bind("e", onErase).bind("m", retentionMonths).bind("s", staffId).execute();
    }

    /** Contacts the retention policy anonymises now; those another node is erasing are left to it. */
    public List<Long> retainedTooLong(Instant now, int limit) {
        return h.createQuery("SELECT c.id FROM contacts c WHERE " + RETAINED_TOO_LONG + " ORDER BY c.id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("now", Timestamp.from(now)).bind("limit", limit).mapTo(Long.class).list();
    }

    public long countRetainedTooLong(Instant now) {
        return h.createQuery("SELECT count(*) FROM contacts c WHERE " + RETAINED_TOO_LONG).bind("now", Timestamp.from(now)).mapTo(Long.class).one();
    }

    /** One node at a time runs the retention job: a lock held until the end of the transaction. */
    public boolean tryRetentionLock() {
        return h.createQuery("SELECT pg_try_advisory_xact_lock(hashtext('guichet.people.retention'))").mapTo(Boolean.class).one();
    }
}
