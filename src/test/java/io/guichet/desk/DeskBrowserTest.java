package io.guichet.desk;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Browsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The professor's page (by the notice's link) and the student's page (phone): the professor acknowledges, the
 * student's page says who and when, the professor records an oral examination, the student's page shows it.
 */
class DeskBrowserTest {
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
    void theProfessorAcknowledgesAndDecidesAnOralAndTheStudentSeesIt() {
        long sittingId = DeskTest.createSitting("S-BROWSER", Instant.now().minus(Duration.ofMinutes(40)), 180, "sciences");
        Response r = DeskTest.open(DeskTest.incident(sittingId, "2026777"));
        long id = r.json().get("id").asLong();
        String ack = DeskTest.node.baseUrl() + "/examens/prise-en-charge/" + id + "/" + DeskTest.ackToken("prof-S-BROWSER@univ-test.ca", id);
        String student = DeskTest.node.baseUrl() + URI.create(r.json().get("studentPage").asText()).getRawPath();
        List<String> problems = new ArrayList<>();

        BrowserContext phone = browsers.person(390, 844, "fr-CA");
        Page studentPage = phone.newPage();
        studentPage.navigate(student);
        assertThat(studentPage.locator("h2#dk-ack").textContent()).isEqualTo("En attente de prise en charge");
        Browsers.shoot(studentPage, "desk-student-waiting-390", problems);
        assertThat(studentPage.locator("#dk-rating").count()).as("nothing to rate before the decision").isZero();

        BrowserContext desk = browsers.person(1440, 900, "fr-CA");
        Page professor = desk.newPage();
        professor.navigate(ack);
        Browsers.shoot(professor, "desk-professor-1440", problems);
        professor.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Je prends en charge (Prof. Gaël Ménard)")).click();
        assertThat(professor.locator("h2#dk-ack").textContent()).startsWith("Pris en charge par Prof. Gaël Ménard à");

        studentPage.reload();
        assertThat(studentPage.locator("h2#dk-ack").textContent()).startsWith("Pris en charge par Prof. Gaël Ménard à");

        Page professorPhone = phone.newPage();
        professorPhone.navigate(ack);
        professorPhone.selectOption("#dk-kind", "oral");
        professorPhone.fill("#dk-oral-at", "2026-12-03T14:00");
        professorPhone.fill("#dk-oral-where", "Pavillon Desjardins, local 2320");
        professorPhone.fill("#dk-message", "Apportez votre carte étudiante.");
        Browsers.shoot(professorPhone, "desk-professor-390", problems);
        professorPhone.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer la décision")).click();
        assertThat(professorPhone.locator("#main").textContent()).contains("Pavillon Desjardins, local 2320");

        studentPage.reload();
        assertThat(studentPage.locator("#main").textContent()).contains("Vous passerez un examen oral le").contains("Apportez votre carte étudiante.");
        Browsers.shoot(studentPage, "desk-student-decided-390", problems);
        studentPage.setViewportSize(1440, 900);
        Browsers.shoot(studentPage, "desk-student-decided-1440", problems);

        // the decision known, the student rates how it was handled: nothing chosen is told next to the faces, then once
        studentPage.setViewportSize(390, 844);
        Page secondTab = phone.newPage(); // the same link open twice: the second send is refused, never counted twice
        secondTab.navigate(student);
        assertThat(studentPage.textContent("#dk-rate")).isEqualTo("Comment avons-nous géré votre incident\u00a0?");
        studentPage.fill("#rating-comment", "Réponse rapide <b>merci</b>");
        studentPage.click("#dk-rating button[type=submit]");
        assertThat(studentPage.textContent("#rating-error")).isNotBlank();
        assertThat(studentPage.inputValue("#rating-comment")).as("what was typed is kept").isEqualTo("Réponse rapide <b>merci</b>");
        studentPage.check(".rating-face input[value='4']");
        studentPage.click("#dk-rating button[type=submit]");
        assertThat(studentPage.textContent("#dk-rate")).isEqualTo("Merci pour votre avis");
        assertThat(studentPage.textContent("#dk-rating")).contains("Bien");
        Browsers.shoot(studentPage, "desk-student-rated-390", problems);
        secondTab.check(".rating-face input[value='1']");
        var again = secondTab.waitForResponse(resp -> resp.request().method().equals("POST"), () -> secondTab.click("#dk-rating button[type=submit]"));
        assertThat(again.status()).as("once only").isEqualTo(409);
        assertThat(secondTab.textContent("#dk-rating")).contains("Merci pour votre avis", "Bien");
        String staffView = DeskTest.node.api().get("/desk/incidents/" + id, DeskTest.cegep.noémie).raw().body();
        assertThat(staffView).as("the helpdesk reads it on the incident").contains("L’avis de l’étudiant·e\u00a0: 4 — Bien", "Réponse rapide &lt;b&gt;merci&lt;/b&gt;");
        assertThat(problems).isEmpty();
    }
}
