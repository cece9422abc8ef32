package io.guichet.people.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.people.Contact;
import io.guichet.people.ContactRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of contacts and their identities. */
public final class ContactDao {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final RowMapper<Contact> CONTACT = (rs, ctx) -> new Contact(rs.getLong("id"),
            rs.getString("name"), rs.getString("email"), rs.getString("lang"), rs.getTimestamp("created_at").toInstant());
    /**
     * A contact's columns, with its primary email from its identities, else the one the visitor typed: the chat
     * answers there, and the contact card shows it (marked unverified on the contact page).
     */
    private static final String COLUMNS = "c.id, c.name, c.lang, c.created_at, coalesce((SELECT i.shown FROM contact_identities i "
            + "WHERE i.contact_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC, i.id LIMIT 1), "
            + "(SELECT m.shown FROM contact_claims m WHERE m.contact_id = c.id AND m.kind = 'email' ORDER BY m.id DESC LIMIT 1)) AS email";

    /** Everything the contact page shows; visitor tokens never. */
    static final String RECORD_COLUMNS = """
            c.id, c.name, c.lang, c.kinds, c.programme, c.graduation_year, c.organisation, c.city, c.postal_code, c.country,
            c.tags, c.custom::text AS custom, c.created_at, c.updated_at, c.last_activity_at,
            ARRAY(SELECT i.shown FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC, i.id) AS emails,
            ARRAY(SELECT i.value FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'phone' ORDER BY i.is_primary DESC, i.id) AS phones,
            (SELECT i.value FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'student_number' ORDER BY i.id LIMIT 1) AS student_number,
            ARRAY(SELECT i.value FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'messenger' ORDER BY i.id) AS messenger_ids,
            ARRAY(SELECT m.shown FROM contact_claims m WHERE m.contact_id = c.id AND m.kind = 'email' ORDER BY m.id DESC) AS claimed_emails""";

    static final RowMapper<ContactRecord> RECORD = (rs, ctx) -> new ContactRecord(rs.getLong("id"), rs.getString("name"),
            rs.getString("lang"), strings(rs.getArray("kinds")), strings(rs.getArray("emails")), strings(rs.getArray("phones")),
            rs.getString("student_number"), strings(rs.getArray("messenger_ids")), strings(rs.getArray("claimed_emails")),
            rs.getString("programme"), (Integer) rs.getObject("graduation_year"), rs.getString("organisation"), rs.getString("city"),
            rs.getString("postal_code"), rs.getString("country"), strings(rs.getArray("tags")), custom(rs.getString("custom")),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getTimestamp("last_activity_at").toInstant());

    /** Where a contact stands: merged into another, erased, or neither. */
    public record Lifecycle(long id, Long mergedInto, boolean erased) {
    }

    private final Handle h;

    public ContactDao(Handle h) {
        this.h = h;
    }

    public long insert(String name, String lang) {
        return h.createQuery("INSERT INTO contacts (name, lang) VALUES (:n, :l) RETURNING id")
                .bind("n", name).bind("l", lang).mapTo(Long.class).one();
    }

    public void insertVisitorSession(String tokenHash, long contactId) {
        h.createUpdate("INSERT INTO contact_identities (contact_id, kind, value, source) VALUES (:c, 'visitor', :t, 'widget')")
                .bind("t", tokenHash).bind("c", contactId).execute();
    }

    public Optional<Contact> byVisitorToken(String tokenHash) {
        return h.createQuery("SELECT " + COLUMNS + " FROM contact_identities v "
                        + "JOIN contacts c ON c.id = v.contact_id WHERE v.kind = 'visitor' AND v.value = :t")
                .bind("t", tokenHash).map(CONTACT).findOne();
    }

