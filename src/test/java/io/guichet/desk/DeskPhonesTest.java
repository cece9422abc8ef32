package io.guichet.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Browsers;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hotline's phones with real sockets, a real browser and the PBX's signed webhook: a call ringing at an agent's
 * extension pops the caller on that agent's console only, with their sittings running now and their open incidents,
 * and one action opens an incident from the call; missed calls are given to the hotline's agents like chats (capacity,
 * fewest open first), the rest wait in order; a call logged by hand, and its bad input.
 */
class DeskPhonesTest {
    static final String SECRET = "un-secret-partagé-avec-le-central";
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    static Browsers browsers;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DESK_CALLS_SECRET", SECRET));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    static long staffId(String email) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM staff WHERE lower(email) = lower(:e)").bind("e", email).mapTo(Long.class).one());
    }

    static String iso(Instant i) {
        return OffsetDateTime.ofInstant(i.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(-5)).toString();
    }

    static String event(String callId, String event, String from, String extension, Instant at) {
        return "{\"callId\":\"" + callId + "\",\"event\":\"" + event + "\",\"from\":\"" + from + "\",\"to\":\"+15145550100\""
                + (extension == null ? "" : ",\"extension\":\"" + extension + "\"") + ",\"at\":\"" + iso(at) + "\"}";
    }

    static int signed(String body) throws Exception {
        var req = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/desk/calls/events")).header("Content-Type", "application/json")
                .header("X-Guichet-Signature", io.guichet.platform.web.BodySignatures.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static long sitting(String ref, String studentNumber) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sittingId", ref);
        m.put("courseCode", "PHY-" + ref);
        m.put("courseTitle", "Électricité et magnétisme — " + ref);
        m.put("start", iso(Instant.now().minus(Duration.ofMinutes(30))));
        m.put("durationMinutes", 180);
        m.put("mode", "remote");
        m.put("faculty", Map.of("code", "fsg", "name", "Faculté des sciences et de génie", "examOfficeEmail", "examens-fsg@univ-test.ca",
                "backupName", "Hélène Dubé", "backupEmail", "releve-fsg@univ-test.ca"));
        m.put("professors", List.of(Map.of("email", "prof-" + ref + "@univ-test.ca", "name", "Prof. Loïc Pelletier", "lang", "fr")));
        m.put("studentNumbers", List.of(studentNumber));
        Response r = api.post("/api/v1/desk/sittings", cegep.jérôme, m);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** A student with a phone (typed the Québec way) and a student number, registered in a sitting running now. */
    static long student(String name, String phone, String number) {
        Response r = api.post("/api/v1/contacts", cegep.admin, Map.of("name", name, "phones", List.of(phone), "studentNumber", number, "kinds", List.of("student")));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long openIncident(long sittingId, long contactId) {
        Response r = api.post("/api/v1/desk/incidents", cegep.noémie, Map.of("clientId", UUID.randomUUID().toString(), "contactId", contactId,
                "sittingId", sittingId, "category", "platform", "description", "La plateforme affiche « erreur 500 » à la question 3.",
                "startedAt", iso(Instant.now().minusSeconds(300))));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long facultyAccount(String email) {
        Response made = api.post("/api/v1/staff", cegep.admin, Map.of("email", email, "name", "Bureau des examens", "password", Cegep.PASSWORD,
                "role", "faculty", "services", List.of(), "maxConcurrent", 1));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        assertThat(api.post("/api/v1/desk/faculties/fsg/members", cegep.admin, Map.of("staffId", id)).status()).isEqualTo(204);
        return id;
    }

    static Response setExtension(String token, long staffId, String extension) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("extension", extension);
        return api.put("/api/v1/desk/agents/" + staffId + "/extension", token, body);
    }

    @Test
    void aRingingCallPopsTheCallerOnlyOnTheConsoleOfTheAgentAtItsExtension() throws Exception {
        long sittingId = sitting("RING-1", "2026701");
        long contactId = student("Maëlle Bérubé", "418 555-0142", "2026701");
        long incidentId = openIncident(sittingId, contactId);
        long noémie = staffId(Cegep.Persona.NOEMIE.email), élodie = staffId(Cegep.Persona.ELODIE.email);
        assertThat(setExtension(cegep.noémie, noémie, "201").status()).isEqualTo(200);
        assertThat(setExtension(cegep.élodie, élodie, "202").status()).isEqualTo(200);
        assertThat(setExtension(cegep.élodie, élodie, "201").status()).as("someone's extension already").isEqualTo(409);
        assertThat(setExtension(cegep.élodie, noémie, "299").status()).as("an agent sets only their own").isEqualTo(403);
        assertThat(setExtension(cegep.jérôme, élodie, "203").status()).as("a supervisor sets anyone's").isEqualTo(200);
        assertThat(setExtension(cegep.élodie, élodie, "20<script>").status()).isEqualTo(422);
        facultyAccount("bureau.fsg@univ-test.ca");
        String faculty = api.login("bureau.fsg@univ-test.ca", Cegep.PASSWORD);

        try (Api.Socket atNoémie = api.socket("/ws/agent?token=" + cegep.noémie);
             Api.Socket atÉlodie = api.socket("/ws/agent?token=" + cegep.élodie);
             Api.Socket atJérôme = api.socket("/ws/agent?token=" + cegep.jérôme);
             Api.Socket atFaculty = api.socket("/ws/agent?token=" + faculty)) {
            for (Api.Socket s : List.of(atNoémie, atÉlodie, atJérôme, atFaculty)) s.drain(300);
            assertThat(signed(event("pbx-ring-1", "ringing", "+1 418 555-0142", "201", Instant.now()))).isEqualTo(201);

            JsonNode pop = atNoémie.next("call.ringing", 5);
            assertThat(pop).as("the agent at extension 201").isNotNull();
            assertThat(pop.path("callId").asText()).isEqualTo("pbx-ring-1");
            assertThat(pop.path("contact").path("id").asText()).isEqualTo(Long.toString(contactId));
            assertThat(pop.path("contact").path("name").asText()).isEqualTo("Maëlle Bérubé");
            assertThat(pop.path("contact").path("studentNumber").asText()).isEqualTo("2026701");
            assertThat(pop.path("sittings").findValuesAsText("id")).contains(Long.toString(sittingId));
            assertThat(pop.path("incidents").findValuesAsText("id")).containsExactly(Long.toString(incidentId));
            assertThat(pop.path("openIncident").asText()).contains("call=pbx-ring-1", "contact=" + contactId, "sittingId=" + sittingId);
            assertThat(atÉlodie.receives("call.ringing", 1500)).as("another agent").isFalse();
            assertThat(atJérôme.receives("call.ringing", 300)).as("a supervisor").isFalse();
            assertThat(atFaculty.receives("call.ringing", 300)).as("a faculty account").isFalse();

            // the card is the agent's only: another agent is told there is no such call
            Response card = api.get("/desk/calls/pbx-ring-1/pop", cegep.noémie);
            assertThat(card.status()).isEqualTo(200);
            assertThat(card.raw().body()).contains("Maëlle Bérubé", "PHY-RING-1", "Ouvrir un incident à partir de cet appel");
            assertThat(api.get("/desk/calls/pbx-ring-1/pop", cegep.élodie).status()).isEqualTo(404);
            assertThat(api.get("/desk/calls/pbx-ring-1/pop", faculty).status()).isIn(403, 404);

            // an unknown number at an extension nobody answers: nobody is told
            assertThat(signed(event("pbx-ring-2", "ringing", "+1 418 555-0199", "777", Instant.now()))).isEqualTo(201);
            assertThat(atNoémie.receives("call.ringing", 1000)).isFalse();
            // an unknown number at Élodie's: her pop says nobody holds it
            assertThat(signed(event("pbx-ring-3", "ringing", "+1 418 555-0199", "203", Instant.now()))).isEqualTo(201);
            JsonNode unknown = atÉlodie.next("call.ringing", 5);
            assertThat(unknown).isNotNull();
            assertThat(unknown.path("contact").isNull()).isTrue();
            assertThat(atNoémie.receives("call.ringing", 500)).isFalse();
        }
    }

    @Test
    void theConsolePopsTheCallerAndOpensAnIncidentFromTheCall() throws Exception {
        long sittingId = sitting("RING-2", "2026702");
        student("Loïc Gagné", "(581) 555-0123", "2026702");
        assertThat(setExtension(cegep.noémie, staffId(Cegep.Persona.NOEMIE.email), "201").status()).isEqualTo(200);
        List<String> problems = new ArrayList<>();
        int call = 0;
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(person, node.baseUrl(), "/console", Cegep.Persona.NOEMIE.email, Cegep.PASSWORD);
                page.waitForSelector("#console[data-socket=ready]");
                String callId = "pbx-browser-" + (++call);
                assertThat(signed(event(callId, "ringing", "+15815550123", "201", Instant.now()))).isEqualTo(201);
                page.waitForSelector("#dk-pops .dk-pop");
                assertThat(page.textContent("#dk-pops .dk-pop")).contains("Appel entrant\u00a0:", "+15815550123", "Loïc Gagné", "matricule 2026702",
                        "PHY-RING-2");
                Browsers.shoot(page, "desk-call-pop-" + width, problems);
                if (width == 1440) {
                    page.click("#dk-pops .dk-pop-close");
                    page.waitForSelector("#dk-pops .dk-pop", new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
                    continue;
                }
                page.click("#dk-pops .dk-pop-open");
                page.waitForSelector("#dk-from-call");
                assertThat(page.textContent("#dk-student")).isEqualTo("Loïc Gagné");
                assertThat(page.inputValue("#dk-sitting-new")).isEqualTo(Long.toString(sittingId));
                page.fill("#dk-description", "La caméra s’est éteinte ; l’étudiant appelle du cellulaire.");
                page.selectOption("#dk-category-new", "proctoring");
                page.click("form.dk-new button[type=submit]");
                page.waitForURL(u -> u.matches(".*/desk/incidents/\\d+$"));
                long id = Long.parseLong(page.url().replaceAll(".*/", ""));
                String recorded = db.withHandle(h -> h.createQuery("SELECT call_id FROM desk_incidents WHERE id = :id").bind("id", id).mapTo(String.class).one());
                assertThat(recorded).isEqualTo(callId);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void missedCallsAreGivenToTheHotlinesAgentsLikeChatsAndTheRestWaitInOrder() throws Exception {
        db.useHandle(h -> h.execute("UPDATE desk_callbacks SET done_at = now() WHERE done_at IS NULL")); // other tests' calls
        long noémie = staffId(Cegep.Persona.NOEMIE.email);
        // the hotline (soutien-informatique): Noémie takes 2 at once, Maxime 1; Élodie (admissions) none of them
        assertThat(api.put("/api/v1/staff/" + noémie, cegep.admin, Map.of("name", Cegep.Persona.NOEMIE.fullName, "role", "agent", "active", true,
                "services", List.of(Cegep.SOUTIEN_INFORMATIQUE), "maxConcurrent", 2)).status()).isEqualTo(204);
        String maxime = api.createStaff(cegep.admin, "maxime@cegep-test.qc.ca", "Maxime Thériault", "agent", 1, Cegep.SOUTIEN_INFORMATIQUE);
        long maximeId = staffId("maxime@cegep-test.qc.ca");
        Instant t0 = Instant.now().minusSeconds(200);
        // before anyone of the hotline is on line, every missed call waits
        for (int i = 1; i <= 4; i++) assertThat(signed(event("pbx-miss-" + i, "missed", "+1 514 555-01" + (10 + i), null, t0.plusSeconds(i * 10)))).isEqualTo(201);
        assertThat(assignees()).containsOnlyNulls().hasSize(4);

        try (Api.Socket atNoémie = api.socket("/ws/agent?token=" + cegep.noémie);
             Api.Socket atMaxime = api.socket("/ws/agent?token=" + maxime);
             Api.Socket atÉlodie = api.socket("/ws/agent?token=" + cegep.élodie)) {
            node.app.deskCallbacks().doRoute(); // what the 15-second pass does once agents come on line
            List<Long> who = assignees();
            // oldest first: three given (Noémie 2, Maxime 1: nobody over their room), the newest waits
            assertThat(who.subList(0, 3)).containsExactlyInAnyOrder(noémie, noémie, maximeId);
            assertThat(who.get(3)).as("the newest waits: nobody has room").isNull();
            assertThat(who.get(0)).as("fewest open first, then routing's order").isNotNull();
            assertThat(atNoémie.next("callback.assigned", 5)).isNotNull();
            assertThat(atMaxime.next("callback.assigned", 5)).isNotNull();
            assertThat(atÉlodie.receives("callback.assigned", 500)).as("another service's agent").isFalse();

            // Noémie's list: hers first, then the one waiting
            Response list = api.get("/desk/callbacks", cegep.noémie);
            assertThat(list.raw().body()).contains("Mes rappels", "En attente d’une personne libre", "+15145550114");
            long hers = db.withHandle(h -> h.createQuery("SELECT min(id) FROM desk_callbacks WHERE assignee_id = :s AND done_at IS NULL")
                    .bind("s", noémie).mapTo(Long.class).one());
            // the console's card of it: hers only
            Response card = api.get("/desk/callbacks/" + hers + "/card", cegep.noémie);
            assertThat(card.status()).isEqualTo(200);
            assertThat(card.raw().body()).contains("Rappel à faire\u00a0:", "Voir mes rappels");
            assertThat(api.get("/desk/callbacks/" + hers + "/card", maxime).status()).isEqualTo(404);
            // "called back" closes it and frees her room: the waiting one is hers now
            assertThat(api.postForm("/desk/callbacks/" + hers + "/done", cegep.noémie, Map.of()).status()).isEqualTo(303);
            assertThat(assignees()).as("the three still open").hasSize(3).doesNotContainNull();
            assertThat(atNoémie.next("callback.assigned", 5)).isNotNull();
            assertThat(api.postForm("/desk/callbacks/" + hers + "/done", cegep.noémie, Map.of()).status()).as("twice: the list shows it gone").isEqualTo(303);
        }
    }

    @Test
    void anAgentWhoseCallbacksFillTheirCapacityIsGivenNoChatTheChatWaitsAndGoesToAnother() throws Exception {
        db.useHandle(h -> h.execute("UPDATE desk_callbacks SET done_at = now() WHERE done_at IS NULL")); // other tests' calls
        // the hotline's two agents of this test: Camille takes 2 at once, Rosalie 1
        String camille = api.createStaff(cegep.admin, "camille@cegep-test.qc.ca", "Camille Roy", "agent", 2, Cegep.SOUTIEN_INFORMATIQUE);
        String rosalie = api.createStaff(cegep.admin, "rosalie@cegep-test.qc.ca", "Rosalie Fortin", "agent", 1, Cegep.SOUTIEN_INFORMATIQUE);
        long camilleId = staffId("camille@cegep-test.qc.ca"), rosalieId = staffId("rosalie@cegep-test.qc.ca");
        Instant t0 = Instant.now().minusSeconds(100);
        long justin = student("Justin Lévesque", "514 555-0211", "2026704");
        for (int i = 1; i <= 2; i++) assertThat(signed(event("pbx-held-" + i, "missed", "+1 514 555-02" + (10 + i), null, t0.plusSeconds(i)))).isEqualTo(201);
        // kept as the contact's number is (E.164), and known as Justin's: the list links to his record
        String stored = db.withHandle(h -> h.createQuery("SELECT phone || ' ' || coalesce(contact_id::text, '-') FROM desk_callbacks WHERE call_id = 'pbx-held-1'")
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("+15145550211 " + justin);

        try (Api.Socket atCamille = api.socket("/ws/agent?token=" + camille)) {
            node.app.deskCallbacks().doRoute();
            assertThat(assignees()).as("both callbacks are Camille's: her room is full").containsExactly(camilleId, camilleId);
            atCamille.drain(300);

            String first = api.startConversation(api.visitor("Justine"), Cegep.SOUTIEN_INFORMATIQUE, "Mon examen a planté, j’ai perdu la connexion.").text("conversationId");
            assertThat(atCamille.receives("conversation.assigned", 1500)).as("two callbacks held: no room for a chat").isFalse();
            assertThat(statusOf(first)).as("the chat waits").isEqualTo("waiting");

            try (Api.Socket atRosalie = api.socket("/ws/agent?token=" + rosalie)) {
                JsonNode given = atRosalie.next("conversation.assigned", 5);
                assertThat(given).as("the chat goes to the colleague with room").isNotNull();
                assertThat(given.path("conversation").path("id").asText()).isEqualTo(first);
                assertThat(assigneeOf(first)).isEqualTo(rosalieId);

                // a transfer to Camille by hand is refused too: her two callbacks fill her room
                Response toCamille = api.post("/api/v1/conversations/" + first + "/transfer", rosalie, Map.of("toStaffId", String.valueOf(camilleId)));
                assertThat(toCamille.status()).as(toCamille.raw().body()).isEqualTo(409);
                assertThat(toCamille.raw().body()).contains("no free place");
                assertThat(assigneeOf(first)).as("still Rosalie's").isEqualTo(rosalieId);

                // Rosalie is full now too: the next chat waits until Camille calls someone back
                String second = api.startConversation(api.visitor("Étienne"), Cegep.SOUTIEN_INFORMATIQUE, "La caméra ne s’allume plus.").text("conversationId");
                assertThat(atCamille.receives("conversation.assigned", 1000)).isFalse();
                assertThat(statusOf(second)).isEqualTo("waiting");
                long hers = db.withHandle(h -> h.createQuery("SELECT min(id) FROM desk_callbacks WHERE assignee_id = :s AND done_at IS NULL")
                        .bind("s", camilleId).mapTo(Long.class).one());
                assertThat(api.get("/desk/callbacks", camille).raw().body()).as("Justin's callback links to his record")
                        .contains("href=\"/console/contacts/" + justin + "\"");
                assertThat(api.postForm("/desk/callbacks/" + hers + "/done", camille, Map.of()).status()).isEqualTo(303);
                JsonNode freed = atCamille.next("conversation.assigned", 5);
                assertThat(freed).as("a callback made frees a place for the waiting chat").isNotNull();
                assertThat(freed.path("conversation").path("id").asText()).isEqualTo(second);
                assertThat(assigneeOf(second)).isEqualTo(camilleId);
            }
        }
    }

    @Test
    void aCallbackInEnglishGoesOnlyToAnAgentWhoServesEnglishAsAChatWould() throws Exception {
        db.useHandle(h -> h.execute("UPDATE desk_callbacks SET done_at = now() WHERE done_at IS NULL")); // other tests' calls
        String anaïs = api.createStaff(cegep.admin, "anais@cegep-test.qc.ca", "Anaïs Bouchard", "agent", 2, Cegep.SOUTIEN_INFORMATIQUE);
        String owen = api.createStaff(cegep.admin, "owen@cegep-test.qc.ca", "Owen Clarke", "agent", 1, Cegep.SOUTIEN_INFORMATIQUE);
        long anaïsId = staffId("anais@cegep-test.qc.ca"), owenId = staffId("owen@cegep-test.qc.ca");
        // staffing's skills: Anaïs serves French only, Owen French and English
        assertThat(api.put("/api/v1/staffing/skills/" + anaïsId, cegep.jérôme, Map.of("skills", List.of("fr"))).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/staffing/skills/" + owenId, cegep.jérôme, Map.of("skills", List.of("fr", "en"))).status()).isEqualTo(200);
        Response made = api.post("/api/v1/contacts", cegep.admin, Map.of("name", "Hannah Wright", "lang", "en", "phones", List.of("438 555-0190"),
                "studentNumber", "2026705", "kinds", List.of("student")));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        Instant t0 = Instant.now().minusSeconds(60);
        assertThat(signed(event("pbx-en-1", "missed", "+1 438 555-0190", null, t0))).isEqualTo(201);
        assertThat(signed(event("pbx-en-2", "missed", "+1 438 555-0190", null, t0.plusSeconds(5)))).isEqualTo(201);

        try (Api.Socket atAnaïs = api.socket("/ws/agent?token=" + anaïs); Api.Socket atOwen = api.socket("/ws/agent?token=" + owen)) {
            node.app.deskCallbacks().doRoute();
            assertThat(assigneeOfCall("pbx-en-1")).as("Hannah is answered in English: Owen's").isEqualTo(owenId);
            assertThat(assigneeOfCall("pbx-en-2")).as("Owen is full; Anaïs has room but no English: it waits").isNull();
            assertThat(atOwen.next("callback.assigned", 5)).isNotNull();
            assertThat(atAnaïs.receives("callback.assigned", 500)).isFalse();
        }
    }

    static Long assigneeOfCall(String callId) {
        return db.withHandle(h -> h.createQuery("SELECT assignee_id FROM desk_callbacks WHERE call_id = :c").bind("c", callId)
                .map((rs, c) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }).one());
    }

    @Test
    void aCallbackGivenToAnAgentShowsACardOnTheirConsoleOnAPhoneAndADesk() throws Exception {
        api.createStaff(cegep.admin, "gabrielle@cegep-test.qc.ca", "Gabrielle Ouellet", "agent", 3, Cegep.SOUTIEN_INFORMATIQUE);
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            db.useHandle(h -> h.execute("UPDATE desk_callbacks SET done_at = now() WHERE done_at IS NULL")); // other tests' calls
            try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(person, node.baseUrl(), "/console", "gabrielle@cegep-test.qc.ca", "un-mot-de-passe-long");
                page.waitForSelector("#console[data-socket=ready]");
                String callId = "pbx-card-" + width;
                String number = "+1 819 555-01" + (width == 390 ? "39" : "44"); // shown as the PBX sent it
                assertThat(signed(event(callId, "missed", number, null, Instant.now().minusSeconds(30)))).isEqualTo(201);
                node.app.deskCallbacks().doRoute(); // what the 15-second pass does
                page.waitForSelector("#dk-pops .dk-pop-callback");
                assertThat(page.textContent("#dk-pops .dk-pop-callback h2")).isEqualTo("Rappel à faire\u00a0: " + number);
                assertThat(page.textContent("#dk-pops .dk-pop-callback")).contains("Appel manqué", "Voir mes rappels");
                page.waitForSelector("#dk-pops[aria-label]"); // named by its first card once that card has landed
                assertThat(page.getAttribute("#dk-pops", "aria-label")).isNotBlank();
                Browsers.shoot(page, "desk-callback-card-" + width, problems);
                if (width == 1440) {
                    page.click("#dk-pops .dk-pop-callback .dk-pop-close");
                    page.waitForSelector("#dk-pops .dk-pop-callback", new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
                    continue;
                }
                // on the phone: the card leads to the list, where "called back" takes it off
                page.click("#dk-pops .dk-pop-callback a.button");
                page.waitForSelector("#dk-callbacks-mine");
                assertThat(page.textContent("#dk-callbacks-mine")).contains(number);
                Browsers.shoot(page, "desk-callbacks-mine-" + width, problems);
                page.click("#dk-callbacks-mine button[type=submit]");
                page.waitForSelector("#dk-no-callbacks");
            }
        }
        assertThat(problems).isEmpty();
    }

    static String statusOf(String conversationId) {
        return db.withHandle(h -> h.createQuery("SELECT status FROM conversations WHERE id = :id").bind("id", Long.parseLong(conversationId)).mapTo(String.class).one());
    }

    static long assigneeOf(String conversationId) {
        return db.withHandle(h -> h.createQuery("SELECT assignee_id FROM conversations WHERE id = :id").bind("id", Long.parseLong(conversationId)).mapTo(Long.class).one());
    }

    /** The open callbacks' agents, oldest first (null: waiting for someone). */
    static List<Long> assignees() {
        return db.withHandle(h -> h.createQuery("SELECT assignee_id FROM desk_callbacks WHERE done_at IS NULL ORDER BY requested_at, id")
                .map((rs, c) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }).list());
    }

    @Test
    void aCallLoggedByHandIsRecordedLikeTheWebhooksAndRefusesBadInput() throws Exception {
        long sittingId = sitting("HAND-1", "2026703");
        long contactId = student("Éloïse Côté", "+1 819 555 0144", "2026703");
        long incidentId = openIncident(sittingId, contactId);
        Map<String, String> good = new LinkedHashMap<>();
        good.put("number", "819 555-0144");
        good.put("direction", "inbound");
        good.put("at", java.time.LocalDateTime.now(java.time.ZoneId.of("America/Toronto")).minusMinutes(5).truncatedTo(ChronoUnit.MINUTES).toString());
        good.put("note", "Rappel promis après l’examen ; « tout va bien ».");
        good.put("incident", Long.toString(incidentId));
        Response logged = api.postForm("/desk/calls", cegep.noémie, good);
        assertThat(logged.status()).isEqualTo(303);
        var row = db.withHandle(h -> h.createQuery("SELECT call_id, event, from_number, direction, note, incident_id FROM desk_call_events WHERE event = 'logged'")
                .mapToMap().one());
        assertThat(row).containsEntry("from_number", "+18195550144").containsEntry("direction", "inbound").containsEntry("incident_id", incidentId)
                .containsEntry("note", "Rappel promis après l’examen ; « tout va bien ».");
        String callId = (String) row.get("call_id");
        Response page = api.get("/desk/calls", cegep.noémie);
        assertThat(page.raw().body()).contains("+18195550144", "consigné à la main", "/desk/incidents/new?call=" + callId + "&amp;contact=" + contactId,
                "« tout va bien »");

        record Bad(String field, String value, String shown) {
        }
        for (Bad b : List.of(new Bad("number", "555-01", "Ajoutez l’indicatif du pays"), new Bad("number", "418 555-01420", "Ajoutez l’indicatif du pays"), new Bad("number", "=HYPERLINK(\"x\")", "Entrez un numéro de téléphone valide"), new Bad("number", "<script>alert(1)</script>", "Entrez un numéro"),
                new Bad("number", "", "Entrez le numéro de téléphone."),
                new Bad("at", java.time.LocalDateTime.now(java.time.ZoneId.of("America/Toronto")).plusHours(2).truncatedTo(ChronoUnit.MINUTES).toString(), "dans le futur"),
                new Bad("at", "hier", "Entrez la date et l’heure"), new Bad("note", "x".repeat(2001), "dépasse 2\u00a0000 caractères"),
                new Bad("note", "une note\u0007", null), new Bad("incident", "999999", "Aucun incident ne porte ce numéro."),
                new Bad("direction", "sideways", "Choisissez le sens"))) {
            Map<String, String> form = new LinkedHashMap<>(good);
            form.put(b.field(), b.value());
            Response refused = api.postForm("/desk/calls", cegep.noémie, form);
            assertThat(refused.status()).as(b.toString()).isEqualTo(422);
            if (b.shown() == null) continue; // a control character: the platform refuses the whole form before it reaches the desk
            assertThat(refused.raw().body()).as(b.toString()).contains(b.shown(), "L’appel n’a pas été consigné");
            if (!b.field().equals("note")) assertThat(refused.raw().body()).as("what was typed stays").contains("Rappel promis après l’examen");
        }
        long loggedCount = db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_call_events WHERE event = 'logged'").mapTo(Long.class).one());
        assertThat(loggedCount).as("nothing refused was recorded").isEqualTo(1);
        // the API logs the same way, and answers where to open an incident from it
        Response byApi = api.post("/api/v1/desk/calls", cegep.noémie, Map.of("number", "(819) 555-0144", "direction", "outbound", "at", iso(Instant.now())));
        assertThat(byApi.status()).as(byApi.raw().body()).isEqualTo(201);
        assertThat(byApi.json().get("contactId").asText()).isEqualTo(Long.toString(contactId));
        assertThat(byApi.json().get("openIncident").asText()).startsWith("/desk/incidents/new?call=manual-");
        assertThat(api.post("/api/v1/desk/calls", null, Map.of("number", "819 555-0144", "direction", "inbound", "at", iso(Instant.now()))).status()).isEqualTo(401);
    }

    @Test
    void theCallsScreenTellsWhatIsWrongNextToTheFieldOnAPhoneAndADesk() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(person, node.baseUrl(), "/desk/calls", Cegep.Persona.NOEMIE.email, Cegep.PASSWORD);
                page.fill("#dk-call-number", "514 555");
                page.fill("#dk-call-note", "Appel de la résidence ; l’étudiante rappellera.");
                page.click("form.dk-log button[type=submit]");
                page.waitForSelector("#dk-call-number-error");
                assertThat(page.textContent("#dk-call-number-error")).contains("Ajoutez l’indicatif du pays");
                assertThat(page.inputValue("#dk-call-note")).isEqualTo("Appel de la résidence ; l’étudiante rappellera.");
                Browsers.shoot(page, "desk-calls-refused-" + width, problems);
                page.fill("#dk-call-number", "+33 1 23 45 67 89");
                page.click("form.dk-log button[type=submit]");
                page.waitForSelector(".dk-logged");
                assertThat(page.textContent(".dk-logged")).contains("+33123456789", "Appel consigné.");
                Browsers.shoot(page, "desk-calls-" + width, problems);
                page.navigate(node.baseUrl() + "/desk/callbacks");
                Browsers.shoot(page, "desk-callbacks-groups-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
    }
}
