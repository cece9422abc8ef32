package io.guichet.people.internal;

import io.guichet.people.ContactField;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** SQL of the contacts' custom field definitions; their values live in {@code contacts.custom}. */
public final class FieldDao {
    private static final RowMapper<ContactField> FIELD = (rs, ctx) -> new ContactField(rs.getString("key"), rs.getString("label_fr"),
            rs.getString("label_en"), ContactField.Type.of(rs.getString("type")), ContactDao.strings(rs.getArray("choices")), rs.getInt("position"));
    private final Handle h;

    public FieldDao(Handle h) {
        this.h = h;
    }

    public List<ContactField> all() {
        return h.createQuery("SELECT * FROM contact_fields ORDER BY position, key").map(FIELD).list();
    }

    public Optional<ContactField> find(String key) {
        return h.createQuery("SELECT * FROM contact_fields WHERE key = :k").bind("k", key).map(FIELD).findOne();
    }

    /** False when the key is taken. */
    public boolean insert(ContactField f) {
        return h.createUpdate("""
                        INSERT INTO contact_fields (key, label_fr, label_en, type, choices, position) VALUES (:k, :fr, :en, :t, :c, :p)
                        ON CONFLICT (key) DO NOTHING""")
                .bind("k", f.key()).bind("fr", f.labelFr()).bind("en", f.labelEn()).bind("t", f.type().code())
                .bindArray("c", String.class, f.choices()).bind("p", f.position()).execute() == 1;
    }

    public void update(ContactField f) {
        h.createUpdate("UPDATE contact_fields SET label_fr = :fr, label_en = :en, choices = :c, position = :p WHERE key = :k")
                .bind("k", f.key()).bind("fr", f.labelFr()).bind("en", f.labelEn())
                .bindArray("c", String.class, f.choices()).bind("p", f.position()).execute();
    }

    /** Removes the definition and every contact's value of it. */
    public void delete(String key) {
        h.createUpdate("UPDATE contacts SET custom = custom - :k WHERE (custom -> :k) IS NOT NULL").bind("k", key).execute();
        h.createUpdate("DELETE FROM contact_fields WHERE key = :k").bind("k", key).execute();
    }

    /** How many contacts hold a value of the field that is not among these choices (a choice being removed). */
    public long valuesOutside(String key, List<String> choices) {
        return h.createQuery("SELECT count(*) FROM contacts WHERE (custom -> :k) IS NOT NULL AND NOT (custom ->> :k = ANY(:c))")
                .bind("k", key).bindArray("c", String.class, choices).mapTo(Long.class).one();
    }
}
