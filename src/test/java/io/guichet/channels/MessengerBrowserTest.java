package io.guichet.channels;

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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One agent's console with three ways in: a Messenger message (signed by the test as Meta signs, its sender's name from
 * the Graph API's stand-in), an answer by mail (GreenMail's IMAP) and the site's chat. Élodie answers the Messenger
 * conversation from the console and the stand-in records the Send API call; the channels admin screen shows the
 * page's health. Screenshots at 1440 and 390 px, axe on each.
 */
class MessengerBrowserTest {
    static final String PAGE = "200300400500", TOKEN = "EAAbrowserPageToken", SECRET = "browser-app-secret", VERIFY = "browser-verify";
    static GraphStandIn graph;
    static ReplyMailbox box;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        graph = new GraphStandIn().page(PAGE, TOKEN).profile("9100200300", "Maëlle", "Côté-Bérubé");
        box = new ReplyMailbox(Map.of("GUICHET_GRAPH_API_URL", graph.url(), "GUICHET_MESSENGER_PASS_MILLIS", "200"));
        node = box.node;
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE);
        assertThat(api.post("/api/v1/channels", cegep.admin, Map.of("kind", "messenger", "name", "Page Facebook du Cégep", "service", Cegep.ADMISSIONS,
                "pageId", PAGE, "pageAccessToken", TOKEN, "appSecret", SECRET, "verifyToken", VERIFY)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/channels", cegep.admin, Map.of("kind", "email", "name", "Admissions par courriel", "service", Cegep.ADMISSIONS,
                "address", "admissions@cegep-test.qc.ca")).status()).isEqualTo(201);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        box.close();
        graph.close();
    }

    /** Posts the body to the webhook signed as Meta signs it with the app secret. */
    static void signedToTheWebhook(byte[] body) throws Exception {
        var res = MessengerChannelTest.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + "/hooks/messenger"))
                .header("X-Hub-Signature-256", io.guichet.platform.web.BodySignatures.sign(SECRET, body)).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
    }

    static String messengerConversation(String psid, String text) throws Exception {
        long now = System.currentTimeMillis();
        byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":" + now + ",\"messaging\":[{\"sender\":{\"id\":\"" + psid
                + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":" + now + ",\"message\":{\"mid\":\"m_browser_" + now + "\",\"text\":\""
                + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
        signedToTheWebhook(body);
        for (int i = 0; i < 200; i++) {
            Long id = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT conversation_id FROM messenger_threads WHERE psid = :p")
                    .bind("p", psid).mapTo(Long.class).findOne().orElse(null));
            if (id != null) return id.toString();
            Thread.sleep(50);
        }
        throw new AssertionError("the Messenger message never reached the inbox");
    }

    @Test
    void aMessengerMessageAndAMailReachOneConsoleAndAreAnsweredFromIt() throws Exception {
        List<String> problems = new ArrayList<>();
        // the site's chat, answered by mail: its answer comes back through the reply mailbox
        String visitor = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Zoé Lévesque", "email", "zoe.trois@example.org", "lang", "fr")).text("visitorToken");
        String mailed = api.startConversation(visitor, Cegep.ADMISSIONS, "Faut-il envoyer mon bulletin?").text("conversationId");
        api.post("/api/v1/conversations/" + mailed + "/messages", cegep.élodie, Map.of("body", "Oui, celui de la 1re étape.", "clientId", java.util.UUID.randomUUID().toString()));
        assertThat(box.mail.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage ours = box.mail.getReceivedMessages()[0];
        box.mailbox.deliver(EmailInboundTest.answer("zoe.trois@example.org", ours.getReplyTo()[0].toString(), "Re: " + ours.getSubject(),
                "Parfait, merci!\n\nLe mar. 2 déc. 2026 à 10 h 12, Élodie Tremblay a écrit :\n> Oui, celui de la 1re étape.\n", Map.of()));
        String web = api.startConversation(api.visitor("Noah Gagnon"), Cegep.ADMISSIONS, "Bonjour, une question sur la résidence.").text("conversationId");
        String messenger = messengerConversation("9100200300", "Allô! Est-ce que la date limite est le 1er mars?");

        try (BrowserContext agent = browsers.person(1440, 900, "fr-CA")) {
            Page console = Browsers.signIn(agent, node.baseUrl(), "/console/c/" + messenger, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            console.waitForSelector("#messages li:has-text('Est-ce que la date limite est le 1er mars?')");
            assertThat(console.locator(".thread-head .channel-tag").textContent()).contains("Messenger");
            assertThat(console.locator("h1#thread-title").textContent()).contains("Maëlle Côté-Bérubé");
            assertThat(console.locator(".panel-summary").first().textContent()).contains("On peut répondre sur Messenger jusqu’à");
            console.fill("#reply", "Oui, c’est le 1er mars. Bonne chance!");
            console.press("#reply", "Enter");
            for (int i = 0; i < 200 && graph.messagesTo("9100200300").isEmpty(); i++) Thread.sleep(50);
            assertThat(graph.messagesTo("9100200300")).extracting(GraphStandIn.Received::text).containsExactly("Oui, c’est le 1er mars. Bonne chance!");
            assertThat(graph.messagesTo("9100200300").getFirst().messagingType()).isEqualTo("RESPONSE");
            console.reload();
            console.waitForSelector(".panel-lines .panel-sent");
            Browsers.shoot(console, "messenger-console-thread-1440", problems);

            // the list shows the three conversations with their channel
            console.navigate(node.baseUrl() + "/console?view=all");
            console.waitForSelector(".conv-list .channel-messenger");
            for (int i = 0; i < 100 && !api.get("/api/v1/conversations/" + mailed + "/messages", cegep.élodie).raw().body().contains("Parfait, merci!"); i++) Thread.sleep(100);
            console.reload();
            assertThat(console.locator(".conv-list .channel-tag").allTextContents()).anyMatch(x -> x.contains("Messenger")).anyMatch(x -> x.contains("Clavardage du site"));
            Browsers.shoot(console, "messenger-console-list-1440", problems);
            console.setViewportSize(390, 844);
            Browsers.shoot(console, "messenger-console-list-390", problems);
            console.navigate(node.baseUrl() + "/console/c/" + mailed);
            console.waitForSelector("#messages li:has-text('Parfait, merci!')");
            Browsers.shoot(console, "messenger-console-mail-390", problems);
        }
        try (BrowserContext admin = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(admin, node.baseUrl(), "/admin/channels", io.guichet.testing.TestNode.ADMIN_EMAIL, io.guichet.testing.TestNode.ADMIN_PASSWORD);
            page.waitForSelector(".channel");
            assertThat(page.locator(".channel").first().textContent()).contains("Page Facebook du Cégep", PAGE, "En service");
            assertThat(page.content()).doesNotContain(TOKEN).doesNotContain(SECRET);
            Browsers.shoot(page, "channels-admin-1440", problems);
            page.setViewportSize(390, 844);
            Browsers.shoot(page, "channels-admin-390", problems);
        }
        assertThat(web).isNotBlank();
        assertThat(problems).isEmpty();
    }

    @Test
    void anAgentRepliesInPrivateToAPageCommentFromTheConsoleOnce() throws Exception {
        String commentId = "31415_" + System.nanoTime();
        graph.comment(PAGE, commentId);
        long now = System.currentTimeMillis();
        byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":" + now + ",\"changes\":[{\"field\":\"feed\",\"value\":{"
                + "\"item\":\"comment\",\"verb\":\"add\",\"post_id\":\"" + PAGE + "_31415\",\"comment_id\":\"" + commentId + "\","
                + "\"from\":{\"id\":\"7700880099\",\"name\":\"Noé Gagnon\"},\"created_time\":" + now / 1000 + ","
                + "\"message\":\"Mon dossier est incomplet, que faire ?\"}}]}]}").getBytes(StandardCharsets.UTF_8);
        signedToTheWebhook(body);
        Long id = null;
        for (int i = 0; i < 200 && id == null; i++) {
            node.app.messengerInbound().doProcessWaiting();
            id = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT conversation_id FROM facebook_comment_threads WHERE from_id = '7700880099'")
                    .mapTo(Long.class).findOne().orElse(null));
            if (id == null) Thread.sleep(50);
        }
        assertThat(id).as("the comment reached the inbox").isNotNull();

        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext agent = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page console = Browsers.signIn(agent, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                console.waitForSelector("#messages li:has-text('Mon dossier est incomplet')");
                if (width == 1440) {
                    console.click("a:has-text('Répondre en privé sur Messenger')");
                    console.waitForSelector("#private-body");
                    console.click("form.admin-form button[type=submit]");
                    assertThat(console.textContent("#private-error")).isEqualTo("Écrivez le message à envoyer.");
                    Browsers.shoot(console, "messenger-private-reply-1440", problems);
                    console.fill("#private-body", "Bonjour Noé, écrivez-nous votre numéro de demande ici, en privé.");
                    console.click("form.admin-form button[type=submit]");
                    console.waitForURL("**/console/c/" + id);
                    console.waitForSelector("#messages li:has-text('écrivez-nous votre numéro de demande')");
                } else {
                    assertThat(console.locator("a:has-text('Répondre en privé sur Messenger')").count()).as("one private reply per comment").isZero();
                    console.navigate(node.baseUrl() + "/channels/conversations/" + id + "/private-reply");
                    assertThat(console.textContent("#private-sent")).isEqualTo("Ce commentaire a déjà reçu sa réponse privée.");
                    Browsers.shoot(console, "messenger-private-reply-390", problems);
                }
            }
        }
        for (int i = 0; i < 200 && graph.privateReplies.isEmpty(); i++) Thread.sleep(50);
        assertThat(graph.privateReplies).containsExactly(new GraphStandIn.CommentReply(commentId, "Bonjour Noé, écrivez-nous votre numéro de demande ici, en privé."));
        assertThat(problems).isEmpty();
    }
}
