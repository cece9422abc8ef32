package io.guichet.webinars;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The questions staff add to a registration form (free text, one choice, several; required or not; in both
 * languages): asked on the public form, checked, stored, shown to staff and in the registrations' CSV; bad input of
 * both the staff and the registrant refused with a clear error and nothing stored.
 */
class RegistrationQuestionsTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static final ZonedDateTime NEXT_MONTH = ZonedDateTime.now(WebinarFixture.TORONTO).plusMonths(1).withHour(14).withMinute(0).withSecond(0).withNano(0);

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String session(String title, int days) {
        Api.Response r = api.post("/api/v1/webinars/sessions", cegep.jérôme, ProgrammePagesTest.session(title, "fr", NEXT_MONTH.plusDays(days), null));
        assertThat(r.status()).isEqualTo(201);
        return r.text("id");
    }

    private static String question(String session, Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/webinars/sessions/" + session + "/questions", cegep.jérôme, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.text("id");
    }

    private static Map<String, Object> registration(String email, Map<String, Object> answers) {
        return new HashMap<>(Map.of("name", "Zoé Lévesque", "email", email, "answers", answers));
    }

    @Test
    void staffAddQuestionsTheRegistrantAnswersThemAndStaffReadTheAnswersOnThePageAndInTheCsv() {
        String id = session("Portes ouvertes en génie", 1);
        String program = question(id, Map.of("kind", "text", "required", true, "labelFr", "Quel programme vous intéresse ?",
                "labelEn", "Which program interests you?"));
        String when = question(id, Map.of("kind", "choice", "labelFr", "Quand comptez-vous commencer ?", "labelEn", "When do you plan to start?",
                "optionsFr", List.of("Automne 2027", "Hiver 2028"), "optionsEn", List.of("Fall 2027", "Winter 2028")));
        String topics = question(id, Map.of("kind", "choices", "labelFr", "Sujets à aborder", "labelEn", "Topics to cover",
                "optionsFr", List.of("Bourses", "Résidences", "Stages"), "optionsEn", List.of("Bursaries", "Residences", "Internships")));
        Api.Response shown = api.get("/api/v1/webinars/sessions/" + id, null);
        assertThat(shown.json().get("questions")).hasSize(3);
        assertThat(shown.json().get("questions").get(1).get("optionsEn").toString()).isEqualTo("[\"Fall 2027\",\"Winter 2028\"]");

        Map<String, Object> answers = new LinkedHashMap<>(Map.of(program, "=HYPERLINK(\"http://x\") Génie civil", when, 1, topics, List.of(2, 0)));
        Api.Response r = api.post("/api/v1/webinars/sessions/" + id + "/registrations", null, registration("zoe@exemple.ca", answers));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        Api.Response stored = api.get("/api/v1/webinars/sessions/" + id + "/registrations", cegep.jérôme);
        assertThat(stored.json().get("registrations").get(0).get("answers").toString())
                .isEqualTo("{\"" + program + "\":\"=HYPERLINK(\\\"http://x\\\") Génie civil\",\"" + when + "\":1,\"" + topics + "\":[0,2]}");

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        String page = staff.get("/webinars/sessions/" + id).body();
        assertThat(page).contains("<th scope=\"col\">Quel programme vous intéresse ?</th>", "<td>Hiver 2028</td>", "<td>Bourses ; Stages</td>",
                "Cette séance · Réponse libre · obligatoire");
        HttpResponse<String> csv = staff.get("/webinars/sessions/" + id + "/registrations.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("\uFEFFname,email,lang,status,registered_at,Quel programme vous intéresse ?,Quand comptez-vous commencer ?,Sujets à aborder");
        assertThat(rows[1]).startsWith("Zoé Lévesque,zoe@exemple.ca,fr,registered,")
                .endsWith(",\"'=HYPERLINK(\"\"http://x\"\") Génie civil\",Hiver 2028,Bourses ; Stages");

        // removed: no longer asked, and a new registration need not answer it
        assertThat(api.delete("/api/v1/webinars/sessions/" + id + "/questions/" + program, cegep.jérôme).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/webinars/sessions/" + id + "/registrations", null, registration("noe@exemple.ca", Map.of())).status()).isEqualTo(201);
    }

    @Test
    void badAnswersAreRefusedWithTheirQuestionNamedAndNothingIsStored() {
        String id = session("Séance des parents", 2);
        String text = question(id, Map.of("kind", "text", "required", true, "labelFr", "Votre enfant étudie en", "labelEn", "Your child studies in"));
        String choice = question(id, Map.of("kind", "choice", "required", true, "labelFr", "Vous êtes", "labelEn", "You are",
                "optionsFr", List.of("Parent", "Tuteur·rice"), "optionsEn", List.of("Parent", "Guardian")));
        Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
        bad.put("answers." + text, Map.of(choice, 0));                                  // a required one unanswered
        bad.put("answers." + choice, Map.of(text, "Secondaire 5", choice, 7));          // not one of the choices
        bad.put("answers." + choice + " ", Map.of(text, "Secondaire 5", choice, List.of(0, 1))); // two choices to a one-choice question
        bad.put("answers." + text + " ", Map.of(text, "x".repeat(301), choice, 0));     // too long
        bad.put("answers." + text + "  ", Map.of(text, "ligne\u0007cloche", choice, 0)); // a control character
        bad.put("answers", Map.of(text, "Secondaire 5", choice, 0, "999999", "?"));     // a question not asked
        int n = 0;
        for (var e : bad.entrySet()) {
            Api.Response r = api.post("/api/v1/webinars/sessions/" + id + "/registrations", null, registration("parent" + n++ + "@exemple.ca", e.getValue()));
            assertThat(r.status()).as(e.getKey() + ": " + r.raw().body()).isEqualTo(422);
            assertThat(r.json().get("error").get("message").asText()).as(e.getKey()).contains(e.getKey().strip());
        }
        assertThat(api.get("/api/v1/webinars/sessions/" + id + "/registrations", cegep.jérôme).json().get("registrations")).as("nothing stored").isEmpty();

        // the public form: every question's refusal at once, next to it, and what was typed kept
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        String form = visitor.get("/programme/seance/" + id).body();
        assertThat(form).contains("Votre enfant étudie en", "<legend>Vous êtes", "name=\"q" + choice + "\"");
        HttpResponse<String> refused = visitor.post("/programme/seance/" + id, Map.of("name", "", "email", "parent@exemple.ca", "q" + text, "<b>" + "x".repeat(300) + "</b>"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Entrez votre nom", "id=\"reg-q" + text + "-error\"", "id=\"reg-q" + choice + "-error\"",
                "Répondez à cette question", "value=\"&lt;b>xxx").doesNotContain("<b>xxx");
        HttpResponse<String> done = visitor.post("/programme/seance/" + id, Map.of("name", "Léa Côté", "email", "lea@exemple.ca", "q" + text, "<b>Sec 5</b>",
                "q" + choice, "1"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Vous êtes inscrit·e");
        assertThat(api.get("/api/v1/webinars/sessions/" + id + "/registrations", cegep.jérôme).json().get("registrations").get(0).get("answers").toString())
                .isEqualTo("{\"" + text + "\":\"<b>Sec 5</b>\",\"" + choice + "\":1}");
    }

    @Test
    void badQuestionsAreRefusedNamingTheirFieldAndAnAgentMayNotAddOne() {
        String id = session("Atelier CV", 3);
        List<Map<String, Object>> bad = List.of(
                Map.of("kind", "text", "labelFr", "", "labelEn", "Name"),
                Map.of("kind", "choice", "labelFr", "Un choix", "labelEn", "One choice", "optionsFr", List.of("Seul"), "optionsEn", List.of("Alone")),
                Map.of("kind", "choice", "labelFr", "Deux", "labelEn", "Two", "optionsFr", List.of("Oui", "Non"), "optionsEn", List.of("Yes")),
                Map.of("kind", "text", "labelFr", "Libre", "labelEn", "Free", "optionsFr", List.of("A", "B"), "optionsEn", List.of("A", "B")),
                Map.of("kind", "sondage", "labelFr", "Quoi", "labelEn", "What"),
                Map.of("kind", "text", "scope", "event", "labelFr", "Quoi", "labelEn", "What"),
                Map.of("kind", "text", "labelFr", "x".repeat(201), "labelEn", "What"));
        List<String> fields = List.of("labelFr", "optionsFr", "optionsEn", "optionsFr", "kind", "scope", "labelFr");
        for (int i = 0; i < bad.size(); i++) {
            Api.Response r = api.post("/api/v1/webinars/sessions/" + id + "/questions", cegep.jérôme, bad.get(i));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
            assertThat(r.json().get("error").get("message").asText()).as(bad.get(i).toString()).containsIgnoringCase(fields.get(i).replace("Fr", "").replace("En", ""));
        }
        assertThat(api.post("/api/v1/webinars/sessions/" + id + "/questions", cegep.élodie,
                Map.of("kind", "text", "labelFr", "Quoi", "labelEn", "What")).status()).as("an agent").isEqualTo(403);
        assertThat(api.get("/api/v1/webinars/sessions/" + id, null).json().get("questions")).isEmpty();
    }

    @Test
    void aQuestionTiedToAContactFieldTakesItsTypeAndChoicesAndNotesTheAnswerOnTheContactWhenItHoldsNone() {
        assertThat(api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "annee_diplome", "labelFr", "Année de diplomation",
                "labelEn", "Graduation year", "type", "number")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "programme_vise", "labelFr", "Programme visé",
                "labelEn", "Intended program", "type", "choice", "choices", List.of("Génie civil", "Soins infirmiers"))).status()).isEqualTo(201);
        String id = session("Soirée des finissants", 3);
        String year = question(id, Map.of("contactField", "annee_diplome"));
        String programme = question(id, Map.of("contactField", "programme_vise", "required", true, "labelFr", "Quel programme visez-vous ?",
                "labelEn", "Which program do you intend?"));
        Api.Response shown = api.get("/api/v1/webinars/sessions/" + id, null);
        assertThat(shown.json().get("questions").get(0).get("labelFr").asText()).as("the field's label by default").isEqualTo("Année de diplomation");
        assertThat(shown.json().get("questions").get(0).get("kind").asText()).isEqualTo("text");
        assertThat(shown.json().get("questions").get(1).get("kind").asText()).isEqualTo("choice");
        assertThat(shown.json().get("questions").get(1).get("optionsFr").toString()).isEqualTo("[\"Génie civil\",\"Soins infirmiers\"]");
        assertThat(api.post("/api/v1/webinars/sessions/" + id + "/questions", cegep.jérôme, Map.of("contactField", "pointure")).status())
                .as("an unknown field").isEqualTo(422);

        // the public form asks a number field with a number input, and refuses what the field refuses, next to the question
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        String form = visitor.get("/programme/seance/" + id + "?lang=fr").body();
        assertThat(form).contains("name=\"q" + year + "\" type=\"number\"", "Quel programme visez-vous ?", "Soins infirmiers");
        HttpResponse<String> refused = visitor.post("/programme/seance/" + id + "?lang=fr", Map.of("name", "Zoé Lévesque",
                "email", "finissante@exemple.ca", "lang", "fr", "q" + year, "deux mille", "q" + programme, "1"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Entrez un nombre, comme 2027.");
        Api.Response bad = api.post("/api/v1/webinars/sessions/" + id + "/registrations", null, registration("finissante@exemple.ca",
                Map.of(year, "deux mille", programme, 1)));
        assertThat(bad.json().at("/error/code").asText()).isEqualTo("not_a_number");
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("answers." + year + ": fields.annee_diplome must be a number");

        // the answers are noted on the contact; a later registration by the same address changes nothing staff recorded
        assertThat(api.post("/api/v1/webinars/sessions/" + id + "/registrations", null, registration("finissante@exemple.ca",
                Map.of(year, "2026", programme, 1))).status()).isEqualTo(201);
        String other = session("Soirée des finissants, deuxième", 4);
        String otherYear = question(other, Map.of("contactField", "annee_diplome"));
        assertThat(api.post("/api/v1/webinars/sessions/" + other + "/registrations", null, registration("finissante@exemple.ca",
                Map.of(otherYear, "1999"))).status()).isEqualTo(201);
        String custom = node.app.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT c.custom::text FROM contacts c JOIN contact_identities i ON i.contact_id = c.id
                WHERE i.kind = 'email' AND i.value = 'finissante@exemple.ca'""").mapTo(String.class).one());
        assertThat(custom).isEqualTo("{\"annee_diplome\": 2026, \"programme_vise\": \"Soins infirmiers\"}");
    }
}
