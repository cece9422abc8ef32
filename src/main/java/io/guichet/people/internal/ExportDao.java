package io.guichet.people.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.people.ContactExport;

import java.util.List;

import org.jdbi.v3.core.Handle;

/** SQL of the contacts export: which contacts, then their lines a chunk at a time. */
public final class ExportDao {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Handle h;

    public ExportDao(Handle h) {
        this.h = h;
    }

    public record Named(long id, String name) {
    }

    public record Line(long id, String name, List<String> emails, List<String> phones, String studentNumber, String lang, List<String> kinds,
                       String programme, Integer graduationYear, String organisation, String city, String postalCode, String country,
                       List<String> tags, JsonNode custom) {
    }

    /** The contacts the filter keeps (not merged away, not erased), by id and name, for sorting. */
    public List<Named> names(ContactExport.Filter f) {
        return h.createQuery("""
                        SELECT c.id, c.name FROM contacts c
                        WHERE c.merged_into IS NULL AND c.erased_at IS NULL
                          AND (CAST(:kind AS text) IS NULL OR :kind = ANY(c.kinds))
                          AND (CAST(:tag AS text) IS NULL OR lower(:tag) = ANY(SELECT lower(t) FROM unnest(c.tags) t))
                          AND (CAST(:programme AS text) IS NULL OR lower(c.programme) = lower(:programme))
                          AND (CAST(:q AS text) IS NULL OR strpos(lower(coalesce(c.name, '')), lower(:q)) > 0
                               OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.kind <> 'visitor'
                                          AND strpos(i.value, lower(:q)) > 0))""")
                .bind("kind", f.kind()).bind("tag", f.tag()).bind("programme", f.programme()).bind("q", f.q())
                .map((rs, ctx) -> new Named(rs.getLong("id"), rs.getString("name"))).list();
    }

    /** These contacts' lines, in the order of the ids given. */
    public List<Line> lines(List<Long> ids) {
        return h.createQuery("""
                        SELECT c.id, c.name, c.lang, c.kinds, c.programme, c.graduation_year, c.organisation, c.city, c.postal_code, c.country,
                               c.tags, c.custom,
                               ARRAY(SELECT coalesce(i.shown, i.value) FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'email'
                                     ORDER BY i.is_primary DESC, i.id) AS emails,
                               ARRAY(SELECT i.value FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'phone'
                                     ORDER BY i.is_primary DESC, i.id) AS phones,
                               (SELECT i.value FROM contact_identities i WHERE i.contact_id = c.id AND i.kind = 'student_number'
                                ORDER BY i.is_primary DESC, i.id LIMIT 1) AS student_number
                        FROM contacts c WHERE c.id = ANY(:ids) ORDER BY array_position(:ids, c.id)""")
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> new Line(rs.getLong("id"), rs.getString("name"), texts(rs.getArray("emails")), texts(rs.getArray("phones")),
                        rs.getString("student_number"), rs.getString("lang"), texts(rs.getArray("kinds")), rs.getString("programme"),
                        (Integer) rs.getObject("graduation_year"), rs.getString("organisation"), rs.getString("city"), rs.getString("postal_code"),
                        rs.getString("country"), texts(rs.getArray("tags")), json(rs.getString("custom")))).list();
    }

    private static List<String> texts(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text == null ? "{}" : text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
