package io.guichet.people.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.guichet.people.ContactFilter;
import io.guichet.people.Segment;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the saved segments: a name and the list's parameters as JSON. */
public final class SegmentDao {
    private static final RowMapper<Segment> SEGMENT = (rs, ctx) -> new Segment(rs.getLong("id"), rs.getString("name"),
            ContactFilter.parse(params(rs.getString("filter"))), (Long) rs.getObject("created_by"), rs.getTimestamp("created_at").toInstant());
    private final Handle h;

    public SegmentDao(Handle h) {
        this.h = h;
    }

    /** The new segment's id, or empty when the name is taken. */
    public Optional<Long> insert(String name, ContactFilter filter, Long staffId) {
        return h.createQuery("""
                        INSERT INTO contact_segments (name, filter, created_by) VALUES (:n, CAST(:f AS jsonb), :s)
                        ON CONFLICT ((lower(name))) DO NOTHING RETURNING id""")
                .bind("n", name).bind("f", ContactDao.json(filter.toParams())).bind("s", staffId).mapTo(Long.class).findOne();
    }

    public List<Segment> all() {
        return h.createQuery("SELECT * FROM contact_segments ORDER BY lower(name), id").map(SEGMENT).list();
    }

    public Optional<Segment> find(long id) {
        return h.createQuery("SELECT * FROM contact_segments WHERE id = :id").bind("id", id).map(SEGMENT).findOne();
    }

    public boolean delete(long id) {
        return h.createUpdate("DELETE FROM contact_segments WHERE id = :id").bind("id", id).execute() == 1;
    }

    private static Map<String, String> params(String json) {
        try {
            return ContactDao.JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact_segments.filter is not a JSON object of strings", e);
        }
    }
}
