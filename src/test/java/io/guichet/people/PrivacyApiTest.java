package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.platform.mail.Purpose;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Consent, one-click unsubscribe, export, erasure, retention and the audit log, over HTTP on real PostgreSQL. */
class PrivacyApiTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A visitor who gave a name and an email; their contact id. */
    static long contact(String name, String email) {
        Api.Response r = api.post("/api/v1/visitor/sessions", null, Map.of("name", name, "email", email, "lang", "fr"));
        assertThat(r.status()).isEqualTo(201);
        return Long.parseLong(r.text("contactId"));
    }

    static String visitorToken(String name, String email) {
        return api.post("/api/v1/visitor/sessions", null, Map.of("name", name, "email", email, "lang", "fr")).text("visitorToken");
    }

    static JsonNode purpose(JsonNode ledger, String purpose) {
        for (JsonNode p : ledger.path("current")) if (p.path("purpose").asText().equals(purpose)) return p;
        throw new AssertionError("no " + purpose + " in " + ledger);
    }

    @Test
    void consentRecordedByStaffIsInTheLedgerTheTimelineAndTheAuditLog() {
        long id = contact("Gaëlle Bérubé", "gaelle.berube@exemple.qc.ca");
        String inquiry = LocalDate.now(ZoneOffset.UTC).minusMonths(6).minusDays(1).toString();
        Api.Response implied = api.post("/api/v1/contacts/" + id + "/consent", cegep.jérôme, Map.of("purpose", "events", "state", "granted",
                "basis", "implied", "ground", "inquiry", "groundAt", inquiry, "source", "form", "wording", "Écrivez-nous pour en savoir plus."));
        assertThat(implied.status()).isEqualTo(201);
        assertThat(implied.json().path("allowed").asBoolean()).as("an inquiry 6 months and a day ago").isFalse();
        assertThat(implied.text("state")).isEqualTo("expired");

        Api.Response express = api.post("/api/v1/contacts/" + id + "/consent", cegep.jérôme, Map.of("purpose", "newsletters", "state", "granted",
                "basis", "express", "wordingFr", "J’accepte de recevoir l’infolettre du cégep.", "wordingEn", "I agree to receive the college’s newsletter."));
        assertThat(express.json().path("allowed").asBoolean()).isTrue();
        assertThat(express.json().path("expiresAt").isNull()).isTrue();

        JsonNode ledger = api.get("/api/v1/contacts/" + id + "/consent", cegep.jérôme).json();
        assertThat(purpose(ledger, "newsletters").path("state").asText()).isEqualTo("granted");
        assertThat(purpose(ledger, "events").path("expiresAt").asText()).isNotEmpty();
        assertThat(purpose(ledger, "surveys").path("state").asText()).isEqualTo("none");
        JsonNode newest = ledger.path("history").get(0);
        assertThat(newest.path("wording").path("fr").asText()).isEqualTo("J’accepte de recevoir l’infolettre du cégep.");
        assertThat(newest.path("wording").path("en").asText()).isEqualTo("I agree to receive the college’s newsletter.");
        assertThat(newest.path("source").asText()).isEqualTo("api");

        assertThat(count("SELECT count(*) FROM contact_timeline WHERE contact_id = " + id + " AND what = 'consent.granted'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM contact_audit WHERE contact_id = " + id + " AND action = 'consent'")).isEqualTo(2);
        assertThat(allows(id, Purpose.NEWSLETTERS)).isTrue();
        assertThat(allows(id, Purpose.EVENTS)).isFalse();
        assertThat(allows(id, Purpose.TRANSACTIONAL)).isTrue();
    }

    @Test
    void badConsentInputIsRefusedNamingTheField() {
        long id = contact("Mélanie Roy", "melanie.roy@exemple.qc.ca");
        String path = "/api/v1/contacts/" + id + "/consent";
        assertThat(api.post(path, cegep.jérôme, Map.of("purpose", "spam", "state", "granted", "basis", "express", "wording", "Oui"))
                .json().path("error").path("message").asText()).contains("purpose");
        Api.Response noWording = api.post(path, cegep.jérôme, Map.of("purpose", "events", "state", "granted", "basis", "express"));
        assertThat(noWording.status()).isEqualTo(422);
        assertThat(noWording.json().path("error").path("code").asText()).isEqualTo("invalid");
        assertThat(api.post(path, cegep.jérôme, Map.of("purpose", "events", "state", "granted", "basis", "implied", "ground", "inquiry",
                "groundAt", "hier", "wording", "Oui")).status()).isEqualTo(422);
        assertThat(api.post(path, cegep.jérôme, Map.of("purpose", "events", "state", "withdrawn", "wording", "Oui\u0007")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/contacts/999999/consent", cegep.jérôme, Map.of("purpose", "events", "state", "withdrawn")).status()).isEqualTo(404);
        assertThat(api.post(path, cegep.élodie, Map.of("purpose", "events", "state", "withdrawn")).status())
                .as("not one of Élodie's conversations").isEqualTo(403);
    }

    private static HttpResponse<String> raw(String method, String url, String formBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (formBody == null) b.GET();
        else b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(formBody));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A staff page as a browser gets it (the token in place of the session cookie). */
    static HttpResponse<String> page(String path, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String local(String link) {
        return node.baseUrl() + URI.create(link).getRawPath();
    }

    @Test
    void oneClickUnsubscribeWorksWithoutLoginAndIsInTheLedgerAndTheTimeline() throws Exception {
        long id = contact("Rosalie Côté", "rosalie.cote@exemple.qc.ca");
        api.post("/api/v1/contacts/" + id + "/consent", cegep.jérôme, Map.of("purpose", "newsletters", "state", "granted", "basis", "express", "wording", "Oui, l’infolettre."));
        String link = node.app.contactMail().linkFor(id, Purpose.NEWSLETTERS);
        assertThat(link).startsWith("http://localhost:").contains("/link/unsubscribe/");

        HttpResponse<String> page = raw("GET", local(link), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Voulez-vous ne plus recevoir nos envois de type « Infolettres » ?");
        assertThat(allows(id, Purpose.NEWSLETTERS)).as("opening the page withdraws nothing").isTrue();

        HttpResponse<String> oneClick = raw("POST", local(link), "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).isEmpty();
        assertThat(allows(id, Purpose.NEWSLETTERS)).isFalse();
        JsonNode ledger = api.get("/api/v1/contacts/" + id + "/consent", cegep.jérôme).json();
        assertThat(purpose(ledger, "newsletters").path("state").asText()).isEqualTo("withdrawn");
        assertThat(ledger.path("history").get(0).path("source").asText()).isEqualTo("unsubscribe_link");
        assertThat(ledger.path("history").get(0).path("staffId").isNull()).isTrue();
        assertThat(text("SELECT params->>'source' FROM contact_timeline WHERE what = 'consent.withdrawn' AND contact_id = " + id)).isEqualTo("unsubscribe_link");

        HttpResponse<String> after = raw("GET", local(link), null);
        assertThat(after.body()).contains("Vous ne recevez pas nos envois de type « Infolettres ».").contains("Me réabonner");
        HttpResponse<String> back = raw("POST", local(link), "action=resubscribe");
        assertThat(back.body()).contains("Merci ! Vous recevrez de nouveau nos envois de type « Infolettres ».");
        assertThat(allows(id, Purpose.NEWSLETTERS)).isTrue();
        assertThat(api.get("/api/v1/contacts/" + id + "/consent", cegep.jérôme).json().path("history").get(0).path("wording").path("fr").asText())
                .contains("J’accepte de recevoir de nouveau les envois de type « Infolettres »");
    }

    @Test
    void aTamperedOrForeignUnsubscribeLinkIsRefusedAndChangesNothing() throws Exception {
        long id = contact("Thomas Lévesque", "thomas.levesque@exemple.qc.ca");
        api.post("/api/v1/contacts/" + id + "/consent", cegep.jérôme, Map.of("purpose", "events", "state", "granted", "basis", "express", "wording", "Oui"));
        String link = local(node.app.contactMail().linkFor(id, Purpose.EVENTS));
        String other = local(node.app.contactMail().linkFor(id + 1, Purpose.EVENTS));
        String forged = other.substring(0, other.lastIndexOf('.')) + link.substring(link.lastIndexOf('.'));
        for (String bad : new String[]{forged, link.substring(0, link.length() - 2) + "xx", node.baseUrl() + "/link/unsubscribe/n%27importe-quoi"}) {
            HttpResponse<String> post = raw("POST", bad, "List-Unsubscribe=One-Click");
            assertThat(post.statusCode()).as(bad).isEqualTo(400);
            HttpResponse<String> get = raw("GET", bad, null);
            assertThat(get.statusCode()).isEqualTo(400);
            assertThat(get.body()).contains("Ce lien n’est pas valide");
        }
        assertThat(allows(id, Purpose.EVENTS)).isTrue();
        assertThat(raw("POST", link, "action=whatever").statusCode()).isEqualTo(422);
    }

    @Test
    void theExportHoldsTheConversationMessagesAndItsPageEscapesThem() {
        String visitor = visitorToken("Zoé <b>Lévesque</b>", "zoe.export@exemple.qc.ca");
        long contactId = Long.parseLong(api.get("/api/v1/visitor/me", visitor).text("id"));
        api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour <script>alert('é')</script> ma demande d’admission");

        assertThat(api.get("/api/v1/contacts/" + contactId + "/export", cegep.élodie).status()).as("an agent cannot export").isEqualTo(403);
        Api.Response export = api.get("/api/v1/contacts/" + contactId + "/export", cegep.jérôme);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().path("contact").path("name").asText()).isEqualTo("Zoé <b>Lévesque</b>");
        assertThat(export.json().path("claims").toString()).as("typed in the chat: a claim, not an identity").contains("zoe.export@exemple.qc.ca");
        assertThat(export.json().path("inbox").get(0).path("messages").get(0).path("body").asText()).contains("<script>alert('é')</script>");
        assertThat(export.json().has("live")).isTrue();
        assertThat(export.json().has("consent")).isTrue();

        HttpResponse<String> page = page("/console/contacts/" + contactId + "/export", cegep.jérôme);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;script&gt;alert(").doesNotContain("<script>alert").contains("Zoé &lt;b&gt;Lévesque&lt;/b&gt;")
                .contains("Conversations");
        assertThat(count("SELECT count(*) FROM contact_audit WHERE contact_id = " + contactId + " AND action = 'export'")).isEqualTo(2);
    }

    @Test
    void erasureRemovesIdentitiesAndNamesAndKeepsOrDeletesConversationsByKind() {
        String keptVisitor = visitorToken("Hélène Dufour", "helene.dufour@exemple.qc.ca");
        String kept = api.startConversation(keptVisitor, Cegep.ADMISSIONS, "Ma cote R suffit-elle?").text("conversationId");
        long keptId = contactOfConversation(kept);
        db.useHandle(h -> h.execute("UPDATE contacts SET kinds = '{student}', city = 'Rimouski' WHERE id = ?", keptId));
        api.post("/api/v1/contacts/" + keptId + "/consent", cegep.jérôme, Map.of("purpose", "newsletters", "state", "granted", "basis", "express", "wording", "Oui"));
        api.post("/api/v1/contacts/" + keptId + "/consent", cegep.jérôme, Map.of("purpose", "newsletters", "state", "withdrawn"));

        assertThat(api.delete("/api/v1/contacts/" + keptId, cegep.jérôme).status()).as("a supervisor cannot erase").isEqualTo(403);
        Api.Response unconfirmed = api.delete("/api/v1/contacts/" + keptId, cegep.admin);
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.json().path("error").path("code").asText()).isEqualTo("confirmation_required");
        assertThat(api.delete("/api/v1/contacts/" + keptId + "?confirm=" + (keptId + 1), cegep.admin).status()).isEqualTo(422);

        Api.Response erased = api.delete("/api/v1/contacts/" + keptId + "?confirm=" + keptId, cegep.admin);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.text("records")).isEqualTo("keep");
        assertThat(count("SELECT count(*) FROM contact_identities WHERE value = 'helene.dufour@exemple.qc.ca'")).as("a search for the email finds nothing").isZero();
        assertThat(count("SELECT count(*) FROM contacts WHERE name = 'Hélène Dufour' OR city = 'Rimouski'")).isZero();
        assertThat(count("SELECT count(*) FROM conversations WHERE id = " + kept)).as("a student's conversation is kept").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contact_consents WHERE contact_id = " + keptId + " AND state = 'granted'")).isZero();
        assertThat(count("SELECT count(*) FROM contact_consents WHERE contact_id = " + keptId + " AND state = 'withdrawn'")).as("the proof of the withdrawal").isEqualTo(1);
        assertThat(api.get("/api/v1/visitor/me", keptVisitor).status()).as("the visitor token is gone").isIn(401, 404);
        assertThat(api.delete("/api/v1/contacts/" + keptId + "?confirm=" + keptId, cegep.admin).status()).isEqualTo(409);

        Api.Response rule = api.put("/api/v1/privacy/rules/prospect", cegep.admin, Map.of("onErase", "delete"));
        assertThat(rule.status()).isEqualTo(200);
        String goneVisitor = visitorToken("Félix Caron", "felix.caron@exemple.qc.ca");
        String gone = api.startConversation(goneVisitor, Cegep.ADMISSIONS, "Les portes ouvertes, c’est quand?").text("conversationId");
        long goneId = contactOfConversation(gone);
        db.useHandle(h -> h.execute("UPDATE contacts SET kinds = '{prospect}' WHERE id = ?", goneId));
        Api.Response open = api.delete("/api/v1/contacts/" + goneId + "?confirm=" + goneId, cegep.admin);
        assertThat(open.status()).as("an open conversation is resolved first").isEqualTo(409);
        api.post("/api/v1/conversations/" + gone + "/resolve", cegep.jérôme, Map.of());
        Api.Response deleted = api.delete("/api/v1/contacts/" + goneId + "?confirm=" + goneId, cegep.admin);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text("records")).isEqualTo("delete");
        assertThat(count("SELECT count(*) FROM conversations WHERE id = " + gone)).as("a prospect's conversation is deleted").isZero();
        assertThat(count("SELECT count(*) FROM messages WHERE conversation_id = " + gone)).isZero();
        assertThat(count("SELECT count(*) FROM contact_audit WHERE action = 'erase' AND contact_id IN (" + keptId + ", " + goneId + ")")).isEqualTo(2);
    }

    @Test
    void theRetentionJobAnonymisesExactlyTheInactiveOnes() {
        Instant now = Instant.now().plus(3650, ChronoUnit.DAYS); // a night ten years on: contacts of other tests are old by then, but have no rule
        long stale = contact("Ancien Prospect", "ancien.prospect@exemple.qc.ca");
        long recent = contact("Récent Prospect", "recent.prospect@exemple.qc.ca");
        long student = contact("Étudiante Inactive", "etudiante.inactive@exemple.qc.ca");
        long both = contact("Parent Prospect", "parent.prospect@exemple.qc.ca");
        db.useHandle(h -> {
            h.execute("UPDATE contacts SET kinds = '{prospect}', last_activity_at = ? WHERE id = ?", java.sql.Timestamp.from(now.minus(250, ChronoUnit.DAYS)), stale);
            h.execute("UPDATE contacts SET kinds = '{prospect}', last_activity_at = ? WHERE id = ?", java.sql.Timestamp.from(now.minus(100, ChronoUnit.DAYS)), recent);
            h.execute("UPDATE contacts SET kinds = '{student}', last_activity_at = ? WHERE id = ?", java.sql.Timestamp.from(now.minus(2000, ChronoUnit.DAYS)), student);
            h.execute("UPDATE contacts SET kinds = '{prospect,parent}', last_activity_at = ? WHERE id = ?", java.sql.Timestamp.from(now.minus(250, ChronoUnit.DAYS)), both);
        });
        Api.Response bad = api.put("/api/v1/privacy/rules/prospect", cegep.admin, Map.of("onErase", "keep", "retentionMonths", 0));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(api.put("/api/v1/privacy/rules/martian", cegep.admin, Map.of("onErase", "keep")).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/privacy/rules/prospect", cegep.jérôme, Map.of("onErase", "keep", "retentionMonths", 6)).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/privacy/rules/prospect", cegep.admin, Map.of("onErase", "keep", "retentionMonths", 6)).status()).isEqualTo(200);

        int done = node.app.privacy().doApplyRetention(now);
        assertThat(done).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contacts WHERE erased_at IS NOT NULL AND id = " + stale)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contacts WHERE erased_at IS NOT NULL AND id IN (" + recent + ", " + student + ", " + both + ")"))
                .as("recent, of a kind with no rule, or a parent too").isZero();
        assertThat(count("SELECT count(*) FROM contact_identities WHERE value = 'ancien.prospect@exemple.qc.ca'")).isZero();
        assertThat(count("SELECT count(*) FROM contact_audit WHERE action = 'retention' AND contact_id = " + stale)).isEqualTo(1);
        assertThat(node.app.privacy().doApplyRetention(now)).as("nothing left to do").isZero();
        api.put("/api/v1/privacy/rules/prospect", cegep.admin, Map.of("onErase", "keep"));
    }

    @Test
    void twoRetentionJobsAtOnceAnonymiseEachContactOnce() throws Exception {
        Instant now = Instant.now().plus(7300, ChronoUnit.DAYS);
        java.util.List<Long> alumni = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) alumni.add(contact("Diplômé n° " + i, "diplome" + i + "@exemple.qc.ca"));
        String ids = alumni.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        db.useHandle(h -> h.execute("UPDATE contacts SET kinds = '{alumnus}', last_activity_at = ? WHERE id IN (" + ids + ")",
                java.sql.Timestamp.from(now.minus(800, ChronoUnit.DAYS))));
        api.put("/api/v1/privacy/rules/alumnus", cegep.admin, Map.of("onErase", "keep", "retentionMonths", 24));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> node.app.privacy().doApplyRetention(now));
            var b = pool.submit(() -> node.app.privacy().doApplyRetention(now));
            assertThat(a.get() + b.get()).isEqualTo(150);
        }
        assertThat(count("SELECT count(*) FROM contacts WHERE erased_at IS NOT NULL AND id IN (" + ids + ")")).isEqualTo(150);
        assertThat(count("SELECT count(*) FROM contact_audit WHERE action = 'retention' AND contact_id IN (" + ids + ")"))
                .as("each anonymised once").isEqualTo(150);
        api.put("/api/v1/privacy/rules/alumnus", cegep.admin, Map.of("onErase", "keep"));
    }

    @Test
    void onlyThePrivacyOfficerReadsTheAuditLog() {
        long id = contact("Olivier Paquette", "olivier.paquette@exemple.qc.ca");
        api.get("/api/v1/contacts/" + id + "/export", cegep.jérôme);
        assertThat(api.get("/api/v1/audit", cegep.admin).status()).as("an administrator is not the privacy officer").isEqualTo(403);
        assertThat(api.get("/api/v1/audit", cegep.élodie).status()).isEqualTo(403);
        long jerome = count("SELECT id FROM staff WHERE email = '" + Cegep.Persona.JEROME.email + "'");
        assertThat(api.put("/api/v1/staff/" + jerome + "/privacy-officer", cegep.jérôme, Map.of("privacyOfficer", true)).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/staff/" + jerome + "/privacy-officer", cegep.admin, Map.of("privacyOfficer", true)).status()).isEqualTo(200);
        Api.Response log = api.get("/api/v1/audit?contact=" + id, cegep.jérôme);
        assertThat(log.status()).isEqualTo(200);
        JsonNode first = log.json().path("entries").get(0);
        assertThat(first.path("action").asText()).isEqualTo("export");
        assertThat(first.path("staff").asText()).isEqualTo(Cegep.Persona.JEROME.fullName);
        assertThat(first.path("clientIp").asText()).isNotEmpty();
        assertThat(api.get("/api/v1/audit?action=nonsense", cegep.jérôme).status()).isEqualTo(422);
        api.put("/api/v1/staff/" + jerome + "/privacy-officer", cegep.admin, Map.of("privacyOfficer", false));
        assertThat(api.get("/api/v1/audit", cegep.jérôme).status()).isEqualTo(403);
    }

    @Test
    void theOutboxRefusesANewsletterWithoutConsentAndItsMailCarriesALinkThatUnsubscribes() throws Exception {
        long id = contact("Noah Gagné", "noah.gagne@exemple.qc.ca");
        var newsletter = io.guichet.platform.mail.OutgoingMail.of("noah.gagne@exemple.qc.ca", "Noah Gagné", "fr", Purpose.NEWSLETTERS, id,
                "L’infolettre de décembre", io.guichet.platform.mail.MailBody.written("Bonjour **Noah** !"));
        var outbox = node.app.mail().outbox();
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> db.useTransaction(h -> outbox.queue(h, newsletter)));
        assertThat(refused).isInstanceOf(io.guichet.platform.web.ApiError.class);
        assertThat(((io.guichet.platform.web.ApiError) refused).code()).isEqualTo("no_consent");

        api.post("/api/v1/contacts/" + id + "/consent", cegep.jérôme, Map.of("purpose", "newsletters", "state", "granted", "basis", "express", "wording", "Oui"));
        long mailId = db.inTransaction(h -> outbox.queue(h, newsletter));
        String link = text("SELECT unsubscribe_url FROM mail_outbox WHERE id = " + mailId);
        assertThat(link).contains("/link/unsubscribe/");
        assertThat(raw("POST", local(link), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(allows(id, Purpose.NEWSLETTERS)).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> db.useTransaction(h -> outbox.queue(h, newsletter))))
                .as("the next newsletter is refused").isInstanceOf(io.guichet.platform.web.ApiError.class);
    }

    @Test
    void aMergeAndItsUndoAreInTheAuditLog() {
        long survivor = contact("Maëlle Poirier", "maelle.poirier@exemple.qc.ca");
        long other = contact("Maëlle Poirier", "m.poirier@exemple.qc.ca");
        Api.Response merged = api.post("/api/v1/contacts/" + survivor + "/merge", cegep.jérôme, Map.of("otherId", Long.toString(other)));
        assertThat(merged.status()).isEqualTo(200);
        api.post("/api/v1/contacts/" + survivor + "/merges/" + merged.json().path("merge").path("id").asText() + "/undo", cegep.jérôme, Map.of());
        assertThat(text("SELECT string_agg(detail, ',' ORDER BY id) FROM contact_audit WHERE action = 'merge' AND contact_id = " + survivor))
                .isEqualTo("#" + other + ",undo");
    }

    @Test
    void mailsSentAndMailsThatFailedAreOnTheContactsTimeline() {
        long id = contact("Léa Gauthier", "lea.gauthier@exemple.qc.ca");
        db.useTransaction(h -> {
            node.app.contactMail().sent(h, id, 41, "newsletter", "L’infolettre de décembre — « Portes ouvertes »");
            node.app.contactMail().failed(h, id, 42, "newsletter", "Rappel : été 2027", "550 5.1.1 mailbox unknown");
        });
        assertThat(text("SELECT params->>'subject' FROM contact_timeline WHERE what = 'mail.sent' AND contact_id = " + id))
                .isEqualTo("L’infolettre de décembre — « Portes ouvertes »");
        assertThat(text("SELECT params->>'reason' || ' / ' || ref_id FROM contact_timeline WHERE what = 'mail.failed' AND contact_id = " + id))
                .isEqualTo("550 5.1.1 mailbox unknown / 42");
    }

    static long contactOfConversation(String conversationId) {
        return count("SELECT contact_id FROM conversations WHERE id = " + Long.parseLong(conversationId));
    }

    static boolean allows(long contactId, Purpose purpose) {
        return db.withHandle(h -> node.app.contactMail().allows(h, contactId, purpose));
    }

    static String text(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    static long count(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
