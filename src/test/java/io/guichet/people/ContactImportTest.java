package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV import and export through the API, with the files people really send: Excel's encodings and separators, and bad rows. */
class ContactImportTest {
    static TestNode node;
    static Api api;
    static String jérôme;
    static String élodie;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        Cegep cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        jérôme = cegep.jérôme;
        élodie = cegep.élodie;
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Api.Response importCsv(String token, byte[] body, String query) {
        return api.postBytes("/api/v1/contacts/import" + (query == null ? "" : "?" + query), token, "text/csv", body);
    }

    static Api.Response importCsv(String text) {
        return importCsv(jérôme, utf8(text), null);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The export as a spreadsheet reads it: the rows by their name column. */
    static List<CSVRecord> export(String query) {
        Api.Response r = api.get("/api/v1/contacts/export" + (query == null ? "" : "?" + query), jérôme);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String body = r.raw().body();
        assertThat(body).startsWith("\uFEFF");
        try {
            return CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(body.substring(1))).getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static CSVRecord exported(String email) {
        return export("q=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).stream().filter(r -> r.get("email").contains(email)).findFirst()
                .orElseThrow(() -> new AssertionError("not exported: " + email));
    }

    static List<String> reasons(Api.Response r) {
        List<String> out = new ArrayList<>();
        for (JsonNode rej : r.json().path("rejected")) out.add(rej.path("row").asInt() + " " + rej.path("column").asText() + ": " + rej.path("reason").asText());
        return out;
    }

    @Test
    void aFrenchExcelFileIsImportedRowByRowAndBadRowsAreReportedWithTheirColumn() {
        Api.Response r = importCsv(jérôme, utf8("\uFEFFPrénom;Nom;Courriel;Téléphone;Ville;Code postal;Type;Étiquettes\n"
                + "Béatrice;Lafrenière;beatrice.lafreniere@exemple.ca;514 555-0142;Montréal;h2x1y4;étudiante;bourse, sport\n"
                + "Zoé;Ouellet;pas-un-courriel;;Laval;;prospect;\n"
                + "Gaël;D’Amours;gael.damours@exemple.ca;;Québec;G1R 2B5;diplômé, parent;\n"), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(2);
        assertThat(r.json().path("updated").asInt()).isZero();
        assertThat(r.json().path("encoding").asText()).isEqualTo("UTF-8");
        assertThat(r.json().path("delimiter").asText()).isEqualTo(";");
        assertThat(reasons(r)).singleElement().satisfies(reason -> assertThat(reason).startsWith("3 Courriel: ").contains("pas-un-courriel"));
        assertThat(r.json().path("rejected").get(0).path("code").asText()).as("a code a screen tells in its language").isEqualTo("email");

        CSVRecord béatrice = exported("beatrice.lafreniere@exemple.ca");
        assertThat(béatrice.get("name")).isEqualTo("Béatrice Lafrenière");
        assertThat(béatrice.get("phone")).as("E.164, whose + a spreadsheet would run: shown as text").isEqualTo("'+15145550142");
        assertThat(béatrice.get("city")).isEqualTo("Montréal");
        assertThat(béatrice.get("postal_code")).isEqualTo("H2X 1Y4");
        assertThat(béatrice.get("kinds")).isEqualTo("student");
        assertThat(béatrice.get("tags")).isEqualTo("bourse, sport");
        assertThat(exported("gael.damours@exemple.ca").get("kinds")).isEqualTo("alumnus, parent");
        assertThat(export("q=ouellet")).isEmpty();
    }

    @Test
    void aWindows1252FileFromExcelArrivesWithItsAccents() {
        byte[] bytes = "Nom complet,Courriel,Ville\nÉlodie Bérard,elodie.berard@exemple.ca,Trois-Rivières\n"
                .getBytes(Charset.forName("windows-1252"));
        Api.Response r = importCsv(jérôme, bytes, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("encoding").asText()).isEqualTo("Windows-1252");
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        CSVRecord élodie = exported("elodie.berard@exemple.ca");
        assertThat(élodie.get("name")).isEqualTo("Élodie Bérard");
        assertThat(élodie.get("city")).isEqualTo("Trois-Rivières");
    }

    @Test
    void aFileInNeitherEncodingIsRefusedSayingSo() {
        // 0x81 and 0x8D are defined in no Windows-1252 table and start no UTF-8 sequence.
        byte[] bytes = {'N', 'o', 'm', '\n', 'A', (byte) 0x81, (byte) 0x8D, '\n'};
        Api.Response r = importCsv(jérôme, bytes, null);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("csv_encoding");
        assertThat(r.json().path("error").path("message").asText()).contains("neither UTF-8 nor Windows-1252").contains("CSV UTF-8");
    }

    @Test
    void aKnownEmailOrStudentNumberUpdatesTheContactInsteadOfDuplicatingIt() {
        assertThat(importCsv("Nom,Courriel,Matricule,Programme\nRaphaël Tremblay,raphael.t@exemple.ca,,Sciences de la nature\n"
                + "Inès Poirier,,2234567,\n").json().path("imported").asInt()).isEqualTo(2);
        Api.Response again = importCsv("Name,Email,Student number,City,Tags\nRaphaël Tremblay,RAPHAEL.T@exemple.ca,,Gatineau,salon\n"
                + "Inès Poirier-Roy,ines.poirier@exemple.ca,2234567,Lévis,\n");
        assertThat(again.json().path("imported").asInt()).isZero();
        assertThat(again.json().path("updated").asInt()).isEqualTo(2);

        CSVRecord raphaël = exported("raphael.t@exemple.ca");
        assertThat(raphaël.get("programme")).as("a column the second file lacks stays as it was").isEqualTo("Sciences de la nature");
        assertThat(raphaël.get("city")).isEqualTo("Gatineau");
        assertThat(export("q=tremblay").stream().filter(c -> c.get("email").equals("raphael.t@exemple.ca"))).hasSize(1);
        CSVRecord inès = exported("ines.poirier@exemple.ca");
        assertThat(inès.get("name")).isEqualTo("Inès Poirier-Roy");
        assertThat(inès.get("student_number")).isEqualTo("2234567");
        assertThat(inès.get("city")).isEqualTo("Lévis");
    }

    @Test
    void aKnownPhoneInAnotherSpellingUpdatesTheContactItBelongsTo() {
        Api.Response created = api.post("/api/v1/contacts", jérôme, Map.of("name", "Mathis Bergeron", "phones", List.of("514 555-0177"), "city", "Laval"));
        assertThat(created.status()).isEqualTo(201);
        Api.Response r = importCsv("Nom,Téléphone,Courriel,Ville\nMathis Bergeron,+1 (514) 555 0177,mathis.b@exemple.ca,Terrebonne\n");
        assertThat(r.json().path("imported").asInt()).as(r.json().toString()).isZero();
        assertThat(r.json().path("updated").asInt()).isEqualTo(1);
        CSVRecord mathis = exported("mathis.b@exemple.ca");
        assertThat(mathis.get("id")).as("the contact that held the phone").isEqualTo(created.text("id"));
        assertThat(mathis.get("city")).isEqualTo("Terrebonne");
        assertThat(export("q=bergeron")).hasSize(1);
    }

    @Test
    void twoRowsOfOneFileWithTheSameEmailMakeOneContact() {
        Api.Response r = importCsv("Nom,Courriel,Ville\nAnaïs Fortin,anais.fortin@exemple.ca,Rimouski\nAnaïs Fortin,anais.fortin@exemple.ca,Matane\n");
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(r.json().path("updated").asInt()).isEqualTo(1);
        assertThat(exported("anais.fortin@exemple.ca").get("city")).isEqualTo("Matane");
    }

    @Test
    void aDryRunReportsEverythingAndWritesNothing() {
        Api.Response r = importCsv(jérôme, utf8("Nom,Courriel\nYannick Essai,yannick.essai@exemple.ca\nSans Courriel,@\n"), "dryRun=true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("dryRun").asBoolean()).isTrue();
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(reasons(r)).hasSize(1);
        assertThat(export("q=yannick")).isEmpty();
        Long timeline = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM contact_timeline WHERE ref_kind = 'import' AND ref_id = :id").bind("id", r.text("id")).mapTo(Long.class).one());
        assertThat(timeline).isZero();
    }

    @Test
    void eachImportedContactHasTheImportOnItsTimeline() {
        Api.Response r = importCsv("Nom,Courriel\nLudovic Timeline,ludovic.timeline@exemple.ca\n");
        List<String> whats = node.app.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT t.what || ' ' || (t.params ->> 'outcome') || ' ' || t.staff_id FROM contact_timeline t
                JOIN contact_identities i ON i.contact_id = t.contact_id AND i.kind = 'email' AND i.value = 'ludovic.timeline@exemple.ca'
                WHERE t.ref_kind = 'import' AND t.ref_id = :id""").bind("id", r.text("id")).mapTo(String.class).list());
        assertThat(whats).singleElement().asString().startsWith("people.imported created ");
    }

    @Test
    void aFileWithoutANameOrIdentityColumnIsRefusedWhole() {
        Api.Response r = importCsv("Ville,Programme\nMontréal,Sciences humaines\n");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("csv_header");
        assertThat(r.json().path("error").path("message").asText()).contains("Ville, Programme");
        assertThat(export("q=montr")).isEmpty();
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsRefused() {
        for (String empty : List.of("", "\n\n", "\uFEFF", "Nom,Courriel\n")) {
            Api.Response r = importCsv(empty);
            assertThat(r.status()).as(empty).isEqualTo(422);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("csv_empty");
        }
    }

    @Test
    void aTwoMegabyteLineIsARejectedRowAndAnOversizedFileIsRefusedWithItsLimit() {
        String huge = "x".repeat(2 * 1024 * 1024);
        Api.Response r = importCsv("Nom,Courriel,Remarque\nAvant Ligne,avant.ligne@exemple.ca,\nÉnorme,enorme@exemple.ca," + huge
                + "\nAprès Ligne,apres.ligne@exemple.ca,\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(2);
        assertThat(reasons(r)).containsExactly("3 null: The row is longer than 10000 characters");

        byte[] tooBig = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(tooBig, (byte) 'a');
        Api.Response big = importCsv(jérôme, tooBig, null);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("error").path("message").asText()).contains("20 MB");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRejectedAndTheOthersImported() {
        Api.Response r = importCsv("Nom,Courriel,Ville\nCédric Bon,cedric.bon@exemple.ca,Joliette\nTrop,de,cellules,ici\n");
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(reasons(r)).containsExactly("3 null: The row has 4 cells where the header has 3 columns");
    }

    @Test
    void anUnclosedQuoteRefusesTheFileNamingTheLine() {
        Api.Response r = importCsv("Nom,Courriel\nBon,bon@exemple.ca\n\"Pas fermé,x@exemple.ca\n");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("csv_malformed");
    }

    @Test
    void formulaCellsAreStoredAsTextAndNeutralisedOnExport() {
        importCsv("Nom,Courriel,Organisation,Ville\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\",formule@exemple.ca,+33 entreprise,@Laval\n"
                + "-Moins,moins@exemple.ca,<b>Gras</b> & co,Sorel\n");
        CSVRecord formula = exported("formule@exemple.ca");
        assertThat(formula.get("name")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"clic\")");
        assertThat(formula.get("organisation")).isEqualTo("'+33 entreprise");
        assertThat(formula.get("city")).isEqualTo("'@Laval");
        CSVRecord minus = exported("moins@exemple.ca");
        assertThat(minus.get("name")).isEqualTo("'-Moins");
        assertThat(minus.get("organisation")).as("HTML is kept as text").isEqualTo("<b>Gras</b> & co");
    }

    @Test
    void anExportImportedAgainUpdatesTheSameContacts() {
        importCsv("Nom,Courriel,Téléphone\nRoxanne Aller-Retour,roxanne.ar@exemple.ca,450 555-0199\n");
        String exportedFile = api.get("/api/v1/contacts/export?q=roxanne.ar", jérôme).raw().body();
        Api.Response again = importCsv(exportedFile);
        assertThat(again.json().path("updated").asInt()).isEqualTo(1);
        assertThat(again.json().path("rejected")).isEmpty();
        assertThat(exported("roxanne.ar@exemple.ca").get("phone")).isEqualTo("'+14505550199");
    }

    @Test
    void aSegmentExportsExactlyItsMembersWithTheListsFilters() {
        importCsv("Nom,Courriel,Ville,Pays\nÈve Gaspésienne,eve.gaspe@exemple.ca,Gaspé,CA\nAlbert Gaspésien,albert.gaspe@exemple.ca,Gaspé,CA\n"
                + "Ours de Rouyn,ours.rouyn@exemple.ca,Rouyn-Noranda,CA\n");
        String segment = api.post("/api/v1/segments", jérôme, Map.of("name", "Gens de Gaspé", "filter", Map.of("city", "Gaspé"))).text("id");
        Api.Response r = api.get("/api/v1/segments/" + segment + "/export", jérôme);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Disposition").orElse("")).contains("segment-" + segment + ".csv");
        assertThat(r.raw().body()).contains("Albert Gaspésien", "Ève Gaspésienne").doesNotContain("Ours de Rouyn");
        assertThat(r.raw().body().indexOf("Albert")).as("French order").isLessThan(r.raw().body().indexOf("Ève"));
        assertThat(export("city=Rouyn-Noranda").stream().map(c -> c.get("name")).toList()).contains("Ours de Rouyn").doesNotContain("Ève Gaspésienne");
        assertThat(api.get("/api/v1/segments/999999/export", jérôme).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/segments/" + segment + "/export", élodie).status()).as("an agent").isEqualTo(403);
    }

    @Test
    void aControlCharacterInACellRejectsItsRowNamingTheColumn() {
        Api.Response r = importCsv("Nom,Courriel,Ville\nBell\u0007e,bell@exemple.ca,Laval\nNormal,normal.ctrl@exemple.ca,Laval\n");
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(reasons(r)).singleElement().asString().startsWith("2 Nom: ").contains("control character");
    }

    @Test
    void theCallerChoosesColumnsTheGuessMissesAndAMappingToNoFieldIsRefused() {
        String file = "Qui,Adresse électronique perso,Remarque\nMaude Choix,maude.choix@exemple.ca,à rappeler\n";
        String mapping = URLEncoder.encode("{\"Qui\":\"name\",\"Adresse électronique perso\":\"email\"}", StandardCharsets.UTF_8);
        Api.Response r = importCsv(jérôme, utf8(file), "mapping=" + mapping);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(exported("maude.choix@exemple.ca").get("name")).isEqualTo("Maude Choix");

        Api.Response unknown = importCsv(jérôme, utf8(file), "mapping=" + URLEncoder.encode("{\"Qui\":\"salary\"}", StandardCharsets.UTF_8));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("error").path("message").asText()).contains("salary");
        Api.Response twice = importCsv(jérôme, utf8(file), "mapping=" + URLEncoder.encode("{\"Qui\":\"name\",\"Remarque\":\"name\"}", StandardCharsets.UTF_8));
        assertThat(twice.status()).isEqualTo(422);
        Api.Response notJson = importCsv(jérôme, utf8(file), "mapping=Qui");
        assertThat(notJson.status()).isEqualTo(422);
    }

    @Test
    void anAgentMayNeitherImportNorExport() {
        assertThat(importCsv(élodie, utf8("Nom\nX\n"), null).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/contacts/export", élodie).status()).isEqualTo(403);
        assertThat(importCsv(null, utf8("Nom\nX\n"), null).status()).isEqualTo(401);
    }

    @Test
    void aLargeFileRunsInTheBackgroundAndTellsItsProgress() throws InterruptedException {
        StringBuilder file = new StringBuilder("Prénom,Nom,Courriel\n");
        int rows = ContactImport.SYNC_ROWS + 500;
        for (int i = 0; i < rows; i++) file.append("Émile,Grand").append(i).append(",emile.grand").append(i).append("@exemple.ca\n");
        Api.Response started = importCsv(file.toString());
        assertThat(started.status()).isEqualTo(202);
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        JsonNode job = started.json().path("import");
        assertThat(job.path("total").asInt()).isEqualTo(rows);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!job.path("status").asText().equals("done") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            job = api.get(location, jérôme).json().path("import");
            assertThat(job.path("done").asInt()).isBetween(0, rows);
        }
        assertThat(job.path("status").asText()).isEqualTo("done");
        assertThat(job.path("imported").asInt()).isEqualTo(rows);
        assertThat(export("q=emile.grand")).hasSize(rows);
    }

    @Test
    void theExportIsSortedAsAFrenchReaderExpects() {
        importCsv("Nom,Courriel,Étiquettes\nÉric Tri,eric.tri@exemple.ca,tri\nemma Tri,emma.tri@exemple.ca,tri\nZachary Tri,zach.tri@exemple.ca,tri\n"
                + "Edouard Tri,edouard.tri@exemple.ca,tri\n");
        assertThat(export("tag=tri").stream().map(c -> c.get("name")).toList())
                .containsExactly("Edouard Tri", "emma Tri", "Éric Tri", "Zachary Tri");
        assertThat(api.get("/api/v1/contacts/export?kind=ogre", jérôme).status()).isEqualTo(422);
    }

    @Test
    void rejectedRowsComeBackAsACsvToCorrect() {
        Api.Response r = importCsv("Nom,Courriel\nBon Rang,bon.rang@exemple.ca\nMauvais Rang,mauvais@\n");
        Api.Response csv = api.get("/api/v1/contacts/imports/" + r.text("id") + "/rejected.csv", jérôme);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().body()).startsWith("\uFEFFNom,Courriel,ligne / row,raison / reason").contains("Mauvais Rang,mauvais@,3,");
        assertThat(api.get("/api/v1/contacts/imports/" + r.text("id") + "/rejected.csv", élodie).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/contacts/imports/999999", jérôme).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/imports/abc", jérôme).status()).isEqualTo(404);
    }

    @Test
    void aMultipartUploadIsReadLikeABody() {
        String boundary = "----guichet" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"liste.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "Nom;Courriel\nJosée Multipart;josee.multipart@exemple.ca\n\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\nfalse\r\n--" + boundary + "--\r\n";
        Api.Response r = api.postBytes("/api/v1/contacts/import", jérôme, "multipart/form-data; boundary=" + boundary, utf8(body));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(exported("josee.multipart@exemple.ca").get("name")).isEqualTo("Josée Multipart");
    }
}
