package io.guichet.community;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk: an alumna signs up on a phone (a bad LinkedIn address first), confirms, joins a group and answers
 * a question; a staff member finds her as a rare bird and captures the answer into the help centre. Screenshots at
 * 390 and 1440 px, axe on every page.
 */
class CommunityBrowserTest {
    static Browsers browsers;

    @BeforeAll
    static void start() {
        CommunityTest.start();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        CommunityTest.stop();
    }

    @Test
    void anAlumnaSignsUpOnHerPhoneAnswersAQuestionAndStaffFindHerAndCaptureTheAnswer() {
        var api = CommunityTest.api;
        long group = api.post("/api/v1/community/groups", CommunityTest.admin, Map.of("slug", "classe-numerique", "name", "La classe en ligne",
                "kind", "course")).json().get("id").asLong();
        String asker = CommunityTest.join(CommunityTest.signUp("Francis Côté", "francis.cote@exemple.ca"));
        CommunityTest.post("/api/v1/community/groups/" + group + "/members", CommunityTest.as(asker), Map.of());
        CommunityTest.post("/api/v1/community/groups/" + group + "/threads", CommunityTest.as(asker),
                Map.of("title", "Comment animer un groupe de classe en ligne?", "body", "Mes étudiant·e·s décrochent du forum du cours."));
        List<String> problems = new ArrayList<>();
        String base = CommunityTest.node.baseUrl();
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(base + "/anciens");
            Browsers.shoot(page, "community-join-390", problems);
            page.fill("#join-name", "Élodie Tremblay");
            page.fill("#join-email", "elodie.tremblay@exemple.ca");
            page.fill("#join-graduationYear", "2012");
            page.fill("#join-programme", "Techniques de l’informatique");
            page.fill("#join-skills", "animation de communauté, pédagogie numérique");
            page.fill("#join-linkedin", "http://linkedin.com/in/elodie");
            page.check("input[name=willing][value=mentor_teacher]");
            page.check("input[name=consent]");
            page.click("button[type=submit]");
            assertThat(page.textContent("#join-linkedin-error")).contains("https://www.linkedin.com/");
            assertThat(page.inputValue("#join-name")).as("nothing typed is lost").isEqualTo("Élodie Tremblay");
            Browsers.shoot(page, "community-join-error-390", problems);
            page.fill("#join-linkedin", "https://www.linkedin.com/in/elodie");
            page.click("button[type=submit]");
            assertThat(page.textContent("#join-sent")).contains("Un courriel vient de partir");
            Browsers.shoot(page, "community-join-sent-390", problems);
            page.navigate(CommunityTest.confirmLink("elodie.tremblay@exemple.ca").replaceFirst("^https?://[^/]+", base));
            assertThat(page.textContent("#welcome")).contains("Élodie Tremblay");
            page.click("text=La classe en ligne");
            page.click("#join-group");
            page.fill("textarea[name=body]", "Je lance une question courte chaque lundi et je réponds **dans l’heure**.");
            page.click("text=Répondre");
            assertThat(page.content()).contains("dans l’heure</strong>");
            Browsers.shoot(page, "community-group-390", problems);
        }
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, base, "/community?q=" + CommunityTest.enc("animer une communauté en ligne"),
                    TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            assertThat(page.textContent("#birds tbody tr:first-child")).contains("Élodie Tremblay").contains("prêt·e à mentorer un·e enseignant·e");
            Browsers.shoot(page, "community-birds-1440", problems);
            page.navigate(base + "/community/groups/" + group);
            page.click("text=Faire un article d’aide");
            assertThat(page.url()).contains("/kb/articles/");
            page.navigate(base + "/community/listening");
            Browsers.shoot(page, "community-listening-1440", problems);
        }
        assertThat(problems).isEmpty();
    }
}
