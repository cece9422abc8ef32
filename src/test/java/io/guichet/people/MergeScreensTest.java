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
 * In a browser, as a supervisor: a contact's timeline (newest first, older entries on demand), the possible
 * duplicates box, the comparison, the merge and its undo; screenshots and axe-core at a phone's and a desktop's width.
 */
class MergeScreensTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();
    static final Api api = node.api();
    static Cegep cegep;

    @BeforeAll
    static void seed() {
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
    }

    /** Zoé, entered by staff, and Zoe, who chatted many times from the web site: the same person, it seems. */
    record Pair(String entered, String chatted, String name, String email, String otherName) {
    }

    static Pair pair(int width) {
        String name = width == 390 ? "Zoé Lefebvre" : "Éloïse Gauthier";
        String otherName = width == 390 ? "Zoe Lefebvre" : "Eloise Gauthier";
        String email = width == 390 ? "zoe.lefebvre@gmail.com" : "eloise.gauthier@videotron.ca";
        String city = width == 390 ? "Matane" : "Rimouski";
        Api.Response created = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", name, "kinds", List.of("prospect"),
                "emails", List.of(email), "city", city));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String entered = created.text("id");
        String visitor = api.visitor(otherName);
        for (int i = 0; i < 34; i++) api.startConversation(visitor, Cegep.ADMISSIONS, "Question n° " + i + " sur l’admission");
        String chatted = api.get("/api/v1/visitor/me", visitor).text("id");
        Api.Response patched = api.patch("/api/v1/contacts/" + chatted, cegep.jérôme, Map.of("city", city, "programme", "Sciences de la nature"));
        assertThat(patched.status()).as(patched.json().toString()).isEqualTo(200);
        return new Pair(entered, chatted, name, email, otherName);
    }

    @Test
    void aSupervisorReadsTheTimelineComparesTheDuplicateMergesItAndUndoesTheMerge() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            Pair zoé = pair(width);
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/console/contacts/" + zoé.chatted(), Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                page.waitForSelector("#contact-timeline .timeline-entry");
                assertThat(page.locator("#contact-timeline .timeline-entry").count()).as("a page of 30").isEqualTo(ContactTimeline.PAGE);
                assertThat(page.locator("#contact-timeline .timeline-entry p").first().textContent().strip())
                        .isEqualTo("Conversation commencée avec le service Admissions");
                assertThat(page.locator("#contact-timeline .timeline-entry a").first().getAttribute("href")).startsWith("/console/c/");
                page.click("#contact-timeline .timeline-more button");
                page.waitForCondition(() -> page.locator("#contact-timeline .timeline-entry").count() > ContactTimeline.PAGE);
                assertThat(page.locator("#contact-timeline .timeline-more").count()).as("no more after the last").isZero();
                int all = page.locator("#contact-timeline .timeline-entry").count();
                Browsers.shoot(page, "contact-timeline-" + width, problems);

                page.navigate(node.baseUrl() + "/console/contacts/" + zoé.entered());
                page.waitForSelector("#contact-duplicates .duplicate");
                assertThat(page.locator("#contact-duplicates .duplicate").textContent()).contains(zoé.otherName(), "même nom et même ville");
                Browsers.shoot(page, "contact-duplicates-" + width, problems);
                page.click("#contact-duplicates a.button");
                page.waitForSelector(".merge-sides");
                assertThat(page.locator(".merge-side").nth(0).textContent()).contains(zoé.name(), zoé.email());
                assertThat(page.locator(".merge-side").nth(1).textContent()).contains(zoé.otherName(), "Sciences de la nature");
                Browsers.shoot(page, "contact-merge-compare-" + width, problems);
                page.click(".merge-confirm button.primary");

                page.waitForSelector("#contact-duplicates .notice");
                assertThat(page.textContent("#contact-duplicates .notice")).isEqualTo("Les fiches sont fusionnées.");
                assertThat(page.locator("#contact-timeline .timeline-entry p").first().textContent().strip())
                        .isEqualTo("Fiche « " + zoé.otherName() + " » fusionnée dans celle-ci par Jérôme Bélanger");
                assertThat(page.textContent("#contact-details")).as("an empty field filled").contains("Sciences de la nature");
                Browsers.shoot(page, "contact-merged-" + width, problems);
                page.click("#contact-timeline .timeline-more button");
                page.waitForCondition(() -> page.locator("#contact-timeline .timeline-more").count() == 0);
                assertThat(page.locator("#contact-timeline .timeline-entry").count()).as("her chats moved here, and the merge told")
                        .isGreaterThanOrEqualTo(all + 1);

                page.click("#contact-duplicates form[action$='/undo'] button");
                page.waitForSelector("#contact-duplicates .notice");
                assertThat(page.textContent("#contact-duplicates .notice")).isEqualTo("La fusion est annulée.");
                assertThat(page.locator("#contact-duplicates .duplicate").textContent()).as("proposed again").contains(zoé.otherName());
                assertThat(page.textContent("#contact-details")).doesNotContain("Sciences de la nature");
            }
        }
        assertThat(problems).as("serious or critical axe-core violations, or a page wider than the window").isEmpty();
    }

    @Test
    void aSupervisorListsEveryPossibleDuplicateFromTheContactListAndSetsOneAside() {
        for (String[] p : new String[][]{{"Léa Tremblay", "Lea Tremblay", "Gaspé"}, {"Noël Côté", "Noel Cote", "Baie-Comeau"}}) {
            for (int i = 0; i < 2; i++) {
                assertThat(api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", p[i], "city", p[2])).status()).isEqualTo(201);
            }
        }
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/console/contacts", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                page.click("a[href='/people/duplicates']");
                page.waitForURL("**/people/duplicates");
                assertThat(page.locator("h1").textContent()).isEqualTo("Doublons possibles");
                assertThat(page.locator(".duplicate-pair").allInnerTexts()).anySatisfy(t -> assertThat(t).contains("Lea Tremblay", "Léa Tremblay", "même nom et même ville"));
                Browsers.shoot(page, "duplicates-all-" + width, problems);
                if (width == 1440) {
                    page.locator(".duplicate-pair", new Page.LocatorOptions().setHasText("Noel Cote")).locator("button").click();
                    page.waitForSelector(".notice");
                    assertThat(page.textContent(".notice")).isEqualTo("C’est noté : ce n’est pas un doublon.");
                    assertThat(page.locator(".duplicate-pair", new Page.LocatorOptions().setHasText("Noel Cote")).count()).isZero();
                    page.locator(".duplicate-pair", new Page.LocatorOptions().setHasText("Lea Tremblay")).locator("a.button").click();
                    page.waitForSelector(".merge-sides");
                }
            }
        }
        assertThat(problems).as("serious or critical axe-core violations, or a page wider than the window").isEmpty();
        assertThat(api.get("/people/duplicates", cegep.élodie).status()).as("an agent may not").isEqualTo(403);
    }

    @Test
    void anAgentSeesTheTimelineButNoDuplicatesBoxAndCannotMerge() {
        String visitor = api.visitor("Noah Bouchard");
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour").text("conversationId");
        String id = api.get("/api/v1/visitor/me", visitor).text("id");
        String page = api.get("/console/contacts/" + id, cegep.élodie).raw().body();
        assertThat(page).contains("id=\"contact-timeline\"", "href=\"/console/c/" + conversation + "\"").doesNotContain("id=\"contact-duplicates\"");
        assertThat(api.get("/console/contacts/" + id + "/merge?other=1", cegep.élodie).status()).isEqualTo(403);
        assertThat(api.postForm("/console/contacts/" + id + "/merge", cegep.élodie, Map.of("otherId", "1")).status()).isEqualTo(403);
    }

    @Test
    void aRefusedMergeIsExplainedOnTheContactPage() {
        String id = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Inès Morin")).text("id");
        Api.Response self = api.postForm("/console/contacts/" + id + "/merge", cegep.jérôme, Map.of("otherId", id));
        assertThat(self.status()).isEqualTo(302);
        String location = self.raw().headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("mergeError=self_merge");
        assertThat(api.get(location.replaceFirst("#.*", ""), cegep.jérôme).raw().body()).contains("Une fiche ne peut pas être fusionnée avec elle-même.");
        assertThat(api.postForm("/console/contacts/" + id + "/merge", cegep.jérôme, Map.of("otherId", "pas-un-id")).status()).isEqualTo(422);
        assertThat(api.get("/console/contacts/" + id + "/timeline?cursor=1.1", cegep.jérôme).status()).as("not htmx: back to the page").isEqualTo(302);
    }
}
