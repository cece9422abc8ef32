package io.guichet.desk.internal;

import io.guichet.desk.Category;
import io.guichet.desk.Faculty;
import io.guichet.desk.Incident;
import io.guichet.desk.Outcome;
import io.guichet.desk.Sitting;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL of faculties, sittings, their professors and students, and incidents. */
public final class DeskDao {
    private final Handle h;

    public DeskDao(Handle h) {
        this.h = h;
    }

    // ---------------------------------------------------------------- faculties

    /** The faculty of this code, created or brought up to date with what the sitting says. */
    public long upsertFaculty(String code, String name, String examOffice, String backupName, String backupEmail) {
        return h.createQuery("""
                        INSERT INTO desk_faculties (code, name, exam_office_email, backup_name, backup_email) VALUES (:code, :name, :office, :bname, :bemail)
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name, exam_office_email = excluded.exam_office_email,
                            backup_name = excluded.backup_name, backup_email = excluded.backup_email
                        RETURNING id""")
                .bind("code", code).bind("name", name).bind("office", examOffice).bind("bname", backupName).bind("bemail", backupEmail)
                .mapTo(Long.class).one();
    }

    public Optional<Faculty> facultyByCode(String code) {
        return h.createQuery("SELECT * FROM desk_faculties WHERE code = :c").bind("c", code).map((rs, c) -> faculty(rs)).findOne();
    }

    public void addFacultyMember(long facultyId, long staffId) {
        h.createUpdate("INSERT INTO desk_faculty_members (faculty_id, staff_id) VALUES (:f, :s) ON CONFLICT DO NOTHING")
                .bind("f", facultyId).bind("s", staffId).execute();
    }

    /** Every faculty, by name. */
    public List<Faculty> faculties() {
        return h.createQuery("SELECT * FROM desk_faculties ORDER BY name, code").map((rs, c) -> faculty(rs)).list();
    }

    /** The account's one faculty from now on. */
    public void setFacultyMember(long facultyId, long staffId) {
        h.createUpdate("DELETE FROM desk_faculty_members WHERE staff_id = :s AND faculty_id <> :f").bind("f", facultyId).bind("s", staffId).execute();
        addFacultyMember(facultyId, staffId);
    }

    public Set<Long> facultyMembers(long facultyId) {
        return Set.copyOf(h.createQuery("SELECT staff_id FROM desk_faculty_members WHERE faculty_id = :f").bind("f", facultyId).mapTo(Long.class).list());
    }

    public Set<Long> facultiesOf(long staffId) {
        return Set.copyOf(h.createQuery("SELECT faculty_id FROM desk_faculty_members WHERE staff_id = :s").bind("s", staffId).mapTo(Long.class).list());
    }

    private static Faculty faculty(ResultSet rs) throws SQLException {
        return new Faculty(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("exam_office_email"),
                rs.getString("backup_name"), rs.getString("backup_email"));
    }

    // ---------------------------------------------------------------- sittings

    /** A new sitting, or empty when one with this reference exists (the caller reads that one). */
    public Optional<Long> insertSitting(String ref, String code, String title, Instant start, int minutes, Sitting.Mode mode, long facultyId, Long resitOf) {
        return h.createQuery("""
                        INSERT INTO desk_sittings (sitting_ref, course_code, course_title, starts_at, duration_minutes, mode, faculty_id, resit_of)
                        VALUES (:ref, :code, :title, :start, :minutes, :mode, :faculty, :resitOf)
                        ON CONFLICT (sitting_ref) DO NOTHING RETURNING id""")
                .bind("ref", ref).bind("code", code).bind("title", title).bind("start", Timestamp.from(start)).bind("minutes", minutes)
                .bind("mode", mode.key()).bind("faculty", facultyId).bind("resitOf", resitOf).mapTo(Long.class).findOne();
    }

    public void addProfessor(long sittingId, Sitting.Professor p) {
        h.createUpdate("INSERT INTO desk_sitting_professors (sitting_id, contact_id, email, name, lang) VALUES (:s, :c, :e, :n, :l) ON CONFLICT DO NOTHING")
                .bind("s", sittingId).bind("c", p.contactId()).bind("e", p.email()).bind("n", p.name()).bind("l", p.lang()).execute();
    }

