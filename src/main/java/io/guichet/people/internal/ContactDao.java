package io.guichet.people.internal;

import io.guichet.people.Contact;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;

/** SQL of the people module. */
public final class ContactDao {
    private static final RowMapper<Contact> CONTACT = (rs, ctx) -> new Contact(rs.getLong("id"),
            rs.getString("name"), rs.getString("email"), rs.getString("lang"), rs.getTimestamp("created_at").toInstant());
    /** A contact's columns, with its primary email from its identities. */
    private static final String COLUMNS = "c.id, c.name, c.lang, c.created_at, (SELECT i.shown FROM contact_identities i "
            + "WHERE i.contact_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC, i.id LIMIT 1) AS email";

    private final Handle h;

    public ContactDao(Handle h) {
        this.h = h;
    }

    public long insert(String name, String lang) {
        return h.createQuery("INSERT INTO contacts (name, lang) VALUES (:n, :l) RETURNING id")
                .bind("n", name).bind("l", lang).mapTo(Long.class).one();
    }

    public void insertVisitorSession(String tokenHash, long contactId) {
        h.createUpdate("INSERT INTO contact_identities (contact_id, kind, value) VALUES (:c, 'visitor', :t)")
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

    public void update(long id, String name, String lang) {
        h.createUpdate("UPDATE contacts SET name = coalesce(:n, name), lang = coalesce(:l, lang), updated_at = now() WHERE id = :id")
                .bind("id", id).bind("n", name).bind("l", lang).execute();
    }

    /** Adds an email the contact gave; one already known (to this contact or another) is left where it is. */
    public void addEmail(long contactId, String email) {
        h.createUpdate("INSERT INTO contact_identities (contact_id, kind, value, shown, is_primary) "
                        + "VALUES (:c, 'email', lower(:e), :e, NOT EXISTS (SELECT 1 FROM contact_identities "
                        + "WHERE contact_id = :c AND kind = 'email')) ON CONFLICT (kind, value) DO NOTHING")
                .bind("c", contactId).bind("e", email).execute();
    }
}
