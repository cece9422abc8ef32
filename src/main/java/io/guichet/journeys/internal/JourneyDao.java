package io.guichet.journeys.internal;

import io.guichet.journeys.DueRule;
import io.guichet.journeys.Journey;
import io.guichet.journeys.StepState;
import io.guichet.journeys.Template;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of templates, enrolments, progress and reminders. */
public final class JourneyDao {
    private final Handle h;

    public JourneyDao(Handle h) {
        this.h = h;
    }

    // ---------------------------------------------------------------- templates

    public long nextVersion(long familyId) {
        return h.createQuery("SELECT coalesce(max(version), 0) + 1 FROM journey_templates WHERE family_id = :f")
                .bind("f", familyId).mapTo(Long.class).one();
    }

    /** Locks a family while a version is added, so two edits at once make versions n+1 and n+2. */
    public void lockFamily(long familyId) {
        // a family's id is its first version's: that row is the family's lock
        h.createQuery("SELECT id FROM journey_templates WHERE id = :f FOR UPDATE").bind("f", familyId).mapTo(Long.class).findOne();
    }

    /** A new version of {@code familyId}, or with null the first version of a new template (its family is its own id). */
    public long insertTemplate(Long familyId, int version, String nameFr, String nameEn, LocalDate termStart, long createdBy) {
        long id = h.createQuery("""
                        INSERT INTO journey_templates (family_id, version, name_fr, name_en, term_start, created_by)
                        VALUES (coalesce(:family, 0), :version, :fr, :en, :term, :by) RETURNING id""")
                .bind("family", familyId).bind("version", version).bind("fr", nameFr).bind("en", nameEn).bind("term", termStart).bind("by", createdBy)
                .mapTo(Long.class).one();
        if (familyId == null) h.createUpdate("UPDATE journey_templates SET family_id = id WHERE id = :id").bind("id", id).execute();
        return id;
    }

    public void insertStep(long templateId, Template.Step s) {
        h.createUpdate("""
                        INSERT INTO journey_steps (template_id, position, step_key, title_fr, title_en, help_fr, help_en, service_id,
                            document_required, accepted_types, max_bytes, approval_required, due_kind, due_date, due_days, due_after_key)
                        VALUES (:t, :position, :key, :titleFr, :titleEn, :helpFr, :helpEn, :service, :doc, :types, :max, :approval,
                            :dueKind, :dueDate, :dueDays, :dueAfter)""")
                .bind("t", templateId).bind("position", s.position()).bind("key", s.key()).bind("titleFr", s.titleFr()).bind("titleEn", s.titleEn())
                .bind("helpFr", s.helpFr()).bind("helpEn", s.helpEn()).bind("service", s.serviceId()).bind("doc", s.documentRequired())
                .bindArray("types", String.class, s.acceptedTypes()).bind("max", s.maxBytes()).bind("approval", s.approvalRequired())
                .bind("dueKind", s.due().kind().key()).bind("dueDate", s.due().date()).bind("dueDays", s.due().days()).bind("dueAfter", s.due().afterStep())
                .execute();
    }

    private record Head(long id, long familyId, int version, boolean latest, String nameFr, String nameEn, LocalDate termStart) {
    }

