package io.guichet.inbox;

import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Satisfaction asked by mail when the visitor has left: once per conversation, never when the widget showed the
 * rating form, through a signed link whose page takes one rating (in the conversation's language) and refuses a
 * forged or altered link. The pass is run by the test at chosen instants (ten minutes after resolution by default).
 */
class RatingRequestsTest {
    static Smtp smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents();
    }

    @AfterAll
    static void stop() {
        node.close();
        smtp.close();
    }

    /** A visitor who gave their address, answered and resolved by Élodie, gone from the widget: {visitor token, conversation id}. */
    static String[] resolvedConversationOf(String name, String email, String lang, String question) {
        Map<String, Object> session = email == null ? Map.of("name", name, "lang", lang) : Map.of("name", name, "email", email, "lang", lang);
        String visitor = api.post("/api/v1/visitor/sessions", null, session).text("visitorToken");
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, question).text("conversationId");
        assertThat(api.post("/api/v1/conversations/" + id + "/messages", cegep.élodie,
                Map.of("body", "Bonjour! C’est réglé.", "clientId", UUID.randomUUID().toString())).status()).isEqualTo(201);
        resolve(id);
        return new String[]{visitor, id};
    }

    static void resolve(String id) {
        assertThat(api.post("/api/v1/conversations/" + id + "/resolve", cegep.élodie, Map.of()).status()).isEqualTo(200);
    }

    static int pass(Duration after) {
        return node.app.ratingRequests().doMailRatingRequests(Instant.now().plus(after));
    }

    static List<MimeMessage> ratingMailsTo(String address) {
        return Arrays.stream(smtp.all()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains(address)
                        && (m.getSubject().startsWith("Comment s’est passée") || m.getSubject().startsWith("How did your conversation"));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static MimeMessage awaitRatingMail(String address) throws Exception {
        for (int i = 0; i < 300; i++) {
            List<MimeMessage> mails = ratingMailsTo(address);
            if (!mails.isEmpty()) return mails.getFirst();
            Thread.sleep(100);
        }
        throw new AssertionError("no rating mail to " + address);
    }

    static String link(MimeMessage m) throws Exception {
        Matcher link = Pattern.compile("(/link/avis/[A-Za-z0-9_\\-.]+)").matcher(RatingsTest.part(m, "text/plain"));
        assertThat(link.find()).as("a signed link in the mail").isTrue();
        return link.group(1);
    }

    static String page(Response r) {
        return r.raw().body();
    }

    @Test
    void aVisitorWhoLeftIsAskedByMailOnceAndRatesOnceThroughTheSignedLink() throws Exception {
        String address = "zoe.lemieux@example.org";
        String[] zoé = resolvedConversationOf("Zoé Lemieux", address, "fr", "Quand commence la session d’hiver?");
        pass(Duration.ZERO);
        pass(Duration.ofMinutes(9));
        Thread.sleep(500);
        assertThat(ratingMailsTo(address)).as("not before ten minutes: they may still be in the widget").isEmpty();

        pass(Duration.ofMinutes(11));
        MimeMessage mail = awaitRatingMail(address);
        assertThat(mail.getSubject()).isEqualTo("Comment s’est passée votre conversation avec Admissions\u00a0?");
        String html = RatingsTest.part(mail, "text/html");
        assertThat(html).contains("😞").contains("5 — Très bien").contains("?score=5");
        String link = link(mail);

        pass(Duration.ofMinutes(30));
        resolve(reopen(zoé[1]));
        pass(Duration.ofMinutes(30));
        Thread.sleep(1_000);
        assertThat(ratingMailsTo(address)).as("never a second mail, even resolved again").hasSize(1);

        Response opened = api.get(link + "?score=4", null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(page(opened)).contains("<html lang=\"fr\"").contains("Comment s’est passée votre conversation avec le service Admissions")
                .contains("value=\"4\" checked");
        assertThat(api.get("/api/v1/conversations/" + zoé[1], cegep.élodie).json().path("rating").isNull())
                .as("opening the link (a mail client's preview) rates nothing").isTrue();

        Response tooLong = api.postForm(link, null, Map.of("score", "4", "comment", "x".repeat(1001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(page(tooLong)).containsPattern("au plus 1.000 caractères").contains("xxxx");
        assertThat(api.postForm(link, null, Map.of("comment", "Sans note")).status()).isEqualTo(422);

        Response rated = api.postForm(link, null, Map.of("score", "4", "comment", "Très claire, merci! <script>alert(1)</script>"));
        assertThat(rated.status()).isEqualTo(201);
        assertThat(page(rated)).contains("Merci pour votre évaluation");
        Response seen = api.get("/api/v1/conversations/" + zoé[1], cegep.élodie);
        assertThat(seen.json().path("rating").path("score").asInt()).isEqualTo(4);
        assertThat(seen.json().path("rating").path("comment").asText()).isEqualTo("Très claire, merci! <script>alert(1)</script>");

        Response again = api.postForm(link, null, Map.of("score", "1"));
        assertThat(again.status()).as("one rating per conversation").isEqualTo(409);
        assertThat(page(again)).contains("déjà été évaluée");
        assertThat(api.post("/api/v1/visitor/conversations/" + zoé[1] + "/rating", zoé[0], Map.of("score", 2)).status()).isEqualTo(409);
        assertThat(page(api.get(link, null))).contains("déjà été évaluée").doesNotContain("<form");
        assertThat(api.get("/api/v1/conversations/" + zoé[1], cegep.élodie).json().path("rating").path("score").asInt()).isEqualTo(4);
    }

    static String reopen(String id) {
        assertThat(api.post("/api/v1/conversations/" + id + "/reopen", cegep.élodie, Map.of()).status()).isEqualTo(200);
        return id;
    }

    @Test
    void aVisitorAskedInTheWidgetIsNotMailed() throws Exception {
        String address = "theo.belanger@example.org";
        String[] théo = resolvedConversationOf("Théo Bélanger", address, "fr", "Puis-je changer de programme?");
        // the widget shows the resolution and reads the rating to draw its form
        assertThat(api.get("/api/v1/visitor/conversations/" + théo[1] + "/rating", théo[0]).status()).isEqualTo(200);
        pass(Duration.ofMinutes(11));
        Thread.sleep(1_000);
        assertThat(ratingMailsTo(address)).isEmpty();
        assertThat(node.app.ratingRequests()).isNotNull();
    }

    @Test
    void aVisitorWithNoAddressIsNotMailedAndNotLookedAtAgain() {
        String[] anon = resolvedConversationOf("Sans Adresse", null, "fr", "Une question sans courriel");
        pass(Duration.ofMinutes(11));
        int queued = pass(Duration.ofMinutes(12));
        assertThat(queued).isZero();
    }

    @Test
    void anEnglishConversationIsAskedInEnglish() throws Exception {
        String address = "lea.roy@example.com";
        resolvedConversationOf("Léa Roy", address, "en", "When does the winter term start?");
        pass(Duration.ofMinutes(11));
        MimeMessage mail = awaitRatingMail(address);
        assertThat(mail.getSubject()).isEqualTo("How did your conversation with Admissions (en) go?");
        String link = link(mail);
        Response page = api.get(link, null);
        assertThat(page(page)).contains("<html lang=\"en\"").contains("How did this conversation go?").contains("5 — Very well");
        Response rated = api.postForm(link, null, Map.of("score", "5"));
        assertThat(rated.status()).isEqualTo(201);
        assertThat(page(rated)).contains("Thank you for your rating!");
    }

    @Test
    void aForgedOrAlteredLinkIsRefusedAndRatesNothing() throws Exception {
        String address = "noah.tremblay@example.org";
        String[] noah = resolvedConversationOf("Noah Tremblay", address, "fr", "Mon dossier est-il complet?");
        pass(Duration.ofMinutes(11));
        String link = link(awaitRatingMail(address));
        String token = link.substring("/link/avis/".length());
        String payload = token.substring(0, token.indexOf('.')), signature = token.substring(token.indexOf('.') + 1);

        String[] otherTry = resolvedConversationOf("Autre Personne", null, "fr", "Autre question");
        String body = new String(Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                body.replaceFirst("^\\d+", otherTry[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String flipped = signature.substring(0, signature.length() - 2) + (signature.charAt(signature.length() - 2) == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
        // a genuine token signed for another purpose: the conversation page link of the email channel
        String otherPurpose = node.app.emailReplies().linkFor(Long.parseLong(noah[1]));
        otherPurpose = otherPurpose.substring(otherPurpose.lastIndexOf('/') + 1);
        for (String bad : List.of(forgedPayload + "." + signature, payload + "." + flipped, otherPurpose, "pas-un-jeton", "x".repeat(500))) {
            Response shown = api.get("/link/avis/" + bad, null);
            assertThat(shown.status()).as(bad).isEqualTo(404);
            assertThat(page(shown)).contains("Lien invalide").doesNotContain("<form");
            assertThat(api.postForm("/link/avis/" + bad, null, Map.of("score", "1")).status()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/conversations/" + otherTry[1], cegep.élodie).json().path("rating").isNull()).isTrue();
        assertThat(api.get("/api/v1/conversations/" + noah[1], cegep.élodie).json().path("rating").isNull()).isTrue();
        assertThat(api.get(link, null).status()).as("the genuine link still works").isEqualTo(200);
    }
}
