package io.guichet.people.internal;

import io.guichet.people.Contact;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;

/** SQL of the people module. */
public final class ContactDao {
    private static final RowMapper<Contact> CONTACT = (rs, ctx) -> new Contact(rs.getLong("id"),
            rs.getString("name"), rs.getString("email"), rs.getString("lang"), rs.getString("kind"),
            rs.getTimestamp("created_at").toInstant());
    private static final String COLUMNS = "id, name, email, lang, kind, created_at";

    private final Handle h;

    public ContactDao(Handle h) {
        this.h = h;
    }

    public Contact insert(String name, String email, String lang) {
        return h.createQuery("INSERT INTO contacts (name, email, lang) VALUES (:n, :e, :l) RETURNING " + COLUMNS)
                .bind("n", name).bind("e", email).bind("l", lang).map(CONTACT).one();
    }

    public void insertVisitorSession(String tokenHash, long contactId) {
        h.createUpdate("INSERT INTO visitor_sessions (token_hash, contact_id) VALUES (:t, :c)")
                .bind("t", tokenHash).bind("c", contactId).execute();
    }

    public Optional<Contact> byVisitorToken(String tokenHash) {
        return h.createQuery("SELECT c.id, c.name, c.email, c.lang, c.kind, c.created_at FROM visitor_sessions v "
                        + "JOIN contacts c ON c.id = v.contact_id WHERE v.token_hash = :t")
                .bind("t", tokenHash).map(CONTACT).findOne();
    }

    public Optional<Contact> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM contacts WHERE id = :id").bind("id", id).map(CONTACT).findOne();
    }

    public void update(long id, String name, String email, String lang) {
        h.createUpdate("UPDATE contacts SET name = coalesce(:n, name), email = coalesce(:e, email), "
                        + "lang = coalesce(:l, lang), updated_at = now() WHERE id = :id")
                .bind("id", id).bind("n", name).bind("e", email).bind("l", lang).execute();
    }
}
