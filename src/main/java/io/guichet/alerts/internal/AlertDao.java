package io.guichet.alerts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.alerts.Alert;
import io.guichet.alerts.AlertRecipient;
import io.guichet.alerts.AlertTemplate;
import io.guichet.alerts.AuditStep;
import io.guichet.alerts.AlertText;
import io.guichet.alerts.AlertUpdate;
import io.guichet.alerts.Audience;
import io.guichet.alerts.Texts;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alerts' SQL: templates, alerts, updates, recipients and the audit log. */
public final class AlertDao {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Handle h;

    public AlertDao(Handle h) {
        this.h = h;
    }

    // ---------------------------------------------------------------- templates

    private static final RowMapper<AlertTemplate> TEMPLATE = (rs, ctx) -> new AlertTemplate(rs.getLong("id"), rs.getString("key"),
            rs.getString("name_fr"), rs.getString("name_en"), rs.getString("category"), rs.getString("severity"),
            new Texts(new AlertText(rs.getString("short_fr"), rs.getString("long_fr")), new AlertText(rs.getString("short_en"), rs.getString("long_en"))),
            rs.getBoolean("single_person"));

    public List<AlertTemplate> templates() {
        return h.createQuery("SELECT * FROM alert_templates ORDER BY id").map(TEMPLATE).list();
    }

    public Optional<AlertTemplate> template(long id) {
        return h.createQuery("SELECT * FROM alert_templates WHERE id = :id").bind("id", id).map(TEMPLATE).findOne();
    }

    /** A standard template, once (by key): seeding twice changes nothing. */
    public void insertTemplate(AlertTemplate t) {
        h.createUpdate("""
                        INSERT INTO alert_templates (key, name_fr, name_en, category, severity, short_fr, long_fr, short_en, long_en)
                        VALUES (:key, :nf, :ne, :cat, :sev, :sf, :lf, :se, :le) ON CONFLICT (key) DO NOTHING""")
                .bind("key", t.key()).bind("nf", t.nameFr()).bind("ne", t.nameEn()).bind("cat", t.category()).bind("sev", t.severity())
                .bind("sf", t.texts().fr().shortText()).bind("lf", t.texts().fr().longText())
                .bind("se", t.texts().en().shortText()).bind("le", t.texts().en().longText()).execute();
    }

    public boolean setSinglePerson(long templateId, boolean allowed) {
        return h.createUpdate("UPDATE alert_templates SET single_person = :a WHERE id = :id").bind("id", templateId).bind("a", allowed).execute() == 1;
    }

    // ---------------------------------------------------------------- alerts

    private static final String ALERT = """
            SELECT a.*, COALESCE(t.single_person, FALSE) AS single_person,
                   (SELECT staff_name FROM alert_audit u WHERE u.alert_id = a.id AND u.action = 'drafted' ORDER BY u.id LIMIT 1) AS author_name,
                   (SELECT staff_name FROM alert_audit u WHERE u.alert_id = a.id AND u.action IN ('approved', 'approved_alone') ORDER BY u.id LIMIT 1) AS approver_name
            FROM alerts a LEFT JOIN alert_templates t ON t.id = a.template_id""";

