package io.guichet.channels;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor answers the reply mail from their own mail client: the answer, read from the reply mailbox over IMAP
 * (GreenMail), shows in Élodie's open console without a reload, without the history their client quoted.
 */
class EmailAnswerBrowserTest {
    static ReplyMailbox box;
    static GreenMail mail;
    static TestNode node;
    static Api api;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        box = new ReplyMailbox();
        mail = box.mail;
        node = box.node;
        api = node.api();
        Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        box.close();
    }

    @Test
    void anAnswerByMailShowsInTheOpenConsoleWithoutTheQuotedHistory() throws Exception {
        String visitor = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Zoé Lévesque", "email", "zoe.client@example.org", "lang", "fr"))
                .text("visitorToken");
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, "Faut-il envoyer mon bulletin de 5e secondaire?").text("conversationId");
        List<String> problems = new ArrayList<>();
        try (BrowserContext agent = browsers.person(1440, 900, "fr-CA")) {
            Page console = Browsers.signIn(agent, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            console.waitForSelector("#messages li");
            console.fill("#reply", "Oui, le bulletin de la 1re étape suffit pour l’instant.");
            console.press("#reply", "Enter");
            console.waitForSelector(".thread-head .badge-email"); // she has left: the reply went by mail

            assertThat(mail.waitForIncomingEmail(30_000, 1)).as("the reply by mail").isTrue();
            MimeMessage ours = mail.getReceivedMessages()[0];
            MimeMessage answer = EmailInboundTest.answer("zoe.client@example.org", ours.getReplyTo()[0].toString(), "Re: " + ours.getSubject(), """
                    Parfait, je l’envoie ce soir. Merci!

                    Le mar. 2 déc. 2026 à 10 h 12, Élodie Tremblay <guichet@cegep-test.qc.ca> a écrit :
                    > Oui, le bulletin de la 1re étape suffit pour l’instant.
                    """, Map.of("In-Reply-To", ours.getMessageID()));
            box.mailbox.deliver(answer);

            console.waitForSelector("#messages li:last-child:has-text('Parfait, je l’envoie ce soir. Merci!')");
            assertThat(console.locator("#messages li:last-child").textContent()).doesNotContain("a écrit");
            Browsers.shoot(console, "console-answer-by-mail-1440", problems);
            console.setViewportSize(390, 844);
            console.waitForSelector("#messages li:last-child:has-text('Parfait, je l’envoie ce soir.')");
            Browsers.shoot(console, "console-answer-by-mail-390", problems);
        }
        assertThat(problems).isEmpty();
    }
}
