package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact's timeline as staff read it, fed by the inbox, live and the help centre's capture. */
class TimelineTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    /** Élodie is online (her console is open), so admissions' conversations are assigned to her. */
    static Api.Socket élodieOnline;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        élodieOnline = api.socket("/ws/agent?token=" + cegep.élodie);
        String now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Api.Response live = api.post("/api/v1/live", cegep.admin, Map.of("slug", "soiree-portes-ouvertes", "titleFr", "Soirée portes ouvertes",
                "titleEn", "Open house night", "startsAt", now, "endsAt", OffsetDateTime.parse(now).plusHours(3).toString(),
                "moderation", "post", "services", List.of(Cegep.ADMISSIONS, Cegep.AIDE_FINANCIERE)));
        assertThat(live.status()).as(live.json().toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        élodieOnline.close();
        node.close();
    }

    static String contactOf(String visitor) {
        return api.get("/api/v1/visitor/me", visitor).text("id");
    }

    static JsonNode timeline(String contactId, String token, String lang) {
        Api.Response r = api.get("/api/v1/contacts/" + contactId + "/timeline?lang=" + lang, token);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        return r.json();
    }

    static List<String> texts(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("entries").forEach(e -> out.add(e.path("text").asText()));
        return out;
    }

    /** Routing runs on its own thread after the start: wait until the conversation is assigned. */
    static void awaitAssigned(String conversationId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (api.get("/api/v1/conversations/" + conversationId, cegep.jérôme).json().path("status").asText().equals("open")) return;
            Thread.sleep(50);
        }
        throw new AssertionError("conversation " + conversationId + " was never assigned");
    }

    @Test
    void aChatStartedAssignedAndResolvedIsToldWithItsServiceAgentAndOutcomeNewestFirstInEitherLanguage() throws Exception {
        String visitor = api.visitor("Zoé Lévesque");
        String contact = contactOf(visitor);
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour, quand sont les portes ouvertes?").text("conversationId");
        awaitAssigned(conversation);
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/conversations/" + conversation + "/messages", cegep.élodie, Map.of("body", "Réponse " + i, "clientId", "r" + i));
            api.post("/api/v1/visitor/conversations/" + conversation + "/messages", visitor, Map.of("body", "Merci " + i, "clientId", "m" + i));
        }
        assertThat(api.post("/api/v1/conversations/" + conversation + "/resolve", cegep.élodie, Map.of()).status()).isEqualTo(200);

        JsonNode fr = timeline(contact, cegep.élodie, "fr");
        assertThat(texts(fr)).as("no entry per message").containsExactly(
                "Conversation résolue par Élodie Tremblay, avec une réponse",
                "Conversation confiée à Élodie Tremblay",
                "Conversation commencée avec le service Admissions");
        JsonNode first = fr.path("entries").get(2);
        assertThat(first.path("module").asText()).isEqualTo("inbox");
        assertThat(first.path("what").asText()).isEqualTo("chat.started");
        assertThat(first.path("ref").path("href").asText()).isEqualTo("/console/c/" + conversation);
        assertThat(fr.path("entries").get(0).path("staff").path("name").asText()).isEqualTo("Élodie Tremblay");
        assertThat(fr.path("next").isNull()).isTrue();
        assertThat(texts(timeline(contact, cegep.élodie, "en"))).containsExactly(
                "Conversation resolved by Élodie Tremblay, answered",
                "Conversation assigned to Élodie Tremblay",
                "Conversation started with Admissions (en)");
    }

    @Test
    void aChatClosedWithoutAnAnswerSaysSo() throws Exception {
        String visitor = api.visitor("Gaël Ouellet");
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, "Allô?").text("conversationId");
        awaitAssigned(conversation);
        api.post("/api/v1/conversations/" + conversation + "/resolve", cegep.élodie, Map.of());
        assertThat(texts(timeline(contactOf(visitor), cegep.jérôme, "fr")).getFirst()).isEqualTo("Conversation fermée par Élodie Tremblay sans réponse");
    }

    @Test
    void liveQuestionsTheirAnswerAndTheDraftMadeFromThemAreToldOnTheAskersTimeline() {
        String visitor = api.visitor("Maëlle Bérubé");
        String contact = contactOf(visitor);
        String question = api.post("/api/v1/live/soiree-portes-ouvertes/questions", visitor, Map.of("body", "Y a-t-il une résidence étudiante?",
                "visibility", "public", "clientId", UUID.randomUUID().toString())).text("id");
        Api.Response asked = api.post("/api/v1/live/soiree-portes-ouvertes/questions", visitor, Map.of("body", "Ma cote R suffit-elle?",
                "visibility", "private", "service", Cegep.AIDE_FINANCIERE, "clientId", UUID.randomUUID().toString()));
        assertThat(asked.status()).isEqualTo(201);
        api.post("/api/v1/live/soiree-portes-ouvertes/questions/" + question + "/answer", cegep.jérôme, Map.of("body", "Oui, 300 places."));
        api.post("/api/v1/live/soiree-portes-ouvertes/questions/" + question + "/answer", cegep.jérôme, Map.of("body", "Oui, 320 places."));
        assertThat(api.post("/kb/capture/live/soiree-portes-ouvertes/" + question, cegep.jérôme, Map.of()).status()).isEqualTo(302);
        assertThat(api.post("/kb/capture/live/soiree-portes-ouvertes/" + question, cegep.jérôme, Map.of()).status()).as("the same draft").isEqualTo(302);

        JsonNode page = timeline(contact, cegep.jérôme, "fr");
        assertThat(texts(page)).containsExactly(
                "Article d’aide rédigé par Jérôme Bélanger à partir de sa question de la séance « Soirée portes ouvertes »",
                "Jérôme Bélanger a répondu sur le mur à sa question de la séance « Soirée portes ouvertes »",
                "Question privée posée pendant la séance « Soirée portes ouvertes »",
                "Conversation commencée avec le service Aide financière, depuis une séance en direct",
                "Question publique posée pendant la séance « Soirée portes ouvertes »");
        assertThat(page.path("entries").get(0).path("ref").path("href").asText()).startsWith("/kb/articles/");
        assertThat(page.path("entries").get(1).path("ref").path("href").asText()).isEqualTo("/live/soiree-portes-ouvertes/moderate");
        assertThat(texts(timeline(contact, cegep.jérôme, "en")).getLast()).isEqualTo("Public question asked during the session “Open house night”");
    }

    @Test
    void anArticleCapturedFromAConversationIsToldOnTheVisitorsTimeline() throws Exception {
        String visitor = api.visitor("Noé Gauthier");
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, "Quels sont les préalables en sciences?").text("conversationId");
        awaitAssigned(conversation);
        api.post("/api/v1/conversations/" + conversation + "/messages", cegep.élodie, Map.of("body", "Chimie et physique de 5e secondaire.", "clientId", "a"));
        api.post("/api/v1/conversations/" + conversation + "/resolve", cegep.élodie, Map.of());
        assertThat(api.post("/kb/capture/conversation/" + conversation, cegep.élodie, Map.of()).status()).isEqualTo(302);
        JsonNode newest = timeline(contactOf(visitor), cegep.élodie, "fr").path("entries").get(0);
        assertThat(newest.path("text").asText()).isEqualTo("Article d’aide rédigé par Élodie Tremblay à partir de sa conversation avec le service Admissions");
        assertThat(newest.path("module").asText()).isEqualTo("kb");
    }

    @Test
    void aLongTimelineComesInPagesThatNeitherRepeatNorSkipAnEntry() throws Exception {
        String visitor = api.visitor("Émile Paradis");
        String contact = contactOf(visitor);
        for (int i = 0; i < 36; i++) api.startConversation(visitor, Cegep.SOUTIEN_INFORMATIQUE, "Question n° " + i);
        JsonNode first = timeline(contact, cegep.jérôme, "fr");
        assertThat(first.path("entries").size()).isEqualTo(ContactTimeline.PAGE);
        String next = first.path("next").asText();
        JsonNode second = api.get("/api/v1/contacts/" + contact + "/timeline?cursor=" + next, cegep.jérôme).json();
        assertThat(second.path("entries").size()).isEqualTo(6);
        assertThat(second.path("next").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        first.path("entries").forEach(e -> ids.add(e.path("id").asText()));
        second.path("entries").forEach(e -> ids.add(e.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(36);
    }

    @Test
    void onlyThoseWhoMayReadTheContactReadItsTimelineAndABadCursorIsRefused() {
        String visitor = api.visitor("Zoé Lévesque");
        String contact = contactOf(visitor);
        api.startConversation(visitor, Cegep.AIDE_FINANCIERE, "Les prêts et bourses?");
        assertThat(api.get("/api/v1/contacts/" + contact + "/timeline", cegep.françois).status()).as("the service's agent").isEqualTo(200);
        assertThat(api.get("/api/v1/contacts/" + contact + "/timeline", cegep.noémie).status()).as("another service's agent").isEqualTo(403);
        assertThat(api.get("/api/v1/contacts/" + contact + "/timeline", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/contacts/999999/timeline", cegep.jérôme).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/abc/timeline", cegep.jérôme).status()).isEqualTo(404);
        Api.Response bad = api.get("/api/v1/contacts/" + contact + "/timeline?cursor=hier", cegep.jérôme);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("error").path("code").asText()).isEqualTo("invalid");
        assertThat(bad.json().path("error").path("message").asText()).contains("cursor");
        assertThat(api.get("/api/v1/contacts/" + contact + "/timeline?cursor=99999999999999999999.1", cegep.jérôme).status()).isEqualTo(422);
    }
}