    public Optional<Contact> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM contacts c WHERE c.id = :id").bind("id", id).map(CONTACT).findOne();
    }

    /**
     * Contacts (merged ones too, whose conversations still name them) whose name or email holds the text, accent- and
     * case-blind; for finding their conversations, at most {@code limit}.
     */
    public List<Long> idsMatching(String text, int limit) {
        return h.createQuery("""
                        (SELECT c.id FROM contacts c WHERE c.erased_at IS NULL AND people_fold(c.name) LIKE :q ESCAPE '!'
                         UNION SELECT i.contact_id FROM contact_identities i WHERE i.kind = 'email' AND people_fold(i.value) LIKE :q ESCAPE '!'
                         UNION SELECT m.contact_id FROM contact_claims m WHERE m.kind = 'email' AND people_fold(m.value) LIKE :q ESCAPE '!')
                        LIMIT :l""") // the pattern a value, not a column of a CTE, so that the trigram indexes (V044) answer it
                .bind("q", "%" + ContactSearch.likeEscaped(h.createQuery("SELECT people_fold(:t)").bind("t", text).mapTo(String.class).one()) + "%").bind("l", limit).mapTo(Long.class).list();
    }

    public Optional<ContactRecord> findRecord(long id) {
        return h.createQuery("SELECT " + RECORD_COLUMNS + " FROM contacts c WHERE c.id = :id").bind("id", id).map(RECORD).findOne();
    }

    public Optional<Lifecycle> lifecycle(long id) {
        return h.createQuery("SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM contacts WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Lifecycle(rs.getLong("id"), (Long) rs.getObject("merged_into"), rs.getBoolean("erased"))).findOne();
    }

    /** The contact a merged one now lives in, following merges of merges. */
    public long survivorOf(long id) {
        return h.createQuery("""
                        WITH RECURSIVE chain(id, next, depth) AS (
                            SELECT id, merged_into, 0 FROM contacts WHERE id = :id
                            UNION ALL SELECT c.id, c.merged_into, chain.depth + 1 FROM contacts c JOIN chain ON c.id = chain.next WHERE chain.depth < 20)
                        SELECT id FROM chain WHERE next IS NULL LIMIT 1""").bind("id", id).mapTo(Long.class).findOne().orElse(id);
    }

    /** Adds a kind the contact lacks, keeping its others. */
    public void addKind(long id, String kind) {
        h.createUpdate("UPDATE contacts SET kinds = array_append(kinds, :k) WHERE id = :id AND NOT (:k = ANY(kinds))")
                .bind("id", id).bind("k", kind).execute();
    }

    public void update(long id, String name, String lang) {
        h.createUpdate("UPDATE contacts SET name = coalesce(:n, name), lang = coalesce(:l, lang), updated_at = now() WHERE id = :id")
                .bind("id", id).bind("n", name).bind("l", lang).execute();
    }

    /** Sets the columns given (column name to value; lists as text arrays, the custom values as JSON). */
    /** Sets the postal code of a contact that has none, in Canada or of no known country. */
    public void setPostalCodeIfNone(long id, String postalCode) {
        h.createUpdate("""
                        UPDATE contacts SET postal_code = :p, updated_at = now()
                        WHERE id = :id AND postal_code IS NULL AND (country IS NULL OR country = 'CA')""")
                .bind("p", postalCode).bind("id", id).execute();
    }

    public void setCustomIfNone(long id, String key, Object value) {
        h.createUpdate("""
                        UPDATE contacts SET custom = coalesce(custom, '{}') || jsonb_build_object(CAST(:k AS text), CAST(:v AS jsonb)), updated_at = now()
                        WHERE id = :id AND (custom -> CAST(:k AS text)) IS NULL""")
                .bind("k", key).bind("v", json(value)).bind("id", id).execute();
    }

    public void set(long id, Map<String, Object> columns) {
        if (columns.isEmpty()) return;
        StringBuilder sql = new StringBuilder("UPDATE contacts SET updated_at = now()");
        columns.keySet().forEach(column -> sql.append(", ").append(column).append(" = ")
                .append(column.equals("custom") ? "CAST(:custom AS jsonb)" : ":" + column));
        Update update = h.createUpdate(sql.append(" WHERE id = :id").toString()).bind("id", id);
        columns.forEach((column, value) -> {
            if (value instanceof List<?> list) update.bindArray(column, String.class, list);
            else if (value instanceof Map<?, ?> map) update.bind(column, json(map));
            else update.bind(column, value);
        });
        update.execute();
    }

    // ---------------------------------------------------------------- identities

    /** The normalised values of one kind of the contact's identities, primary first. */
    public List<String> identities(long contactId, String kind) {
        return h.createQuery("SELECT value FROM contact_identities WHERE contact_id = :c AND kind = :k ORDER BY is_primary DESC, id")
                .bind("c", contactId).bind("k", kind).mapTo(String.class).list();
    }

    /** The living contact that holds an identity (the survivor when the holder was merged), if any. */
    public Optional<Long> holderOf(String kind, String value) {
        return h.createQuery("SELECT contact_id FROM contact_identities WHERE kind = :k AND value = :v")
                .bind("k", kind).bind("v", value).mapTo(Long.class).findOne().map(this::survivorOf);
    }

    /** Adds the identity to the contact, or makes it primary there; false when another contact holds it. */
    public boolean putIdentity(long contactId, String kind, String value, String shown, boolean primary, String source) {
        return h.createUpdate("""
                        INSERT INTO contact_identities (contact_id, kind, value, shown, is_primary, source) VALUES (:c, :k, :v, :s, :p, :src)
                        ON CONFLICT (kind, value) DO UPDATE SET is_primary = :p, shown = coalesce(:s, contact_identities.shown), last_seen_at = now()
                        WHERE contact_identities.contact_id = :c""")
                .bind("c", contactId).bind("k", kind).bind("v", value).bind("s", shown).bind("p", primary).bind("src", source).execute() == 1;
    }

    public void removeIdentities(long contactId, String kind, Collection<String> values) {
        h.createUpdate("DELETE FROM contact_identities WHERE contact_id = :c AND kind = :k AND value = ANY(:v)")
                .bind("c", contactId).bind("k", kind).bindArray("v", String.class, values).execute();
    }

    public void seen(String kind, String value) {
        h.createUpdate("UPDATE contact_identities SET last_seen_at = now() WHERE kind = :k AND value = :v").bind("k", kind).bind("v", value).execute();
    }

    /** Keeps an email or phone a visitor typed as a claim on their own contact (see {@code contact_claims}). */
    public void addClaim(long contactId, String kind, String value, String shown, String source) {
        h.createUpdate("""
                        INSERT INTO contact_claims (contact_id, kind, value, shown, source) VALUES (:c, :k, :v, :s, :src)
                        ON CONFLICT (contact_id, kind, value) DO UPDATE SET shown = :s, created_at = now()""")
                .bind("c", contactId).bind("k", kind).bind("v", value).bind("s", shown).bind("src", source).execute();
    }

    /** The claim became an identity (the visitor proved the address is theirs). */
    public void removeClaim(long contactId, String kind, String value) {
        h.createUpdate("DELETE FROM contact_claims WHERE contact_id = :c AND kind = :k AND value = :v")
                .bind("c", contactId).bind("k", kind).bind("v", value).execute();
    }

    /** Serialises one transaction's work on an identity that may not exist yet (two channels seeing the same address at once). */
    public void lockIdentity(String kind, String value) {
        h.createQuery("SELECT pg_advisory_xact_lock(hashtext(:key))").bind("key", "identity:" + kind + ":" + value).mapTo(String.class).one();
    }

    // ---------------------------------------------------------------- mapping

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Map<String, Object> custom(String json) {
        try {
            if (json == null) return Map.of();
            Map<String, Object> values = JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, Object>>() {
            });
            values.replaceAll((k, v) -> v instanceof Number n ? new java.math.BigDecimal(n.toString()) : v);
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contacts.custom is not a JSON object", e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
