package io.guichet.journeys;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Enrolment by CSV, from the board's page and the API: a report line per row, idempotent like the API, bad files refused whole. */
class EnrolmentImportTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static long template(String name) {
        Map<String, Object> step = Map.of("key", "caq", "titleFr", "CAQ", "titleEn", "CAQ", "documentRequired", false, "approvalRequired", false,
                "due", Map.of("kind", "term", "days", -30));
        Response r = api.post("/api/v1/journeys/templates", cegep.jérôme, Map.of("nameFr", name, "nameEn", name + " (en)", "termStart", "2027-08-23",
                "steps", List.of(step)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static int linkMails(String to) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE recipient = :to AND kind = 'journey-link'")
                .bind("to", to).mapTo(Integer.class).one());
    }

    static int enrolments(long template) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM journey_enrolments e JOIN journey_templates t ON t.family_id = e.family_id WHERE t.id = :t")
                .bind("t", template).mapTo(Integer.class).one());
    }

    /** The board's import form as a browser posts it: the file and the form token, with the staff's session. */
    static HttpResponse<String> upload(FormBrowser staff, long template, String fileName, byte[] csv, boolean withToken) throws Exception {
        String boundary = "----guichet" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        if (withToken) body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + staff.token() + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(csv);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/journeys/" + template + "/import"))
                .header("Cookie", "guichet_session=" + staff.cookie("guichet_session"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static FormBrowser jérôme(long template) {
        FormBrowser b = new FormBrowser(node.baseUrl());
        b.logIn(Cegep.Persona.JEROME.email, Cegep.PASSWORD);
        b.get("/journeys/" + template + "/import");
        return b;
    }

    @Test
    void aFrenchExcelFileEnrolsEachRowOnceAndReportsEveryLine() throws Exception {
        long t = template("Importation — automne");
        assertThat(api.post("/api/v1/journeys/enrolments", cegep.jérôme, Map.of("templateId", t,
                "contact", Map.of("email", "deja.la@exemple.fr", "name", "Déjà Là"))).status()).isEqualTo(201);
        String csv = """
                Prénom;Nom;Courriel;Langue;Session;Remarque
                Inès;Benali;ines.benali@exemple.qc.ca;Français;2028-01-15;boursière
                Déjà;Là;DEJA.LA@exemple.fr;fr;;
                Inès;Benali;ines.benali@exemple.qc.ca;fr;;deux fois dans le fichier
                Marc;Sans courriel;;fr;;
                Zoé;Lévesque;zoe@@exemple;fr;;
                Ana;Silva;ana.silva@exemple.br;portugais;;
                Léo;Martin;leo.martin@exemple.fr;fr;automne 2027;
                <b>Noé</b>;=HYPERLINK("http://x","y");noe.roy@exemple.qc.ca;anglais;;
                Sofia;Rossi;sofia.rossi@exemple.it;;;
                trop;de;cellules;sofia@exemple.it;fr;;x
                """;
        FormBrowser staff = jérôme(t);
        assertThat(staff.get("/journeys/" + t).body()).as("the board leads to it").contains("href=\"/journeys/" + t + "/import\"");
        HttpResponse<String> r = upload(staff, t, "candidats.csv", csv.getBytes(Charset.forName("windows-1252")), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String page = r.body();
        assertThat(page).contains("3 candidats inscrits, 2 déjà inscrits, 5 lignes refusées", "Colonnes ignorées : Remarque")
                .contains("<td>2</td>", "Inès Benali", "Inscrit", "Déjà inscrit")
                .contains("Aucun courriel sur cette ligne.", "« zoe@@exemple » n’est pas une adresse courriel valide.")
                .contains("Langue « portugais » inconnue : écrivez fr ou en.", "Session « automne 2027 » illisible : écrivez la date de début (AAAA-MM-JJ).")
                .contains("La ligne a 7 cellules alors que l’en-tête a 6 colonnes.")
                .as("HTML and a formula are text, shown as typed").contains("&lt;b&gt;Noé&lt;/b&gt; =HYPERLINK(\"http://x\",\"y\")").doesNotContain("<b>Noé</b>");
        assertThat(enrolments(t)).isEqualTo(4);
        assertThat(linkMails("ines.benali@exemple.qc.ca")).as("enrolled once, one mail").isEqualTo(1);
        assertThat(linkMails("deja.la@exemple.fr")).as("already there: no new mail").isEqualTo(1);
        assertThat(linkMails("sofia.rossi@exemple.it")).isEqualTo(1);

        long ines = db.withHandle(h -> h.createQuery("SELECT id FROM journey_enrolments WHERE email = 'ines.benali@exemple.qc.ca'").mapTo(Long.class).one());
        JsonNode journey = api.get("/api/v1/journeys/enrolments/" + ines, cegep.jérôme).json();
        assertThat(journey.get("steps").get(0).get("due").asText()).as("30 days before her own start term").isEqualTo("2027-12-16");
        long noe = db.withHandle(h -> h.createQuery("SELECT id FROM journey_enrolments WHERE email = 'noe.roy@exemple.qc.ca'").mapTo(Long.class).one());
        JsonNode noeJourney = api.get("/api/v1/journeys/enrolments/" + noe, cegep.jérôme).json();
        assertThat(noeJourney.get("steps").get(0).get("due").asText()).as("the template's term").isEqualTo("2027-07-24");
        String lang = db.withHandle(h -> h.createQuery("SELECT lang FROM journey_enrolments WHERE id = :e").bind("e", noe).mapTo(String.class).one());
        assertThat(lang).isEqualTo("en");

        HttpResponse<String> again = upload(staff, t, "candidats.csv", csv.getBytes(Charset.forName("windows-1252")), true);
        assertThat(again.body()).as("the same list again changes nothing").contains("Aucun candidat inscrit, 5 déjà inscrits, 5 lignes refusées");
        assertThat(linkMails("ines.benali@exemple.qc.ca")).isEqualTo(1);
    }

    @Test
    void theApiTakesTheCsvAsItsBodyWithEnglishHeaders() {
        long t = template("Import API");
        String csv = "\uFEFFEmail,Full name,Language,Start term\r\nkarim.haddad@exemple.ma,Karim Haddad,English,2027-08-23\r\nnot-an-address,X,en,\r\n"
                + "nul@exemple.ca,Nul\u0000Part,en,\r\nlong@exemple.ca," + "x".repeat(121) + ",en,\r\nvieux@exemple.ca,Vieux,en,1899-09-01\r\n";
        Response r = api.postBytes("/api/v1/journeys/templates/" + t + "/enrolments/import", cegep.jérôme, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("enrolled").asInt()).isEqualTo(1);
        assertThat(r.json().get("refused").asInt()).isEqualTo(4);
        assertThat(r.json().get("lines").get(1).get("line").asInt()).isEqualTo(3);
        assertThat(r.json().get("lines").get(1).get("reason").asText()).isEqualTo("email");
        assertThat(r.json().get("lines").get(2).get("reason").asText()).as("a control character").isEqualTo("name");
        assertThat(r.json().get("lines").get(3).get("reason").asText()).as("over 120 characters").isEqualTo("name");
        assertThat(r.json().get("lines").get(4).get("reason").asText()).as("a term out of range").isEqualTo("term");
        assertThat(api.postBytes("/api/v1/journeys/templates/" + t + "/enrolments/import", cegep.élodie, "text/csv", csv.getBytes(StandardCharsets.UTF_8)).status())
                .as("an agent does not enrol").isEqualTo(403);
        assertThat(api.postBytes("/api/v1/journeys/templates/99999999/enrolments/import", cegep.jérôme, "text/csv", csv.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
    }

    @Test
    void badFilesAreRefusedWholeWithAClearSentenceAndNothingEnrolled() throws Exception {
        long t = template("Import — fichiers abîmés");
        FormBrowser staff = jérôme(t);
        HttpResponse<String> empty = upload(staff, t, "vide.csv", new byte[0], true);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Le fichier est vide", "aria-invalid=\"true\"");
        HttpResponse<String> headerOnly = upload(staff, t, "titres.csv", "Courriel;Nom\n".getBytes(StandardCharsets.UTF_8), true);
        assertThat(headerOnly.body()).contains("Le fichier est vide");
        byte[] mac = {'C', 'o', 'u', 'r', 'r', 'i', 'e', 'l', '\n', 'a', (byte) 0x81, (byte) 0x8D, '@', 'x', '.', 'c', 'a', '\n'};
        assertThat(upload(staff, t, "mac.csv", mac, true).body()).contains("L’encodage du fichier n’a pas pu être reconnu");
        assertThat(upload(staff, t, "guillemets.csv", "Courriel,Nom\na@exemple.ca,\"Côté\n".getBytes(StandardCharsets.UTF_8), true).body())
                .contains("une cellule entre guillemets n’est pas fermée");
        assertThat(upload(staff, t, "sans-courriel.csv", "Nom,Langue\nAna,fr\n".getBytes(StandardCharsets.UTF_8), true).body())
                .contains("Aucune colonne ne donne le courriel");
        byte[] big = ("Courriel\n" + "a@exemple.ca\n".repeat(EnrolmentImport.MAX_BYTES / 13 + 10)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooBig = upload(staff, t, "gros.csv", big, true);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("Le fichier dépasse 2 Mo : divisez-le en plusieurs fichiers.");
        Response apiBig = api.postBytes("/api/v1/journeys/templates/" + t + "/enrolments/import", cegep.jérôme, "text/csv", big);
        assertThat(apiBig.status()).isEqualTo(413);
        assertThat(upload(staff, t, "candidats.csv", "Courriel\nines@exemple.ca\n".getBytes(StandardCharsets.UTF_8), false).statusCode())
                .as("no form token").isEqualTo(403);
        FormBrowser élodie = new FormBrowser(node.baseUrl());
        élodie.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        élodie.get("/journeys/" + t);
        assertThat(upload(élodie, t, "candidats.csv", "Courriel\nines@exemple.ca\n".getBytes(StandardCharsets.UTF_8), true).statusCode()).isEqualTo(403);
        assertThat(élodie.get("/journeys/" + t).body()).as("an agent is not offered it").doesNotContain("/import\"");
        assertThat(enrolments(t)).isZero();
    }
}
