package io.guichet.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.identity.Staff;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emergency alerts through their API and public pages: the two-person rule and its logged exception, audiences
 * (transactional: no consent asked, never an erased contact; the unreachable listed), bad input, the urgent mails and
 * their personal links, acknowledgements (once per person; "help" an urgent conversation at the top of the queue),
 * follow-ups to non-responders, the all-clear, the banner's socket, the approvers' live frame, CAP and Atom.
 */
class AlertsTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    static String camille, mathis;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    static final List<Long> students = new ArrayList<>();
    static long professor, noEmail, erased;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_ALERT_HELP_SERVICE", "aide-financiere", "GUICHET_RATE_LIMITS", "on",
                "GUICHET_TRUSTED_PROXY", "127.0.0.1", "GUICHET_ALERT_ACKS_PER_MINUTE", "5"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
        node.app.alerts().doSeedTemplates(Staff.SYSTEM, AlertsDemo.STANDARD);
        camille = api.createStaff(cegep.admin, "camille@cegep-test.qc.ca", "Camille Béland", "communicator", 1);
        mathis = api.createStaff(cegep.admin, "mathis@cegep-test.qc.ca", "Mathis Pépin", "communicator", 1);
        for (int i = 0; i < 4; i++) students.add(contact("Étudiant·e " + i, "student", "etudiant" + i + "@cegep-test.qc.ca", i % 2 == 0 ? "fr" : "en"));
        professor = contact("Prof. Gaël Ménard", "professor", "gael.menard@cegep-test.qc.ca", "fr");
        noEmail = contact("Zacharie Sans-Courriel", "student", null, "fr");
        erased = contact("Effacée Lévesque", "student", "effacee@cegep-test.qc.ca", "fr");
        Response e = api.delete("/api/v1/contacts/" + erased + "?confirm=" + erased, cegep.admin);
        assertThat(e.status()).as(e.raw().body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static long contact(String name, String kind, String email, String lang) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("lang", lang);
        body.put("kinds", List.of(kind));
        if (email != null) body.put("emails", List.of(email));
        Response r = api.post("/api/v1/contacts", cegep.jérôme, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long templateId(String key) {
        for (JsonNode t : api.get("/api/v1/alerts/templates", camille).json().get("templates")) if (t.get("key").asText().equals(key)) return t.get("id").asLong();
        throw new IllegalStateException(key);
    }

    static Map<String, Object> fireDraft(Map<String, Object> audience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("templateId", templateId("fire"));
        m.put("params", Map.of("building", "pavillon Sainte-Foy", "time", "14 h 05", "instructions", "Rassemblement au stationnement P2."));
        m.put("audience", audience);
        return m;
    }

    static Response draft(String token, Map<String, Object> body) {
        return api.post("/api/v1/alerts", token, body);
    }

    static long drafted(Map<String, Object> body) {
        Response r = draft(camille, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long sent(Map<String, Object> body) {
        long id = drafted(body);
        Response ok = api.post("/api/v1/alerts/" + id + "/approve", mathis, Map.of());
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        return id;
    }

    static Map<String, Object> students() {
        return Map.of("kind", "kinds", "kinds", List.of("student"));
    }

    /** The personal link's token in the alert mail to this address (the newest). */
    static String token(long alertId, String email) {
        List<String> bodies = db.withHandle(h -> h.createQuery("SELECT text_body FROM mail_outbox WHERE kind = 'alert' AND recipient = :r ORDER BY id DESC")
                .bind("r", email).mapTo(String.class).list());
        Pattern link = Pattern.compile("/link/alerte/([A-Za-z0-9_\\-.]+)\\?etat=safe");
        for (String b : bodies) {
            Matcher m = link.matcher(b);
            while (m.find()) {
                if (node.app.alerts().findHolder(m.group(1)).map(x -> x.alertId() == alertId).orElse(false)) return m.group(1);
            }
        }
        throw new IllegalStateException("no link for " + email);
    }

    /** An acknowledgement from its own address (the limit is per address; the flood test uses one). */
    static HttpResponse<String> ack(String token, Map<String, Object> body, String address) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/alerts/ack/" + token))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> ack(String token, Map<String, Object> body) throws Exception {
        return ack(token, body, "198.51.100." + ADDRESSES.getAndIncrement());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("X-Forwarded-For", "203.0.113." + ADDRESSES.getAndIncrement())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- the two-person rule

    @Test
    void aDraftLeavesOnlyWhenASecondPersonApprovesIt() {
        Response r = draft(camille, fireDraft(students()));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.json().get("status").asText()).isEqualTo("draft");
        assertThat(r.json().path("fr").path("short").asText()).isEqualTo("URGENT\u00a0: incendie au pavillon Sainte-Foy. Évacuez immédiatement par l’issue la plus proche. Rassemblement au stationnement P2.");
        assertThat(r.json().path("en").path("long").asText()).contains("pavillon Sainte-Foy since 14 h 05");
        assertThat(mailsOf(id)).as("nothing leaves before approval").isZero();

        Response own = api.post("/api/v1/alerts/" + id + "/approve", camille, Map.of());
        assertThat(own.status()).isEqualTo(403);
        Response agent = api.post("/api/v1/alerts/" + id + "/approve", cegep.élodie, Map.of());
        assertThat(agent.status()).as("an agent may not approve").isEqualTo(403);
        assertThat(api.post("/api/v1/alerts", cegep.élodie, fireDraft(students())).status()).as("nor draft").isEqualTo(403);

        Response ok = api.post("/api/v1/alerts/" + id + "/approve", mathis, Map.of());
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("sending");
        assertThat(ok.json().get("approvedAlone").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/alerts/" + id + "/approve", cegep.jérôme, Map.of()).status()).as("approved once").isEqualTo(409);

        JsonNode audit = api.get("/api/v1/alerts/" + id, camille).json().get("audit");
        List<String> steps = new ArrayList<>();
        audit.forEach(s -> steps.add(s.get("action").asText() + " " + s.get("staff").asText()));
        assertThat(steps).containsExactly("drafted Camille Béland", "approved Mathis Pépin", "sent Mathis Pépin");
    }

    @Test
    void anAdministratorMayLetOnePersonSendAMarkedTemplateAloneAndItIsLogged() {
        long lockdown = templateId("lockdown");
        assertThat(api.post("/api/v1/alerts/templates/" + lockdown + "/single-person", camille, Map.of("allowed", true)).status()).isEqualTo(403);
        Response allowed = api.post("/api/v1/alerts/templates/" + lockdown + "/single-person", cegep.admin, Map.of("allowed", true));
        assertThat(allowed.status()).as(allowed.raw().body()).isEqualTo(200);
        Map<String, Object> body = new LinkedHashMap<>(fireDraft(students()));
        body.put("templateId", lockdown);
        long id = drafted(body);
        Response alone = api.post("/api/v1/alerts/" + id + "/approve", camille, Map.of());
        assertThat(alone.status()).as(alone.raw().body()).isEqualTo(200);
        assertThat(alone.json().get("approvedAlone").asBoolean()).isTrue();
        List<String> actions = new ArrayList<>();
        api.get("/api/v1/alerts/" + id, camille).json().get("audit").forEach(s -> actions.add(s.get("action").asText()));
        assertThat(actions).contains("approved_alone");
        List<String> templateLog = db.withHandle(h -> h.createQuery("SELECT action FROM alert_audit WHERE template_id = :t AND alert_id IS NULL")
                .bind("t", lockdown).mapTo(String.class).list());
        assertThat(templateLog).containsExactly("single_person_allowed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.useHandle(h -> h.createUpdate("DELETE FROM alert_audit").execute()))
                .as("the log is append-only").hasMessageContaining("append-only");
    }

    // ---------------------------------------------------------------- audiences

    @Test
    void audiencesAreTransactionalNeverErasedAndListThoseNoChannelReaches() {
        Response kinds = draft(camille, fireDraft(students()));
        JsonNode reach = kinds.json().get("reach");
        assertThat(reach.get("total").asInt()).as("four students with an address and one without; the erased one never").isEqualTo(5);
        assertThat(reach.get("email").asInt()).isEqualTo(4);
        assertThat(reach.get("withoutChannel").asInt()).isEqualTo(1);
        assertThat(reach.get("unreachable").toString()).contains("Zacharie Sans-Courriel").doesNotContain("Effacée");
        assertThat(draft(camille, fireDraft(Map.of("kind", "everyone"))).json().get("reach").get("total").asInt())
                .as("with the professor (and the visitors other tests made)").isGreaterThanOrEqualTo(6);
        assertThat(draft(camille, fireDraft(Map.of("kind", "kinds", "kinds", List.of("student", "professor")))).json().get("reach").get("total").asInt())
                .isEqualTo(6);

        Response segment = api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Profs alertes", "filter", Map.of("kind", "professor")));
        assertThat(segment.status()).as(segment.raw().body()).isEqualTo(201);
        Response seg = draft(camille, fireDraft(Map.of("kind", "segment", "segmentId", segment.json().get("id").asLong())));
        assertThat(seg.json().get("reach").get("total").asInt()).isEqualTo(1);

        Response empty = draft(camille, fireDraft(Map.of("kind", "kinds", "kinds", List.of())));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("error").path("code").asText()).isEqualTo("empty_audience");
        Response nobody = draft(camille, fireDraft(Map.of("kind", "kinds", "kinds", List.of("employer"))));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.json().path("error").path("code").asText()).isEqualTo("empty_audience");
        assertThat(draft(camille, fireDraft(Map.of("kind", "kinds", "kinds", List.of("martian")))).status()).isEqualTo(422);
        assertThat(draft(camille, fireDraft(Map.of("kind", "segment", "segmentId", 99999))).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputIsRefusedOrWarnedNeverSilentlyChanged() {
        Map<String, Object> tooLong = new LinkedHashMap<>();
        tooLong.put("audience", students());
        tooLong.put("fr", Map.of("short", "Alerte : " + "très long message ".repeat(20), "long", "Détails."));
        Response cut = draft(camille, tooLong);
        assertThat(cut.status()).as(cut.raw().body()).isEqualTo(201);
        String shortFr = cut.json().path("fr").path("short").asText();
        assertThat(shortFr.codePointCount(0, shortFr.length())).isLessThanOrEqualTo(160);
        assertThat(shortFr).endsWith("…");
        assertThat(cut.json().get("warnings").toString()).contains("short_cut_fr").contains("only_fr");
        assertThat(cut.json().path("en").path("long").asText()).as("the other language shows the same text").isEqualTo("Détails.");

        Map<String, Object> missing = fireDraft(students());
        missing.put("params", Map.of("building", "pavillon A"));
        Response m = draft(camille, missing);
        assertThat(m.status()).isEqualTo(422);
        assertThat(m.json().path("error").path("code").asText()).isEqualTo("missing_placeholder");

        Map<String, Object> control = new LinkedHashMap<>();
        control.put("audience", students());
        control.put("fr", Map.of("short", "Alerte\u0007", "long", "x"));
        assertThat(draft(camille, control).status()).isEqualTo(422);
        Map<String, Object> noText = new LinkedHashMap<>();
        noText.put("audience", students());
        assertThat(draft(camille, noText).status()).isEqualTo(422);
        Map<String, Object> sms = fireDraft(students());
        sms.put("channels", List.of("mail", "sms"));
        Response noSms = draft(camille, sms);
        assertThat(noSms.status()).isEqualTo(422);
        assertThat(noSms.json().path("error").path("code").asText()).isEqualTo("channel_unavailable");
        Map<String, Object> wrongType = fireDraft(students());
        wrongType.put("templateId", "fire");
        assertThat(draft(camille, wrongType).status()).isEqualTo(422);
        Map<String, Object> unknown = fireDraft(students());
        unknown.put("sendAt", "now");
        assertThat(draft(camille, unknown).status()).isEqualTo(422);
        assertThat(api.postRaw("/api/v1/alerts", camille, "{not json").status()).isEqualTo(400);
        Map<String, Object> longText = new LinkedHashMap<>();
        longText.put("audience", students());
        longText.put("fr", Map.of("short", "Court", "long", "x".repeat(5001)));
        assertThat(draft(camille, longText).status()).isEqualTo(422);
    }

    @Test
    void textIsEscapedOnThePublicPageAndCsvFormulasAreNeutralised() throws Exception {
        Map<String, Object> html = new LinkedHashMap<>();
        html.put("audience", Map.of("kind", "kinds", "kinds", List.of("professor")));
        html.put("fr", Map.of("short", "Alerte <script>alert(1)</script>", "long", "=HYPERLINK(\"http://x\") <b>gras</b>"));
        html.put("en", Map.of("short", "Alert <img src=x onerror=alert(1)>", "long", "Details"));
        long id = sent(html);
        String page = get("/alerte/" + id).body();
        assertThat(page).contains("&lt;script&gt;").doesNotContain("<script>alert(1)").doesNotContain("<b>gras</b>");
        assertThat(ack(token(id, "gael.menard@cegep-test.qc.ca"), Map.of("state", "help", "message", "=1+2 aidez-moi", "location", "@SUM(A1)")).statusCode())
                .isEqualTo(200);
        Response csv = api.get("/alerts/" + id + "/export.csv?list=help", mathis);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().body()).contains("'=1+2 aidez-moi").contains("'@SUM(A1)").contains("Prof. Gaël Ménard");
    }

    // ---------------------------------------------------------------- mail, acknowledgements, follow-ups, all-clear

    static int mailsOf(long alertId) {
        return db.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM mail_outbox WHERE kind = 'alert' AND id IN (SELECT unnest(mail_ids) FROM alert_recipients WHERE alert_id = :a)""")
                .bind("a", alertId).mapTo(Integer.class).one());
    }

    @Test
    void everyoneReachedGetsAnUrgentMailInTheirLanguageWithTheirOwnLink() {
        long id = sent(fireDraft(students()));
        List<Map<String, Object>> mails = db.withHandle(h -> h.createQuery("""
                        SELECT recipient, lang, subject, priority, text_body, purpose FROM mail_outbox
                        WHERE id IN (SELECT unnest(mail_ids) FROM alert_recipients WHERE alert_id = :a) ORDER BY recipient""")
                .bind("a", id).mapToMap().list());
        assertThat(mails).hasSize(4);
        assertThat(mails).allSatisfy(m -> {
            assertThat(((Number) m.get("priority")).intValue()).isEqualTo(-1);
            assertThat(m.get("purpose")).isEqualTo("transactional");
            assertThat((String) m.get("text_body")).contains("/link/alerte/").contains("/alerte/" + id);
        });
        assertThat(mails.get(0).get("subject")).asString().startsWith("URGENT\u00a0: incendie au pavillon Sainte-Foy");
        assertThat(mails.get(1).get("lang")).isEqualTo("en");
        assertThat(mails.get(1).get("subject")).asString().startsWith("URGENT: fire in pavillon Sainte-Foy");
        assertThat(token(id, "etudiant0@cegep-test.qc.ca")).isNotEqualTo(token(id, "etudiant2@cegep-test.qc.ca"));
    }

    @Test
    void anAcknowledgementIsOnePerPersonAndHelpBecomesAnUrgentConversationAtTheTopOfTheQueue() throws Exception {
        // someone already waits in the designated service's queue
        String visitor = api.visitor("Léa Attente");
        Response waiting = api.startConversation(visitor, Cegep.AIDE_FINANCIERE, "Une question sur mon prêt");
        assertThat(waiting.status()).as(waiting.raw().body()).isEqualTo(201);
        db.useHandle(h -> h.createUpdate("UPDATE conversations SET queued_at = now() - interval '10 minutes' WHERE status = 'waiting'").execute());

        long id = sent(fireDraft(students()));
        String token = token(id, "etudiant1@cegep-test.qc.ca");
        HttpResponse<String> safe = ack(token, Map.of("state", "safe"));
        assertThat(safe.statusCode()).as(safe.body()).isEqualTo(200);
        HttpResponse<String> help = ack(token, Map.of("state", "help", "message", "Je suis coincé au 3e étage", "location", "Local B-312"));
        assertThat(help.statusCode()).as(help.body()).isEqualTo(200);
        assertThat(ack(token, Map.of("state", "help", "message", "Toujours coincé")).statusCode()).isEqualTo(200);
        List<Map<String, Object>> rows = db.withHandle(h -> h.createQuery("SELECT state, message, conversation_id FROM alert_recipients WHERE alert_id = :a AND contact_id = :c")
                .bind("a", id).bind("c", students.get(1)).mapToMap().list());
        assertThat(rows).as("the same link again updates, never duplicates").hasSize(1);
        assertThat(rows.getFirst().get("state")).isEqualTo("help");
        long conversation = ((Number) rows.getFirst().get("conversation_id")).longValue();
        int fromAlert = db.withHandle(h -> h.createQuery("SELECT count(*) FROM conversations WHERE origin_kind = 'alert' AND origin_ref = :r")
                .bind("r", Long.toString(id)).mapTo(Integer.class).one());
        assertThat(fromAlert).as("one conversation per person").isEqualTo(1);
        Map<String, Object> first = db.withHandle(h -> h.createQuery("""
                        SELECT c.id, c.contact_id FROM conversations c JOIN services s ON s.id = c.service_id
                        WHERE s.slug = 'aide-financiere' AND c.status = 'waiting' ORDER BY c.queued_at, c.id LIMIT 1""").mapToMap().one());
        assertThat(((Number) first.get("id")).longValue()).as("ahead of the one waiting for ten minutes").isEqualTo(conversation);
        assertThat(((Number) first.get("contact_id")).longValue()).isEqualTo(students.get(1));
        String body = db.withHandle(h -> h.createQuery("SELECT body FROM messages WHERE conversation_id = :c ORDER BY seq LIMIT 1").bind("c", conversation)
                .mapTo(String.class).one());
        assertThat(body).as("in the person's language").contains("I need help").contains("Local B-312").contains("Je suis coincé au 3e étage");

        JsonNode counts = api.get("/api/v1/alerts/" + id + "/status", mathis).json().get("counts");
        assertThat(counts.get("recipients").asInt()).isEqualTo(5);
        assertThat(counts.get("help").asInt()).isEqualTo(1);
        assertThat(counts.get("safe").asInt()).isZero();
        assertThat(counts.get("noAnswer").asInt()).isEqualTo(4);
        assertThat(counts.get("opened").asInt()).isEqualTo(1);
        assertThat(counts.get("withoutChannel").asInt()).isEqualTo(1);
    }

    @Test
    void forgedOrAlteredTokensAreRefusedAndBadStatesToo() throws Exception {
        long id = sent(fireDraft(students()));
        String token = token(id, "etudiant3@cegep-test.qc.ca");
        assertThat(ack("not-a-token", Map.of("state", "safe")).statusCode()).isEqualTo(404);
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(ack(altered, Map.of("state", "safe")).statusCode()).isEqualTo(404);
        String otherPurpose = new io.guichet.platform.web.SignedTokens("not-the-server-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                .sign(AlertService.ACK_PURPOSE, id + "." + students.get(3), java.time.Instant.now().plusSeconds(3600));
        assertThat(ack(otherPurpose, Map.of("state", "safe")).statusCode()).as("signed with another key").isEqualTo(404);
        assertThat(ack(token, Map.of("state", "maybe")).statusCode()).isEqualTo(422);
        assertThat(ack(token, Map.of("state", "safe", "message", "x".repeat(1001))).statusCode()).isEqualTo(422);
        assertThat(ack(token, Map.of("state", "safe", "extra", 1)).statusCode()).isEqualTo(422);
        assertThat(get("/link/alerte/garbage").statusCode()).isEqualTo(404);
    }

    @Test
    void anAcknowledgementFloodFromOneAddressIsLimited() throws Exception {
        long id = sent(fireDraft(Map.of("kind", "kinds", "kinds", List.of("professor"))));
        String token = token(id, "gael.menard@cegep-test.qc.ca");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) statuses.add(ack(token, Map.of("state", "safe"), "192.0.2.77").statusCode());
        assertThat(statuses).contains(200).contains(429);
        assertThat(ack(token, Map.of("state", "safe")).statusCode()).as("another address still answers").isEqualTo(200);
        int rows = db.withHandle(h -> h.createQuery("SELECT count(*) FROM alert_recipients WHERE alert_id = :a").bind("a", id).mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aFollowUpToNonRespondersReachesOnlyThemAndTheAllClearClosesEverything() throws Exception {
        long id = sent(fireDraft(students()));
        assertThat(ack(token(id, "etudiant0@cegep-test.qc.ca"), Map.of("state", "safe")).statusCode()).isEqualTo(200);
        int before = mailsOf(id);
        Response up = api.post("/api/v1/alerts/" + id + "/updates", camille, Map.of("onlyUnanswered", true,
                "fr", Map.of("short", "Rappel\u00a0: dites-nous si vous êtes en sécurité.", "long", "Répondez au lien reçu."),
                "en", Map.of("short", "Reminder: tell us whether you are safe.", "long", "Answer the link you got.")));
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        assertThat(mailsOf(id) - before).as("the three students with an address who have not answered").isEqualTo(3);
        int toTheOneWhoAnswered = db.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM mail_outbox WHERE recipient = 'etudiant0@cegep-test.qc.ca' AND subject LIKE 'Suivi%'").mapTo(Integer.class).one());
        assertThat(toTheOneWhoAnswered).isZero();

        try (Api.Socket banner = api.socket("/ws/alerts?lang=fr")) {
            JsonNode now = banner.next("alerts", 5);
            assertThat(now.toString()).contains("Rappel\u00a0: dites-nous");
            Response closed = api.post("/api/v1/alerts/" + id + "/close", mathis, Map.of());
            assertThat(closed.status()).as(closed.raw().body()).isEqualTo(200);
            JsonNode after = banner.nextMatching("alerts", f -> {
                for (JsonNode a : f.get("alerts")) if (a.get("id").asText().equals(Long.toString(id))) return false;
                return true;
            }, 5);
            assertThat(after).as("the banner goes with the all-clear").isNotNull();
        }
        assertThat(mailsOf(id) - before).as("the all-clear to the four with an address").isEqualTo(7);
        assertThat(ack(token(id, "etudiant2@cegep-test.qc.ca"), Map.of("state", "safe")).statusCode()).isEqualTo(409);
        assertThat(get("/alerte/" + id).body()).contains("Alerte terminée").contains("Fin de l’alerte");
        HttpResponse<String> link = get("/link/alerte/" + token(id, "etudiant3@cegep-test.qc.ca"));
        assertThat(link.statusCode()).isEqualTo(200);
        assertThat(link.body()).as("in the person's language, English").contains("This alert is closed").doesNotContain("id=\"al-safe\"");
        assertThat(api.post("/api/v1/alerts/" + id + "/updates", camille, Map.of("fr", Map.of("short", "x", "long", "y"))).status()).isEqualTo(409);
    }

    // ---------------------------------------------------------------- uploaded lists

    static Response upload(String name, String csv) {
        return api.postBytes("/api/v1/alerts/lists?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8), camille, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUploadedListReachesTheContactsItsAddressesAndPhonesMatchAndNamesTheLinesThatMatchNone() {
        Map<String, Object> phoned = new LinkedHashMap<>(Map.of("name", "Téo Sans-Courriel", "lang", "fr", "kinds", List.of("employer"),
                "phones", List.of("+1 514 555 0101")));
        Response p = api.post("/api/v1/contacts", cegep.jérôme, phoned);
        assertThat(p.status()).as(p.raw().body()).isEqualTo(201);
        // French Excel: semicolons; an address in capitals; a phone written with spaces; an erased contact and strangers
        Response up = upload("Résidence B", """
                Nom;Courriel;Téléphone
                Étudiant·e 0;etudiant0@cegep-test.qc.ca;
                Inconnu;inconnu@example.org;
                Gaël;GAEL.MENARD@cegep-test.qc.ca;
                Téo;;+1 514 555 0101
                Effacée;effacee@cegep-test.qc.ca;
                Pas une adresse;pas-une-adresse;
                """);
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        assertThat(up.json().get("members").asInt()).isEqualTo(3);
        assertThat(up.json().get("rows").asInt()).isEqualTo(6);
        assertThat(up.json().get("unmatched").asInt()).isEqualTo(3);
        assertThat(up.json().get("unmatchedLines").toString()).isEqualTo("[3,6,7]");
        long list = up.json().get("id").asLong();
        assertThat(api.get("/api/v1/alerts/lists", mathis).json().get("lists").toString()).contains("Résidence B");

        Map<String, Object> body = fireDraft(Map.of("kind", "list", "listId", list));
        Response d = draft(camille, body);
        assertThat(d.status()).as(d.raw().body()).isEqualTo(201);
        assertThat(d.json().path("reach").path("total").asInt()).isEqualTo(3);
        assertThat(d.json().path("reach").path("email").asInt()).as("Téo has a phone only").isEqualTo(2);
        long id = d.json().get("id").asLong();
        assertThat(api.post("/api/v1/alerts/" + id + "/approve", mathis, Map.of()).status()).isEqualTo(200);
        List<String> to = db.withHandle(h -> h.createQuery("""
                SELECT m.recipient FROM mail_outbox m WHERE m.id IN (SELECT unnest(mail_ids) FROM alert_recipients WHERE alert_id = :a) ORDER BY 1""")
                .bind("a", id).mapTo(String.class).list());
        assertThat(to).containsExactly("etudiant0@cegep-test.qc.ca", "gael.menard@cegep-test.qc.ca");

        // the alert's audit starts from the list: who uploaded it, when, its lines and whom they matched
        JsonNode audit = api.get("/api/v1/alerts/" + id, camille).json().get("audit");
        assertThat(audit.get(0).get("action").asText()).isEqualTo("list_uploaded");
        assertThat(audit.get(0).get("staff").asText()).isEqualTo("Camille Béland");
        assertThat(audit.get(0).get("detail").asText()).isEqualTo(list + "|6|3|3|Résidence B");
        assertThat(audit.get(1).get("action").asText()).isEqualTo("drafted");
        String screen = api.get("/alerts/" + id, mathis).raw().body();
        assertThat(screen).contains("liste «\u00a0Résidence B\u00a0» téléversée\u00a0: 6 lignes, 3 personnes trouvées, 3 lignes sans fiche");

        assertThat(draft(camille, fireDraft(Map.of("kind", "list", "listId", 999_999))).status()).as("no such list").isEqualTo(422);
        assertThat(draft(camille, fireDraft(Map.of("kind", "list"))).json().path("error").path("code").asText()).isEqualTo("empty_audience");
    }

    @Test
    void anUploadedListWithAFormulaOrAControlCharacterIsRefusedWholeNamingItsLines() {
        int before = api.get("/api/v1/alerts/lists", camille).json().get("lists").size();
        Response formula = upload("Formules", "courriel,téléphone\netudiant0@cegep-test.qc.ca,\n=1+2,\n"
                + "etudiant1@cegep-test.qc.ca,+1 514 555 0199\n@SUM(A1),\netudiant2@cegep-test.qc.ca,-2+3\n");
        assertThat(formula.status()).isEqualTo(422);
        assertThat(formula.json().path("error").path("code").asText()).isEqualTo("csv_refused");
        assertThat(formula.json().path("error").path("message").asText())
                .contains("line 3 (a formula cell)").contains("line 5 (a formula cell)").contains("line 6 (a formula cell)")
                .as("a phone with its + is no formula").doesNotContain("line 4");
        Response control = upload("Contrôle", "courriel\netudiant0@cegep-test.qc.ca\u0007\n");
        assertThat(control.status()).isEqualTo(422);
        assertThat(control.json().path("error").path("message").asText()).contains("line 2 (a control character)");
        Response header = upload("Sans colonne", "nom\nZoé\n");
        assertThat(header.json().path("error").path("code").asText()).isEqualTo("csv_header");
        Response nobody = upload("Personne", "email\npersonne@example.org\n");
        assertThat(nobody.json().path("error").path("code").asText()).isEqualTo("empty_audience");
        assertThat(upload("", "email\netudiant0@cegep-test.qc.ca\n").status()).as("a list has a name").isEqualTo(422);
        assertThat(upload("x".repeat(201), "email\netudiant0@cegep-test.qc.ca\n").status()).isEqualTo(422);
        assertThat(upload("Vide", "").json().path("error").path("code").asText()).isEqualTo("csv_empty");
        assertThat(api.postBytes("/api/v1/alerts/lists?name=x", cegep.élodie, "text/csv", "email\nx@y.org\n".getBytes(StandardCharsets.UTF_8)).status())
                .as("an agent may not").isEqualTo(403);
        assertThat(api.get("/api/v1/alerts/lists", camille).json().get("lists").size()).as("nothing was kept").isEqualTo(before);
    }

    // ---------------------------------------------------------------- the after-action report

    @Test
    void onceClosedTheReportShowsTheTimelineTheReachAndTheAnswersAndExportsThem() throws Exception {
        long id = sent(fireDraft(students()));
        assertThat(api.get("/alerts/" + id + "/report", mathis).status()).as("not before the all-clear").isEqualTo(409);
        assertThat(ack(token(id, "etudiant0@cegep-test.qc.ca"), Map.of("state", "safe")).statusCode()).isEqualTo(200);
        assertThat(ack(token(id, "etudiant1@cegep-test.qc.ca"), Map.of("state", "help", "message", "Je suis coincé au 3e")).statusCode()).isEqualTo(200);
        api.post("/api/v1/alerts/" + id + "/updates", camille, Map.of("fr", Map.of("short", "Le feu est maîtrisé.", "long", "Restez à l’écart.")));
        assertThat(api.post("/api/v1/alerts/" + id + "/close", mathis, Map.of()).status()).isEqualTo(200);
        assertThat(api.get("/alerts/" + id + "/report", cegep.élodie).status()).as("an agent does not follow alerts").isEqualTo(403);

        Response page = api.get("/alerts/" + id + "/report", mathis);
        assertThat(page.status()).isEqualTo(200);
        org.jsoup.nodes.Document d = org.jsoup.Jsoup.parse(page.raw().body());
        assertThat(d.select("#al-r-timeline li").eachText()).satisfiesExactly(
                s -> assertThat(s).contains("Camille Béland").contains("brouillon créé"),
                s -> assertThat(s).contains("Mathis Pépin").contains("approuvée"),
                s -> assertThat(s).contains("Mathis Pépin").contains("envoyée"),
                s -> assertThat(s).contains("Camille Béland").contains("suivi envoyé à tous"),
                s -> assertThat(s).contains("Mathis Pépin").contains("fin de l’alerte annoncée"));
        assertThat(d.select("#al-r-recipients").text()).isEqualTo("5");
        assertThat(d.select("#al-r-safe").text()).isEqualTo("1");
        assertThat(d.select("#al-r-help").text()).isEqualTo("1");
        assertThat(d.select("#al-r-silent").text()).isEqualTo("3");
        assertThat(d.select("#al-r-first").text()).matches("(\\d+[\u00a0 ]min )?\\d+[\u00a0 ]s");
        assertThat(d.select("#al-r-reach tbody tr").first().text()).as("the four students with an address").startsWith("Courriel 4");
        assertThat(d.select("#al-r-curve tbody tr").last().text()).as("at the all-clear").endsWith("1 1 3");
        assertThat(d.select("#al-r-curve tbody tr").first().text()).as("at the sending").endsWith("0 0 5");

        Response csv = api.get("/alerts/" + id + "/report.csv", mathis);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.raw().body().lines().toList();
        assertThat(lines.getFirst()).contains("Moment").contains("Depuis l’envoi").contains("Étape").contains("Par");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("brouillon créé").contains("Camille Béland"));
        assertThat(lines.getLast()).contains("réponses cumulées").endsWith("1,1,3");
    }

    @Test
    void theAnswerCurveAndAnswerTimesAreCountedFromTheSending() {
        java.time.Instant sent = java.time.Instant.parse("2026-03-02T14:05:00Z");
        Alert a = new Alert(1, null, Alert.Status.CLOSED, "Fire", "Extreme", Audience.EVERYONE, List.of("mail"), null, null, 1, "A",
                sent.minusSeconds(30), 2L, "B", sent, false, sent.plus(java.time.Duration.ofMinutes(10)), false);
        java.util.function.BiFunction<String, Integer, AlertRecipient> r = (state, seconds) -> new AlertRecipient(seconds == null ? 0 : seconds, "x",
                "x@x", "fr", List.of(), state, null, null, null, seconds == null ? null : sent.plusSeconds(seconds), null, null);
        AfterAction report = AfterAction.of(a, List.of(), null, List.of(r.apply("safe", 45), r.apply("help", 130), r.apply("safe", 400),
                r.apply("safe", 190), r.apply("none", null)));
        assertThat(report.firstAnswer()).hasSeconds(45);
        assertThat(report.medianAnswer()).as("of 45, 130, 190, 400 s").hasSeconds(160);
        assertThat(report.curve()).hasSize(11);
        assertThat(report.curve().getFirst()).extracting(AfterAction.Point::safe, AfterAction.Point::help, AfterAction.Point::none).containsExactly(0, 0, 5);
        assertThat(report.curve().get(3)).as("3 min after").extracting(AfterAction.Point::safe, AfterAction.Point::help, AfterAction.Point::none)
                .containsExactly(1, 1, 3);
        assertThat(report.curve().getLast().at()).isEqualTo(a.closedAt());
        assertThat(report.curve().getLast()).extracting(AfterAction.Point::safe, AfterAction.Point::help, AfterAction.Point::none).containsExactly(3, 1, 1);

        Alert long_ = new Alert(1, null, Alert.Status.CLOSED, "Fire", "Extreme", Audience.EVERYONE, List.of("mail"), null, null, 1, "A",
                sent, 2L, "B", sent, false, sent.plus(java.time.Duration.ofHours(5)), false);
        AfterAction five = AfterAction.of(long_, List.of(), null, List.of(r.apply("none", null)));
        assertThat(five.curve()).as("a long alert keeps a readable curve").hasSizeLessThanOrEqualTo(AfterAction.MAX_POINTS + 1);
        assertThat(five.firstAnswer()).isNull();
        assertThat(five.medianAnswer()).isNull();
    }

    // ---------------------------------------------------------------- live: the approvers, the banner

    @Test
    void theApproverIsToldLiveAndTheAuthorIsNot() {
        try (Api.Socket approver = api.socket("/ws/agent?token=" + mathis);
             Api.Socket author = api.socket("/ws/agent?token=" + camille);
             Api.Socket agent = api.socket("/ws/agent?token=" + cegep.élodie)) {
            long id = drafted(fireDraft(students()));
            JsonNode told = approver.nextMatching("alert.drafted", f -> f.path("alertId").asText().equals(Long.toString(id)), 5);
            assertThat(told).isNotNull();
            assertThat(told.path("href").asText()).isEqualTo("/alerts/" + id);
            assertThat(author.receives("alert.drafted", 1000)).isFalse();
            assertThat(agent.receives("alert.drafted", 300)).isFalse();
        }
    }

    @Test
    void theBannerReachesEveryOpenPublicSocketOnApproval() {
        try (Api.Socket fr = api.socket("/ws/alerts?lang=fr"); Api.Socket en = api.socket("/ws/alerts?lang=en")) {
            fr.next("alerts", 5);
            en.next("alerts", 5);
            long id = sent(fireDraft(students()));
            JsonNode f = fr.nextMatching("alerts", x -> x.get("alerts").toString().contains("\"" + id + "\""), 5);
            assertThat(f).isNotNull();
            assertThat(f.toString()).contains("URGENT\u00a0: incendie au pavillon Sainte-Foy").contains("/alerte/" + id + "?lang=fr");
            JsonNode e = en.nextMatching("alerts", x -> x.get("alerts").toString().contains("\"" + id + "\""), 5);
            assertThat(e.toString()).contains("URGENT: fire in pavillon Sainte-Foy");
        }
    }

    // ---------------------------------------------------------------- feeds

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String cap(Document d, String element) {
        return d.getElementsByTagNameNS(CapDocument.CAP_NS, element).item(0).getTextContent();
    }

    @Test
    void eachAlertIsACapMessageAlertThenUpdateThenCancelAndTheAtomFeedListsTheActiveOnes() throws Exception {
        long draft = drafted(fireDraft(students()));
        assertThat(get("/alerts/" + draft + ".cap").statusCode()).as("a draft is not published").isEqualTo(404);
        long id = sent(fireDraft(students()));
        HttpResponse<String> first = get("/alerts/" + id + ".cap");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("application/cap+xml");
        Document a = xml(first.body());
        assertThat(a.getDocumentElement().getNamespaceURI()).isEqualTo("urn:oasis:names:tc:emergency:cap:1.2");
        assertThat(cap(a, "msgType")).isEqualTo("Alert");
        assertThat(cap(a, "status")).isEqualTo("Actual");
        assertThat(cap(a, "scope")).isEqualTo("Public");
        assertThat(cap(a, "sent")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d").doesNotEndWith("Z");
        assertThat(a.getElementsByTagNameNS(CapDocument.CAP_NS, "info").getLength()).isEqualTo(2);
        assertThat(cap(a, "severity")).isEqualTo("Extreme");
        assertThat(cap(a, "headline")).startsWith("URGENT\u00a0: incendie");
        assertThat(a.getElementsByTagNameNS(CapDocument.CAP_NS, "references").getLength()).isZero();
        String identifier = cap(a, "identifier"), sender = cap(a, "sender"), sent = cap(a, "sent");

        String atom = get("/alerts.atom").body();
        Document feed = xml(atom);
        assertThat(feed.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(atom).contains("/alerts/" + id + ".cap").contains("/alerte/" + id);

        api.post("/api/v1/alerts/" + id + "/updates", camille, Map.of("fr", Map.of("short", "Le feu est maîtrisé.", "long", "Restez à l’écart.")));
        Document u = xml(get("/alerts/" + id + ".cap").body());
        assertThat(cap(u, "msgType")).isEqualTo("Update");
        assertThat(cap(u, "references")).isEqualTo(sender + "," + identifier + "," + sent);
        assertThat(cap(u, "identifier")).isNotEqualTo(identifier);

        api.post("/api/v1/alerts/" + id + "/close", camille, Map.of());
        Document c = xml(get("/alerts/" + id + ".cap").body());
        assertThat(cap(c, "msgType")).isEqualTo("Cancel");
        assertThat(cap(c, "references")).startsWith(sender + "," + identifier + "," + sent + " ");
        assertThat(get("/alerts.atom").body()).doesNotContain("/alerts/" + id + ".cap");
    }
}
