package io.guichet.people.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
