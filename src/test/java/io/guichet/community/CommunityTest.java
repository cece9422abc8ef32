package io.guichet.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The network through its API and pages: sign-up and confirmation (the contact, its kind, the consent, the timeline),
 * bad input and the honeypot, what a member, another member and staff see, a hidden profile, groups (held links,
 * moderation, lock), capture into kb on both timelines, rare birds, listening on a French corpus, leaving.
 */
class CommunityTest {
    static TestNode node;
    static Api api;
    static String admin, agent;
    static Jdbi db;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        Cegep cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE);
        admin = cegep.admin;
        agent = cegep.token(Cegep.Persona.ELODIE);
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Map<String, Object> signUp(String name, String email, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "email", email, "graduationYear", 2015, "programme", "Techniques de l’informatique",
                "consentAlumni", true));
        for (int i = 0; i < more.length; i += 2) body.put((String) more[i], more[i + 1]);
        return body;
    }

    /** Signs up and follows the mailed link: the member's session token (the cookie the page sets). */
    static String join(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/community/members", null, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        String link = confirmLink((String) body.get("email"));
        HttpResponse<String> page = get(link.replaceFirst("^https?://[^/]+", ""), Map.of());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("guichet_member=")).findFirst().orElseThrow();
        return cookie.substring("guichet_member=".length(), cookie.indexOf(';'));
    }

    static String confirmLink(String email) {
        String text = db.withHandle(h -> h.createQuery("SELECT text_body FROM mail_outbox WHERE recipient = :r AND kind = 'community.confirm' ORDER BY id DESC LIMIT 1")
                .bind("r", email).mapTo(String.class).one());
        Matcher m = Pattern.compile("(https?://\\S+/link/anciens/confirmer\\?t=\\S+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    static HttpResponse<String> get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).GET(), headers);
    }

    static HttpResponse<String> post(String path, Map<String, String> headers, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), headers);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> headers) {
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Integer integer(org.jdbi.v3.core.HandleCallback<Integer, RuntimeException> q) {
        return db.withHandle(q);
    }

    static String text(org.jdbi.v3.core.HandleCallback<String, RuntimeException> q) {
        return db.withHandle(q);
    }

    static List<String> texts(org.jdbi.v3.core.HandleCallback<List<String>, RuntimeException> q) {
        return db.withHandle(q);
    }

    static Long longValue(org.jdbi.v3.core.HandleCallback<Long, RuntimeException> q) {
        return db.withHandle(q);
    }

    static Map<String, String> as(String member) {
        return Map.of("X-Community-Member", member);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode directory(String query, Map<String, String> who) {
        HttpResponse<String> r = get("/api/v1/community/directory" + query, who);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    static List<String> names(JsonNode directory) {
        List<String> out = new ArrayList<>();
        directory.get("members").forEach(m -> out.add(m.get("name").asText()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aSignUpIsPendingUntilItsLinkIsOpenedThenTheContactIsAnAlumnusWithConsentAndATimelineEntry() {
        Api.Response r = api.post("/api/v1/community/members", null, signUp("Béatrice Ouellet", "beatrice.ouellet@exemple.ca"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("status")).isEqualTo("pending");
        int contactsBefore = db.withHandle(h -> h.createQuery("SELECT count(*) FROM contact_identities WHERE value = 'beatrice.ouellet@exemple.ca'")
                .mapTo(Integer.class).one());
        assertThat(contactsBefore).as("nothing attaches to a contact before the address is confirmed").isZero();
        assertThat(names(directory("?q=" + enc("Béatrice"), Map.of("Authorization", "Bearer " + admin)))).isEmpty();

        String link = confirmLink("beatrice.ouellet@exemple.ca");
        HttpResponse<String> page = get(link.replaceFirst("^https?://[^/]+", ""), Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Bienvenue dans le réseau, Béatrice Ouellet\u00a0!");
        // the same link again is the same member, not a second one
        assertThat(get(link.replaceFirst("^https?://[^/]+", ""), Map.of()).statusCode()).isEqualTo(200);
        long contact = db.withHandle(h -> h.createQuery("SELECT contact_id FROM contact_identities WHERE value = 'beatrice.ouellet@exemple.ca'")
                .mapTo(Long.class).one());
        assertThat(integer(h -> h.createQuery("SELECT count(*) FROM community_members WHERE contact_id = :c").bind("c", contact).mapTo(Integer.class).one())).isEqualTo(1);
        assertThat(text(h -> h.createQuery("SELECT array_to_string(kinds, ',') FROM contacts WHERE id = :c").bind("c", contact).mapTo(String.class).one())).contains("alumnus");
        assertThat(integer(h -> h.createQuery("SELECT count(*) FROM contact_consents WHERE contact_id = :c AND purpose = 'alumni' AND state = 'granted'")
                .bind("c", contact).mapTo(Integer.class).one())).isEqualTo(1);
        assertThat(texts(h -> h.createQuery("SELECT what FROM contact_timeline WHERE contact_id = :c AND module = 'community'")
                .bind("c", contact).mapTo(String.class).list())).containsExactly("community.joined");
        assertThat(names(directory("?q=" + enc("beatrice"), Map.of("Authorization", "Bearer " + admin)))).containsExactly("Béatrice Ouellet");

        assertThat(get("/link/anciens/confirmer?t=forged.token", Map.of()).statusCode()).isEqualTo(410);
    }

    @Test
    void badInputIsRefusedNamingItsFieldAndARobotIsAnsweredTheSameButNothingIsStored() {
        Map<String, Object[]> bad = new java.util.LinkedHashMap<>();
        bad.put("name", new Object[]{"name", "x".repeat(121)});
        bad.put("name ", new Object[]{"name", "Jean\u0007Paul"});
        bad.put("graduationYear", new Object[]{"graduationYear", 1890});
        bad.put("graduationYear ", new Object[]{"graduationYear", 2999});
        bad.put("graduationYear  ", new Object[]{"graduationYear", "deux mille"});
        bad.put("linkedin", new Object[]{"linkedin", "javascript:alert(1)"});
        bad.put("linkedin ", new Object[]{"linkedin", "http://www.linkedin.com/in/x"});
        bad.put("linkedin  ", new Object[]{"linkedin", "https://www.linkedin.com.evil.example/in/x"});
        bad.put("email", new Object[]{"email", "pas-une-adresse"});
        bad.put("willing", new Object[]{"willing", List.of("tout")});
        bad.put("shownToMembers", new Object[]{"shownToMembers", "everything"});
        bad.put("skills", new Object[]{"skills", java.util.stream.IntStream.range(0, 13).mapToObj(i -> "compétence " + i).toList()});
        for (var e : bad.entrySet()) {
            Api.Response r = api.post("/api/v1/community/members", null, signUp("Test Invalide", "invalide@exemple.ca", e.getValue()));
            assertThat(r.status()).as(e.getKey() + " " + r.raw().body()).isEqualTo(422);
            assertThat(r.json().get("error").get("message").asText()).as(e.getKey()).contains(e.getKey().strip());
        }
        Api.Response robot = api.post("/api/v1/community/members", null, signUp("Robot", "robot@exemple.ca", "website", "http://spam.example"));
        assertThat(robot.status()).isEqualTo(201);
        assertThat(integer(h -> h.createQuery("SELECT count(*) FROM community_members WHERE email IN ('invalide@exemple.ca', 'robot@exemple.ca')")
                .mapTo(Integer.class).one())).isZero();
        assertThat(integer(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE recipient IN ('invalide@exemple.ca', 'robot@exemple.ca')")
                .mapTo(Integer.class).one())).isZero();

        // HTML is kept as text and shown escaped
        String member = join(signUp("<b>Gras</b> & Cie", "html@exemple.ca"));
        HttpResponse<String> found = get("/api/v1/community/directory?q=gras", Map.of("Authorization", "Bearer " + admin));
        assertThat(json(found).get("members").get(0).get("name").asText()).isEqualTo("<b>Gras</b> & Cie");
        assertThat(member).isNotBlank();
    }

    @Test
    void eachMemberDecidesWhatOthersAndStaffSeeAndAHiddenProfileLeavesEverySearchAtOnce() {
        String ines = join(signUp("Inès Thériault", "ines.theriault@exemple.ca", "employer", "Hydro-Québec", "city", "Québec", "linkedin",
                "https://www.linkedin.com/in/ines", "skills", List.of("Pédagogie numérique"), "shownToMembers", "name", "shownToStaff", "profile"));
        String olivier = join(signUp("Olivier Gauthier", "olivier.gauthier@exemple.ca", "employer", "Hydro-Québec", "graduationYear", 2008,
                "shownToMembers", "contact", "shownToStaff", "contact", "linkedin", "https://www.linkedin.com/in/olivier"));
        String viewer = join(signUp("Camille Paré", "camille.pare@exemple.ca", "shownToMembers", "profile"));

        // another member: Olivier shows his contact; Inès only her name, so her employer does not find her
        JsonNode byEmployer = directory("?q=" + enc("hydro quebec"), as(viewer));
        assertThat(names(byEmployer)).containsExactly("Olivier Gauthier");
        JsonNode o = byEmployer.get("members").get(0);
        assertThat(o.get("email").asText()).isEqualTo("olivier.gauthier@exemple.ca");
        assertThat(o.get("linkedin").asText()).isEqualTo("https://www.linkedin.com/in/olivier");
        JsonNode i = directory("?q=" + enc("Inès"), as(viewer)).get("members").get(0);
        assertThat(i.get("name").asText()).isEqualTo("Inès Thériault");
        assertThat(i.get("employer").isNull()).isTrue();
        assertThat(i.get("year").isNull()).isTrue();
        assertThat(i.get("email").isNull()).isTrue();
        assertThat(names(directory("?year=2015&q=" + enc("Inès"), as(viewer)))).as("a filter reveals nothing of a name-only member").isEmpty();

        // staff: Inès allowed them her profile, not her contact
        JsonNode staffSees = directory("?q=" + enc("pedagogie numerique"), Map.of("Authorization", "Bearer " + admin));
        assertThat(names(staffSees)).containsExactly("Inès Thériault");
        JsonNode s = staffSees.get("members").get(0);
        assertThat(s.get("employer").asText()).isEqualTo("Hydro-Québec");
        assertThat(s.get("email").isNull()).isTrue();
        assertThat(s.get("linkedin").isNull()).isTrue();
        assertThat(staffSees.get("facets").get("skill").get(0).get("value").asText()).isEqualTo("Pédagogie numérique");

        // the member herself reads her own row nowhere in the directory; she hides her profile and is gone at once
        assertThat(names(directory("?q=" + enc("Inès"), as(ines)))).isEmpty();
        assertThat(post("/api/v1/community/me/visibility", as(ines), Map.of("hidden", true)).statusCode()).isEqualTo(200);
        assertThat(names(directory("?q=" + enc("Inès"), as(viewer)))).isEmpty();
        assertThat(names(directory("?q=" + enc("Inès"), Map.of("Authorization", "Bearer " + admin)))).isEmpty();
        assertThat(get("/api/v1/community/directory", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/community/directory", as("forged")).statusCode()).isEqualTo(401);
        assertThat(olivier).isNotBlank();
    }

    @Test
    void groupsHoldANewMembersLinksLetStaffModerateAndLockAndCaptureAReplyIntoAHelpArticleOnBothTimelines() {
        long group = api.post("/api/v1/community/groups", admin, Map.of("slug", "classe-en-ligne", "name", "La classe en ligne", "kind", "course"))
                .json().get("id").asLong();
        String asker = join(signUp("Hélène Poirier", "helene.poirier@exemple.ca"));
        String answerer = join(signUp("Étienne Giroux", "etienne.giroux@exemple.ca"));
        assertThat(post("/api/v1/community/groups/" + group + "/threads", as(asker), Map.of("title", "Titre", "body", "Corps")).statusCode())
                .as("joining comes first").isEqualTo(403);
        for (String m : List.of(asker, answerer)) assertThat(post("/api/v1/community/groups/" + group + "/members", as(m), Map.of()).statusCode()).isEqualTo(204);
        HttpResponse<String> thread = post("/api/v1/community/groups/" + group + "/threads", as(asker),
                Map.of("title", "Comment animer un groupe de classe en ligne?", "body", "Mes étudiants décrochent du forum. <script>alert(1)</script>"));
        assertThat(thread.statusCode()).as(thread.body()).isEqualTo(201);
        long threadId = json(thread).get("threadId").asLong();
        HttpResponse<String> spam = post("/api/v1/community/threads/" + threadId + "/replies", as(answerer), Map.of("body", "Voyez https://spam.example"));
        assertThat(json(spam).get("status").asText()).as("a new member's link waits for a moderator").isEqualTo("held");
        HttpResponse<String> reply = post("/api/v1/community/threads/" + threadId + "/replies", as(answerer),
                Map.of("body", "Une question courte chaque lundi, et une réponse **dans l’heure**."));
        long replyId = json(reply).get("id").asLong();
        assertThat(json(reply).get("status").asText()).isEqualTo("visible");

        // the asker's page shows the question escaped, the reply, not the held spam
        HttpResponse<String> page = get("/anciens/groupes/" + group, Map.of("Cookie", "guichet_member=" + asker));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("dans l’heure</strong>").doesNotContain("<script>alert(1)").doesNotContain("spam.example");

        // report, hide, lock
        assertThat(post("/api/v1/community/posts/" + replyId + "/report", as(asker), Map.of()).statusCode()).isEqualTo(204);
        assertThat(api.post("/api/v1/community/posts/" + replyId + "/moderation", agent, Map.of("action", "hide")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/community/posts/" + replyId + "/moderation", admin, Map.of("action", "hide")).text("status")).isEqualTo("hidden");
        assertThat(api.post("/api/v1/community/posts/" + replyId + "/capture", admin, Map.of()).status()).as("a hidden reply is not captured").isEqualTo(409);
        assertThat(api.post("/api/v1/community/posts/" + replyId + "/moderation", admin, Map.of("action", "show")).text("status")).isEqualTo("visible");
        assertThat(api.post("/api/v1/community/threads/" + threadId + "/lock", admin, Map.of("locked", true)).status()).isEqualTo(204);
        assertThat(post("/api/v1/community/threads/" + threadId + "/replies", as(answerer), Map.of("body", "Encore")).statusCode()).isEqualTo(409);

        // capture: a kb draft linked to the post, on both contacts' timelines; again, the same draft
        Api.Response captured = api.post("/api/v1/community/posts/" + replyId + "/capture", admin, Map.of());
        assertThat(captured.status()).as(captured.raw().body()).isEqualTo(201);
        long article = captured.json().get("articleId").asLong();
        assertThat(captured.text("status")).isEqualTo("draft");
        assertThat(api.post("/api/v1/community/posts/" + replyId + "/capture", admin, Map.of()).json().get("articleId").asLong()).isEqualTo(article);
        assertThat(text(h -> h.createQuery("SELECT source_kind || ':' || source_ref FROM kb_articles WHERE id = :a").bind("a", article)
                .mapTo(String.class).one())).isEqualTo("community_post:" + replyId);
        assertThat(text(h -> h.createQuery("SELECT body FROM kb_articles WHERE id = :a").bind("a", article).mapTo(String.class).one()))
                .contains("dans l’heure");
        assertThat(texts(h -> h.createQuery("""
                SELECT t.what FROM contact_timeline t JOIN community_members m ON m.contact_id = t.contact_id
                WHERE t.module = 'community' AND t.what LIKE '%captured' ORDER BY t.what""").mapTo(String.class).list()))
                .containsExactly("community.answer_captured", "community.question_captured");
    }

    @Test
    void rareBirdsAreFoundByTheWordsOfANeedInTheirProfileAndPostsWithTheReasonInWords() {
        String birdy = join(signUp("Maëlle Drouin", "maelle.drouin@exemple.ca", "skills", List.of("animation de communauté", "pédagogie"),
                "willing", List.of("mentor_teacher")));
        join(signUp("Sans Rapport", "sans.rapport@exemple.ca", "skills", List.of("comptabilité")));
        Api.Response r = api.get("/api/v1/community/rare-birds?q=" + enc("qui pourrait montrer l'animation d'une communauté en ligne?"), admin);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("members").get(0).get("name").asText()).isEqualTo("Maëlle Drouin");
        assertThat(r.json().get("members").findValuesAsText("name")).doesNotContain("Sans Rapport");
        assertThat(r.json().get("members").get(0).get("reason").asText())
                .isEqualTo("prêt·e à mentorer un·e enseignant·e, compétences\u00a0: animation de communauté, pédagogie");
        assertThat(api.get("/api/v1/community/rare-birds", agent).status()).isEqualTo(403);
        assertThat(birdy).isNotBlank();
    }

    @Test
    void leavingErasesThePersonThroughPeopleAndTheyLeaveTheDirectory() {
        String leaver = join(signUp("Pénélope Vachon", "penelope.vachon@exemple.ca"));
        assertThat(names(directory("?q=" + enc("Pénélope"), Map.of("Authorization", "Bearer " + admin)))).hasSize(1);
        HttpResponse<String> gone = send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/community/me")).DELETE(), as(leaver));
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(204);
        assertThat(names(directory("?q=" + enc("Pénélope"), Map.of("Authorization", "Bearer " + admin)))).isEmpty();
        assertThat(integer(h -> h.createQuery("SELECT count(*) FROM community_members WHERE email = 'penelope.vachon@exemple.ca' OR name LIKE 'Pénélope%'")
                .mapTo(Integer.class).one())).isZero();
        assertThat(integer(h -> h.createQuery("SELECT count(*) FROM contact_identities WHERE value = 'penelope.vachon@exemple.ca'")
                .mapTo(Integer.class).one())).isZero();
        assertThat(get("/api/v1/community/directory", as(leaver)).statusCode()).isEqualTo(401);
    }
}
