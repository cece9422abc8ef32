package io.guichet.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
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
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exam helpdesk through its API and pages: sittings, incidents and exactly who is mailed, the acknowledge link,
 * the escalation at times the test chooses (two nodes' passes at once mail once), a faculty account's view, outcomes
 * (a linked re-sit, an oral) and the student's page, and bad input.
 */
class DeskTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DESK_ACK_MINUTES", "10"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String iso(Instant i) {
        return OffsetDateTime.ofInstant(i.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(-5)).toString();
    }

    static Map<String, Object> faculty(String code) {
        return Map.of("code", code, "name", "Faculté " + code, "examOfficeEmail", "examens-" + code + "@univ-test.ca",
                "backupName", "Hélène Dubé " + code, "backupEmail", "releve-" + code + "@univ-test.ca");
    }

    static Map<String, Object> sitting(String ref, Instant start, int minutes, String facultyCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sittingId", ref);
        m.put("courseCode", "CHM-" + ref);
        m.put("courseTitle", "Chimie générale — " + ref);
        m.put("start", iso(start));
        m.put("durationMinutes", minutes);
        m.put("mode", "remote");
        m.put("faculty", faculty(facultyCode));
        m.put("professors", List.of(Map.of("email", "prof-" + ref + "@univ-test.ca", "name", "Prof. Gaël Ménard", "lang", "en"),
                Map.of("email", "examens-" + facultyCode + "@univ-test.ca", "name", "Bureau des examens", "lang", "fr")));
        m.put("studentNumbers", List.of("2026001", "2026002"));
        return m;
    }

    static long createSitting(String ref, Instant start, int minutes, String facultyCode) {
        Response r = api.post("/api/v1/desk/sittings", cegep.jérôme, sitting(ref, start, minutes, facultyCode));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static Map<String, Object> incident(long sittingId, String studentNumber) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", UUID.randomUUID().toString());
        m.put("studentNumber", studentNumber);
        m.put("sittingId", sittingId);
        m.put("category", "connection");
        m.put("description", "Connexion perdue à la question 12 ; « Moodle » ne répond plus.");
        m.put("startedAt", iso(Instant.now().minusSeconds(120)));
        return m;
    }

    static Response open(Map<String, Object> body) {
        return api.post("/api/v1/desk/incidents", cegep.élodie, body);
    }

    static List<Map<String, Object>> mails(String kind) {
        return db.withHandle(h -> h.createQuery("SELECT recipient, subject, text_body, lang FROM mail_outbox WHERE kind = :k ORDER BY id")
                .bind("k", kind).mapToMap().list());
    }

    static List<String> recipientsOfIncidentMails(String kind, long incidentId) {
        List<String> to = new ArrayList<>();
        for (Map<String, Object> m : mails(kind)) if (((String) m.get("text_body")).contains("/" + incidentId + "/")) to.add((String) m.get("recipient"));
        return to;
    }

    static String ackToken(String recipient, long incidentId) {
        for (Map<String, Object> m : mails("desk-notice")) {
            if (!m.get("recipient").equals(recipient)) continue;
            Matcher x = Pattern.compile("/examens/prise-en-charge/" + incidentId + "/([A-Za-z0-9_\\-.]+)").matcher((String) m.get("text_body"));
            if (x.find()) return x.group(1);
        }
        throw new AssertionError("no acknowledge link mailed to " + recipient);
    }

    static long timeline(long contactId, String what) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM contact_timeline WHERE contact_id = :c AND what = :w")
                .bind("c", contactId).bind("w", what).mapTo(Long.class).one());
    }

    /** A page a mailed link names, asked of this node (the link carries the configured public address). */
    static HttpResponse<String> page(String url) throws Exception {
        String path = URI.create(url).getRawPath();
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sittingsAreImportedOnceAndListedWhenRunning() {
        Instant now = Instant.now();
        createSitting("S-RUN", now.minus(Duration.ofMinutes(30)), 120, "sciences");
        Response again = api.post("/api/v1/desk/sittings", cegep.jérôme, sitting("S-RUN", now.minus(Duration.ofMinutes(30)), 120, "sciences"));
        assertThat(again.status()).isEqualTo(200);
        createSitting("S-OLD", now.minus(Duration.ofHours(5)), 60, "sciences");
        Response running = api.get("/api/v1/desk/sittings?running=now", cegep.élodie);
        assertThat(running.status()).isEqualTo(200);
        List<String> refs = new ArrayList<>();
        running.json().get("sittings").forEach(s -> refs.add(s.get("sittingId").asText()));
        assertThat(refs).contains("S-RUN").doesNotContain("S-OLD");
        JsonNode run = null;
        for (JsonNode s : running.json().get("sittings")) if (s.get("sittingId").asText().equals("S-RUN")) run = s;
        assertThat(run.get("courseTitle").asText()).isEqualTo("Chimie générale — S-RUN");
        assertThat(run.get("runningNow").asBoolean()).isTrue();
        assertThat(run.get("professors")).hasSize(2);
        assertThat(run.get("studentCount").asInt()).isEqualTo(2);
    }

    @Test
    void badSittingsAreRefusedWithTheirField() {
        Instant now = Instant.now();
        Map<String, Object> bad = sitting("S-BAD", now, 60, "sciences");
        bad.put("mode", "hybrid");
        assertThat(api.post("/api/v1/desk/sittings", cegep.jérôme, bad).json().get("error").get("message").asText()).startsWith("mode");
        bad = sitting("S-BAD", now, 60, "sciences");
        bad.put("professors", List.of());
        assertThat(api.post("/api/v1/desk/sittings", cegep.jérôme, bad).status()).isEqualTo(422);
        bad = sitting("S-BAD", now, 60, "sciences");
        bad.put("courseTitle", "Chimie\u0007");
        assertThat(api.post("/api/v1/desk/sittings", cegep.jérôme, bad).status()).isEqualTo(422);
        bad = sitting("S-BAD", now, 0, "sciences");
        assertThat(api.post("/api/v1/desk/sittings", cegep.jérôme, bad).json().get("error").get("message").asText()).startsWith("durationMinutes");
        assertThat(api.post("/api/v1/desk/sittings", cegep.élodie, sitting("S-BAD", now, 60, "sciences")).status()).isEqualTo(403);
        long stored = db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_sittings WHERE sitting_ref = 'S-BAD'").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void anIncidentTellsTheProfessorsTheExamOfficeAndTheStudentOnce() throws Exception {
        long sittingId = createSitting("S-NOTICE", Instant.now().minus(Duration.ofMinutes(20)), 180, "lettres");
        Map<String, Object> body = incident(sittingId, "2026999");
        Response r = open(body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.json().get("state").asText()).isEqualTo("open");
        assertThat(r.json().has("warning")).isFalse();
        // professor (in English) and the exam office, which is also listed as a professor: each address once
        assertThat(recipientsOfIncidentMails("desk-notice", id)).containsExactlyInAnyOrder("prof-S-NOTICE@univ-test.ca", "examens-lettres@univ-test.ca");
        Map<String, Object> toProf = mails("desk-notice").stream().filter(m -> m.get("recipient").equals("prof-S-NOTICE@univ-test.ca")).findFirst().orElseThrow();
        assertThat(toProf.get("lang")).isEqualTo("en");
        assertThat((String) toProf.get("subject")).startsWith("Exam incident CHM-S-NOTICE: ");
        // the unknown student number made a contact, and the incident is on its timeline
        long contactId = r.json().get("contactId").asLong();
        assertThat(timeline(contactId, "desk.incident_opened")).isEqualTo(1);
        // the same client id: the first incident, nothing sent again
        Response again = open(body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(recipientsOfIncidentMails("desk-notice", id)).hasSize(2);
        // the student's page, by its signed link
        HttpResponse<String> studentPage = page(r.json().get("studentPage").asText());
        assertThat(studentPage.statusCode()).isEqualTo(200);
        assertThat(studentPage.body()).contains("Votre professeur et votre faculté ont été prévenus à").contains("En attente de prise en charge")
                .contains("Connexion perdue à la question 12 ; « Moodle » ne répond plus.");
        assertThat(page(r.json().get("studentPage").asText() + "x").statusCode()).isEqualTo(404);
    }

    @Test
    void aStudentWithAnEmailIsMailedTheLinkToTheirPage() {
        long sittingId = createSitting("S-MAIL", Instant.now().minus(Duration.ofMinutes(10)), 90, "lettres");
        Response contact = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Anaïs D’Amours", "emails", List.of("anais@etu-test.ca"), "lang", "fr"));
        assertThat(contact.status()).as(contact.raw().body()).isEqualTo(201);
        Map<String, Object> body = incident(sittingId, null);
        body.remove("studentNumber");
        body.put("contactId", contact.json().get("id").asLong());
        Response r = open(body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        List<Map<String, Object>> toStudent = mails("desk-student").stream().filter(m -> m.get("recipient").equals("anais@etu-test.ca")).toList();
        assertThat(toStudent).hasSize(1);
        assertThat((String) toStudent.get(0).get("subject")).isEqualTo("Votre incident d’examen CHM-S-MAIL : votre professeur est prévenu");
        assertThat((String) toStudent.get(0).get("text_body")).contains("/examens/incident/");
    }

    @Test
    void theAcknowledgeLinkActsOnceAndTheStudentSeesWho() throws Exception {
        long sittingId = createSitting("S-ACK", Instant.now().minus(Duration.ofMinutes(20)), 180, "droit");
        Response r = open(incident(sittingId, "2026100"));
        long id = r.json().get("id").asLong();
        String token = ackToken("prof-S-ACK@univ-test.ca", id);
        Response first = api.post("/api/v1/desk/incidents/" + id + "/acknowledge?token=" + token, null, Map.of());
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().get("acknowledgedBy").asText()).isEqualTo("Prof. Gaël Ménard");
        Response twice = api.post("/api/v1/desk/incidents/" + id + "/acknowledge?token=" + token, null, Map.of());
        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.json().get("acknowledgedAt").asText()).isEqualTo(first.json().get("acknowledgedAt").asText());
        assertThat(timeline(r.json().get("contactId").asLong(), "desk.incident_acknowledged")).isEqualTo(1);
        // a token for another incident, or a forged one, opens nothing
        Response other = open(incident(sittingId, "2026101"));
        long otherId = other.json().get("id").asLong();
        assertThat(api.post("/api/v1/desk/incidents/" + otherId + "/acknowledge?token=" + token, null, Map.of()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/desk/incidents/" + otherId + "/acknowledge?token=forged", null, Map.of()).status()).isEqualTo(401);
        assertThat(page(r.json().get("studentPage").asText()).body()).contains("Pris en charge par Prof. Gaël Ménard à");
    }

    @Test
    void noAcknowledgementInTenMinutesEscalatesOnceEvenWithTwoPasses() throws Exception {
        long sittingId = createSitting("S-ESC", Instant.now().minus(Duration.ofMinutes(20)), 180, "genie");
        long id = open(incident(sittingId, "2026200")).json().get("id").asLong();
        long acked = open(incident(sittingId, "2026201")).json().get("id").asLong();
        api.post("/api/v1/desk/incidents/" + acked + "/acknowledge", cegep.élodie, Map.of());
        DeskService desk = node.app.desk();
        desk.doEscalate(Instant.now().plus(Duration.ofMinutes(9)));
        assertThat(recipientsOfIncidentMails("desk-notice", id)).doesNotContain("releve-genie@univ-test.ca");
        Instant later = Instant.now().plus(Duration.ofMinutes(11));
        var pool = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> passes = List.of(() -> desk.doEscalate(later), () -> desk.doEscalate(later));
        pool.invokeAll(passes);
        pool.shutdown();
        assertThat(recipientsOfIncidentMails("desk-notice", id).stream().filter("releve-genie@univ-test.ca"::equals)).hasSize(1);
        assertThat(recipientsOfIncidentMails("desk-notice", acked)).doesNotContain("releve-genie@univ-test.ca");
        Response flagged = api.get("/api/v1/desk/incidents/" + id, cegep.jérôme);
        assertThat(flagged.json().get("state").asText()).isEqualTo("escalated");
        Map<String, Object> mail = mails("desk-notice").stream().filter(m -> m.get("recipient").equals("releve-genie@univ-test.ca")).findFirst().orElseThrow();
        assertThat((String) mail.get("subject")).startsWith("Sans réponse — incident d’examen CHM-S-ESC");
        assertThat(api.get("/api/v1/desk/incidents?state=escalated", cegep.jérôme).json().get("incidents").findValuesAsText("id")).contains(Long.toString(id));
    }

    @Test
    void aFacultyAccountSeesOnlyItsOwnFacultysIncidents() {
        long mine = open(incident(createSitting("S-FAC-A", Instant.now().minus(Duration.ofMinutes(5)), 120, "medecine"), "2026300")).json().get("id").asLong();
        long theirs = open(incident(createSitting("S-FAC-B", Instant.now().minus(Duration.ofMinutes(5)), 120, "musique"), "2026301")).json().get("id").asLong();
        Response made = api.post("/api/v1/staff", cegep.admin, Map.of("email", "doyen@univ-test.ca", "name", "Amélie Doyon", "password", "un-mot-de-passe-long",
                "role", "faculty", "services", List.of(), "maxConcurrent", 1));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        assertThat(api.post("/api/v1/desk/faculties/medecine/members", cegep.admin, Map.of("staffId", made.json().get("id").asLong())).status()).isEqualTo(204);
        String doyen = api.login("doyen@univ-test.ca", "un-mot-de-passe-long");
        assertThat(api.get("/api/v1/desk/incidents/" + mine, doyen).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/desk/incidents/" + theirs, doyen).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations?status=waiting", doyen).status()).as("a faculty account reads none of the desks' work").isEqualTo(403);
        assertThat(api.get("/api/v1/contacts", doyen).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/auth/language", doyen, Map.of("lang", "en")).status()).as("but its own settings are its own").isLessThan(300);
        assertThat(api.post("/api/v1/desk/incidents/" + theirs + "/acknowledge", doyen, Map.of()).status()).isEqualTo(404);
        List<String> listed = api.get("/api/v1/desk/incidents", doyen).json().get("incidents").findValuesAsText("clientId");
        assertThat(api.get("/api/v1/desk/incidents", doyen).json().get("incidents")).allSatisfy(i ->
                assertThat(i.get("sitting").get("faculty").get("code").asText()).isEqualTo("medecine"));
        assertThat(listed).isNotEmpty();
        // a faculty account is no helpdesk agent: it opens no incident
        assertThat(api.post("/api/v1/desk/incidents", doyen, incident(1, "2026302")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/desk/incidents/" + mine + "/acknowledge", doyen, Map.of()).json().get("acknowledgedBy").asText()).isEqualTo("Amélie Doyon");
    }

    @Test
    void anOutcomeBeforeAcknowledgementAcknowledgesAndAResitIsLinked() throws Exception {
        long sittingId = createSitting("S-OUT", Instant.now().minus(Duration.ofMinutes(30)), 60, "sciences");
        Response r = open(incident(sittingId, "2026400"));
        long id = r.json().get("id").asLong();
        String token = ackToken("prof-S-OUT@univ-test.ca", id);
        Response decided = api.post("/api/v1/desk/incidents/" + id + "/outcome", null, Map.of("token", token, "kind", "resit",
                "message", "Reprise à 11 h 30, même lien Zoom."));
        assertThat(decided.status()).as(decided.raw().body()).isEqualTo(200);
        assertThat(decided.json().get("state").asText()).isEqualTo("decided");
        assertThat(decided.json().get("acknowledgedBy").asText()).isEqualTo("Prof. Gaël Ménard");
        long resit = decided.json().get("outcome").get("resitSittingId").asLong();
        Response resitSitting = api.get("/api/v1/desk/incidents/" + id, cegep.élodie);
        assertThat(resitSitting.json().get("outcome").get("kind").asText()).isEqualTo("resit");
        Map<String, Object> linked = db.withHandle(h -> h.createQuery("""
                        SELECT resit_of, course_code, starts_at = (SELECT starts_at + interval '60 minutes' FROM desk_sittings WHERE id = :first) AS right_after
                        FROM desk_sittings WHERE id = :id""").bind("id", resit).bind("first", sittingId).mapToMap().one());
        assertThat(linked).containsEntry("resit_of", sittingId).containsEntry("course_code", "CHM-S-OUT").containsEntry("right_after", true);
        // twice: the first outcome stands
        assertThat(api.post("/api/v1/desk/incidents/" + id + "/outcome", cegep.élodie, Map.of("kind", "no_action", "message", "Rien.")).status()).isEqualTo(409);
        assertThat(page(r.json().get("studentPage").asText()).body()).contains("Vous reprendrez l’examen juste après la séance.").contains("Reprise à 11 h 30, même lien Zoom.");
    }

    @Test
    void anOralNeedsItsTimeAndPlaceAndAnEndedSittingWarns() throws Exception {
        long ended = createSitting("S-END", Instant.now().minus(Duration.ofHours(3)), 60, "sciences");
        Response r = open(incident(ended, "2026500"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("warning").asText()).contains("ended");
        assertThat(r.json().get("afterEnd").asBoolean()).isTrue();
        long id = r.json().get("id").asLong();
        Response noPlace = api.post("/api/v1/desk/incidents/" + id + "/outcome", cegep.élodie, Map.of("kind", "oral", "message", "Oral demain."));
        assertThat(noPlace.status()).isEqualTo(422);
        assertThat(noPlace.json().get("error").get("message").asText()).startsWith("oral");
        Response oral = api.post("/api/v1/desk/incidents/" + id + "/outcome", cegep.élodie, Map.of("kind", "oral", "message", "Apportez votre carte étudiante.",
                "oral", Map.of("at", "2026-12-03T14:00:00-05:00", "place", "Pavillon Desjardins, local 2320")));
        assertThat(oral.status()).as(oral.raw().body()).isEqualTo(200);
        assertThat(oral.json().get("outcome").get("text").asText()).contains("Pavillon Desjardins, local 2320");
        assertThat(page(r.json().get("studentPage").asText()).body()).contains("Vous passerez un examen oral le").contains("Pavillon Desjardins, local 2320");
    }

    @Test
    void badIncidentsAreRefusedAndStoreNothing() {
        long sittingId = createSitting("S-BADINC", Instant.now(), 60, "sciences");
        long before = db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_incidents").mapTo(Long.class).one());
        Map<String, Object> b = incident(sittingId, "2026600");
        b.put("category", "webcam");
        assertThat(open(b).json().get("error").get("message").asText()).startsWith("category");
        b = incident(sittingId, "2026600");
        b.put("description", "x".repeat(4001));
        assertThat(open(b).status()).isEqualTo(422);
        b = incident(sittingId, "2026600");
        b.put("description", "  ");
        assertThat(open(b).status()).isEqualTo(422);
        b = incident(sittingId, "2026600");
        b.put("startedAt", "hier");
        assertThat(open(b).json().get("error").get("message").asText()).startsWith("startedAt");
        b = incident(999_999, "2026600");
        assertThat(open(b).json().get("error").get("message").asText()).startsWith("sittingId");
        b = incident(sittingId, "2026600");
        b.put("contactId", 5);
        assertThat(open(b).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/desk/incidents", null, incident(sittingId, "2026600")).status()).isEqualTo(401);
        long after = db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_incidents").mapTo(Long.class).one());
        assertThat(after).isEqualTo(before);
    }
}
