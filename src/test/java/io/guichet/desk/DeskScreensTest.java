package io.guichet.desk;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helpdesk's screens in the staff shell, at a desk and on a phone: the incident list (filters, newest first, pages),
 * an incident's view (its steps; acknowledge and decide from it), the day view with each sitting's incidents.
 */
class DeskScreensTest {
    static Browsers browsers;

    @BeforeAll
    static void start() {
        DeskTest.start();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        DeskTest.stop();
    }

    @Test
    void theHelpdeskFiltersTheListOpensAnIncidentAndDecidesIt() {
        long chem = DeskTest.createSitting("S-SCR-A", Instant.now().minus(Duration.ofMinutes(20)), 180, "sciences");
        long music = DeskTest.createSitting("S-SCR-B", Instant.now().minus(Duration.ofMinutes(10)), 120, "musique");
        Map<String, Object> webcam = new java.util.LinkedHashMap<>(DeskTest.incident(music, "2026510"));
        webcam.put("category", "proctoring");
        webcam.put("description", "La webcam s’éteint <b>toute seule</b>.");
        long first = DeskTest.open(DeskTest.incident(chem, "2026511")).json().get("id").asLong();
        long proctoring = DeskTest.open(webcam).json().get("id").asLong();
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/incidents", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                assertThat(page.title()).startsWith("Incidents d’examen");
                assertThat(page.locator(".dk-row").first().getAttribute("data-incident")).as("newest first").isEqualTo(Long.toString(proctoring));
                Browsers.shoot(page, "desk-incidents-" + width, problems);

                page.selectOption("#dk-category", "proctoring");
                page.click("form.dk-filters button[type=submit]");
                page.waitForURL(u -> u.contains("category=proctoring"));
                assertThat(page.locator(".dk-row").allTextContents()).hasSize(1).first().asString().contains("Surveillance (webcam)");
                page.selectOption("#dk-category", "");
                page.selectOption("#dk-state", "decided");
                page.click("form.dk-filters button[type=submit]");
                page.waitForURL(u -> u.contains("state=decided"));
                assertThat(page.locator(".dk-row[data-incident='" + proctoring + "']").count()).isZero();

                page.navigate(DeskTest.node.baseUrl() + "/desk/incidents/" + proctoring);
                assertThat(page.locator(".dk-description").textContent()).as("escaped, shown as typed").isEqualTo("La webcam s’éteint <b>toute seule</b>.");
                assertThat(page.locator(".dk-steps li").allTextContents()).anySatisfy(s -> assertThat(s).startsWith("Professeur·e et faculté prévenus"));
                Browsers.shoot(page, "desk-incident-" + width, problems);
            }
        }
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/incidents/" + first, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Je prends en charge")).click();
            page.waitForSelector(".dk-steps li:has-text('Pris en charge par Élodie')");
            assertThat(page.textContent("#dk-state")).isEqualTo("Pris en charge");
            page.click("form[action$='/outcome'] button[type=submit]");
            assertThat(page.textContent("#dk-error")).as("a message is required: refused, said so").startsWith("Vérifiez la décision");
            page.selectOption("#dk-kind", "continue");
            page.fill("#dk-extra", "15");
            page.fill("#dk-message", "Quinze minutes de plus, à partir de maintenant.");
            page.click("form[action$='/outcome'] button[type=submit]");
            page.waitForSelector("#dk-outcome");
            assertThat(page.textContent("main")).contains("Vous poursuivez votre examen avec 15 minutes de plus.");
            assertThat(page.textContent("#dk-state")).isEqualTo("Décidé");
            assertThat(page.locator("form[action$='/outcome']").count()).as("decided once").isZero();
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void anAdministratorMakesAFacultyAccountThatLandsOnItsOwnFacultysIncidentsAndNothingElse() {
        long mine = DeskTest.open(DeskTest.incident(DeskTest.createSitting("S-SCR-FAC-A", Instant.now().minus(Duration.ofMinutes(5)), 120, "droit"), "2026801"))
                .json().get("id").asLong();
        long theirs = DeskTest.open(DeskTest.incident(DeskTest.createSitting("S-SCR-FAC-B", Instant.now().minus(Duration.ofMinutes(5)), 120, "genie"), "2026802"))
                .json().get("id").asLong();
        List<String> problems = new ArrayList<>();
        try (BrowserContext admin = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(admin, DeskTest.node.baseUrl(), "/admin/staff", io.guichet.testing.TestNode.ADMIN_EMAIL, io.guichet.testing.TestNode.ADMIN_PASSWORD);
            page.fill("#new-email", "bureau.droit@univ-test.ca");
            page.fill("#new-name", "Béatrice Lefèvre");
            page.fill("#new-password", Cegep.PASSWORD);
            page.selectOption("#new-role", "faculty");
            page.click("form:has(#new-email) button[type=submit]");
            assertThat(page.textContent("#new-faculty-err")).as("a faculty account needs its faculty").isEqualTo("Choisissez la faculté de ce compte Faculté.");
            assertThat(page.inputValue("#new-role")).isEqualTo("faculty");
            page.fill("#new-password", Cegep.PASSWORD);
            page.selectOption("#new-faculty", "droit");
            page.click("form:has(#new-email) button[type=submit]");
            page.waitForURL(u -> u.contains("saved=1"));
            assertThat(page.locator(".staff-card:has-text('Béatrice Lefèvre') select[name=faculty]").inputValue()).isEqualTo("droit");
        }
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext faculty = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = faculty.newPage();
                page.navigate(DeskTest.node.baseUrl() + "/console");
                page.fill("#email", "bureau.droit@univ-test.ca");
                page.fill("#password", Cegep.PASSWORD);
                page.click("button[type=submit]");
                page.waitForURL(u -> u.endsWith("/desk/incidents"));
                assertThat(page.locator(".dk-row").evaluateAll("rows => rows.map(r => r.dataset.incident)").toString())
                        .contains(Long.toString(mine)).doesNotContain(Long.toString(theirs));
                List<String> hrefs = page.locator("header a[href], nav a[href]").evaluateAll("links => links.map(a => a.getAttribute('href'))") instanceof List<?> l
                        ? l.stream().map(String::valueOf).toList() : List.of();
                assertThat(hrefs).as("only what it may open").doesNotContain("/console/search", "/console/contacts", "/kb/articles", "/desk/day")
                        .contains("/desk/incidents");
                Browsers.shoot(page, "desk-faculty-" + width, problems);
                page.navigate(DeskTest.node.baseUrl() + "/console"); // the brand's link: a faculty account has no console, it lands home
                assertThat(page.url()).endsWith("/desk/incidents");
                page.navigate(DeskTest.node.baseUrl() + "/desk/incidents/" + theirs);
                assertThat(page.title()).as("another faculty's incident is not found").doesNotContain("Un·e étudiant·e");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aStudentWithoutEmailIsMailedNothingAndNoPagePromisesAMail() throws Exception {
        long sitting = DeskTest.createSitting("S-SCR-NOMAIL", Instant.now().minus(Duration.ofMinutes(5)), 120, "sciences");
        Response r = DeskTest.open(DeskTest.incident(sitting, "2026901"));
        long id = r.json().get("id").asLong();
        assertThat(r.json().get("studentMailed").asBoolean()).isFalse();
        assertThat(r.json().get("studentNotice").asText()).contains("give them the studentPage link");
        assertThat(DeskTest.recipientsOfIncidentMails("desk-student", id)).isEmpty();
        var page = DeskTest.page(r.json().get("studentPage").asText());
        assertThat(page.body()).contains("aucun courriel ne vous sera envoyé").doesNotContain("vous la recevrez par courriel");
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page view = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/incidents/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            assertThat(view.textContent("#dk-no-mail")).contains("rien n’est envoyé à l’étudiant·e").contains("/examens/incident/");
        }
        // the sitting's professors are contacts of kind professor
        long professor = r.json().get("sitting").get("professors").get(0).get("contactId").asLong();
        String kinds = DeskTest.db.withHandle(h -> h.createQuery("SELECT array_to_string(kinds, ',') FROM contacts WHERE id = :id").bind("id", professor)
                .mapTo(String.class).one());
        assertThat(kinds).contains("professor");
    }

    @Test
    void theFacultysSummaryOfASittingCountsCategoriesAndOutcomesAsAPageAndACsv() throws Exception {
        long sitting = DeskTest.createSitting("S-SCR-SUM", Instant.now().minus(Duration.ofMinutes(30)), 120, "bilan");
        Map<String, Object> formula = new java.util.LinkedHashMap<>(DeskTest.incident(sitting, "2026951"));
        formula.put("description", "=HYPERLINK(\"http://example.test\";\"clic\")");
        formula.put("category", "platform");
        long first = DeskTest.open(formula).json().get("id").asLong();
        DeskTest.open(DeskTest.incident(sitting, "2026952"));
        DeskTest.open(DeskTest.incident(sitting, "2026953"));
        Response decided = DeskTest.api.post("/api/v1/desk/incidents/" + first + "/outcome", DeskTest.cegep.jérôme,
                Map.of("kind", "continue", "extraMinutes", 10, "message", "Dix minutes de plus."));
        assertThat(decided.status()).as(decided.raw().body()).isEqualTo(200);

        var csv = DeskTest.api.get("/desk/sittings/" + sitting + "/incidents.csv", DeskTest.cegep.jérôme);
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.raw().body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("\uFEFFincident,student,category,started_at,reported_at,acknowledged_at");
        assertThat(lines.get(1)).as("the formula is shown, never run").contains(",\"'=HYPERLINK(\"\"http://example.test\"\";\"\"clic\"\")\"")
                .contains(",continue,").contains("Jérôme Bélanger");

        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/sittings/" + sitting, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                assertThat(page.textContent("#dk-total")).isEqualTo("3 incidents");
                assertThat(page.textContent("main")).contains("2 incidents attendent leur décision.");
                assertThat(page.locator("section:has(#dk-categories) dl").textContent()).contains("Connexion2").contains("Plateforme d’examen1");
                assertThat(page.locator("section:has(#dk-outcomes) dl").textContent()).isEqualTo("Poursuivre (avec du temps en plus)1");
                Browsers.shoot(page, "desk-summary-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
        Response made = DeskTest.api.post("/api/v1/staff", DeskTest.cegep.admin, Map.of("email", "autre.faculte@univ-test.ca", "name", "Autre Faculté",
                "password", Cegep.PASSWORD, "role", "faculty", "services", List.of(), "maxConcurrent", 1));
        DeskTest.api.post("/api/v1/desk/faculties/sciences/members", DeskTest.cegep.admin, Map.of("staffId", made.json().get("id").asLong()));
        String other = DeskTest.api.login("autre.faculte@univ-test.ca", Cegep.PASSWORD);
        assertThat(DeskTest.api.get("/desk/sittings/" + sitting + "/incidents.csv", other).status()).as("another faculty's sitting").isEqualTo(404);
    }

    @Test
    void anAgentOpensAnIncidentFromTheConversationSheIsReading() {
        long sitting = DeskTest.createSitting("S-SCR-CHAT", Instant.now().minus(Duration.ofMinutes(25)), 120, "sciences");
        String visitor = DeskTest.api.visitor("Inès Lévesque");
        long conversation = DeskTest.api.startConversation(visitor, Cegep.ADMISSIONS, "Mon examen de chimie s’est figé !").json().get("conversationId").asLong();
        List<String> problems = new ArrayList<>();
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/console/c/" + conversation, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ouvrir un incident d’examen")).click();
            page.waitForURL(u -> u.contains("/desk/incidents/new"));
            assertThat(page.textContent("#dk-student")).isEqualTo("Inès Lévesque");
            page.selectOption("#dk-sitting-new", Long.toString(sitting));
            page.click("form.dk-new button[type=submit]");
            assertThat(page.textContent("#dk-error")).as("what happened is required").isEqualTo("Vérifiez l’incident : Ce qui s’est passé");
            Browsers.shoot(page, "desk-new-1440", problems);
            page.selectOption("#dk-category-new", "platform");
            page.fill("#dk-description", "La plateforme affiche « erreur 500 » à la question 4.");
            page.click("form.dk-new button[type=submit]");
            page.waitForURL(u -> u.matches(".*/desk/incidents/\\d+$"));
            assertThat(page.textContent(".dk-description")).isEqualTo("La plateforme affiche « erreur 500 » à la question 4.");
            long id = Long.parseLong(page.url().replaceAll(".*/", ""));
            var json = DeskTest.api.get("/api/v1/desk/incidents/" + id, DeskTest.cegep.élodie).json();
            assertThat(json.get("conversationId").asLong()).isEqualTo(conversation);
            assertThat(json.get("student").asText()).isEqualTo("Inès Lévesque");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theListShowsANewIncidentWithoutAReload() {
        long sitting = DeskTest.createSitting("S-SCR-LIVE", Instant.now().minus(Duration.ofMinutes(5)), 120, "sciences");
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/incidents?sitting=" + sitting, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            assertThat(page.locator("#dk-empty").count()).isEqualTo(1);
            page.waitForSelector("body[data-live=on]"); // the page's socket is open
            long id = DeskTest.open(DeskTest.incident(sitting, "2027101")).json().get("id").asLong();
            page.waitForSelector(".dk-row[data-incident='" + id + "']", new Page.WaitForSelectorOptions().setTimeout(10_000));
        }
    }

    @Test
    void theListPagesTwentyFiveAtATime() {
        long sitting = DeskTest.createSitting("S-SCR-PAGES", Instant.now().minus(Duration.ofMinutes(15)), 120, "paginee");
        for (int i = 0; i < 27; i++) DeskTest.open(DeskTest.incident(sitting, "20266" + String.format("%02d", i)));
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/incidents?sitting=" + sitting, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            assertThat(page.locator(".dk-row").count()).isEqualTo(25);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plus anciens")).click();
            page.waitForURL(u -> u.contains("page=1"));
            assertThat(page.locator(".dk-row").count()).isEqualTo(2);
            assertThat(page.url()).contains("sitting=" + sitting);
            assertThat(page.locator("a:has-text('Plus anciens')").count()).isZero();
        }
    }

    @Test
    void theDayViewCountsEachSittingsIncidents() {
        long running = DeskTest.createSitting("S-SCR-DAY", Instant.now().minus(Duration.ofMinutes(5)), 90, "sciences");
        DeskTest.createSitting("S-SCR-SOON", Instant.now().plus(Duration.ofMinutes(50)), 60, "sciences");
        DeskTest.open(DeskTest.incident(running, "2026701"));
        DeskTest.open(DeskTest.incident(running, "2026702"));
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, DeskTest.node.baseUrl(), "/desk/day", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                var row = page.locator("section:has(#dk-running) .dk-row:has-text('CHM-S-SCR-DAY')");
                assertThat(row.locator(".dk-count").textContent()).isEqualTo("2 incidents");
                assertThat(row.locator(".badge").textContent()).isEqualTo("2 en attente");
                assertThat(page.locator("section:has(#dk-soon) .dk-row:has-text('CHM-S-SCR-SOON') .dk-count").textContent()).isEqualTo("Aucun incident");
                Browsers.shoot(page, "desk-day-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
        Response r = DeskTest.api.get("/desk/day", DeskTest.cegep.élodie);
        assertThat(r.status()).isEqualTo(200);
    }
}
