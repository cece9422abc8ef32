package io.guichet.people.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.people.ContactDraft;
import io.guichet.people.ContactImport;
import io.guichet.people.ContactField;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of contact imports: the import's own row (progress, report) and the batched writes of its contacts. */
public final class ImportDao {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB_COLUMNS = "id, staff_id, file_name, header, dry_run, status, encoding, delimiter, total, done, imported, updated, "
            + "rejected, error, created_at, finished_at, touched_at < now() - interval '2 minutes' AS stale";
    private static final RowMapper<ContactImport.Job> JOB = (rs, ctx) -> new ContactImport.Job(rs.getLong("id"),
            (Long) rs.getObject("staff_id"), rs.getString("file_name"), List.of((String[]) rs.getArray("header").getArray()), rs.getBoolean("dry_run"),
            ContactImport.Status.of(rs.getString("status"), rs.getBoolean("stale")), rs.getString("encoding"), rs.getString("delimiter"),
            rs.getInt("total"), rs.getInt("done"), rs.getInt("imported"), rs.getInt("updated"), rejected(rs.getString("rejected")),
            rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant());

    private final Handle h;

    public ImportDao(Handle h) {
        this.h = h;
    }

    // ---------------------------------------------------------------- the import's row

    public long insert(Long staffId, String fileName, List<String> header, byte[] source, Map<String, String> mapping, boolean dryRun, String encoding,
                       char delimiter, int total) {
        return h.createQuery("""
                        INSERT INTO contact_imports (staff_id, file_name, header, source, mapping, dry_run, encoding, delimiter, total)
                        VALUES (:staff, :file, :header, :source, CAST(:mapping AS jsonb), :dry, :encoding, :delimiter, :total) RETURNING id""")
                .bind("staff", staffId).bind("file", fileName).bindArray("header", String.class, header).bind("source", source).bind("mapping", json(mapping)).bind("dry", dryRun)
                .bind("encoding", encoding).bind("delimiter", String.valueOf(delimiter)).bind("total", total).mapTo(Long.class).one();
    }

    public Optional<ContactImport.Job> find(long id) {
        return h.createQuery("SELECT " + JOB_COLUMNS + " FROM contact_imports WHERE id = :id").bind("id", id).map(JOB).findOne();
    }

    public List<ContactImport.Job> recent(int limit) {
        return h.createQuery("SELECT " + JOB_COLUMNS + " FROM contact_imports WHERE status <> 'pending' OR created_at > now() - interval '1 day' "
                + "ORDER BY created_at DESC, id DESC LIMIT :n").bind("n", limit).map(JOB).list();
    }

    /** The file still waiting to be imported, with the mapping chosen for it. */
    public record Pending(byte[] source, Map<String, String> mapping, boolean dryRun, Long staffId, String fileName) {
    }

    public Optional<Pending> pending(long id) {
        return h.createQuery("SELECT source, mapping, dry_run, staff_id, file_name FROM contact_imports WHERE id = :id AND status = 'pending' AND source IS NOT NULL")
                .bind("id", id).map((rs, ctx) -> new Pending(rs.getBytes("source"), mapping(rs.getString("mapping")), rs.getBoolean("dry_run"),
                        (Long) rs.getObject("staff_id"), rs.getString("file_name"))).findOne();
    }

    public void setMapping(long id, Map<String, String> mapping, boolean dryRun) {
        h.createUpdate("UPDATE contact_imports SET mapping = CAST(:m AS jsonb), dry_run = :dry, touched_at = now() WHERE id = :id AND status = 'pending'")
                .bind("id", id).bind("m", json(mapping)).bind("dry", dryRun).execute();
    }

    /** Takes a pending import for running: only one caller (on any node) gets true. */
    public boolean claim(long id) {
        return h.createUpdate("UPDATE contact_imports SET status = 'running', touched_at = now() WHERE id = :id AND status = 'pending'")
                .bind("id", id).execute() == 1;
    }

    public void progress(long id, int done, int imported, int updated) {
        h.createUpdate("UPDATE contact_imports SET done = :done, imported = :imported, updated = :updated, touched_at = now() WHERE id = :id")
                .bind("id", id).bind("done", done).bind("imported", imported).bind("updated", updated).execute();
    }

