package io.guichet.people.internal;

import io.guichet.people.ConsentLedger.Change;
import io.guichet.people.ConsentLedger.Entry;
import io.guichet.platform.mail.Purpose;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** SQL of the consent ledger: rows are only ever added (a trigger refuses updates). */
public final class ConsentDao {
    private static final RowMapper<Entry> ENTRY = (rs, ctx) -> new Entry(rs.getLong("id"), rs.getLong("contact_id"),
            Purpose.of(rs.getString("purpose")), "granted".equals(rs.getString("state")), rs.getString("basis"), rs.getString("ground"),
            instant(rs.getTimestamp("ground_at")), rs.getString("source"), rs.getString("wording_fr"), rs.getString("wording_en"),
            (Long) rs.getObject("staff_id"), rs.getTimestamp("at").toInstant());
    private static final String COLUMNS = "id, contact_id, purpose, state, basis, ground, ground_at, source, wording_fr, wording_en, staff_id, at";

    private final Handle h;

    public ConsentDao(Handle h) {
        this.h = h;
    }

    public Entry insert(long contactId, Change c, Long staffId, Instant at) {
        return h.createQuery("""
                        INSERT INTO contact_consents (contact_id, purpose, state, basis, ground, ground_at, source, wording_fr, wording_en, staff_id, at)
                        VALUES (:contact, :purpose, :state, :basis, :ground, :groundAt, :source, :fr, :en, :staff, :at)
                        RETURNING\s""" + COLUMNS)
                .bind("contact", contactId).bind("purpose", c.purpose().key()).bind("state", c.granted() ? "granted" : "withdrawn")
                .bind("basis", c.basis()).bind("ground", c.ground()).bind("groundAt", c.groundAt() == null ? null : Timestamp.from(c.groundAt()))
                .bind("source", c.source()).bind("fr", c.wordingFr()).bind("en", c.wordingEn()).bind("staff", staffId)
                .bind("at", Timestamp.from(at)).map(ENTRY).one();
    }

    /**
     * The person's ledger, oldest first: the entries of the contact, read as the one it was merged into if it was,
     * together with those of every contact merged into that one. They are one person, so a grant given under either
     * counts and a later withdrawal under either wins (ContactMerges). Erasure erases the merged contacts too, so an
     * erased person's ledger holds withdrawals only.
     */
    public List<Entry> entries(long contactId) {
        return ledger(contactId, null);
    }

    /** What decides a mail: the person's ledger for one purpose. */
    public List<Entry> entriesForMail(long contactId, Purpose purpose) {
        return ledger(contactId, purpose);
    }

    private List<Entry> ledger(long contactId, Purpose purpose) {
        return h.createQuery("""
                        WITH target AS (SELECT coalesce(merged_into, id) AS id FROM contacts WHERE id = :c)
                        SELECT\s""" + COLUMNS + """
                         FROM contact_consents
                        WHERE (CAST(:p AS text) IS NULL OR purpose = :p)
                          AND contact_id IN (SELECT c.id FROM contacts c, target t WHERE c.id = t.id OR c.merged_into = t.id)
                        ORDER BY at, id""")
                .bind("c", contactId).bind("p", purpose == null ? null : purpose.key()).map(ENTRY).list();
    }

    /** Erasure keeps only what proves a withdrawal was honoured: the grants go, with the words the person was shown. */
    public void deleteGrants(long contactId) {
        h.createUpdate("DELETE FROM contact_consents WHERE contact_id = :c AND state = 'granted'").bind("c", contactId).execute();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
