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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's numbers as its organiser reads them, on the page and in the CSV; who may not read them. */
class StaffNumbersTest {
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

    @Test
    void registrationsWaitlistAndReturningContactsAreCountedAndTheCsvNeutralisesFormulas() {
        String earlier = api.post("/api/v1/webinars/sessions", cegep.jérôme, ProgrammePagesTest.session("Atelier d’été", "fr", NEXT_MONTH, null)).text("id");
        api.post("/api/v1/webinars/sessions/" + earlier + "/registrations", null, Map.of("name", "Zoé Lévesque", "email", "zoe@exemple.ca"));
        String id = api.post("/api/v1/webinars/sessions", cegep.jérôme, ProgrammePagesTest.session("=HYPERLINK(\"x\") Portes", "fr", NEXT_MONTH.plusDays(1), 1)).text("id");
        for (String who : new String[]{"zoe@exemple.ca", "noe@exemple.ca", "lea@exemple.ca"}) {
            api.post("/api/v1/webinars/sessions/" + id + "/registrations", null, Map.of("name", "Personne", "email", who));
        }

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        HttpResponse<String> page = staff.get("/webinars/numbers/session/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        String figures = page.body().replaceAll("\\s+", " ");
        assertThat(figures).contains("<dt>Inscrit·e·s</dt><dd>1</dd>", "<dt>En attente</dt><dd>2</dd>", "<dt>Annulations</dt><dd>0</dd>",
                "<dt>Présences (taux)</dt><dd>—</dd>", "<dt>Premières inscriptions</dt><dd>2</dd>", "<dt>Déjà venu·e·s</dt><dd>1</dd>",
                "<span>Non précisé</span> <strong>3</strong>");
        assertThat(page.body()).contains("<rect ").doesNotContain("<dd>=HYPERLINK");

        HttpResponse<String> csv = staff.get("/webinars/numbers/session/" + id + "/csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("\uFEFFsession,starts_at,registered,waitlisted,cancelled");
        assertThat(rows[1]).startsWith("\"'=HYPERLINK(\"\"x\"\") Portes\",").contains(",1,2,0,");

        staff.get("/webinars/sessions/" + id);
        HttpResponse<String> wall = staff.post("/webinars/sessions/" + id + "/wall", Map.of());
        assertThat(wall.statusCode()).isEqualTo(303);
        assertThat(wall.headers().firstValue("Location")).contains("/live/webinaire-" + id + "/moderate");
        assertThat(staff.get("/webinars/sessions/" + id).body()).contains("href=\"/live/webinaire-" + id + "/moderate\"", "noe@exemple.ca");
        assertThat(staff.get("/webinars/numbers/session/" + id).body().replaceAll("\\s+", " ")).contains("<dt>Questions posées</dt><dd>0</dd>");

        FormBrowser agent = new FormBrowser(node.baseUrl());
        agent.logIn("elodie@cegep-test.qc.ca", Cegep.PASSWORD);
        assertThat(agent.get("/webinars/numbers/session/" + id).statusCode()).as("an agent").isEqualTo(403);
        assertThat(new FormBrowser(node.baseUrl()).get("/webinars").statusCode()).as("nobody signed in").isIn(302, 303);
    }

    @Test
    void aPostalCodeIsCheckedNormalisedStoredAndGivesTheRegistrantsRegion() {
        String id = api.post("/api/v1/webinars/sessions", cegep.jérôme, ProgrammePagesTest.session("Salon des régions", "fr", NEXT_MONTH.plusDays(5), null)).text("id");
        String path = "/api/v1/webinars/sessions/" + id + "/registrations";
        for (String bad : new String[]{"12345", "D1A 1A1", "H2X 1Y", "<b>H2X</b>", "H2X\u00001Y4"}) {
            Api.Response r = api.post(path, null, Map.of("name", "Léa", "email", "lea.region@exemple.ca", "postalCode", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().get("error").get("message").asText()).as(bad).contains("postalCode");
        }
        assertThat(api.post(path, null, Map.of("name", "Zoé", "email", "zoe.region@exemple.ca", "postalCode", "h2x1y4")).status()).isEqualTo(201);
        assertThat(api.post(path, null, Map.of("name", "Noé", "email", "noe.region@exemple.ca", "postalCode", " g1r-5m1 ")).status()).isEqualTo(201);
        assertThat(api.post(path, null, Map.of("name", "Éloi", "email", "eloi.region@exemple.ca")).status()).isEqualTo(201);
        var stored = api.get(path, cegep.jérôme).json().get("registrations");
        assertThat(stored.get(0).get("postalCode").asText()).isEqualTo("H2X 1Y4");
        assertThat(stored.get(1).get("postalCode").asText()).isEqualTo("G1R 5M1");
        assertThat(stored.get(2).get("postalCode").isNull()).isTrue();
        String contactPostal = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT c.postal_code FROM contacts c JOIN webinar_registrations r ON r.contact_id = c.id WHERE r.email = 'zoe.region@exemple.ca'").mapTo(String.class).one());
        assertThat(contactPostal).as("the contact had none: it is noted").isEqualTo("H2X 1Y4");

        // on the public form: the refusal next to the field, what was typed kept; then normalised
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        visitor.get("/programme/seance/" + id);
        HttpResponse<String> refused = visitor.post("/programme/seance/" + id, Map.of("name", "Léa Côté", "email", "lea.cote@exemple.ca", "postalCode", "H2X-1Y"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"reg-postal-error\" class=\"why-error\">Entrez un code postal canadien, comme H2X 1Y4, ou laissez le champ vide.",
                "value=\"H2X-1Y\"");
        assertThat(visitor.post("/programme/seance/" + id, Map.of("name", "Léa Côté", "email", "lea.cote@exemple.ca", "postalCode", "j8y 3r5")).statusCode()).isEqualTo(200);

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        String regions = staff.get("/webinars/numbers/session/" + id).body().replaceAll("\\s+", " ");
        assertThat(regions).contains("<span>H2X (Montréal)</span> <strong>1</strong>", "<span>G1R (Est du Québec)</span> <strong>1</strong>",
                "<span>J8Y (Ouest du Québec)</span> <strong>1</strong>", "<span>Non précisé</span> <strong>1</strong>");
    }
}
