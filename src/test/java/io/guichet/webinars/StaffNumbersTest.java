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
}