    private static final RowMapper<Alert> ALERT_ROW = (rs, ctx) -> new Alert(rs.getLong("id"), (Long) rs.getObject("template_id"),
            Alert.Status.of(rs.getString("status")), rs.getString("category"), rs.getString("severity"), audience(rs.getString("audience")),
            List.of((String[]) rs.getArray("channels").getArray()), rs.getString("help_service"),
            new Texts(new AlertText(rs.getString("short_fr"), rs.getString("long_fr")), new AlertText(rs.getString("short_en"), rs.getString("long_en"))),
            rs.getLong("created_by"), rs.getString("author_name"), instant(rs.getTimestamp("created_at")), (Long) rs.getObject("approved_by"),
            rs.getString("approver_name"), instant(rs.getTimestamp("approved_at")), rs.getBoolean("approved_alone"),
            instant(rs.getTimestamp("closed_at")), rs.getBoolean("single_person"));

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Audience audience(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> kinds = new ArrayList<>();
            n.path("kinds").forEach(k -> kinds.add(k.asText()));
            return switch (n.path("kind").asText()) {
                case "kinds" -> new Audience(Audience.Kind.KINDS, kinds, null, null);
                case "segment" -> new Audience(Audience.Kind.SEGMENT, List.of(), n.path("segmentId").asLong(), null);
                case "list" -> new Audience(Audience.Kind.LIST, List.of(), null, n.path("listId").asLong());
                default -> Audience.EVERYONE;
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public long insertAlert(Long templateId, String category, String severity, Audience audience, List<String> channels, String helpService,
                            Texts texts, long createdBy, Instant at) {
        try {
            return h.createQuery("""
                            INSERT INTO alerts (template_id, status, category, severity, audience, channels, help_service,
                                                short_fr, long_fr, short_en, long_en, created_by, created_at)
                            VALUES (:t, 'draft', :cat, :sev, CAST(:aud AS jsonb), :ch, :help, :sf, :lf, :se, :le, :by, :at) RETURNING id""")
                    .bind("t", templateId).bind("cat", category).bind("sev", severity).bind("aud", JSON.writeValueAsString(audience.json()))
                    .bindArray("ch", String.class, channels.toArray()).bind("help", helpService)
                    .bind("sf", texts.fr().shortText()).bind("lf", texts.fr().longText()).bind("se", texts.en().shortText()).bind("le", texts.en().longText())
                    .bind("by", createdBy).bind("at", at).mapTo(Long.class).one();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Alert> alert(long id) {
        return h.createQuery(ALERT + " WHERE a.id = :id").bind("id", id).map(ALERT_ROW).findOne();
    }

    /** Locks the alert's row: approvals, follow-ups and the all-clear of one alert take their turn. */
    public Optional<Alert> lock(long id) {
        h.createQuery("SELECT id FROM alerts WHERE id = :id FOR UPDATE").bind("id", id).mapTo(Long.class).findOne();
        return alert(id);
    }

    public List<Alert> alerts(String status, int limit) {
        return h.createQuery(ALERT + " WHERE a.status = :s ORDER BY a.id DESC LIMIT :l").bind("s", status).bind("l", limit).map(ALERT_ROW).list();
    }

    public void approve(long id, long by, Instant at, boolean alone) {
        h.createUpdate("UPDATE alerts SET status = 'sending', approved_by = :by, approved_at = :at, approved_alone = :alone WHERE id = :id")
                .bind("id", id).bind("by", by).bind("at", at).bind("alone", alone).execute();
    }

    public void close(long id, Instant at) {
        h.createUpdate("UPDATE alerts SET status = 'closed', closed_at = :at WHERE id = :id").bind("id", id).bind("at", at).execute();
    }

    // ---------------------------------------------------------------- updates

    private static final RowMapper<AlertUpdate> UPDATE_ROW = (rs, ctx) -> new AlertUpdate(rs.getLong("id"), rs.getLong("alert_id"), rs.getInt("seq"),
            "allclear".equals(rs.getString("kind")),
            new Texts(new AlertText(rs.getString("short_fr"), rs.getString("long_fr")), new AlertText(rs.getString("short_en"), rs.getString("long_en"))),
            rs.getBoolean("only_unanswered"), rs.getTimestamp("created_at").toInstant());

    public AlertUpdate insertUpdate(long alertId, boolean allClear, Texts texts, boolean onlyUnanswered, long by, Instant at) {
        return h.createQuery("""
                        INSERT INTO alert_updates (alert_id, seq, kind, short_fr, long_fr, short_en, long_en, only_unanswered, created_by, created_at)
                        VALUES (:a, (SELECT COALESCE(max(seq), 0) + 1 FROM alert_updates WHERE alert_id = :a), :k, :sf, :lf, :se, :le, :only, :by, :at)
                        RETURNING *""")
                .bind("a", alertId).bind("k", allClear ? "allclear" : "update")
                .bind("sf", texts.fr().shortText()).bind("lf", texts.fr().longText()).bind("se", texts.en().shortText()).bind("le", texts.en().longText())
                .bind("only", onlyUnanswered).bind("by", by).bind("at", at).map(UPDATE_ROW).one();
    }

    public List<AlertUpdate> updates(long alertId) {
        return h.createQuery("SELECT * FROM alert_updates WHERE alert_id = :a ORDER BY seq").bind("a", alertId).map(UPDATE_ROW).list();
    }

    /** The updates of many alerts at once (the banner and the feed): by alert, in order. */
    public Map<Long, List<AlertUpdate>> updatesOf(List<Long> alertIds) {
        Map<Long, List<AlertUpdate>> out = new java.util.HashMap<>();
        if (alertIds.isEmpty()) return out;
        h.createQuery("SELECT * FROM alert_updates WHERE alert_id = ANY(:a) ORDER BY alert_id, seq").bindArray("a", Long.class, alertIds.toArray())
                .map(UPDATE_ROW).forEach(u -> out.computeIfAbsent(u.alertId(), k -> new ArrayList<>()).add(u));
        return out;
    }

    // ---------------------------------------------------------------- recipients

    private static final RowMapper<AlertRecipient> RECIPIENT = (rs, ctx) -> new AlertRecipient(rs.getLong("contact_id"), rs.getString("name"),
            rs.getString("email"), rs.getString("lang"), Arrays.asList((Long[]) rs.getArray("mail_ids").getArray()), rs.getString("state"),
            rs.getString("message"), rs.getString("location"), instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("answered_at")),
            (Long) rs.getObject("conversation_id"), rs.getString("phone"));

    public void insertRecipients(long alertId, List<Long> contacts, List<String> names, List<String> emails, List<String> langs, List<String> phones) {
        h.createUpdate("""
                        INSERT INTO alert_recipients (alert_id, contact_id, name, email, lang, phone)
                        SELECT :a, r.c, r.n, r.e, r.l, r.p FROM unnest(:c, :n, :e, :l, :p) AS r(c, n, e, l, p) ON CONFLICT DO NOTHING""")
                .bind("a", alertId).bindArray("c", Long.class, contacts.toArray()).bindArray("n", String.class, names.toArray())
                .bindArray("e", String.class, emails.toArray()).bindArray("l", String.class, langs.toArray())
                .bindArray("p", String.class, phones.toArray()).execute();
    }

    public void addMails(long alertId, List<Long> contacts, List<Long> mailIds) {
        h.createUpdate("""
                        UPDATE alert_recipients r SET mail_ids = r.mail_ids || m.mail
                        FROM unnest(:c, :m) AS m(contact, mail) WHERE r.alert_id = :a AND r.contact_id = m.contact""")
                .bind("a", alertId).bindArray("c", Long.class, contacts.toArray()).bindArray("m", Long.class, mailIds.toArray()).execute();
    }

    public List<AlertRecipient> recipients(long alertId, String state) {
        return h.createQuery("SELECT * FROM alert_recipients WHERE alert_id = :a" + (state == null ? "" : " AND state = :s") + " ORDER BY contact_id")
                .bind("a", alertId).bind("s", state).map(RECIPIENT).list();
    }

    public Optional<AlertRecipient> lockRecipient(long alertId, long contactId) {
        return h.createQuery("SELECT * FROM alert_recipients WHERE alert_id = :a AND contact_id = :c FOR UPDATE")
                .bind("a", alertId).bind("c", contactId).map(RECIPIENT).findOne();
    }

    public void answer(long alertId, long contactId, String state, String message, String location, Instant at) {
        h.createUpdate("""
                        UPDATE alert_recipients SET state = :s, message = :m, location = :loc, answered_at = :at, opened_at = COALESCE(opened_at, :at)
                        WHERE alert_id = :a AND contact_id = :c""")
                .bind("a", alertId).bind("c", contactId).bind("s", state).bind("m", message).bind("loc", location).bind("at", at).execute();
    }

    public void opened(long alertId, long contactId, Instant at) {
        h.createUpdate("UPDATE alert_recipients SET opened_at = COALESCE(opened_at, :at) WHERE alert_id = :a AND contact_id = :c")
                .bind("a", alertId).bind("c", contactId).bind("at", at).execute();
    }

    public void setConversation(long alertId, long contactId, long conversationId) {
        h.createUpdate("UPDATE alert_recipients SET conversation_id = :cv WHERE alert_id = :a AND contact_id = :c")
                .bind("a", alertId).bind("c", contactId).bind("cv", conversationId).execute();
    }

    /** Counts of the answers: total, without an address, opened, safe, help, none. */
    public Map<String, Object> answerCounts(long alertId) {
        return h.createQuery("""
                        SELECT count(*) AS total, count(*) FILTER (WHERE email IS NULL AND phone IS NULL) AS unreachable, count(opened_at) AS opened,
                               count(*) FILTER (WHERE state = 'safe') AS safe, count(*) FILTER (WHERE state = 'help') AS help,
                               count(*) FILTER (WHERE state = 'none') AS silent
                        FROM alert_recipients WHERE alert_id = :a""").bind("a", alertId).mapToMap().one();
    }

    public List<Long> mailIds(long alertId) {
        return h.createQuery("SELECT unnest(mail_ids) FROM alert_recipients WHERE alert_id = :a").bind("a", alertId).mapTo(Long.class).list();
    }

    // ---------------------------------------------------------------- uploaded lists

    public long insertList(String name, long createdBy, Instant at, int rowsRead, int unmatched, java.util.Collection<Long> contactIds) {
        long id = h.createQuery("""
                        INSERT INTO alert_lists (name, created_by, created_at, rows_read, unmatched) VALUES (:n, :by, :at, :r, :u) RETURNING id""")
                .bind("n", name).bind("by", createdBy).bind("at", at).bind("r", rowsRead).bind("u", unmatched).mapTo(Long.class).one();
        var batch = h.prepareBatch("INSERT INTO alert_list_members (list_id, contact_id) VALUES (:l, :c) ON CONFLICT DO NOTHING");
        for (long c : contactIds) batch.bind("l", id).bind("c", c).add();
        if (!contactIds.isEmpty()) batch.execute();
        return id;
    }

    private static final RowMapper<io.guichet.alerts.AlertList> LIST_ROW = (rs, ctx) -> new io.guichet.alerts.AlertList(rs.getLong("id"),
            rs.getString("name"), rs.getTimestamp("created_at").toInstant(), rs.getInt("rows_read"), rs.getInt("members"), rs.getInt("unmatched"));

    private static final String LIST = """
            SELECT l.*, (SELECT count(*) FROM alert_list_members m WHERE m.list_id = l.id) AS members FROM alert_lists l""";

    public Optional<io.guichet.alerts.AlertList> list(long id) {
        return h.createQuery(LIST + " WHERE l.id = :id").bind("id", id).map(LIST_ROW).findOne();
    }

    public List<io.guichet.alerts.AlertList> lists(int limit) {
        return h.createQuery(LIST + " ORDER BY l.id DESC LIMIT :n").bind("n", limit).map(LIST_ROW).list();
    }

    public List<Long> listMembers(long listId) {
        return h.createQuery("SELECT contact_id FROM alert_list_members WHERE list_id = :l ORDER BY contact_id").bind("l", listId).mapTo(Long.class).list();
    }

    // ---------------------------------------------------------------- audit

    public void audit(Long alertId, Long templateId, long staffId, String staffName, String action, String detail, Instant at) {
        h.createUpdate("""
                        INSERT INTO alert_audit (alert_id, template_id, at, staff_id, staff_name, action, detail)
                        VALUES (:a, :t, :at, :s, :n, :act, :d)""")
                .bind("a", alertId).bind("t", templateId).bind("at", at).bind("s", staffId).bind("n", staffName).bind("act", action).bind("d", detail)
                .execute();
    }

    /**
     * The list's upload step (who, when, its figures), copied into the alert's audit so that its log starts from where its
     * audience came from; a list uploaded before uploads were logged gets the same step from its row (the uploader by id).
     */
    public void copyListUpload(long listId, long alertId) {
        int copied = h.createUpdate("""
                        INSERT INTO alert_audit (alert_id, template_id, at, staff_id, staff_name, action, detail)
                        SELECT :a, NULL, at, staff_id, staff_name, action, detail FROM alert_audit
                        WHERE alert_id IS NULL AND action = 'list_uploaded' AND split_part(detail, '|', 1) = :l ORDER BY id LIMIT 1""")
                .bind("a", alertId).bind("l", Long.toString(listId)).execute();
        if (copied > 0) return;
        h.createUpdate("""
                        INSERT INTO alert_audit (alert_id, template_id, at, staff_id, staff_name, action, detail)
                        SELECT :a, NULL, l.created_at, l.created_by, '#' || l.created_by, 'list_uploaded',
                               l.id || '|' || l.rows_read || '|' || (SELECT count(*) FROM alert_list_members m WHERE m.list_id = l.id) || '|' || l.unmatched || '|' || l.name
                        FROM alert_lists l WHERE l.id = :l""")
                .bind("a", alertId).bind("l", listId).execute();
    }

    /** Whether the alert's audit has this step (its mails queued: {@code sent}). */
    public boolean hasStep(long alertId, String action) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM alert_audit WHERE alert_id = :a AND action = :act)").bind("a", alertId).bind("act", action)
                .mapTo(Boolean.class).one();
    }

    public List<AuditStep> auditOf(long alertId) {
        return h.createQuery("SELECT at, staff_id, staff_name, action, detail FROM alert_audit WHERE alert_id = :a ORDER BY id").bind("a", alertId)
                .map((rs, ctx) -> new AuditStep(rs.getTimestamp("at").toInstant(), rs.getLong("staff_id"), rs.getString("staff_name"),
                        rs.getString("action"), rs.getString("detail"))).list();
    }

    public List<AuditStep> auditOfTemplate(long templateId) {
        return h.createQuery("SELECT at, staff_id, staff_name, action, detail FROM alert_audit WHERE template_id = :t AND alert_id IS NULL ORDER BY id")
                .bind("t", templateId)
                .map((rs, ctx) -> new AuditStep(rs.getTimestamp("at").toInstant(), rs.getLong("staff_id"), rs.getString("staff_name"),
                        rs.getString("action"), rs.getString("detail"))).list();
    }
}
