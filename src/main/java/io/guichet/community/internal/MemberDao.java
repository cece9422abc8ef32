package io.guichet.community.internal;

import io.guichet.community.Member;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The members' rows. */
public final class MemberDao {
    public static final String COLUMNS = "m.id, m.contact_id, m.name, m.email, m.lang, m.graduation_year, m.programme, m.city, m.employer, m.job_title, "
            + "m.linkedin, m.skills, m.willing, m.shown_to_members, m.shown_to_staff, m.hidden, m.status, m.created_at";
    public static final RowMapper<Member> MEMBER = (rs, ctx) -> new Member(rs.getLong("id"), (Long) rs.getObject("contact_id"),
            rs.getString("name"), rs.getString("email"), rs.getString("lang"), rs.getInt("graduation_year"), rs.getString("programme"),
            rs.getString("city"), rs.getString("employer"), rs.getString("job_title"), rs.getString("linkedin"), strings(rs.getArray("skills")),
            strings(rs.getArray("willing")), rs.getString("shown_to_members"), rs.getString("shown_to_staff"), rs.getBoolean("hidden"),
            rs.getString("status"), rs.getTimestamp("created_at").toInstant());

    private final Handle h;

    public MemberDao(Handle h) {
        this.h = h;
    }

    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    public record Row(String name, String email, String lang, int year, String programme, String city, String employer, String jobTitle,
                      String linkedin, List<String> skills, List<String> willing, String shownToMembers, String shownToStaff,
                      List<String> terms, List<String> nameTerms, boolean consents) {
    }

    public long insertPending(Row r, Instant now) {
        return h.createQuery("""
                INSERT INTO community_members (name, email, lang, graduation_year, programme, city, employer, job_title, linkedin, skills, willing,
                    shown_to_members, shown_to_staff, terms, name_terms, consents, created_at)
                VALUES (:name, :email, :lang, :year, :programme, :city, :employer, :job, :linkedin, :skills, :willing, :sm, :ss, :terms, :nameTerms, :consents, :now)
                RETURNING id""").bind("name", r.name()).bind("email", r.email()).bind("lang", r.lang()).bind("year", r.year())
                .bind("programme", r.programme()).bind("city", r.city()).bind("employer", r.employer()).bind("linkedin", r.linkedin()).bind("job", r.jobTitle()).bind("sm", r.shownToMembers()).bind("ss", r.shownToStaff())
                .bindArray("skills", String.class, r.skills()).bindArray("willing", String.class, r.willing())
                .bindArray("terms", String.class, r.terms()).bindArray("nameTerms", String.class, r.nameTerms())
                .bind("consents", r.consents()).bind("now", now).mapTo(Long.class).one();
    }

    public boolean consents(long id) {
        return h.createQuery("SELECT consents FROM community_members WHERE id = :id").bind("id", id).mapTo(Boolean.class).one();
    }

    /** Copies a confirmed sign-up onto the member row the contact already has (a second sign-up updates the profile). */
    public void copyProfile(long fromId, long toId) {
        h.createUpdate("""
                UPDATE community_members t SET name = f.name, lang = f.lang, graduation_year = f.graduation_year, programme = f.programme,
                    city = f.city, employer = f.employer, job_title = f.job_title, linkedin = f.linkedin, skills = f.skills, willing = f.willing,
                    shown_to_members = f.shown_to_members, shown_to_staff = f.shown_to_staff, terms = f.terms, name_terms = f.name_terms,
                    status = 'active', hidden = false
                FROM community_members f WHERE f.id = :from AND t.id = :to""").bind("from", fromId).bind("to", toId).execute();
        h.createUpdate("DELETE FROM community_members WHERE id = :id AND status = 'pending'").bind("id", fromId).execute();
    }

    public Optional<Member> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM community_members m WHERE m.id = :id").bind("id", id).map(MEMBER).findOne();
    }

    public Optional<Member> lock(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM community_members m WHERE m.id = :id FOR UPDATE").bind("id", id).map(MEMBER).findOne();
    }

    public Optional<Member> byContact(long contactId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM community_members m WHERE m.contact_id = :c").bind("c", contactId).map(MEMBER).findOne();
    }

    public void activate(long id, long contactId, Instant now) {
        h.createUpdate("UPDATE community_members SET status = 'active', contact_id = :c, confirmed_at = :now WHERE id = :id")
                .bind("id", id).bind("c", contactId).bind("now", now).execute();
    }

    public void setVisibility(long id, String shownToMembers, String shownToStaff, boolean hidden) {
        h.createUpdate("UPDATE community_members SET shown_to_members = :sm, shown_to_staff = :ss, hidden = :hidden WHERE id = :id")
                .bind("id", id).bind("sm", shownToMembers).bind("ss", shownToStaff).bind("hidden", hidden).execute();
    }

    /** Erasure: the row stays (posts point at it) with nothing that names the person. */
    public void anonymise(long contactId) {
        h.createUpdate("""
                UPDATE community_members SET name = '', email = '', city = NULL, employer = NULL, job_title = NULL, linkedin = NULL,
                    skills = '{}', willing = '{}', terms = '{}', name_terms = '{}', hidden = true, status = 'left' WHERE contact_id = :c""")
                .bind("c", contactId).execute();
    }

    public List<Map<String, Object>> export(long contactId) {
        return h.createQuery("SELECT id, name, email, graduation_year, programme, city, employer, job_title, linkedin, skills, willing, "
                + "shown_to_members, shown_to_staff, hidden, status, created_at FROM community_members WHERE contact_id = :c")
                .bind("c", contactId).mapToMap().list();
    }
}
