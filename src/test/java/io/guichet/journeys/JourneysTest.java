package io.guichet.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.platform.web.SignedTokens;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journeys through the API and the applicant's pages: templates and their versions, idempotent enrolment, the mailed
 * link, documents checked by content, decisions, reminders at times the test chooses, and bad input.
 */
class JourneysTest {
    static final int MAX = 64 * 1024;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_JOURNEY_MAX_BYTES", Integer.toString(MAX),
                "GUICHET_RATE_LIMITS", "on", "GUICHET_RATE_JOURNEY_LINKS_PER_ADDRESS", "2", "GUICHET_RATE_JOURNEY_LINKS_PER_IP", "8",
                "GUICHET_RATE_JOURNEY_UPLOADS", "1000"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
        api.createService(cegep.admin, "international", "International");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Map<String, Object> step(String key, String titleFr, String service, boolean doc, List<String> types, Map<String, Object> due) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", key);
        s.put("titleFr", titleFr);
        s.put("titleEn", titleFr + " (en)");
        s.put("helpFr", "Voir **l’aide** <script>alert(1)</script>");
        s.put("helpEn", "See the **help**");
        s.put("service", service);
        s.put("documentRequired", doc);
        s.put("acceptedTypes", types);
        s.put("approvalRequired", true);
        s.put("due", due);
        return s;
    }

    static Map<String, Object> template(String name, List<Map<String, Object>> steps) {
        return Map.of("nameFr", name, "nameEn", name + " (en)", "termStart", "2027-08-23", "steps", steps);
    }

    static List<Map<String, Object>> caqSteps() {
        return List.of(
                step("lettre", "Lettre d’admission", "admissions", true, List.of("pdf", "png", "jpeg"), Map.of("kind", "term", "days", -240)),
                step("caq", "CAQ", "international", true, List.of("png", "jpeg"), Map.of("kind", "step", "days", 30, "afterStep", "lettre")),
                step("arrivee", "Arrivée", "international", false, List.of(), null));
    }

    static long createTemplate(String name) {
        Response r = api.post("/api/v1/journeys/templates", cegep.jérôme, template(name, caqSteps()));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static Response enrol(long templateId, String email, String name, String lang) {
        return api.post("/api/v1/journeys/enrolments", cegep.jérôme, Map.of("templateId", templateId,
                "contact", Map.of("email", email, "name", name, "lang", lang)));
    }

    /** The newest mail of a kind queued to an address (mail is kept: no SMTP in this test). */
    static Map<String, Object> lastMail(String to, String kind) {
        return db.withHandle(h -> h.createQuery("SELECT subject, text_body, lang FROM mail_outbox WHERE recipient = :to AND kind = :k ORDER BY id DESC LIMIT 1")
                .bind("to", to).bind("k", kind).mapToMap().findOne().orElse(null));
    }

    static int mails(String to, String kind) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE recipient = :to AND kind = :k")
                .bind("to", to).bind("k", kind).mapTo(Integer.class).one());
    }

    static String linkPath(String to) {
        Matcher m = Pattern.compile("(/parcours/lien/[A-Za-z0-9_\\-.]+)").matcher((String) lastMail(to, "journey-link").get("text_body"));
        assertThat(m.find()).as("a signed link in the mail").isTrue();
        return m.group(1);
    }

    /** Opens the mailed link in a browser without JavaScript: it lands on /parcours with the session cookie. */
    static FormBrowser openLink(String to) {
        FormBrowser b = new FormBrowser(node.baseUrl());
        var r = b.get(linkPath(to));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/parcours");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        return b;
    }

    static String session(FormBrowser b) {
        return b.cookie("guichet_parcours");
    }

    static byte[] png() {
        BufferedImage img = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static Response upload(String session, long stepId, String name, byte[] data) {
        String boundary = "----guichet" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.postBytes("/api/v1/me/journey/steps/" + stepId + "/document", session, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static long stepId(JsonNode journey, String key) {
        for (JsonNode s : journey.get("steps")) if (s.get("key").asText().equals(key)) return s.get("id").asLong();
        throw new AssertionError("no step " + key);
    }

    static JsonNode stepOf(JsonNode journey, String key) {
        for (JsonNode s : journey.get("steps")) if (s.get("key").asText().equals(key)) return s;
        throw new AssertionError("no step " + key);
    }

    static int documents() {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM journey_documents").mapTo(Integer.class).one());
    }

    @Test
    void enrollingTwiceReturnsTheSameEnrolmentAndMailsOnce() {
        long t = createTemplate("Admission régulière");
        Response first = enrol(t, "Zoe.Levesque@exemple.qc.ca", "Zoé Lévesque", "fr");
        assertThat(first.status()).isEqualTo(201);
        Response again = enrol(t, "zoe.levesque@exemple.qc.ca", "Zoé Lévesque", "fr");
        assertThat(again.status()).as("the nightly list sent again").isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(again.json().get("contactId").asLong()).isEqualTo(first.json().get("contactId").asLong());
        assertThat(mails("Zoe.Levesque@exemple.qc.ca", "journey-link")).isEqualTo(1);
        var mail = lastMail("Zoe.Levesque@exemple.qc.ca", "journey-link");
        assertThat(mail.get("subject")).isEqualTo("Votre parcours d’admission");
        assertThat((String) mail.get("text_body")).contains("« Admission régulière »", "14 jours");

        Response timeline = api.get("/api/v1/contacts/" + first.json().get("contactId").asLong() + "/timeline", cegep.jérôme);
        assertThat(timeline.raw().body()).contains("Inscrit au parcours « Admission régulière »");

        assertThat(enrol(t, "autre@exemple.qc.ca", "Autre", "fr").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/journeys/enrolments", cegep.élodie, Map.of("templateId", t, "contact", Map.of("email", "x@exemple.qc.ca")))
                .status()).as("an agent does not enrol").isEqualTo(403);
        assertThat(api.post("/api/v1/journeys/enrolments", null, Map.of("templateId", t, "contact", Map.of("email", "x@exemple.qc.ca")))
                .status()).isEqualTo(401);
    }

    @Test
    void anEditIsANewVersionAndApplicantsStayOnTheirsUntilMoved() {
        long v1 = createTemplate("Retour aux études");
        long enrolment = enrol(v1, "marc.cote@exemple.qc.ca", "Marc Côté", "fr").json().get("id").asLong();
        Response journey = api.get("/api/v1/journeys/enrolments/" + enrolment, cegep.jérôme);
        long lettre = stepId(journey.json(), "lettre");
        assertThat(api.post("/api/v1/journeys/enrolments/" + enrolment + "/steps/" + lettre + "/decision", cegep.jérôme, Map.of("approve", true))
                .status()).isEqualTo(200);

        var steps = new java.util.ArrayList<>(caqSteps());
        steps.add(step("logement", "Logement", "international", false, List.of(), Map.of("kind", "fixed", "date", "2027-07-01")));
        Response edited = api.put("/api/v1/journeys/templates/" + v1, cegep.jérôme, template("Retour aux études", steps));
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(201);
        long v2 = edited.json().get("id").asLong();
        assertThat(edited.json().get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/journeys/templates/" + v1, cegep.élodie).json().get("latest").asBoolean()).isFalse();

        JsonNode still = api.get("/api/v1/journeys/enrolments/" + enrolment, cegep.jérôme).json();
        assertThat(still.get("template").get("version").asInt()).as("not silently changed").isEqualTo(1);
        assertThat(still.get("steps")).hasSize(3);
        assertThat(enrol(v1, "nouvelle@exemple.qc.ca", "Nouvelle", "fr").json().get("templateId").asLong()).as("new applicants get the newest").isEqualTo(v2);

        assertThat(api.post("/api/v1/journeys/enrolments/" + enrolment + "/move-to-latest", cegep.élodie, Map.of()).status()).isEqualTo(403);
        JsonNode moved = api.post("/api/v1/journeys/enrolments/" + enrolment + "/move-to-latest", cegep.jérôme, Map.of()).json();
        assertThat(moved.get("template").get("version").asInt()).isEqualTo(2);
        assertThat(moved.get("steps")).hasSize(4);
        assertThat(stepOf(moved, "lettre").get("state").asText()).as("what was done stays done").isEqualTo("approved");
        assertThat(stepOf(moved, "caq").get("due").asText()).as("30 days after the letter, approved today")
                .isEqualTo(LocalDate.now(ZoneId.of("America/Toronto")).plusDays(30).toString());
    }

    @Test
    void documentsAreCheckedByContentReplacedWhenRefusedAndPrivateToTheirApplicant() throws Exception {
        long t = createTemplate("Étudiant international — automne 2027");
        enrol(t, "aicha.diallo@exemple.sn", "Aïcha Diallo", "fr");
        enrol(t, "liam.oconnor@example.com", "Liam O’Connor", "en");
        String aicha = session(openLink("aicha.diallo@exemple.sn"));
        String liam = session(openLink("liam.oconnor@example.com"));
        JsonNode mine = api.get("/api/v1/me/journey", aicha).json();
        long caq = stepId(mine, "caq");
        long arrivee = stepId(mine, "arrivee");
        int before = documents();

        Response html = upload(aicha, caq, "caq.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.status()).as("a page called .png").isEqualTo(415);
        assertThat(upload(aicha, caq, "caq.pdf", PDF).status()).as("this step takes images only").isEqualTo(415);
        assertThat(upload(aicha, caq, "gros.png", new byte[MAX + 10]).status()).isEqualTo(413);
        assertThat(upload(aicha, caq, "énorme.png", new byte[MAX * 3]).status()).as("refused before reading").isEqualTo(413);
        assertThat(upload(aicha, arrivee, "x.png", png()).status()).as("a step without document").isEqualTo(409);
        assertThat(upload(aicha, caq, "a/b.png", png()).status()).isEqualTo(422);
        assertThat(upload(liam, 999_999, "x.png", png()).status()).isEqualTo(404);
        assertThat(documents()).as("nothing stored").isEqualTo(before);

        byte[] photo = png();
        Response sent = upload(aicha, caq, "CAQ d’Aïcha.png", photo);
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
        assertThat(sent.json().get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo)));
        assertThat(stepOf(api.get("/api/v1/me/journey", aicha).json(), "caq").get("state").asText()).isEqualTo("submitted");

        String url = sent.json().get("url").asText();
        HttpResponse<byte[]> got = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + url)).header("Authorization", "Bearer " + aicha).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(photo);
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;").contains("filename*=UTF-8''CAQ%20d%E2%80%99A%C3%AFcha.png");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.get(url, liam).status()).as("another applicant's document").isEqualTo(404);
        assertThat(api.get(url, null).status()).isEqualTo(401);

        long enrolment = mine.get("id").asLong();
        String decision = "/api/v1/journeys/enrolments/" + enrolment + "/steps/" + caq + "/decision";
        assertThat(api.post(decision, cegep.élodie, Map.of("approve", false, "reason", "Illisible")).status())
                .as("Élodie is in admissions, the CAQ is the international office's").isEqualTo(403);
        Response noReason = api.post(decision, cegep.jérôme, Map.of("approve", false));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("error").get("message").asText()).contains("reason");
        assertThat(api.post(decision, cegep.jérôme, Map.of("approve", "oui")).status()).isEqualTo(422);
        Response refused = api.post(decision, cegep.jérôme, Map.of("approve", false, "reason", "La photo est floue <b>refaites-la</b>"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(lastMail("aicha.diallo@exemple.sn", "journey-decision").get("subject")).isEqualTo("Document à remplacer : CAQ");
        assertThat((String) lastMail("aicha.diallo@exemple.sn", "journey-decision").get("text_body")).contains("La photo est floue <b>refaites-la</b>");

        FormBrowser page = new FormBrowser(node.baseUrl());
        page.plant("guichet_parcours", aicha);
        String body = page.get("/parcours").body();
        assertThat(body).contains("Refusé", "La photo est floue &lt;b&gt;refaites-la&lt;/b&gt;", "Remplacer le document", "capture=\"environment\"")
                .doesNotContain("<script>alert(1)</script>");

        assertThat(upload(aicha, caq, "caq-nette.jpg", jpeg()).status()).as("a refused document is replaced").isEqualTo(201);
        assertThat(api.post(decision, cegep.jérôme, Map.of("approve", true)).status()).isEqualTo(200);
        assertThat(upload(aicha, caq, "encore.png", png()).status()).as("approved: nothing to replace").isEqualTo(409);
        assertThat(lastMail("aicha.diallo@exemple.sn", "journey-decision").get("subject")).isEqualTo("Étape approuvée : CAQ");
        assertThat(api.get("/api/v1/contacts/" + mine.get("contactId").asLong() + "/timeline", cegep.jérôme).raw().body())
                .contains("Document « CAQ d’Aïcha.png » envoyé pour l’étape « CAQ »", "Étape « CAQ » refusée par Jérôme Bélanger : La photo est floue",
                        "Étape « CAQ » approuvée par Jérôme Bélanger");
    }

    static byte[] jpeg() {
        BufferedImage img = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aForgedOrExpiredLinkOffersANewOneAndAskingNeverTellsWhetherTheAddressIsKnown() {
        long t = createTemplate("Admission — hiver");
        enrol(t, "noe.gagne@exemple.qc.ca", "Noé Gagné", "fr");
        String path = linkPath("noe.gagne@exemple.qc.ca");
        String forged = io.guichet.testing.Tampered.link(path);
        var bad = new FormBrowser(node.baseUrl()).get(forged);
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(bad.body()).contains("Ce lien ne fonctionne plus", "name=\"email\"", "action=\"/parcours/lien\"");
        assertThat(new FormBrowser(node.baseUrl()).get("/parcours/lien/n'importe%20quoi").statusCode()).isEqualTo(404);

        String key = db.withHandle(h -> h.createQuery("SELECT secret FROM identity_secrets WHERE name = 'links'").mapTo(String.class).one());
        long enrolment = db.withHandle(h -> h.createQuery("SELECT id FROM journey_enrolments WHERE email = 'noe.gagne@exemple.qc.ca'").mapTo(Long.class).one());
        String expired = new SignedTokens(key.getBytes(StandardCharsets.US_ASCII)).sign("journey", Long.toString(enrolment), Instant.now().minusSeconds(5));
        assertThat(new FormBrowser(node.baseUrl()).get("/parcours/lien/" + expired).body()).contains("Ce lien ne fonctionne plus");
        var signedOut = new FormBrowser(node.baseUrl()).get("/parcours");
        assertThat(signedOut.statusCode()).isEqualTo(401);
        assertThat(signedOut.body()).contains("Accéder à mon parcours");

        FormBrowser b = new FormBrowser(node.baseUrl());
        b.get("/parcours");
        var known = b.post("/parcours/lien", Map.of("email", "noe.gagne@exemple.qc.ca"));
        var unknown = b.post("/parcours/lien", Map.of("email", "personne@exemple.qc.ca"));
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
        assertThat(known.body().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "")).isEqualTo(unknown.body().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", ""));
        assertThat(mails("noe.gagne@exemple.qc.ca", "journey-link")).isEqualTo(2);
        assertThat(b.post("/parcours/lien", Map.of("email", "noe.gagne@exemple.qc.ca")).statusCode()).isEqualTo(200);
        assertThat(b.post("/parcours/lien", Map.of("email", "NOE.GAGNE@exemple.qc.ca")).body()).contains("Vérifiez vos courriels");
        assertThat(mails("noe.gagne@exemple.qc.ca", "journey-link")).as("two per minute for one address, then nothing more").isEqualTo(3);
        assertThat(b.post("/parcours/lien", Map.of("email", "pas une adresse")).statusCode()).isEqualTo(422);
        int status = 0;
        for (int i = 0; i < 6 && status != 429; i++) status = b.post("/parcours/lien", Map.of("email", "flood" + i + "@exemple.qc.ca")).statusCode();
        assertThat(status).as("one address (IP) asking for many").isEqualTo(429);
    }

    @Test
    void remindersAreSummarisedSpacedAndStopWhenTheStepIsDone() {
        LocalDate today = LocalDate.now(ZoneId.of("America/Toronto"));
        Response created = api.post("/api/v1/journeys/templates", cegep.jérôme, template("Rappels", List.of(
                step("photo", "Photo", "international", true, List.of("png"), Map.of("kind", "fixed", "date", today.plusDays(10).toString())),
                step("passeport", "Passeport", "international", true, List.of("png"), Map.of("kind", "fixed", "date", today.plusDays(11).toString())),
                step("plus-tard", "Plus tard", "international", false, List.of(), Map.of("kind", "fixed", "date", today.plusDays(200).toString())))));
        long t = created.json().get("id").asLong();
        JourneyService journeys = node.app.journeys();
        Instant now = Instant.now();
        // another test's applicants may also be reminded: count this one's mails only
        String to = "rappel.eleve@exemple.qc.ca";
        long enrolment = enrol(t, to, "Rémi Élève", "fr").json().get("id").asLong();

        journeys.doSendReminders(now);
        assertThat(mails(to, "journey-reminder")).as("ten days ahead: too early").isZero();
        journeys.doSendReminders(now.plus(Duration.ofDays(4)));
        assertThat(mails(to, "journey-reminder")).isEqualTo(1);
        var mail = lastMail(to, "journey-reminder");
        assertThat(mail.get("subject")).isEqualTo("2 étapes de votre parcours arrivent à échéance");
        assertThat((String) mail.get("text_body")).contains("Photo", "Passeport", "/parcours/lien/").doesNotContain("Plus tard");
        journeys.doSendReminders(now.plus(Duration.ofDays(5)));
        assertThat(mails(to, "journey-reminder")).as("at most one every three days").isEqualTo(1);

        String session = session(openLink(to));
        long photo = stepId(api.get("/api/v1/me/journey", session).json(), "photo");
        assertThat(upload(session, photo, "photo.png", png()).status()).isEqualTo(201);
        api.post("/api/v1/journeys/enrolments/" + enrolment + "/steps/" + photo + "/decision", cegep.jérôme, Map.of("approve", true));
        journeys.doSendReminders(now.plus(Duration.ofDays(13)));
        assertThat(mails(to, "journey-reminder")).isEqualTo(2);
        mail = lastMail(to, "journey-reminder");
        assertThat(mail.get("subject")).isEqualTo("Votre parcours : 1 étape demande votre attention");
        assertThat((String) mail.get("text_body")).contains("Passeport — en retard depuis le").doesNotContain("Photo");

        var detail = journeys.accessEnrolment(new Viewer(Staff.SYSTEM, Set.of()), enrolment);
        assertThat(detail.reminders()).hasSize(2);
        assertThat(detail.reminders().get(0).steps()).containsExactly("passeport");
        assertThat(detail.reminders().get(0).late()).isEqualTo(1);
    }

    @Test
    void staffReadTheBoardAndDecideOnTheApplicantsPage() {
        long t = createTemplate("Tableau — <i>automne</i>");
        long enrolment = enrol(t, "ines.benali@exemple.qc.ca", "Inès Benali", "fr").json().get("id").asLong();
        enrol(t, "olivier.roy@exemple.qc.ca", "Olivier Roy", "fr");
        String session = session(openLink("ines.benali@exemple.qc.ca"));
        long lettre = stepId(api.get("/api/v1/me/journey", session).json(), "lettre");
        assertThat(upload(session, lettre, "lettre.png", png()).status()).isEqualTo(201);

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(Cegep.Persona.JEROME.email, Cegep.PASSWORD);
        assertThat(staff.get("/journeys").body()).contains("Tableau — &lt;i&gt;automne&lt;/i&gt;");
        String board = staff.get("/journeys/" + t).body();
        assertThat(board).contains("Inès Benali", "Olivier Roy", "Envoyé", "2 candidats");
        String filtered = staff.get("/journeys/" + t + "?etat=submitted&etape=lettre").body();
        assertThat(filtered).contains("Inès Benali", "1 candidat").doesNotContain("Olivier Roy");
        String detail = staff.get("/journeys/enrolments/" + enrolment).body();
        assertThat(detail).contains("Inès Benali", "<img src=\"/journeys/documents/", "Approuver", "Aucun rappel envoyé.");
        var noReason = staff.post("/journeys/enrolments/" + enrolment + "/steps/" + lettre + "/decision", Map.of("decision", "refuse", "reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("Écrivez le motif du refus");
        var approved = staff.post("/journeys/enrolments/" + enrolment + "/steps/" + lettre + "/decision", Map.of("decision", "approve", "reason", ""));
        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(stepOf(api.get("/api/v1/me/journey", session).json(), "lettre").get("state").asText()).isEqualTo("approved");
        assertThat(new FormBrowser(node.baseUrl()).get("/journeys/" + t).statusCode()).as("signed out: to the login").isIn(302, 303, 401);
    }

    @Test
    void theApplicantsChatLandsOnTheirContactAndTheConsoleShowsTheirChecklistBesideTheThread() throws Exception {
        long t = createTemplate("Parcours — <i>console</i>");
        long enrolment = enrol(t, "amadou.sow@exemple.sn", "Amadou Sow", "fr").json().get("id").asLong();
        String session = session(openLink("amadou.sow@exemple.sn"));
        long lettre = stepId(api.get("/api/v1/me/journey", session).json(), "lettre");
        assertThat(upload(session, lettre, "lettre.png", png()).status()).isEqualTo(201);

        Response chat = api.post("/api/v1/me/journey/chat", session, Map.of());
        assertThat(chat.status()).as(chat.raw().body()).isEqualTo(201);
        assertThat(chat.text("service")).as("the service of the next step, the letter").isEqualTo("admissions");
        assertThat(chat.text("lang")).isEqualTo("fr");
        String asked = api.startConversation(chat.text("visitorToken"), "admissions", "Où en est ma lettre d’admission?").text("conversationId");
        String stranger = api.startConversation(api.visitor("Zoé Lévesque"), "admissions", "Quand sont les portes ouvertes?").text("conversationId");
        Map<String, Object> origin = db.withHandle(h -> h.createQuery("SELECT origin_kind, origin_ref FROM conversations WHERE id = :c")
                .bind("c", Long.parseLong(asked)).mapToMap().one());
        assertThat(origin).as("the conversation carries the journey").containsEntry("origin_kind", "journey").containsEntry("origin_ref", Long.toString(enrolment));
        String none = db.withHandle(h -> h.createQuery("SELECT origin_kind FROM conversations WHERE id = :c").bind("c", Long.parseLong(stranger))
                .mapTo(String.class).findOne().orElse(null));
        assertThat(none).as("an ordinary chat has none").isNull();

        FormBrowser élodie = new FormBrowser(node.baseUrl());
        élodie.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        String console = élodie.get("/console/c/" + asked).body();
        assertThat(console).as("the thread is the applicant's own contact").contains("Amadou Sow", "Où en est ma lettre d’admission?")
                .contains("Parcours : Parcours — &lt;i&gt;console&lt;/i&gt;", "Aucune étape faite sur 3", "Lettre d’admission", "CAQ", "Arrivée")
                .contains("panel-submitted\">Envoyé", "panel-todo\">À faire")
                .contains("href=\"/journeys/enrolments/" + enrolment + "#etape-" + lettre + "\"", "href=\"/journeys/enrolments/" + enrolment + "\">Ouvrir le parcours")
                .doesNotContain("<i>console</i>");
        assertThat(console).as("the console names the origin and links to it")
                .contains("class=\"badge badge-origin\" href=\"/journeys/enrolments/" + enrolment + "\">Depuis le parcours « Parcours — &lt;i&gt;console&lt;/i&gt; »</a>");
        assertThat(élodie.get("/console/c/" + stranger).body()).as("a contact in no journey").contains("Zoé Lévesque").doesNotContain("Parcours :", "badge-origin");
        String approve = "/journeys/enrolments/" + enrolment + "/steps/" + lettre + "/approve";
        assertThat(console).contains("action=\"" + approve + "\"", "name=\"back\" value=\"/console/c/" + asked + "\"");
        élodie.get("/console/c/" + asked);
        var elsewhere = élodie.post(approve, Map.of("back", "//evil.example/x"));
        assertThat(elsewhere.statusCode()).isEqualTo(303);
        assertThat(elsewhere.headers().firstValue("Location")).as("only a path of this site").hasValue("/journeys/enrolments/" + enrolment);
        assertThat(élodie.get("/console/c/" + asked).body()).as("approved, nothing left to approve").contains("panel-approved\">Approuvé").doesNotContain(approve);

        assertThat(api.post("/api/v1/me/journey/chat", null, Map.of()).status()).isEqualTo(401);
        HttpResponse<String> noToken = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/me/journey/chat"))
                .header("Cookie", "guichet_parcours=" + session).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("the cookie alone does not open a chat (another site could send it)").isEqualTo(403);
    }

    @Test
    void aBoardOfThreeHundredApplicantsIsReadInBulkAndPagedKeepingItsFilters() {
        long t = createTemplate("Tableau — trois cents");
        StringBuilder csv = new StringBuilder("Courriel;Nom\n");
        for (int i = 1; i <= 300; i++) csv.append("candidat.%03d@exemple.qc.ca;Candidat %03d\n".formatted(i, i));
        Response imported = api.postBytes("/api/v1/journeys/templates/" + t + "/enrolments/import", cegep.jérôme, "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.json().get("enrolled").asInt()).as(imported.raw().body()).isEqualTo(300);

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        long started = System.nanoTime();
        String first = staff.get("/journeys/" + t).body();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("board of 300 applicants, first page: " + millis + " ms (busy machine)");
        assertThat(first).contains("300 candidats", "Page 1 sur 6 (candidats 1 à 50)", "Candidat 001", "Candidat 050")
                .contains("href=\"/journeys/" + t + "?page=2\" rel=\"next\"").doesNotContain("Candidat 051", "rel=\"prev\"");
        assertThat(first.split("name=\"inscription\"", -1)).as("50 applicants a page").hasSize(51);
        String last = staff.get("/journeys/" + t + "?page=6").body();
        assertThat(last).contains("Page 6 sur 6 (candidats 251 à 300)", "Candidat 300", "href=\"/journeys/" + t + "?page=5\" rel=\"prev\"")
                .contains("name=\"page\" value=\"6\"").doesNotContain("Candidat 250", "rel=\"next\"");
        assertThat(staff.get("/journeys/" + t + "?page=99").body()).as("past the end: the last page").contains("Page 6 sur 6");
        assertThat(staff.get("/journeys/" + t + "?page=x%3Cy").body()).as("not a number: the first").contains("Page 1 sur 6");
        String filtered = staff.get("/journeys/" + t + "?q=candidat+1&etat=todo&page=2").body();
        assertThat(filtered).as("the filters kept from page to page").contains("100 candidats", "Page 2 sur 2 (candidats 51 à 100)", "Candidat 150", "Candidat 199")
                .contains("href=\"/journeys/" + t + "?etat=todo&amp;q=candidat+1&amp;page=1\" rel=\"prev\"").doesNotContain("Candidat 001");
        assertThat(staff.get("/journeys/" + t + "/numbers").body()).contains("Aucun candidat n’a terminé sur 300 inscrits");
    }

    static long contactOf(String conversationId) {
        return db.withHandle(h -> h.createQuery("SELECT contact_id FROM conversations WHERE id = :c").bind("c", Long.parseLong(conversationId))
                .mapTo(Long.class).one());
    }

    @Test
    void thePanelAndEnrolmentFollowMergedContacts() {
        long t = createTemplate("Parcours — fusions");
        // the enrolment's contact merged into the visitor's who asks in the chat
        Response fatou = enrol(t, "fatou.diop@exemple.sn", "Fatou Diop", "fr");
        long fatouContact = fatou.json().get("contactId").asLong();
        String asked = api.startConversation(api.visitor("Fatou D."), "admissions", "Mon CAQ est-il arrivé?").text("conversationId");
        long visitor = contactOf(asked);
        FormBrowser jérôme = new FormBrowser(node.baseUrl());
        jérôme.logIn(Cegep.Persona.JEROME.email, Cegep.PASSWORD);
        assertThat(jérôme.get("/console/c/" + asked).body()).as("not merged yet").doesNotContain("Parcours : Parcours — fusions");
        Response merged = api.post("/api/v1/contacts/" + visitor + "/merge", cegep.jérôme, Map.of("otherId", Long.toString(fatouContact)));
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        assertThat(jérôme.get("/console/c/" + asked).body()).as("the enrolment of the contact merged into this one")
                .contains("Parcours : Parcours — fusions", "href=\"/journeys/enrolments/" + fatou.json().get("id").asLong() + "\">Ouvrir le parcours");
        Response again = enrol(t, "fatou.diop@exemple.sn", "Fatou Diop", "fr");
        assertThat(again.status()).as("the same person after the merge: the enrolment they have").isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(fatou.json().get("id").asLong());
        assertThat(mails("fatou.diop@exemple.sn", "journey-link")).isEqualTo(1);

        // the visitor's contact merged into the enrolled one: the conversation names the merged-away contact
        Response malik = enrol(t, "malik.ba@exemple.sn", "Malik Ba", "fr");
        String question = api.startConversation(api.visitor("Malik"), "admissions", "Où en est ma lettre?").text("conversationId");
        assertThat(api.post("/api/v1/contacts/" + malik.json().get("contactId").asLong() + "/merge", cegep.jérôme,
                Map.of("otherId", Long.toString(contactOf(question)))).status()).isEqualTo(200);
        assertThat(jérôme.get("/console/c/" + question).body()).contains("Parcours : Parcours — fusions", "Malik Ba");
    }

    @Test
    void theNumbersPageAndItsCsvCountTheApplicantsOfATemplate() throws Exception {
        long t = createTemplate("=HYPERLINK(\"http://x\") Été");
        long sent = enrol(t, "yasmine.haddad@exemple.ma", "Yasmine Haddad", "fr").json().get("id").asLong();
        long refused = enrol(t, "leo.martin@exemple.fr", "Léo Martin", "fr").json().get("id").asLong();
        enrol(t, "ana.silva@exemple.br", "Ana Silva", "en");
        String yasmine = session(openLink("yasmine.haddad@exemple.ma"));
        String leo = session(openLink("leo.martin@exemple.fr"));
        long lettre = stepId(api.get("/api/v1/me/journey", yasmine).json(), "lettre");
        assertThat(upload(yasmine, lettre, "lettre.png", png()).status()).isEqualTo(201);
        assertThat(upload(leo, lettre, "lettre.png", png()).status()).isEqualTo(201);
        String decision = "/api/v1/journeys/enrolments/%d/steps/" + lettre + "/decision";
        assertThat(api.post(decision.formatted(sent), cegep.jérôme, Map.of("approve", true)).status()).isEqualTo(200);
        assertThat(api.post(decision.formatted(refused), cegep.jérôme, Map.of("approve", false, "reason", "Illisible")).status()).isEqualTo(200);

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        assertThat(staff.get("/journeys/" + t).body()).contains("href=\"/journeys/" + t + "/numbers\"");
        String page = staff.get("/journeys/" + t + "/numbers").body();
        assertThat(page).contains("<h1>Chiffres : =HYPERLINK(\"http://x\") Été</h1>", "Aucun candidat n’a terminé sur 3 inscrits (0\u00a0%)")
                .contains("Lettre d’admission : 0 en retard, 1 refusé")
                .contains("<th scope=\"row\">Lettre d’admission</th><td>1</td><td>0</td><td>1</td>\n            <td>1</td><td>0</td><td>0 j</td><td>0 j</td>");

        HttpResponse<byte[]> csv = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/journeys/" + t + "/numbers.csv"))
                .header("Cookie", "guichet_session=" + staff.cookie("guichet_session")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFtemplate,term,position,step_key,step,todo,submitted,approved,refused,late,");
        assertThat(text.lines().toList()).hasSize(4);
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).as("the formula is shown, never run; accents intact")
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\") Été\",,1,lettre,Lettre d’admission,1,0,1,1,0,0.0,0.0,3,0");
        assertThat(new FormBrowser(node.baseUrl()).get("/journeys/" + t + "/numbers").statusCode()).as("signed out").isIn(302, 303, 401);
    }

    /** The board's bulk form as a browser posts it: the checked applicants repeat one field. */
    static HttpResponse<String> bulk(FormBrowser staff, long template, String action, String filters, long... enrolments) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + staff.token() + "&action=" + action + filters);
        for (long e : enrolments) body.append("&inscription=").append(e);
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/journeys/" + template + "/bulk"))
                .header("Cookie", "guichet_session=" + staff.cookie("guichet_session")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBoardFiltersByStateStepAndNameAndActsOnTheApplicantsChecked() throws Exception {
        long t = createTemplate("Tableau — actions");
        long eloise = enrol(t, "eloise.fournier@exemple.fr", "Éloïse Fournier", "fr").json().get("id").asLong();
        long karim = enrol(t, "karim.haddad@exemple.ma", "Karim Haddad", "fr").json().get("id").asLong();
        long sofia = enrol(t, "sofia.rossi@exemple.it", "Sofia Rossi", "en").json().get("id").asLong();
        String e = session(openLink("eloise.fournier@exemple.fr")), k = session(openLink("karim.haddad@exemple.ma")), s = session(openLink("sofia.rossi@exemple.it"));
        JsonNode steps = api.get("/api/v1/me/journey", e).json();
        long lettre = stepId(steps, "lettre"), caq = stepId(steps, "caq");
        assertThat(upload(e, lettre, "lettre.png", png()).status()).isEqualTo(201);
        assertThat(upload(k, lettre, "lettre.png", png()).status()).isEqualTo(201);
        assertThat(upload(s, caq, "caq.png", png()).status()).isEqualTo(201);

        FormBrowser élodie = new FormBrowser(node.baseUrl());
        élodie.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        assertThat(élodie.get("/journeys/" + t + "?q=ELOISE").body()).as("accent- and case-blind").contains("Éloïse Fournier", "1 candidat")
                .doesNotContain("Karim Haddad");
        assertThat(élodie.get("/journeys/" + t + "?q=" + java.net.URLEncoder.encode("exemple.it", StandardCharsets.UTF_8)).body()).contains("Sofia Rossi", "1 candidat");
        String submittedLetters = élodie.get("/journeys/" + t + "?etat=submitted&etape=lettre").body();
        assertThat(submittedLetters).contains("Éloïse Fournier", "Karim Haddad", "2 candidats").doesNotContain("Sofia Rossi");
        assertThat(submittedLetters).as("an agent neither reminds nor moves").doesNotContain("value=\"remind\"", "value=\"move\"");
        assertThat(élodie.get("/journeys/" + t + "?etat=submitted").body()).contains("3 candidats");
        assertThat(élodie.get("/journeys/" + t + "?etat=n%27importe&etape=%3Cx%3E").body()).as("an unknown filter is no filter").contains("3 candidats");

        long other = createTemplate("Un autre tableau");
        assertThat(élodie.follow(bulk(élodie, other, "approve", "", eloise)).body()).as("an applicant of another board is not acted on from this one")
                .contains("Cochez au moins un candidat.");
        var approved = bulk(élodie, t, "approve", "&etat=submitted", eloise, karim, sofia);
        assertThat(approved.statusCode()).isEqualTo(303);
        String back = approved.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith("/journeys/" + t + "?etat=submitted&fait=approve");
        assertThat(élodie.get(back).body()).contains("2 documents approuvés · 1 laissé à son service");
        assertThat(stepOf(api.get("/api/v1/me/journey", e).json(), "lettre").get("state").asText()).isEqualTo("approved");
        assertThat(stepOf(api.get("/api/v1/me/journey", s).json(), "caq").get("state").asText()).as("the CAQ is the international office's").isEqualTo("submitted");
        assertThat(lastMail("karim.haddad@exemple.ma", "journey-decision").get("subject")).isEqualTo("Étape approuvée : Lettre d’admission");
        assertThat(bulk(élodie, t, "remind", "", eloise).statusCode()).as("an agent does not mail applicants in bulk").isEqualTo(403);
        var forged = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/journeys/" + t + "/bulk"))
                .header("Cookie", "guichet_session=" + élodie.cookie("guichet_session")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=approve&inscription=" + sofia)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("no form token").isEqualTo(403);

        FormBrowser jérôme = new FormBrowser(node.baseUrl());
        jérôme.logIn(Cegep.Persona.JEROME.email, Cegep.PASSWORD);
        jérôme.get("/journeys/" + t);
        int before = mails("sofia.rossi@exemple.it", "journey-reminder");
        assertThat(jérôme.follow(bulk(jérôme, t, "remind", "", sofia, karim)).body()).contains("2 rappels envoyés");
        assertThat(mails("sofia.rossi@exemple.it", "journey-reminder")).isEqualTo(before + 1);
        assertThat((String) lastMail("sofia.rossi@exemple.it", "journey-reminder").get("text_body")).contains("- Lettre d’admission (en) — due by", "- Arrivée (en)\n").doesNotContain("null", "CAQ");
        assertThat(jérôme.follow(bulk(jérôme, t, "remind", "", sofia)).body()).as("at most one every few days")
                .contains("Aucun rappel envoyé (relancés il y a peu, ou rien à faire)");
        assertThat(mails("sofia.rossi@exemple.it", "journey-reminder")).isEqualTo(before + 1);
        assertThat(jérôme.follow(bulk(jérôme, t, "move", "")).body()).contains("Cochez au moins un candidat.");
        assertThat(jérôme.follow(bulk(jérôme, t, "move", "", eloise)).body()).contains("Aucun candidat déplacé (déjà sur la dernière version)");
        var steps2 = new java.util.ArrayList<>(caqSteps());
        steps2.add(step("logement", "Logement", "international", false, List.of(), null));
        assertThat(api.put("/api/v1/journeys/templates/" + t, cegep.jérôme, template("Tableau — actions", steps2)).status()).isEqualTo(201);
        assertThat(jérôme.follow(bulk(jérôme, t, "move", "", eloise, karim)).body()).contains("2 candidats passés à la dernière version");
        assertThat(api.get("/api/v1/journeys/enrolments/" + karim, cegep.jérôme).json().get("template").get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/journeys/enrolments/" + sofia, cegep.jérôme).json().get("template").get("version").asInt()).as("not checked").isEqualTo(1);
        assertThat(bulk(élodie, t, "move", "", sofia).statusCode()).as("an agent does not move applicants").isEqualTo(403);
        assertThat(bulk(jérôme, t, "effacer", "", eloise).statusCode()).isEqualTo(422);
        assertThat(jérôme.follow(bulk(jérôme, t, "remind", "", 99_999_999)).body()).contains("Cochez au moins un candidat.");
    }

    static int count(String sql, long enrolment) {
        return db.withHandle(h -> h.createQuery(sql).bind("e", enrolment).mapTo(Integer.class).one());
    }

    @Test
    void theContactsExportHoldsTheirJourneyAndErasureTakesTheirDocuments() {
        long t = createTemplate("Parcours — vie privée");
        JsonNode enrolled = enrol(t, "chloe.ramirez@example.mx", "Chloé Ramírez", "fr").json();
        long contact = enrolled.get("contactId").asLong();
        String session = session(openLink("chloe.ramirez@example.mx"));
        long lettre = stepId(api.get("/api/v1/me/journey", session).json(), "lettre");
        assertThat(upload(session, lettre, "passeport de Chloé.png", png()).status()).isEqualTo(201);
        api.post("/api/v1/journeys/enrolments/" + enrolled.get("id").asLong() + "/steps/" + lettre + "/decision", cegep.jérôme,
                Map.of("approve", false, "reason", "Le nom de Chloé est illisible"));

        JsonNode export = api.get("/api/v1/contacts/" + contact + "/export", cegep.jérôme).json().path("journeys");
        assertThat(export).hasSize(1);
        assertThat(export.get(0).path("template").asText()).isEqualTo("Parcours — vie privée");
        assertThat(export.get(0).path("email").asText()).isEqualTo("chloe.ramirez@example.mx");
        assertThat(export.get(0).path("steps").get(0).path("reason").asText()).isEqualTo("Le nom de Chloé est illisible");
        assertThat(export.get(0).path("documents").get(0).path("name").asText()).isEqualTo("passeport de Chloé.png");
        assertThat(export.get(0).path("documents").get(0).has("data")).as("a description, not the bytes").isFalse();

        Response erased = api.delete("/api/v1/contacts/" + contact + "?confirm=" + contact, cegep.admin);
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        long enrolment = enrolled.get("id").asLong();
        assertThat(count("SELECT count(*) FROM journey_documents WHERE enrolment_id = :e", enrolment)).as("the documents go whatever the rule").isZero();
        var left = db.withHandle(h -> h.createQuery("SELECT email, name FROM journey_enrolments WHERE id = :e").bind("e", enrolment).mapToMap().findOne());
        if ("keep".equals(erased.text("records"))) {
            assertThat(left).hasValueSatisfying(row -> assertThat(row).containsEntry("email", "").containsEntry("name", null));
            assertThat(count("SELECT count(*) FROM journey_progress WHERE enrolment_id = :e AND reason IS NOT NULL", enrolment)).isZero();
        } else {
            assertThat(left).isEmpty();
        }
        assertThat(api.get("/api/v1/me/journey", session).status()).as("their session ends with them").isEqualTo(401);
    }

    /** The error shown under a field of the template form, by the field's id. */
    static String errorOf(String page, String id) {
        Matcher m = Pattern.compile("<p class=\"jr-error\" id=\"" + Pattern.quote(id) + "-err\">([^<]*)</p>").matcher(page);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void staffWriteATemplateInAFormThatShowsEveryErrorAtOnceAndEditingMakesAVersion() {
        FormBrowser élodie = new FormBrowser(node.baseUrl());
        élodie.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        assertThat(élodie.get("/journeys/new").statusCode()).as("an agent does not write templates").isEqualTo(403);

        FormBrowser jérôme = new FormBrowser(node.baseUrl());
        jérôme.logIn(Cegep.Persona.JEROME.email, Cegep.PASSWORD);
        assertThat(jérôme.get("/journeys").body()).contains("href=\"/journeys/new\"");
        assertThat(jérôme.get("/journeys/new").body()).contains("name=\"s0.key\"", "Créer le modèle");
        Map<String, String> bad = new LinkedHashMap<>(Map.of("rows", "2", "nameFr", "", "nameEn", "x".repeat(121), "termStart", "demain",
                "s0.key", "Pas Bon", "s0.titleEn", "Letter", "s0.document", "on", "s0.dueKind", "fixed"));
        bad.putAll(Map.of("s1.key", "caq", "s1.titleFr", "CAQ", "s1.titleEn", "CAQ", "s1.dueKind", "step", "s1.dueDays", "30", "s1.dueAfter", "inconnue"));
        bad.put("s0.maxKb", "0");
        var refused = jérôme.post("/journeys/new", bad);
        assertThat(refused.statusCode()).isEqualTo(422);
        String page = refused.body();
        assertThat(errorOf(page, "t-nameFr")).isEqualTo("Ce champ est obligatoire.");
        assertThat(errorOf(page, "t-nameEn")).isEqualTo("120 caractères au plus.");
        assertThat(errorOf(page, "t-term")).isEqualTo("Entrez une date (AAAA-MM-JJ).");
        assertThat(errorOf(page, "s0-key")).startsWith("Minuscules, chiffres et tirets seulement");
        assertThat(errorOf(page, "s0-titleFr")).isEqualTo("Ce champ est obligatoire.");
        assertThat(errorOf(page, "s0-acceptedTypes")).isEqualTo("Cochez au moins un type de document.");
        assertThat(errorOf(page, "s0-dueDate")).isEqualTo("Une échéance fixe demande une date.");
        assertThat(errorOf(page, "s1-dueAfter")).isEqualTo("Indiquez la clé d’une étape qui vient avant celle-ci.");
        assertThat(errorOf(page, "s0-maxBytes")).as("below 1 KB").isEqualTo("Entrez un nombre de Ko de 1 à 64.");
        bad.put("s0.maxKb", "dix");
        assertThat(errorOf(jérôme.post("/journeys/new", bad).body(), "s0-maxBytes")).isEqualTo("Entrez un nombre de Ko de 1 à 64.");
        bad.put("s0.maxKb", "65");
        assertThat(errorOf(jérôme.post("/journeys/new", bad).body(), "s0-maxBytes")).as("over the server's largest").isEqualTo("Entrez un nombre de Ko de 1 à 64.");
        assertThat(page).contains("9 champs à corriger", "Taille maximale du document (Ko, de 1 à 64)", "value=\"Pas Bon\"", "value=\"" + "x".repeat(121) + "\"", "aria-invalid=\"true\"");
        int templates = db.withHandle(h -> h.createQuery("SELECT count(*) FROM journey_templates").mapTo(Integer.class).one());

        Map<String, String> good = new LinkedHashMap<>(Map.of("rows", "3", "nameFr", "Été <b>court</b>", "nameEn", "Short summer", "termStart", "2027-05-03",
                "s0.key", "lettre", "s0.titleFr", "Lettre d’admission", "s0.titleEn", "Admission letter", "s0.document", "on", "s0.types", "pdf"));
        good.putAll(Map.of("s0.approval", "on", "s0.dueKind", "term", "s0.dueDays", "-30", "s1.key", "caq", "s1.titleFr", "CAQ", "s1.titleEn", "CAQ",
                "s1.dueKind", "step", "s1.dueDays", "30", "s1.dueAfter", "lettre"));
        good.put("s0.maxKb", "20");
        var more = jérôme.post("/journeys/new", Map.of("rows", "1", "nameFr", "Brouillon", "s0.key", "a", "addStep", "1"));
        assertThat(more.body()).as("add a step: one more row, nothing saved").contains("name=\"s1.key\"", "value=\"Brouillon\"");
        var created = jérôme.post("/journeys/new", good);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        long id = Long.parseLong(created.headers().firstValue("Location").orElseThrow().replace("/journeys/", ""));
        JsonNode saved = api.get("/api/v1/journeys/templates/" + id, cegep.jérôme).json();
        assertThat(saved.get("nameFr").asText()).isEqualTo("Été <b>court</b>");
        assertThat(saved.get("steps")).as("the empty third row is no step").hasSize(2);
        assertThat(saved.get("steps").get(0).get("acceptedTypes").toString()).isEqualTo("[\"pdf\"]");
        assertThat(saved.get("steps").get(0).get("maxBytes").asInt()).isEqualTo(20 * 1024);
        assertThat(saved.get("steps").get(1).get("due").get("afterStep").asText()).isEqualTo("lettre");
        int after = db.withHandle(h -> h.createQuery("SELECT count(*) FROM journey_templates").mapTo(Integer.class).one());
        assertThat(after).as("only the valid form saved").isEqualTo(templates + 1);

        String edit = jérôme.get("/journeys/" + id + "/edit").body();
        assertThat(edit).contains("value=\"Été &lt;b>court&lt;/b>\"", "value=\"Lettre d’admission\"", "Enregistrer une nouvelle version")
                .as("the step's limit, as saved").contains("name=\"s0.maxKb\" type=\"text\" value=\"20\"");
        enrol(id, "theo.gagnon@exemple.qc.ca", "Théo Gagnon", "fr");
        FormBrowser théo = openLink("theo.gagnon@exemple.qc.ca");
        assertThat(théo.get("/parcours").body()).as("the applicant reads the step's limit").contains("Formats acceptés : PDF, 20 Ko au plus");
        long lettre = stepId(api.get("/api/v1/me/journey", session(théo)).json(), "lettre");
        byte[] big = java.util.Arrays.copyOf(PDF, 21 * 1024);
        Response tooBig = upload(session(théo), lettre, "lettre.pdf", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.raw().body()).contains("20 KB");
        assertThat(upload(session(théo), lettre, "lettre.pdf", java.util.Arrays.copyOf(PDF, 19 * 1024)).status()).isEqualTo(201);
        good.put("s1.titleFr", "CAQ — certificat");
        var edited = jérôme.post("/journeys/" + id + "/edit", good);
        assertThat(edited.statusCode()).isEqualTo(303);
        long v2 = Long.parseLong(edited.headers().firstValue("Location").orElseThrow().replace("/journeys/", ""));
        JsonNode second = api.get("/api/v1/journeys/templates/" + v2, cegep.jérôme).json();
        assertThat(second.get("version").asInt()).isEqualTo(2);
        assertThat(second.get("steps").get(1).get("titleFr").asText()).isEqualTo("CAQ — certificat");
        assertThat(jérôme.postRaw("/journeys/new", good).statusCode()).as("no form token").isEqualTo(403);
    }

    @Test
    void aStepsDocumentLimitIsFromOneKilobyteToTheServersLargest() {
        var steps = new java.util.ArrayList<>(caqSteps());
        Map<String, Object> small = new LinkedHashMap<>(steps.getFirst());
        small.put("maxBytes", 1000);
        steps.set(0, small);
        Response r = api.post("/api/v1/journeys/templates", cegep.jérôme, template("Trop petit", steps));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.raw().body()).contains("steps[0].maxBytes");
        small.put("maxBytes", MAX + 1);
        assertThat(api.post("/api/v1/journeys/templates", cegep.jérôme, template("Trop grand", steps)).status()).isEqualTo(422);
        small.put("maxBytes", 1024);
        Response ok = api.post("/api/v1/journeys/templates", cegep.jérôme, template("Un Ko", steps));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        assertThat(ok.json().get("steps").get(0).get("maxBytes").asInt()).isEqualTo(1024);
        assertThat(ok.json().get("steps").get(1).get("maxBytes").asInt()).as("none given: the server's largest").isEqualTo(MAX);
    }

    @Test
    void badTemplatesAreRefusedNamingTheField() {
        String j = cegep.jérôme;
        assertThat(api.post("/api/v1/journeys/templates", cegep.élodie, template("Agent", caqSteps())).status()).isEqualTo(403);
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("Nom\u0007", caqSteps())))).contains("nameFr");
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("x".repeat(121), caqSteps())))).contains("nameFr");
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("Vide", List.of())))).contains("steps");
        assertThat(field(api.post("/api/v1/journeys/templates", j, Map.of("nameFr", 5, "nameEn", "x", "termStart", "2027-08-23", "steps", caqSteps()))))
                .contains("nameFr");
        assertThat(field(api.post("/api/v1/journeys/templates", j, Map.of("nameFr", "x", "nameEn", "x", "termStart", "demain", "steps", caqSteps()))))
                .contains("termStart");
        assertThat(field(api.post("/api/v1/journeys/templates", j, Map.of("nameFr", "x", "nameEn", "x", "termStart", "2027-08-23", "steps", caqSteps(),
                "couleur", "bleu")))).contains("couleur");
        assertThat(api.postRaw("/api/v1/journeys/templates", j, "{\"nameFr\":").status()).isEqualTo(400);
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("Avant", List.of(
                step("a", "A", null, false, List.of(), Map.of("kind", "step", "days", 3, "afterStep", "b")),
                step("b", "B", null, false, List.of(), null)))))).contains("steps[0].due.afterStep");
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("Types", List.of(
                step("a", "A", null, true, List.of("svg"), null)))))).contains("steps[0].acceptedTypes");
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("Clés", List.of(
                step("a", "A", null, false, List.of(), null), step("a", "B", null, false, List.of(), null)))))).contains("steps[1].key");
        assertThat(field(api.post("/api/v1/journeys/templates", j, template("Fixe", List.of(
                step("a", "A", null, false, List.of(), Map.of("kind", "fixed"))))))).contains("steps[0].due.date");
        assertThat(api.post("/api/v1/journeys/templates", j, template("Service", List.of(
                step("a", "A", "inconnu", false, List.of(), null)))).status()).isEqualTo(422);

        Response html = api.post("/api/v1/journeys/templates", j, template("<b>Gras</b>", caqSteps()));
        assertThat(html.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/journeys/templates/" + html.json().get("id").asLong(), j).json().get("nameFr").asText()).isEqualTo("<b>Gras</b>");
        assertThat(api.get("/api/v1/journeys/templates/0", j).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/journeys/enrolments/abc", j).status()).isEqualTo(404);
        assertThat(field(api.post("/api/v1/journeys/enrolments", j, Map.of("templateId", html.json().get("id").asLong(),
                "contact", Map.of("email", "pas-une-adresse"))))).contains("email");
        assertThat(field(api.post("/api/v1/journeys/enrolments", j, Map.of("templateId", html.json().get("id").asLong(),
                "contact", Map.of("email", "a@exemple.qc.ca", "lang", "de"))))).contains("lang");
    }

    static String field(Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(422);
        return r.json().get("error").get("message").asText();
    }
}