    public void addStudent(long sittingId, String number) {
        h.createUpdate("INSERT INTO desk_sitting_students (sitting_id, student_number) VALUES (:s, :n) ON CONFLICT DO NOTHING")
                .bind("s", sittingId).bind("n", number).execute();
    }

    private static final String SITTING = """
            SELECT s.*, f.code, f.name, f.exam_office_email, f.backup_name, f.backup_email
            FROM desk_sittings s JOIN desk_faculties f ON f.id = s.faculty_id""";

    public Optional<Sitting> sitting(long id) {
        return h.createQuery(SITTING + " WHERE s.id = :id").bind("id", id).map((rs, c) -> sitting(rs)).findOne().map(this::withPeople);
    }

    public Optional<Sitting> sittingByRef(String ref) {
        return h.createQuery(SITTING + " WHERE s.sitting_ref = :ref").bind("ref", ref).map((rs, c) -> sitting(rs)).findOne().map(this::withPeople);
    }

    /** Sittings overlapping [from, to), by start. */
    public List<Sitting> sittingsBetween(Instant from, Instant to) {
        return h.createQuery(SITTING + " " + """
                         WHERE s.starts_at < :to AND s.starts_at + s.duration_minutes * interval '1 minute' > :from
                         ORDER BY s.starts_at, s.course_code""")
                .bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to)).map((rs, c) -> sitting(rs)).list()
                .stream().map(this::withPeople).toList();
    }

    /** The sittings running at {@code at} that list this student number. */
    public List<Sitting> sittingsOfStudentAt(String studentNumber, Instant at) {
        return h.createQuery(SITTING + " " + """
                         WHERE s.starts_at <= :at AND s.starts_at + s.duration_minutes * interval '1 minute' > :at
                           AND s.id IN (SELECT sitting_id FROM desk_sitting_students WHERE student_number = :n)
                         ORDER BY s.starts_at, s.course_code LIMIT 20""")
                .bind("at", Timestamp.from(at)).bind("n", studentNumber).map((rs, c) -> sitting(rs)).list()
                .stream().map(this::withPeople).toList();
    }

    /** A contact's incidents with no outcome yet, newest first. */
    public List<Long> openIncidentsOf(long contactId, int limit) {
        return h.createQuery("SELECT id FROM desk_incidents WHERE contact_id = :c AND outcome_kind IS NULL ORDER BY created_at DESC, id DESC LIMIT :n")
                .bind("c", contactId).bind("n", limit).mapTo(Long.class).list();
    }

    private Sitting withPeople(Sitting s) {
        List<Sitting.Professor> profs = h.createQuery("SELECT contact_id, email, name, lang FROM desk_sitting_professors WHERE sitting_id = :s ORDER BY name")
                .bind("s", s.id()).map((rs, c) -> new Sitting.Professor(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        List<String> students = h.createQuery("SELECT student_number FROM desk_sitting_students WHERE sitting_id = :s ORDER BY student_number")
                .bind("s", s.id()).mapTo(String.class).list();
        return new Sitting(s.id(), s.ref(), s.courseCode(), s.courseTitle(), s.startsAt(), s.durationMinutes(), s.mode(), s.faculty(), s.resitOf(), profs, students);
    }

    private static Sitting sitting(ResultSet rs) throws SQLException {
        long resit = rs.getLong("resit_of");
        Faculty f = new Faculty(rs.getLong("faculty_id"), rs.getString("code"), rs.getString("name"), rs.getString("exam_office_email"),
                rs.getString("backup_name"), rs.getString("backup_email"));
        return new Sitting(rs.getLong("id"), rs.getString("sitting_ref"), rs.getString("course_code"), rs.getString("course_title"),
                rs.getTimestamp("starts_at").toInstant(), rs.getInt("duration_minutes"), Sitting.Mode.of(rs.getString("mode")), f,
                rs.wasNull() ? null : resit, List.of(), List.of());
    }

    // ---------------------------------------------------------------- incidents

    public record NewIncident(String clientId, long sittingId, long contactId, Category category, String description, Instant startedAt,
                              Long conversationId, String callId, boolean afterEnd, long createdBy, Instant now) {
    }

    /** A new incident, or empty when this client id was already used (the caller reads that one). */
    public Optional<Long> insertIncident(NewIncident i) {
        return h.createQuery("""
                        INSERT INTO desk_incidents (client_id, sitting_id, contact_id, category, description, started_at, conversation_id, call_id,
                            after_end, created_by, created_at, notified_at)
                        VALUES (:client, :sitting, :contact, :category, :description, :started, :conversation, :call, :afterEnd, :by, :now, :now)
                        ON CONFLICT (client_id) DO NOTHING RETURNING id""")
                .bind("client", i.clientId()).bind("sitting", i.sittingId()).bind("contact", i.contactId()).bind("category", i.category().key())
                .bind("description", i.description()).bind("started", Timestamp.from(i.startedAt())).bind("conversation", i.conversationId())
                .bind("call", i.callId()).bind("afterEnd", i.afterEnd()).bind("by", i.createdBy()).bind("now", Timestamp.from(i.now()))
                .mapTo(Long.class).findOne();
    }

    public Optional<Long> incidentByClientId(String clientId) {
        return h.createQuery("SELECT id FROM desk_incidents WHERE client_id = :c").bind("c", clientId).mapTo(Long.class).findOne();
    }

    /** The incident's row, locked until the transaction ends (two acknowledgements at once: one records it). */
    public void lockIncident(long id) {
        h.createQuery("SELECT id FROM desk_incidents WHERE id = :id FOR UPDATE").bind("id", id).mapTo(Long.class).findOne();
    }

    /** Records the first acknowledgement; false when there already was one. */
    public boolean acknowledge(long id, Instant at, String by) {
        return h.createUpdate("UPDATE desk_incidents SET acknowledged_at = :at, acknowledged_by = :by WHERE id = :id AND acknowledged_at IS NULL")
                .bind("id", id).bind("at", Timestamp.from(at)).bind("by", by).execute() == 1;
    }

    public void recordOutcome(long id, Outcome o) {
        h.createUpdate("""
                        UPDATE desk_incidents SET outcome_kind = :kind, outcome_message = :message, outcome_extra_minutes = :extra, oral_at = :oralAt,
                            oral_where = :oralWhere, resit_sitting_id = :resit, outcome_at = :at, outcome_by = :by WHERE id = :id""")
                .bind("id", id).bind("kind", o.kind().key()).bind("message", o.message()).bind("extra", o.extraMinutes())
                .bind("oralAt", o.oralAt() == null ? null : Timestamp.from(o.oralAt())).bind("oralWhere", o.oralWhere()).bind("resit", o.resitSittingId())
                .bind("at", Timestamp.from(o.at())).bind("by", o.by()).execute();
    }

    /** Incidents created before {@code before} that nobody acknowledged and that have not escalated yet. */
    public List<Long> dueForEscalation(Instant before) {
        return h.createQuery("SELECT id FROM desk_incidents WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND created_at <= :before ORDER BY id")
                .bind("before", Timestamp.from(before)).mapTo(Long.class).list();
    }

    /** Marks the escalation once: false when another node (or an acknowledgement) came first. */
    public boolean escalate(long id, Instant at) {
        return h.createUpdate("UPDATE desk_incidents SET escalated_at = :at WHERE id = :id AND escalated_at IS NULL AND acknowledged_at IS NULL")
                .bind("id", id).bind("at", Timestamp.from(at)).execute() == 1;
    }

    public record Row(long id, String clientId, long sittingId, long contactId, Category category, String description, Instant startedAt,
                      Long conversationId, String callId, boolean afterEnd, Instant createdAt, Instant notifiedAt, Instant acknowledgedAt,
                      String acknowledgedBy, Instant escalatedAt, Outcome outcome) {
    }

    private static final String INCIDENT = "SELECT * FROM desk_incidents";

    public Optional<Row> incident(long id) {
        return h.createQuery(INCIDENT + " WHERE id = :id").bind("id", id).map((rs, c) -> row(rs)).findOne();
    }

    /** Which incidents a list shows; {@code faculties} null is every faculty's (the helpdesk), else only theirs. */
    public record IncidentQuery(Long sittingId, Set<Long> faculties, Category category, Incident.State state, Instant createdBefore) {
    }

    /** Incidents newest first, filtered in SQL so a page of a busy morning reads only its rows. */
    public List<Row> incidents(IncidentQuery q, int limit, int offset) {
        String state = q.state() == null ? "TRUE" : switch (q.state()) {
            case OPEN -> "outcome_kind IS NULL AND acknowledged_at IS NULL AND escalated_at IS NULL";
            case ESCALATED -> "outcome_kind IS NULL AND acknowledged_at IS NULL AND escalated_at IS NOT NULL";
            case ACKNOWLEDGED -> "outcome_kind IS NULL AND acknowledged_at IS NOT NULL";
            case DECIDED -> "outcome_kind IS NOT NULL";
        };
        return h.createQuery(INCIDENT + " " + """
                         WHERE (CAST(:sitting AS BIGINT) IS NULL OR sitting_id = :sitting)
                           AND (CAST(:allFaculties AS BOOLEAN) OR sitting_id IN (SELECT id FROM desk_sittings WHERE faculty_id = ANY(:faculties)))
                           AND (CAST(:category AS TEXT) IS NULL OR category = :category)
                           AND (CAST(:before AS TIMESTAMPTZ) IS NULL OR created_at <= :before)
                           AND\s""" + state + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("sitting", q.sittingId()).bind("allFaculties", q.faculties() == null)
                .bind("faculties", (q.faculties() == null ? Set.<Long>of() : q.faculties()).toArray(new Long[0]))
                .bind("category", q.category() == null ? null : q.category().key())
                .bind("before", q.createdBefore() == null ? null : Timestamp.from(q.createdBefore()))
                .bind("limit", limit).bind("offset", offset).map((rs, c) -> row(rs)).list();
    }

    /** Per sitting: how many incidents, and how many nobody has acknowledged or decided yet. */
    public record Counts(int total, int waiting) {
    }

    public java.util.Map<Long, Counts> counts(List<Long> sittingIds) {
        java.util.Map<Long, Counts> counts = new java.util.HashMap<>();
        h.createQuery("""
                        SELECT sitting_id, count(*) AS total, count(*) FILTER (WHERE acknowledged_at IS NULL AND outcome_kind IS NULL) AS waiting
                        FROM desk_incidents WHERE sitting_id = ANY(:ids) GROUP BY sitting_id""")
                .bind("ids", sittingIds.toArray(new Long[0]))
                .map((rs, c) -> java.util.Map.entry(rs.getLong(1), new Counts(rs.getInt(2), rs.getInt(3))))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long optLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String kind = rs.getString("outcome_kind");
        Integer extra = (Integer) rs.getObject("outcome_extra_minutes");
        Outcome outcome = kind == null ? null : new Outcome(Outcome.Kind.of(kind), rs.getString("outcome_message"), extra, instant(rs, "oral_at"),
                rs.getString("oral_where"), optLong(rs, "resit_sitting_id"), instant(rs, "outcome_at"), rs.getString("outcome_by"));
        return new Row(rs.getLong("id"), rs.getString("client_id"), rs.getLong("sitting_id"), rs.getLong("contact_id"), Category.of(rs.getString("category")),
                rs.getString("description"), instant(rs, "started_at"), optLong(rs, "conversation_id"), rs.getString("call_id"), rs.getBoolean("after_end"),
                instant(rs, "created_at"), instant(rs, "notified_at"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                instant(rs, "escalated_at"), outcome);
    }

    // ---------------------------------------------------------------- the student's rating

    /** The student's rating of an incident; false when it was rated already (once, ever). */
    public boolean rate(long incidentId, int score, String comment, Instant at) {
        return h.createUpdate("""
                        INSERT INTO desk_incident_ratings (incident_id, score, comment, rated_at) VALUES (:id, :score, :comment, :at)
                        ON CONFLICT (incident_id) DO NOTHING""")
                .bind("id", incidentId).bind("score", score).bind("comment", comment).bind("at", Timestamp.from(at)).execute() == 1;
    }

    public Optional<Incident.Rating> rating(long incidentId) {
        return h.createQuery("SELECT score, comment, rated_at FROM desk_incident_ratings WHERE incident_id = :id").bind("id", incidentId)
                .map((rs, c) -> new Incident.Rating(rs.getInt("score"), rs.getString("comment"), rs.getTimestamp("rated_at").toInstant())).findOne();
    }
}