    public void finish(long id, int done, int imported, int updated, List<ContactImport.Rejection> rejected) {
        h.createUpdate("""
                        UPDATE contact_imports SET status = 'done', done = :done, imported = :imported, updated = :updated,
                               rejected = CAST(:rejected AS jsonb), source = NULL, touched_at = now(), finished_at = now() WHERE id = :id""")
                .bind("id", id).bind("done", done).bind("imported", imported).bind("updated", updated).bind("rejected", json(rejected)).execute();
    }

    public void fail(long id, String error) {
        h.createUpdate("UPDATE contact_imports SET status = 'failed', error = :e, source = NULL, touched_at = now(), finished_at = now() WHERE id = :id")
                .bind("id", id).bind("e", error).execute();
    }

    /** Uploads previewed and never imported are not kept: the file holds personal information. */
    public int forgetAbandoned() {
        return h.createUpdate("DELETE FROM contact_imports WHERE status = 'pending' AND touched_at < now() - interval '1 day'").execute();
    }

    // ---------------------------------------------------------------- what a file's rows need

    public List<ContactField> contactFields() {
        return h.createQuery("SELECT key, label_fr, label_en, type, choices, position FROM contact_fields ORDER BY position, key")
                .map((rs, ctx) -> new ContactField(rs.getString("key"), rs.getString("label_fr"), rs.getString("label_en"),
                        ContactField.Type.of(rs.getString("type")), List.of((String[]) rs.getArray("choices").getArray()), rs.getInt("position")))
                .list();
    }

    /** The contact (the one it was merged into, if it was) holding each of these identity values of a kind. */
    public Map<String, Long> owners(String kind, Collection<String> values) {
        Map<String, Long> owners = new HashMap<>();
        if (values.isEmpty()) return owners;
        h.createQuery("""
                        SELECT i.value, coalesce(c.merged_into, c.id) AS contact FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
                        WHERE i.kind = :kind AND i.value = ANY(:values) AND c.erased_at IS NULL""")
                .bind("kind", kind).bindArray("values", String.class, values)
                .map((rs, ctx) -> Map.entry(rs.getString("value"), rs.getLong("contact"))).forEach(e -> owners.put(e.getKey(), e.getValue()));
        return owners;
    }

    /** Ids for contacts about to be created, so identities and timeline entries can name them in the same batch. */
    public long[] newContactIds(int n) {
        return h.createQuery("SELECT nextval('contacts_id_seq') FROM generate_series(1, :n)").bind("n", n).mapTo(Long.class)
                .list().stream().mapToLong(Long::longValue).toArray();
    }

    /** One contact to write: created with this id, or updated (only the fields the row gave). */
    public record Write(long contactId, boolean create, ContactDraft draft, String postalCode, Map<String, Object> custom) {
    }

    /** Unit separator: control characters are refused in every cell, so it cannot occur in a kind or a tag. */
    private static final String SEPARATOR = "\u001f";

    /** All of a batch's new contacts in one statement (arrays of columns, unnested). */
    public void insertContacts(List<Write> writes) {
        if (writes.isEmpty()) return;
        h.createUpdate("""
                        INSERT INTO contacts (id, name, lang, kinds, programme, graduation_year, organisation, city, postal_code, country, tags, custom)
                        SELECT id, name, lang, string_to_array(kinds, :sep), programme, year, organisation, city, postal, country,
                               string_to_array(tags, :sep), CAST(custom AS jsonb)
                        FROM unnest(:ids, :names, :langs, :kinds, :programmes, CAST(:years AS int[]), :organisations, :cities, :postals, :countries,
                                    :tags, :customs) AS r(id, name, lang, kinds, programme, year, organisation, city, postal, country, tags, custom)""")
                .bind("sep", SEPARATOR)
                .bindArray("ids", Long.class, writes.stream().map(Write::contactId).toList())
                .bindArray("names", String.class, column(writes, w -> w.draft().name()))
                .bindArray("langs", String.class, column(writes, w -> w.draft().lang() == null ? "fr" : w.draft().lang()))
                .bindArray("kinds", String.class, column(writes, w -> String.join(SEPARATOR, w.draft().kinds())))
                .bindArray("programmes", String.class, column(writes, w -> w.draft().programme()))
                .bindArray("years", Integer.class, writes.stream().map(w -> w.draft().graduationYear()).toList())
                .bindArray("organisations", String.class, column(writes, w -> w.draft().organisation()))
                .bindArray("cities", String.class, column(writes, w -> w.draft().city()))
                .bindArray("postals", String.class, column(writes, Write::postalCode))
                .bindArray("countries", String.class, column(writes, w -> w.draft().country()))
                .bindArray("tags", String.class, column(writes, w -> String.join(SEPARATOR, w.draft().tags())))
                .bindArray("customs", String.class, column(writes, w -> json(w.custom())))
                .execute();
    }

