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
import static org.assertj.core.api.Assertions.within;

/** The lead's what-if: through the API as an integration would ask it, and on the screen at a desk and on a phone. */
class StaffingWhatIfTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void theApiAnswersThePublishedExampleAndTheAgentsNeeded() {
        Api.Response r = api.get("/api/v1/staffing/erlang?arrivalsPerHour=200&ahtSeconds=180&agents=14&targetSeconds=20&targetPercent=80", cegep.jérôme);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("erlangs").asDouble()).isCloseTo(10, within(1e-9));
        assertThat(j.path("pWait").asDouble()).isCloseTo(0.17413, within(5e-6));
        assertThat(j.path("serviceLevel").asDouble()).isCloseTo(0.88835, within(5e-6));
        assertThat(j.path("asa").asDouble()).isCloseTo(7.836, within(5e-4));
        assertThat(j.path("needed").asInt()).isEqualTo(ErlangC.needed(200, 180, 20, 80));

        JsonNode unstable = api.get("/api/v1/staffing/erlang?arrivalsPerHour=200&ahtSeconds=180&agents=9&targetSeconds=20&targetPercent=80", cegep.jérôme).json();
        assertThat(unstable.path("stable").asBoolean()).isFalse();
        assertThat(unstable.path("asa").isNull()).as("never answered on average: no number").isTrue();
        JsonNode noTeam = api.get("/api/v1/staffing/erlang?arrivalsPerHour=200&ahtSeconds=180&targetSeconds=20&targetPercent=80", cegep.jérôme).json();
        assertThat(noTeam.has("pWait")).isFalse();
        assertThat(noTeam.path("needed").asInt()).isPositive();
    }

    @Test
    void badInputIsRefusedFieldByFieldAndOnlyLeadsMayAsk() {
        Api.Response bad = api.get("/api/v1/staffing/erlang?arrivalsPerHour=beaucoup&ahtSeconds=0&agents=2.5&targetSeconds=-1&targetPercent=100", cegep.jérôme);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("error").path("code").asText()).isEqualTo("invalid");
        assertThat(api.get("/api/v1/staffing/erlang?ahtSeconds=180&targetSeconds=20&targetPercent=80", cegep.jérôme).status())
                .as("no arrivals").isEqualTo(422);
        assertThat(api.get("/api/v1/staffing/erlang?arrivalsPerHour=1e400&ahtSeconds=180&targetSeconds=20&targetPercent=80", cegep.jérôme).status())
                .as("infinity").isEqualTo(422);
        assertThat(api.get("/api/v1/staffing/erlang?arrivalsPerHour=7,5&ahtSeconds=180&targetSeconds=20&targetPercent=80", cegep.jérôme).status())
                .as("a French decimal comma").isEqualTo(200);
        assertThat(api.get("/api/v1/staffing/erlang?arrivalsPerHour=200&ahtSeconds=180&targetSeconds=20&targetPercent=80", cegep.élodie).status())
                .as("an agent does not plan").isEqualTo(403);
        assertThat(api.get("/api/v1/staffing/erlang?arrivalsPerHour=200&ahtSeconds=180&targetSeconds=20&targetPercent=80", null).status()).isEqualTo(401);
    }

    @Test
    void aLeadTriesATeamOnTheScreenAndReadsEveryErrorAtOnce() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/staffing/erlang", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                assertThat(page.title()).contains("Combien d’agents?");
                assertThat(page.textContent("#service-level")).contains("88,8").contains("objectif atteint");
                assertThat(page.textContent("#asa")).isEqualTo("7,8\u00a0s");
                Browsers.shoot(page, "staffing-erlang-" + width, problems);

                page.fill("#agents", "10");
                page.click("form[action='/staffing/erlang'] button[type=submit]");
                page.waitForSelector("#unstable");
                assertThat(page.textContent("#asa")).isEqualTo("la file ne se vide jamais");
                assertThat(page.url()).as("a what-if is an address to share").contains("agents=10");

                page.fill("#arrivalsPerHour", "beaucoup");
                page.fill("#ahtSeconds", "0");
                page.fill("#targetPercent", "120");
                page.click("form[action='/staffing/erlang'] button[type=submit]");
                page.waitForSelector(".field-error");
                assertThat(page.locator(".field-error").allTextContents()).containsExactly(
                        "Entrez un nombre de demandes par heure de 0 à 100\u00a0000.", "Entrez une durée de 1 à 86\u00a0400 secondes.",
                        "Entrez une part plus grande que 0 et plus petite que 100.");
                assertThat(page.inputValue("#arrivalsPerHour")).as("what was typed is kept").isEqualTo("beaucoup");
                assertThat(page.getAttribute("#targetSeconds", "aria-invalid")).isNull();
                Browsers.shoot(page, "staffing-erlang-errors-" + width, problems);
            }
        }
        try (BrowserContext agent = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(agent, node.baseUrl(), "/console", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            assertThat(page.locator("a[href='/staffing/erlang']").count()).as("not in an agent's navigation").isZero();
        }
        assertThat(problems).isEmpty();
    }
}
