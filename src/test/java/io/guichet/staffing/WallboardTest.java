package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wallboard: a lead makes its link, a screen opens it without signing in, and the socket's frames carry counts
 * only. Zoé waits in admissions while nobody is there.
 */
class WallboardTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;
    static String path;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor().withVisitor();
        browsers = new Browsers();
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/staffing/wallboard", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            path = page.getAttribute("#open-wallboard", "href");
            assertThat(page.inputValue("#wallboard-link")).endsWith(path);
            List<String> problems = new ArrayList<>();
            Browsers.shoot(page, "staffing-wallboard-link-1440", problems);
            assertThat(problems).isEmpty();
        }
        assertThat(path).startsWith("/tableau/");
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    static JsonNode tile(JsonNode frame, String service) {
        for (JsonNode s : frame.path("services")) if (s.path("service").asText().equals(service)) return s;
        throw new AssertionError(service);
    }

    @Test
    void theScreenShowsEachQueueLiveAndNoPersonalData() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext screen = browsers.person(1920, 1080, "fr-CA")) {
            Page page = screen.newPage();
            page.navigate(node.baseUrl() + path);
            assertThat(page.textContent("h1")).isEqualTo("Tableau des files");
            page.waitForFunction("() => Number(document.querySelector('.wallboard').dataset.frames || 0) >= 1");
            String before = page.textContent(".tile[data-service=admissions] [data-field=waiting]");

            api.startConversation(cegep.zoé, Cegep.ADMISSIONS, "Bonjour, je m’appelle Zoé et mon courriel est zoe@exemple.ca");
            page.waitForCondition(() -> page.textContent(".tile[data-service=admissions] [data-field=waiting]")
                    .equals(Integer.toString(Integer.parseInt(before) + 1)), new Page.WaitForConditionOptions().setTimeout(15_000));
            assertThat(page.locator(".tile[data-service=admissions]").getAttribute("class")).contains("busy");
            assertThat(page.textContent("main")).doesNotContain("Zoé").doesNotContain("zoe@").doesNotContain("Élodie");
            Browsers.shoot(page, "staffing-wallboard-1920", problems);
        }
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(node.baseUrl() + path);
            Browsers.shoot(page, "staffing-wallboard-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSocketsFramesAreCountsAndABadLinkOpensNothing() throws Exception {
        api.startConversation(api.visitor("Gaël Ménard"), Cegep.ADMISSIONS, "Un message de Gaël");
        try (Api.Socket socket = api.socket("/ws/wallboard/" + path.substring("/tableau/".length()) + "?lang=en")) {
            JsonNode frame = socket.next("wallboard", 10);
            JsonNode admissions = tile(frame, Cegep.ADMISSIONS);
            assertThat(admissions.path("waiting").asInt()).isPositive();
            assertThat(admissions.path("name").asText()).as("in the screen's language").isEqualTo("Admissions (en)");
            assertThat(admissions.path("longestWait").asText()).matches("\\d+ min \\d\\d s");
            assertThat(admissions.path("target").asText()).isEqualTo("(target 60 s)");
            String text = frame.toString();
            assertThat(text).doesNotContain("Gaël").doesNotContain("Zoé").doesNotContain("@").doesNotContain("message");
            assertThat(socket.next("wallboard", 10)).as("a frame every few seconds").isNotNull();
        }
        assertThatThrownBy(() -> api.socket("/ws/wallboard/faux?lang=fr")).hasMessageContaining("4401");
        assertThat(api.get("/tableau/faux", null).status()).isEqualTo(404);
        assertThat(api.get("/tableau/" + path.substring("/tableau/".length()) + "x", null).status()).isEqualTo(404);
        assertThat(api.get("/staffing/wallboard", cegep.élodie).status()).as("an agent makes no link").isEqualTo(403);
    }
}
