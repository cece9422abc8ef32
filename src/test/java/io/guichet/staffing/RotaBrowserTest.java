package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jérôme plans next week's admissions rota in the browser: a click, a drag over three half hours, the keyboard, a second
 * person in the same slot; then copies it onto the week after and reads the advice. The week is an exam period, Monday
 * to Saturday 7:30–19:30.
 */
class RotaBrowserTest {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;
    static LocalDate monday;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        api.createStaff(cegep.admin, "maelle@cegep-test.qc.ca", "Maëlle Gauthier", "agent", 5, Cegep.ADMISSIONS);
        monday = Rotas.mondayOf(LocalDate.now(TORONTO)).plusWeeks(1);
        Api.Response period = api.post("/api/v1/staffing/periods", cegep.jérôme, Map.of("service", Cegep.ADMISSIONS, "labelFr", "Examens",
                "startsAt", monday.toString(), "endsAt", monday.plusDays(13).toString(),
                "hours", List.of(1, 2, 3, 4, 5, 6).stream().map(d -> Map.of("weekday", d, "opens", "07:30", "closes", "19:30")).toList()));
        assertThat(period.status()).as(period.raw().body()).isEqualTo(201);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    static String slot(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(TORONTO).toOffsetDateTime().toString();
    }

    static Locator cell(Page page, LocalDate day, int hour, int minute) {
        return page.locator(".slot[data-start='" + slot(day, hour, minute) + "']");
    }

    static JsonNode staffAt(LocalDate week, String start) {
        for (JsonNode s : api.get("/api/v1/staffing/rota/admissions?week=" + week, cegep.jérôme).json().path("slots")) {
            if (s.path("start").asText().equals(start)) return s.path("staffIds");
        }
        return api.get("/api/v1/staffing/rota/admissions?week=" + week, cegep.jérôme).json().path("none");
    }

    static void awaitSaved(Page page, Locator cell, String initials) {
        page.waitForCondition(() -> cell.locator(".who").textContent().contains(initials));
        page.waitForFunction("() => document.getElementById('announcer')?.textContent === 'Horaire enregistré.'");
    }

    @Test
    void aLeadPlacesPeopleByClickDragAndKeyboardCopiesTheWeekAndReadsTheAdvice() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/staffing/rota?service=admissions&week=" + monday, Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            assertThat(page.title()).contains("Horaire de l’équipe");
            assertThat(page.locator(".rota-grid tbody tr").count()).as("7:30 to 19:00").isEqualTo(24);
            assertThat(page.locator(".rota-grid tbody tr").first().locator("td.closed").count()).as("Sunday is closed").isEqualTo(1);

            page.check("input[name=member][data-name='Élodie Tremblay']");
            cell(page, monday, 8, 0).click();
            awaitSaved(page, cell(page, monday, 8, 0), "ÉT");
            page.waitForCondition(() -> staffAt(monday, slot(monday, 8, 0)).size() == 1);

            LocalDate tuesday = monday.plusDays(1);
            var from = cell(page, tuesday, 9, 0).boundingBox();
            var to = cell(page, tuesday, 10, 0).boundingBox();
            page.mouse().move(from.x + from.width / 2, from.y + from.height / 2);
            page.mouse().down();
            page.mouse().move(to.x + to.width / 2, to.y + to.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
            page.mouse().up();
            awaitSaved(page, cell(page, tuesday, 10, 0), "ÉT");
            page.waitForCondition(() -> staffAt(monday, slot(tuesday, 9, 30)).size() == 1);
            assertThat(staffAt(monday, slot(tuesday, 9, 0))).as("the drag's first slot").hasSize(1);
            assertThat(staffAt(monday, slot(tuesday, 10, 0))).as("and its last").hasSize(1);

            page.check("input[name=member][data-name='Maëlle Gauthier']");
            cell(page, monday, 8, 0).focus();
            page.keyboard().press("Enter");
            awaitSaved(page, cell(page, monday, 8, 0), "MG");
            page.waitForCondition(() -> staffAt(monday, slot(monday, 8, 0)).size() == 2);
            assertThat(cell(page, monday, 8, 0).locator(".label").textContent()).contains("Élodie Tremblay, Maëlle Gauthier").contains("équipe : 2");
            Browsers.shoot(page, "staffing-rota-1440", problems);

            page.reload();
            assertThat(cell(page, monday, 8, 0).locator(".who").textContent()).as("what was saved is what the page shows").contains("ÉT MG");

            page.navigate(node.baseUrl() + "/staffing/rota?service=admissions&week=" + monday.plusWeeks(1));
            page.click("form.rota-copy button");
            page.waitForSelector(".notice");
            assertThat(cell(page, monday.plusWeeks(1), 8, 0).locator(".who").textContent()).contains("ÉT MG");
            assertThat(cell(page, monday.plusWeeks(1).plusDays(1), 9, 30).locator(".who").textContent()).contains("ÉT");

            page.navigate(node.baseUrl() + "/staffing/advice?service=admissions&week=" + monday);
            assertThat(page.textContent("h1")).contains("Conseils d’effectifs");
            assertThat(page.textContent(".advice-facts")).contains("90 % des clavardages répondus en 60 s").contains("supposée");
            assertThat(page.locator(".advice-grid tbody tr").count()).isEqualTo(24);
            Browsers.shoot(page, "staffing-advice-1440", problems);
        }
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = Browsers.signIn(phone, node.baseUrl(), "/staffing/rota?service=admissions&week=" + monday, Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            Browsers.shoot(page, "staffing-rota-390", problems);
            page.navigate(node.baseUrl() + "/staffing/advice?service=admissions&week=" + monday);
            Browsers.shoot(page, "staffing-advice-390", problems);
        }
        try (BrowserContext agent = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(agent, node.baseUrl(), "/console", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            assertThat(page.locator("a[href='/staffing/rota']").count()).as("not in an agent's navigation").isZero();
            page.navigate(node.baseUrl() + "/staffing/rota");
            assertThat(page.textContent("h1")).doesNotContain("Horaire");
        }
        assertThat(problems).isEmpty();
    }
}
