package io.guichet.people;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact screens as staff see them: the list with search, filters and segments, the contact page, the form with
 * its errors next to the field; screenshots and axe-core at a phone's and a desktop's width.
 */
class ContactScreensTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();
    static final Api api = node.api();
    static Cegep cegep;
    static String élodie, script;

    @BeforeAll
    static void seed() {
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "cohorte", "labelFr", "Cohorte", "labelEn", "Cohort", "type", "choice",
                "choices", List.of("A2026", "A2027")));
        api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "derniere_visite", "labelFr", "Date de la dernière visite",
                "labelEn", "Last visit", "type", "date"));
        élodie = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Élodie Fortin", "kinds", List.of("prospect"),
                "emails", List.of("elodie.fortin@exemple.ca"), "phones", List.of("819 555-0142"), "city", "Sherbrooke", "postalCode", "j1h5n4",
                "programme", "Sciences de la nature", "tags", List.of("salon-2026"),
                "fields", Map.of("cohorte", "A2027", "derniere_visite", "2026-11-14"))).text("id");
        api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Gabriel d'Amours", "kinds", List.of("alumnus", "employer"),
                "organisation", "Desjardins", "city", "Québec", "emails", List.of("gabriel.damours@exemple.ca")));
        api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Amira Benali", "kinds", List.of("parent"), "city", "Casablanca",
                "country", "MA", "tags", List.of("international")));
        script = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "<img src=x onerror=alert(1)>", "kinds", List.of("prospect"))).text("id");
        api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Prospects de Sherbrooke", "filter", Map.of("kind", "prospect", "city", "Sherbrooke")));
    }

    static String html(String path, String token) {
        Api.Response r = api.get(path, token);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.raw().body();
    }

    @Test
    void theListSearchesWithoutAccentsAndShowsNamesAsText() {
        String page = html("/console/contacts?q=elodie", cegep.jérôme);
        assertThat(page).contains(">Élodie Fortin</a>").doesNotContain("Gabriel d&#39;Amours");
        String all = html("/console/contacts", cegep.jérôme);
        assertThat(all).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(all).contains("Prospects de Sherbrooke", "href=\"/console/contacts/new\"");
        assertThat(html("/console/contacts?kind=parent", cegep.jérôme)).contains("Amira Benali").doesNotContain("Élodie Fortin</a>");
        assertThat(html("/console/contacts?field.cohorte=A2027", cegep.jérôme)).contains("Élodie Fortin</a>").doesNotContain("Amira Benali");
        String agent = html("/console/contacts", cegep.élodie);
        assertThat(agent).doesNotContain("Élodie Fortin</a>").doesNotContain("href=\"/console/contacts/new\"");
        assertThat(api.get("/console/contacts/" + élodie, cegep.élodie).status()).isEqualTo(403);
        assertThat(api.get("/console/contacts?cursor=abc", cegep.jérôme).status()).isEqualTo(422);
    }

    @Test
    void theContactPageShowsWhatIsKnownWithItsTimelineAndConsent() {
        String page = html("/console/contacts/" + élodie, cegep.jérôme);
        assertThat(page).contains("<h1>Élodie Fortin</h1>", "elodie.fortin@exemple.ca", "+18195550142", "J1H 5N4", "Sciences de la nature",
                "Cohorte", "A2027", "Date de la dernière visite", "salon-2026", "id=\"consent-current\"", "Fiche créée");
        assertThat(html("/console/contacts/" + script, cegep.jérôme)).contains("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>");
    }

    @Test
    void theConsoleContactCardLinksToTheContactPage() {
        String visitor = api.visitor("Léa Visiteuse");
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour").text("conversationId");
        String leaId = api.get("/api/v1/visitor/me", visitor).json().path("id").asText();
        assertThat(html("/console/c/" + conversation, cegep.élodie)).contains("href=\"/console/contacts/" + leaId + "\"");
        assertThat(html("/console/contacts/" + leaId, cegep.élodie)).contains("<h1>Léa Visiteuse</h1>");
    }

    @Test
    void theFormShowsAnErrorNextToItsFieldThenSaves() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/console/contacts?sort=name", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                page.waitForSelector(".contacts-table");
                assertThat(page.locator(".contacts-table tbody tr td:first-child a").allTextContents())
                        .containsSubsequence("Amira Benali", "Élodie Fortin", "Gabriel d'Amours");
                assertThat(page.locator(".contacts-table tbody tr td time").first().innerText()).as("as rendered, on a phone too").isEqualTo("à l’instant");
                Browsers.shoot(page, "contacts-list-" + width, problems);
                page.navigate(node.baseUrl() + "/console/contacts/" + élodie);
                page.waitForSelector("#contact-identities");
                Browsers.shoot(page, "contacts-page-" + width, problems);

                page.navigate(node.baseUrl() + "/console/contacts/" + élodie + "/edit");
                page.fill("#c-emails", "elodie.fortin@exemple.ca\npas-une-adresse");
                page.fill("#c-postal", "12345");
                page.click("button.primary[type=submit]");
                page.waitForSelector("#c-emails-err");
                assertThat(page.textContent("#c-emails-err")).isEqualTo("Une des adresses courriel n’est pas valide.");
                assertThat(page.inputValue("#c-emails")).as("what was typed is kept").contains("pas-une-adresse");
                Browsers.shoot(page, "contacts-edit-error-" + width, problems);
                page.fill("#c-emails", "elodie.fortin@exemple.ca\nelodie" + width + "@maison.ca");
                page.fill("#c-postal", "j1h 5n4");
                page.click("button.primary[type=submit]");
                page.waitForSelector(".notice");
                assertThat(page.textContent("#contact-identities")).contains("elodie" + width + "@maison.ca");
            }
        }
        assertThat(problems).as("serious or critical axe-core violations, or a page wider than the window").isEmpty();
    }

    @Test
    void aSupervisorSavesTheFilterAsASegment() {
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/console/contacts?kind=parent&tag=international", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            String export = page.locator("a[download]").getAttribute("href");
            assertThat(export).as("the export of exactly this list").isEqualTo("/api/v1/contacts/export?kind=parent&tag=international");
            assertThat(page.locator("a[download]").textContent()).isEqualTo("Exporter (CSV)");
            String csv = page.request().get(node.baseUrl() + export).text();
            assertThat(csv.lines().count()).as("its header and the one contact the list shows").isEqualTo(2);
            page.fill("#segment-name", "Parents de l’international");
            page.click("form[action='/console/contacts/segments'] button[type=submit]");
            page.waitForSelector(".notice");
            assertThat(page.locator(".segment-list a[aria-current=page]").textContent()).isEqualTo("Parents de l’international");
            assertThat(page.locator(".contacts-table tbody tr").count()).isEqualTo(1);
            page.navigate(node.baseUrl() + "/console/contacts?kind=prospect");
            page.fill("#segment-name", "prospects de SHERBROOKE");
            page.click("form[action='/console/contacts/segments'] button[type=submit]");
            page.waitForSelector("#segment-name-err");
            assertThat(page.textContent("#segment-name-err")).isEqualTo("Un segment porte déjà ce nom.");
        }
    }
}
