package io.guichet.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The end of a conversation: the visitor's rating (stored, shown, counted) and the transcript by mail, in GreenMail. */
class RatingsTest {
    static Smtp smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
    }

    @AfterAll
    static void stop() {
        node.close();
        smtp.close();
    }

    /** A conversation with a reply, a note and a file, resolved by Élodie: its id. */
    static String resolvedConversation(String visitor) {
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, "Ma cote R suffit-elle pour les sciences de la nature?").text("conversationId");
        reply(id, "Bonjour! Oui, c’est réglé : votre cote R suffit.", false);
        reply(id, "Note interne secrète : dossier vérifié avec le registrariat", true);
        api.postBytes("/api/v1/conversations/" + id + "/attachments?name=" + java.net.URLEncoder.encode("Relevé de notes.pdf", java.nio.charset.StandardCharsets.UTF_8)
                + "&clientId=f-" + UUID.randomUUID(), cegep.élodie, "application/pdf", AttachmentsTest.PDF);
        return id;
    }

    static void reply(String id, String body, boolean internal) {
        Response r = api.post("/api/v1/conversations/" + id + "/messages", cegep.élodie,
                Map.of("body", body, "clientId", UUID.randomUUID().toString(), "internal", internal));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }

    static void resolve(String id) {
        assertThat(api.post("/api/v1/conversations/" + id + "/resolve", cegep.élodie, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aResolvedConversationIsRatedShownToStaffAndCounted() {
        String zoé = api.visitor("Zoé Lévesque");
        String id = resolvedConversation(zoé);
        Response early = api.post("/api/v1/visitor/conversations/" + id + "/rating", zoé, Map.of("score", 5));
        assertThat(early.status()).as("rated once resolved").isEqualTo(409);
        resolve(id);

        Response rated = api.post("/api/v1/visitor/conversations/" + id + "/rating", zoé, Map.of("score", 4, "comment", "Très utile, merci Élodie! <b>vraiment</b>"));
        assertThat(rated.status()).as(rated.raw().body()).isEqualTo(201);
        assertThat(api.get("/api/v1/visitor/conversations/" + id + "/rating", zoé).json().path("rating").path("score").asInt()).isEqualTo(4);
        JsonNode seen = api.get("/api/v1/conversations/" + id, cegep.élodie).json().path("rating");
        assertThat(seen.path("score").asInt()).isEqualTo(4);
        assertThat(seen.path("comment").asText()).isEqualTo("Très utile, merci Élodie! <b>vraiment</b>");
        assertThat(api.get("/api/v1/conversations/" + id, cegep.token(Cegep.Persona.NOEMIE)).status()).isEqualTo(403);

        JsonNode report = api.get("/api/v1/reports/ratings", cegep.jérôme).json();
        assertThat(report.path("rated").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode admissions = null;
        for (JsonNode s : report.path("services")) if (s.path("service").asText().equals(Cegep.ADMISSIONS)) admissions = s;
        assertThat(admissions).isNotNull();
        assertThat(admissions.path("scores").path("4").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/reports/ratings", cegep.élodie).status()).as("supervisors read the reports").isEqualTo(403);
        assertThat(api.get("/api/v1/reports/ratings?from=2026-05-02&to=2026-05-01", cegep.jérôme).status()).isEqualTo(422);

        Response again = api.post("/api/v1/visitor/conversations/" + id + "/rating", zoé, Map.of("score", 5));
        assertThat(again.status()).as("one rating per conversation").isEqualTo(409);
        assertThat(again.json().path("error").path("code").asText()).isEqualTo("already_rated");
        assertThat(api.get("/api/v1/visitor/conversations/" + id + "/rating", zoé).json().path("rating").path("score").asInt())
                .as("the first rating stays").isEqualTo(4);
    }

    @Test
    void badRatingsAreRefusedNamingTheField() {
        String zoé = api.visitor("Zoé Côté");
        String id = resolvedConversation(zoé);
        resolve(id);
        String path = "/api/v1/visitor/conversations/" + id + "/rating";
        assertThat(api.post(path, zoé, Map.of("score", 0)).status()).isEqualTo(422);
        assertThat(api.post(path, zoé, Map.of("score", 6)).status()).isEqualTo(422);
        assertThat(api.post(path, zoé, Map.of("score", "4")).status()).isEqualTo(422);
        assertThat(api.post(path, zoé, Map.of()).json().path("error").path("message").asText()).contains("score");
        assertThat(api.post(path, zoé, Map.of("score", 3, "comment", "x".repeat(1001))).json().path("error").path("message").asText()).contains("comment");
        assertThat(api.post(path, zoé, Map.of("score", 3, "comment", "a\u0000b")).status()).isEqualTo(422);
        assertThat(api.postRaw(path, zoé, "{\"score\": 3").status()).isEqualTo(400);
        assertThat(api.post(path, api.visitor("Quelqu’un d’autre"), Map.of("score", 1)).status()).as("not theirs").isEqualTo(404);
        assertThat(api.post(path, null, Map.of("score", 1)).status()).isEqualTo(401);
    }

    @Test
    void theTranscriptIsMailedWithTheVisibleThreadOnlyAccentsIntactAndAsksForAnAddressWhenNoneIsKnown() throws Exception {
        String zoé = api.visitor("Zoé Gagnon");
        String id = resolvedConversation(zoé);
        resolve(id);
        String path = "/api/v1/visitor/conversations/" + id + "/transcript";
        Response noAddress = api.post(path, zoé, Map.of());
        assertThat(noAddress.status()).isEqualTo(422);
        assertThat(noAddress.json().path("error").path("message").asText()).contains("email");
        assertThat(api.post(path, zoé, Map.of("email", "pas une adresse")).status()).isEqualTo(422);
        assertThat(api.post(path, zoé, Map.of("email", "zoe@exemple.qc.ca\r\nBcc: x@y.z")).status()).isEqualTo(422);

        int before = smtp.received();
        Response sent = api.post(path, zoé, Map.of("email", "zoe.gagnon@exemple.qc.ca"));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(202);
        assertThat(sent.text("to")).isEqualTo("zoe.gagnon@exemple.qc.ca");
        MimeMessage mail = smtp.next(before);
        assertThat(mail.getSubject()).isEqualTo("Transcription de votre conversation avec Admissions");
        assertThat(mail.getAllRecipients()[0].toString()).contains("zoe.gagnon@exemple.qc.ca");
        String text = part(mail, "text/plain"), html = part(mail, "text/html");
        for (String body : new String[]{text, html}) {
            assertThat(body).contains("Ma cote R suffit-elle pour les sciences de la nature?")
                    .contains("Élodie Tremblay").contains("Vous").contains("Fichier joint : Relevé de notes.pdf")
                    .contains("La conversation a été close.")
                    .doesNotContain("Note interne secrète").doesNotContain("registrariat");
            assertThat(body).containsPattern("\\d{1,2} h \\d{2}");
        }
        assertThat(text).contains("Bonjour! Oui, c’est réglé : votre cote R suffit.");
        assertThat(html).contains("c’est réglé : votre cote R suffit.");

        Response second = api.post(path, zoé, Map.of());
        assertThat(second.status()).as("the address given is now known").isEqualTo(202);
        assertThat(second.text("to")).isEqualTo("zoe.gagnon@exemple.qc.ca");
    }

    @Test
    void anEnglishConversationsTranscriptIsInEnglish() throws Exception {
        String léa = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Léa Roy", "email", "lea.roy@example.com", "lang", "en")).text("visitorToken");
        String id = api.startConversation(léa, Cegep.ADMISSIONS, "When is the deadline?").text("conversationId");
        reply(id, "March 1st — café included.", false);
        int before = smtp.received();
        assertThat(api.post("/api/v1/visitor/conversations/" + id + "/transcript", léa, Map.of()).status()).isEqualTo(202);
        MimeMessage mail = smtp.next(before);
        assertThat(mail.getSubject()).isEqualTo("Transcript of your conversation with Admissions (en)");
        assertThat(part(mail, "text/plain")).contains("You").contains("March 1st — café included.").containsPattern("[ap]\\.m\\.");
    }

    static String part(MimeMessage mail, String type) throws Exception {
        String found = part((MimeMultipart) mail.getContent(), type);
        if (found == null) throw new AssertionError("no " + type + " part");
        return found;
    }

    private static String part(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart p = multipart.getBodyPart(i);
            if (p.isMimeType(type)) return p.getContent().toString();
            if (p.getContent() instanceof MimeMultipart inner && part(inner, type) != null) return part(inner, type);
        }
        return null;
    }
}
