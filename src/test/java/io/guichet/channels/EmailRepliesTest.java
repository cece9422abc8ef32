package io.guichet.channels;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A staff reply the visitor did not see in the widget reaches them by email, threaded, with a signed link to a page
 * where they answer; a reply they saw live or read is never mailed; the console says which conversations will be
 * answered by email and names contacts by name or email, never by number.
 */
class EmailRepliesTest {
    static final String REPLY_MAILBOX = "reponses@cegep-test.qc.ca";
    static Smtp smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings(Map.of(
                "GUICHET_INSTITUTION_NAME", "Cégep de Sainte-Foy",
                "GUICHET_MAIL_REPLY_ADDRESS", REPLY_MAILBOX,
                // long enough for two replies sent one after the other to leave in one mail, short for a test
                "GUICHET_OFFLINE_REPLY_AFTER_SECONDS", "3")));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE);
    }

    @AfterAll
    static void stop() {
        node.close();
        smtp.close();
    }

    /** A visitor who gave their email, gone from the widget (no socket, no fetch). */
    static String[] conversationOf(String name, String email, String question) {
        Api.Response session = api.post("/api/v1/visitor/sessions", null, Map.of("name", name, "email", email, "lang", "fr"));
        String visitor = session.text("visitorToken");
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, question).text("conversationId");
        return new String[]{visitor, id};
    }

    static void reply(String conversationId, String body) {
        assertThat(api.post("/api/v1/conversations/" + conversationId + "/messages", cegep.élodie,
                Map.of("body", body, "clientId", UUID.randomUUID().toString())).status()).isEqualTo(201);
    }

    static List<MimeMessage> mailsTo(String address) throws Exception {
        return Arrays.stream(smtp.all()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits for the nth mail to the address (1 = the first); the pass runs on its timer. */
    static MimeMessage awaitMail(String address, int nth) throws Exception {
        for (int i = 0; i < 300; i++) {
            List<MimeMessage> mails = mailsTo(address);
            if (mails.size() >= nth) return mails.get(nth - 1);
            Thread.sleep(100);
        }
        throw new AssertionError("no mail " + nth + " to " + address);
    }

    /** The plain part, decoded. */
    static String text(MimeMessage m) {
        try {
            return (String) ((jakarta.mail.internet.MimeMultipart) m.getContent()).getBodyPart(0).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String link(MimeMessage m) {
        Matcher link = Pattern.compile("(/link/conversation/[A-Za-z0-9_\\-.]+)").matcher(text(m));
        assertThat(link.find()).as("a signed link in the mail").isTrue();
        return link.group(1);
    }

    @Test
    void repliesTheVisitorDidNotSeeGoByMailThreadedWithALinkWhereTheyAnswer() throws Exception {
        String[] zoe = conversationOf("Zoé Lévesque", "zoe.levesque@example.org", "Quelle est l’échéance pour la demande d’admission?");
        reply(zoe[1], "C’est le 1er mars, Zoé.");

        MimeMessage first = awaitMail("zoe.levesque@example.org", 1);
        assertThat(first.getSubject()).isEqualTo("Re: Votre question — Admissions");
        InternetAddress from = (InternetAddress) first.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Élodie Tremblay · Cégep de Sainte-Foy");
        Address[] replyTo = first.getReplyTo();
        assertThat(replyTo[0].toString()).matches("reponses\\+c" + zoe[1] + "-[0-9a-f]{20}@cegep-test\\.qc\\.ca");
        assertThat(first.getHeader("In-Reply-To")).as("the first mail of the thread").isNull();
        String root = first.getMessageID();
        assertThat(root).isNotBlank();
        assertThat(first.getContentType()).startsWith("multipart/alternative");
        assertThat(text(first)).contains("C’est le 1er mars, Zoé.", "Élodie Tremblay (Admissions) vous a répondu");

        // Two replies in a row leave in one mail, which answers the first one.
        reply(zoe[1], "Pour le programme de soins infirmiers, c’est aussi le 1er mars.");
        reply(zoe[1], "N’oubliez pas votre relevé de notes.");
        MimeMessage second = awaitMail("zoe.levesque@example.org", 2);
        assertThat(text(second)).contains("soins infirmiers", "relevé de notes").doesNotContain("C’est le 1er mars, Zoé.");
        assertThat(second.getHeader("In-Reply-To")[0]).isEqualTo(root);
        assertThat(second.getHeader("References")[0]).contains(root);
        assertThat(second.getSubject()).isEqualTo(first.getSubject());

        // The link opens the thread; the answer lands in the conversation.
        FormBrowser browser = new FormBrowser(node.baseUrl());
        String path = link(second);
        HttpResponse<String> page = browser.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("Votre conversation avec Admissions", "Quelle est l’échéance", "relevé de notes", "Élodie Tremblay");
        assertThat(browser.postRaw(path, Map.of("body", "  ", "clientId", "p-1")).statusCode()).as("an empty answer").isEqualTo(422);
        HttpResponse<String> sent = browser.postRaw(path, Map.of("body", "Merci! <b>Et</b> pour la résidence?", "clientId", "p-2"));
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(browser.follow(sent).body()).contains("Votre réponse est envoyée.", "&lt;b&gt;Et&lt;/b&gt; pour la résidence?");
        assertThat(browser.postRaw(path, Map.of("body", "Merci! <b>Et</b> pour la résidence?", "clientId", "p-2")).statusCode())
                .as("the same form sent twice").isEqualTo(303);
        var messages = api.get("/api/v1/conversations/" + zoe[1] + "/messages", cegep.élodie).json().path("messages");
        assertThat(messages.get(messages.size() - 1).path("author").asText()).isEqualTo("visitor");
        assertThat(messages.get(messages.size() - 1).path("body").asText()).isEqualTo("Merci! <b>Et</b> pour la résidence?");
        assertThat(messages.findValuesAsText("body").stream().filter(b -> b.contains("résidence")).count()).as("stored once").isEqualTo(1);

        // In English on request; a changed or foreign token gets a page that says so.
        assertThat(browser.get(path + "?lang=en").body()).contains("Your conversation with Admissions (en)");
        String tampered = io.guichet.testing.Tampered.link(path);
        HttpResponse<String> bad = browser.get(tampered);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Ce lien ne fonctionne plus").doesNotContain("Admissions");
        assertThat(browser.get("/link/conversation/pas-un-jeton?lang=en").body()).contains("This link no longer works");
    }

    @Test
    void aReplySeenInTheWidgetOrReadThereIsNeverMailed() throws Exception {
        String[] live = conversationOf("Léa Bouchard", "lea.bouchard@example.org", "Y a-t-il une journée portes ouvertes?");
        String[] read = conversationOf("Maël Roy", "mael.roy@example.org", "Le stationnement est-il payant?");
        try (Api.Socket socket = api.socket("/ws/visitor?token=" + live[0])) {
            reply(live[1], "Oui, le 12 novembre.");
            assertThat(socket.nextMessage("Oui, le 12 novembre.", 10)).as("seen live").isNotNull();
        }
        reply(read[1], "Oui, 3 $ par jour.");
        assertThat(api.get("/api/v1/visitor/conversations/" + read[1] + "/messages?after=0", read[0]).json().path("messages")).hasSize(2);

        // A later reply nobody saw is mailed: the pass has looked at the older ones by then (oldest first).
        String[] control = conversationOf("Inès Gagné", "ines.gagne@example.org", "Où est le registrariat?");
        reply(control[1], "Au local A-120.");
        awaitMail("ines.gagne@example.org", 1);
        assertThat(mailsTo("lea.bouchard@example.org")).isEmpty();
        assertThat(mailsTo("mael.roy@example.org")).isEmpty();
    }

    @Test
    void theConsoleMarksWhatWillBeAnsweredByEmailAndNamesContactsWithoutNumbers() throws Exception {
        String[] mailed = conversationOf("", "sans.nom@example.org", "Bonjour, une question sur les bourses.");
        reply(mailed[1], "Bonjour! Voici la réponse.");
        awaitMail("sans.nom@example.org", 1);
        String anonymous = api.post("/api/v1/visitor/sessions", null, Map.of("lang", "fr")).text("visitorToken");
        String quiet = api.startConversation(anonymous, Cegep.ADMISSIONS, "Allô?").text("conversationId");

        FormBrowser staff = new FormBrowser(node.baseUrl());
        staff.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        String thread = staff.get("/console/c/" + mailed[1]).body();
        assertThat(thread).contains("Sera répondue par courriel", "<h1 id=\"thread-title\">sans.nom@example.org</h1>");
        String list = staff.get("/console?view=waiting").body();
        assertThat(list).contains("sans.nom@example.org", "Sera répondue par courriel", "Visiteur anonyme").doesNotContainPattern("conv-name\">#\\d");
        assertThat(staff.get("/console/c/" + quiet).body()).contains("<h1 id=\"thread-title\">Visiteur anonyme</h1>")
                .doesNotContain("Sera répondue par courriel");
        assertThat(api.get("/api/v1/conversations/" + mailed[1], cegep.élodie).json().path("contact").path("name").asText())
                .isEqualTo("sans.nom@example.org");
    }
}