    private static <T> List<String> column(List<T> rows, java.util.function.Function<T, String> value) {
        List<String> out = new java.util.ArrayList<>(rows.size());
        for (T row : rows) out.add(value.apply(row));
        return out;
    }

    /** Only what the row gave changes; kinds and tags are added to those the contact has, custom values replace theirs. */
    public void updateContacts(List<Write> writes) {
        if (writes.isEmpty()) return;
        PreparedBatch batch = h.prepareBatch("""
                UPDATE contacts SET name = coalesce(:name, name), lang = coalesce(:lang, lang),
                       kinds = ARRAY(SELECT k FROM unnest(kinds || CAST(:kinds AS text[])) WITH ORDINALITY AS u(k, o) GROUP BY k ORDER BY min(o)),
                       programme = coalesce(:programme, programme), graduation_year = coalesce(:year, graduation_year),
                       organisation = coalesce(:organisation, organisation), city = coalesce(:city, city),
                       postal_code = coalesce(:postal, postal_code), country = coalesce(:country, country),
                       tags = ARRAY(SELECT t FROM unnest(tags || CAST(:tags AS text[])) WITH ORDINALITY AS u(t, o) GROUP BY t ORDER BY min(o)),
                       custom = custom || CAST(:custom AS jsonb), updated_at = now()
                WHERE id = :id""");
        for (Write w : writes) bindContact(batch, w).bind("lang", w.draft().lang()).add();
        batch.execute();
    }

    private static PreparedBatch bindContact(PreparedBatch batch, Write w) {
        ContactDraft d = w.draft();
        return batch.bind("id", w.contactId()).bind("name", d.name()).bindArray("kinds", String.class, d.kinds())
                .bind("programme", d.programme()).bind("year", d.graduationYear()).bind("organisation", d.organisation())
                .bind("city", d.city()).bind("postal", w.postalCode()).bind("country", d.country())
                .bindArray("tags", String.class, d.tags()).bind("custom", json(w.custom()));
    }

    /**
     * One identity a row gave; one already held (by this contact or another) stays where it is. {@code first}: the first
     * of its kind the batch gives this contact, primary unless the contact already has one.
     */
    public record Identity(long contactId, String kind, String value, String shown, boolean first) {
    }

    public void insertIdentities(List<Identity> identities) {
        if (identities.isEmpty()) return;
        h.createUpdate("""
                        INSERT INTO contact_identities (contact_id, kind, value, shown, is_primary, source)
                        SELECT r.c, r.k, r.v, r.s, r.first AND NOT EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = r.c AND i.kind = r.k),
                               'import'
                        FROM unnest(:contacts, :kinds, :values, :shown, :firsts) AS r(c, k, v, s, first)
                        ON CONFLICT (kind, value) DO NOTHING""")
                .bindArray("contacts", Long.class, identities.stream().map(Identity::contactId).toList())
                .bindArray("kinds", String.class, column(identities, Identity::kind))
                .bindArray("values", String.class, column(identities, Identity::value))
                .bindArray("shown", String.class, column(identities, Identity::shown))
                .bindArray("firsts", Boolean.class, identities.stream().map(Identity::first).toList())
                .execute();
    }

    // ---------------------------------------------------------------- JSON columns

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> mapping(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ContactImport.Rejection> rejected(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<ContactImport.Rejection>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
