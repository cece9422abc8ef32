package io.guichet.channels;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole round in browsers: Élodie answers in the console a visitor who has left; the answer reaches them by
 * mail; the mail's link opens their page, where they answer; Élodie sees the answer arrive in the console.
 */
class EmailReplyBrowserTest {
    static Smtp smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings(Map.of("GUICHET_MAIL_REPLY_ADDRESS", "reponses@cegep-test.qc.ca", "GUICHET_OFFLINE_REPLY_AFTER_SECONDS", "1")));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
        smtp.close();
    }

    @Test
    void aReplyToAVisitorWhoLeftIsMailedAndTheirAnswerThroughTheLinkReachesTheConsole() throws Exception {
        String visitor = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Zoé Lévesque", "email", "zoe@example.org", "lang", "fr"))
                .text("visitorToken");
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour, quand ouvrent les inscriptions à la résidence?").text("conversationId");
        List<String> problems = new ArrayList<>();

        try (BrowserContext agent = browsers.person(1440, 900, "fr-CA")) {
            Page console = Browsers.signIn(agent, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            console.waitForSelector("#messages li");
            console.fill("#reply", "Le 1er avril, Zoé. Vous recevrez un courriel de confirmation.");
            console.press("#reply", "Enter");
            console.waitForSelector("#messages li:last-child:not(.pending)");
            // The reply leaves by mail; the head then says the conversation is answered by email.
            console.waitForSelector(".thread-head .badge-email");
            assertThat(console.locator(".thread-head .badge-email").textContent()).contains("Sera répondue par courriel");
            console.waitForSelector(".conv-list .badge-email"); // the list follows by its own refresh
            // #reply: the saved replies script sets aria-expanded on the textarea once typed in (kb's, reported apart)
            Browsers.shoot(console, "console-answered-by-email-1440", problems, "#reply");

            MimeMessage mail = awaitMail();
            assertThat(mail.getSubject()).isEqualTo("Re: Votre question — Admissions");
            String html = (String) ((MimeMultipart) mail.getContent()).getBodyPart(1).getContent();
            Matcher link = Pattern.compile("href=\"([^\"]*/link/conversation/[^\"]+)\"").matcher(html);
            assertThat(link.find()).isTrue();
            String path = link.group(1).replaceFirst("^https?://[^/]+", "");

            for (int width : new int[]{390, 1440}) {
                try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                    Page page = person.newPage();
                    page.navigate(node.baseUrl() + path);
                    assertThat(page.locator("h1").textContent()).isEqualTo("Votre conversation avec Admissions");
                    assertThat(page.locator(".reply-thread").textContent()).contains("Le 1er avril, Zoé.", "Élodie Tremblay", "Vous");
                    Browsers.shoot(page, "email-reply-page-" + width, problems);
                    if (width == 390) continue;
                    page.fill("#reply-body", "Merci! Faut-il un dépôt?");
                    page.click("button[type=submit]");
                    page.waitForSelector(".notice");
                    assertThat(page.locator(".notice").textContent()).contains("Votre réponse est envoyée.");
                    Browsers.shoot(page, "email-reply-page-sent-1440", problems);
                    page.navigate(node.baseUrl() + path.replaceFirst("/link/conversation/.{4}", "/link/conversation/XXXX"));
                    assertThat(page.locator("h1").textContent()).isEqualTo("Ce lien ne fonctionne plus");
                    Browsers.shoot(page, "email-reply-page-bad-1440", problems);
                }
            }
            // Élodie sees it arrive, live.
            console.waitForSelector("#messages li:last-child:has-text('Merci! Faut-il un dépôt?')");
        }
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page console = Browsers.signIn(phone, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            console.waitForSelector(".thread-head .badge-email");
            Browsers.shoot(console, "console-answered-by-email-390", problems);
            console.navigate(node.baseUrl() + "/console?view=mine");
            console.waitForSelector(".conv-list .badge-email");
            Browsers.shoot(console, "console-list-by-email-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    private static MimeMessage awaitMail() {
        return smtp.next(0); // the reply by mail
    }
}