    private static final String HEAD = """
            SELECT t.id, t.family_id, t.version, t.name_fr, t.name_en, t.term_start,
                   t.version = (SELECT max(version) FROM journey_templates x WHERE x.family_id = t.family_id) AS latest
            FROM journey_templates t""";

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getLong("id"), rs.getLong("family_id"), rs.getInt("version"), rs.getBoolean("latest"), rs.getString("name_fr"),
                rs.getString("name_en"), rs.getObject("term_start", LocalDate.class));
    }

    public Optional<Template> template(long id) {
        return h.createQuery(HEAD + " WHERE t.id = :id").bind("id", id).map((rs, c) -> head(rs)).findOne().map(this::withSteps);
    }

    /** The newest version of each template, by French name. */
    public List<Template> latestTemplates() {
        return h.createQuery(HEAD + " WHERE t.version = (SELECT max(version) FROM journey_templates x WHERE x.family_id = t.family_id) ORDER BY t.name_fr, t.id")
                .map((rs, c) -> head(rs)).list().stream().map(this::withSteps).toList();
    }

    public Optional<Long> latestOf(long familyId) {
        return h.createQuery("SELECT id FROM journey_templates WHERE family_id = :f ORDER BY version DESC LIMIT 1")
                .bind("f", familyId).mapTo(Long.class).findOne();
    }

    private Template withSteps(Head head) {
        List<Template.Step> steps = h.createQuery("SELECT * FROM journey_steps WHERE template_id = :t ORDER BY position")
                .bind("t", head.id()).map((rs, c) -> new Template.Step(rs.getLong("id"), rs.getString("step_key"), rs.getInt("position"),
                        rs.getString("title_fr"), rs.getString("title_en"), rs.getString("help_fr"), rs.getString("help_en"),
                        (Long) rs.getObject("service_id", Long.class), rs.getBoolean("document_required"), strings(rs.getArray("accepted_types")),
                        rs.getInt("max_bytes"), rs.getBoolean("approval_required"),
                        new DueRule(DueRule.Kind.of(rs.getString("due_kind")), rs.getObject("due_date", LocalDate.class),
                                (Integer) rs.getObject("due_days", Integer.class), rs.getString("due_after_key"))))
                .list();
        return new Template(head.id(), head.familyId(), head.version(), head.latest(), head.nameFr(), head.nameEn(), head.termStart(), steps);
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    // ---------------------------------------------------------------- enrolments

    private static final String ENROLMENT = "SELECT id, template_id, family_id, contact_id, email, name, lang, enrolled_at, term_start FROM journey_enrolments";

    private static Journey.Enrolment enrolment(ResultSet rs) throws SQLException {
        return new Journey.Enrolment(rs.getLong("id"), rs.getLong("template_id"), rs.getLong("family_id"), rs.getLong("contact_id"),
                rs.getString("email"), rs.getString("name"), rs.getString("lang"), rs.getTimestamp("enrolled_at").toInstant(),
                rs.getObject("term_start", LocalDate.class));
    }

    /** Inserts the enrolment unless the contact is already on this template (any version); empty when they were. */
    public Optional<Long> insertEnrolment(long familyId, long templateId, long contactId, String email, String name, String lang, Instant at,
                                          LocalDate termStart) {
        return h.createQuery("""
                        INSERT INTO journey_enrolments (family_id, template_id, contact_id, email, name, lang, enrolled_at, term_start)
                        VALUES (:f, :t, :c, :email, :name, :lang, :at, :term) ON CONFLICT (family_id, contact_id) DO NOTHING RETURNING id""")
                .bind("f", familyId).bind("t", templateId).bind("c", contactId).bind("email", email).bind("name", name).bind("lang", lang)
                .bind("at", Timestamp.from(at)).bind("term", termStart).mapTo(Long.class).findOne();
    }

    public Optional<Journey.Enrolment> enrolment(long id) {
        return h.createQuery(ENROLMENT + " WHERE id = :id").bind("id", id).map((rs, c) -> enrolment(rs)).findOne();
    }

    /** The enrolment in this family of any of these contacts (one person: a contact and those merged into it), the oldest. */
    public Optional<Journey.Enrolment> enrolmentOf(long familyId, Collection<Long> contactIds) {
        return h.createQuery(ENROLMENT + " WHERE family_id = :f AND contact_id = ANY(:c) ORDER BY id LIMIT 1").bind("f", familyId)
                .bindArray("c", Long.class, contactIds).map((rs, c) -> enrolment(rs)).findOne();
    }

    public List<Journey.Enrolment> enrolmentsByEmail(String email) {
        return h.createQuery(ENROLMENT + " WHERE lower(email) = lower(:e) ORDER BY id").bind("e", email).map((rs, c) -> enrolment(rs)).list();
    }

    /** The enrolments of every version of a template family, by name. */
    public List<Journey.Enrolment> enrolmentsOfFamily(long familyId) {
        return h.createQuery(ENROLMENT + " WHERE family_id = :f ORDER BY lower(coalesce(name, email)), id").bind("f", familyId)
                .map((rs, c) -> enrolment(rs)).list();
    }

    public List<Journey.Enrolment> enrolmentsOfContacts(Collection<Long> contactIds) {
        return h.createQuery(ENROLMENT + " WHERE contact_id = ANY(:c) ORDER BY id").bindArray("c", Long.class, contactIds)
                .map((rs, c) -> enrolment(rs)).list();
    }

    public List<Journey.Enrolment> allEnrolments() {
        return h.createQuery(ENROLMENT + " ORDER BY id").map((rs, c) -> enrolment(rs)).list();
    }

    public void moveEnrolment(long enrolmentId, long templateId) {
        h.createUpdate("UPDATE journey_enrolments SET template_id = :t WHERE id = :id").bind("t", templateId).bind("id", enrolmentId).execute();
    }

    /** Locks the enrolment's row: a decision and an upload on one step are applied one after the other. */
    public void lockEnrolment(long enrolmentId) {
        h.createQuery("SELECT id FROM journey_enrolments WHERE id = :id FOR UPDATE").bind("id", enrolmentId).mapTo(Long.class).findOne();
    }

    // ---------------------------------------------------------------- progress

    public record Progress(String stepKey, StepState state, String reason, Instant changedAt) {
    }

    /** The progress of these enrolments, by enrolment: one read for a whole board. */
    public Map<Long, List<Progress>> progress(Collection<Long> enrolmentIds) {
        Map<Long, List<Progress>> byEnrolment = new HashMap<>();
        if (enrolmentIds.isEmpty()) return byEnrolment;
        h.createQuery("SELECT enrolment_id, step_key, state, reason, changed_at FROM journey_progress WHERE enrolment_id = ANY(:e)")
                .bindArray("e", Long.class, enrolmentIds)
                .map((rs, c) -> Map.entry(rs.getLong("enrolment_id"), new Progress(rs.getString("step_key"), StepState.of(rs.getString("state")),
                        rs.getString("reason"), rs.getTimestamp("changed_at").toInstant())))
                .forEach(e -> byEnrolment.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(e.getValue()));
        return byEnrolment;
    }

    public void setProgress(long enrolmentId, String stepKey, StepState state, String reason, Instant at, Long decidedBy) {
        h.createUpdate("""
                        INSERT INTO journey_progress (enrolment_id, step_key, state, reason, changed_at, decided_by) VALUES (:e, :k, :s, :r, :at, :by)
                        ON CONFLICT (enrolment_id, step_key) DO UPDATE SET state = :s, reason = :r, changed_at = :at, decided_by = :by""")
                .bind("e", enrolmentId).bind("k", stepKey).bind("s", state.key()).bind("r", reason).bind("at", Timestamp.from(at)).bind("by", decidedBy)
                .execute();
    }

    // ---------------------------------------------------------------- chats

    public void insertChat(String tokenHash, long enrolmentId, Instant at) {
        h.createUpdate("INSERT INTO journey_chats (token_hash, enrolment_id, opened_at) VALUES (:t, :e, :at) ON CONFLICT DO NOTHING")
                .bind("t", tokenHash).bind("e", enrolmentId).bind("at", Timestamp.from(at)).execute();
    }

    public Optional<Long> enrolmentOfChat(String tokenHash) {
        return h.createQuery("SELECT enrolment_id FROM journey_chats WHERE token_hash = :t").bind("t", tokenHash).mapTo(Long.class).findOne();
    }

    // ---------------------------------------------------------------- reminders

    public void insertReminder(long enrolmentId, Instant at, long mailId, List<String> steps, int late) {
        h.createUpdate("INSERT INTO journey_reminders (enrolment_id, sent_at, mail_id, steps, late) VALUES (:e, :at, :m, :s, :late)")
                .bind("e", enrolmentId).bind("at", Timestamp.from(at)).bind("m", mailId).bindArray("s", String.class, steps).bind("late", late).execute();
    }

    public List<Journey.Reminder> reminders(long enrolmentId) {
        return h.createQuery("SELECT sent_at, steps, late FROM journey_reminders WHERE enrolment_id = :e ORDER BY sent_at DESC")
                .bind("e", enrolmentId).map((rs, c) -> new Journey.Reminder(rs.getTimestamp("sent_at").toInstant(), strings(rs.getArray("steps")), rs.getInt("late")))
                .list();
    }

    public Optional<Instant> lastReminder(long enrolmentId) {
        return h.createQuery("SELECT max(sent_at) FROM journey_reminders WHERE enrolment_id = :e").bind("e", enrolmentId)
                .map((rs, c) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).findOne();
    }

    // ---------------------------------------------------------------- personal data

    public String personalDataJson(long contactId) {
        return h.createQuery("""
                        SELECT coalesce(jsonb_agg(jsonb_build_object('enrolment', e.id, 'template', t.name_fr, 'templateEn', t.name_en,
                            'version', t.version, 'email', e.email, 'name', e.name, 'lang', e.lang, 'enrolledAt', e.enrolled_at, 'termStart', e.term_start,
                            'steps', (SELECT coalesce(jsonb_agg(jsonb_build_object('step', p.step_key, 'state', p.state, 'reason', p.reason,
                                'changedAt', p.changed_at) ORDER BY p.changed_at), '[]') FROM journey_progress p WHERE p.enrolment_id = e.id),
                            'documents', (SELECT coalesce(jsonb_agg(jsonb_build_object('step', d.step_key, 'name', d.name, 'contentType', d.content_type,
                                'size', d.size, 'sha256', d.sha256, 'uploadedAt', d.uploaded_at, 'current', d.current) ORDER BY d.id), '[]')
                                FROM journey_documents d WHERE d.enrolment_id = e.id),
                            'reminders', (SELECT coalesce(jsonb_agg(jsonb_build_object('sentAt', r.sent_at, 'steps', r.steps, 'late', r.late)
                                ORDER BY r.sent_at), '[]') FROM journey_reminders r WHERE r.enrolment_id = e.id)) ORDER BY e.id), '[]')
                        FROM journey_enrolments e JOIN journey_templates t ON t.id = e.template_id WHERE e.contact_id = :c""")
                .bind("c", contactId).mapTo(String.class).one();
    }

    public void eraseOfContact(long contactId, boolean delete) {
        String mine = "SELECT id FROM journey_enrolments WHERE contact_id = :c";
        h.createUpdate("DELETE FROM journey_documents WHERE enrolment_id IN (" + mine + ")").bind("c", contactId).execute();
        if (delete) {
            h.createUpdate("DELETE FROM journey_enrolments WHERE contact_id = :c").bind("c", contactId).execute(); // progress, reminders cascade
            return;
        }
        h.createUpdate("UPDATE journey_progress SET reason = NULL WHERE enrolment_id IN (" + mine + ")").bind("c", contactId).execute();
        h.createUpdate("UPDATE journey_enrolments SET email = '', name = NULL WHERE contact_id = :c").bind("c", contactId).execute();
    }
}
