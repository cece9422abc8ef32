package io.guichet.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the help centre gives agents in the console (suggested articles, saved replies) and what it
 * takes from them (drafts captured from resolved conversations), and the gaps it reports.
 */
class KbCaptureTest {
    static TestNode node;
    static Api api;
    static String admin;
    static String agent;
    static String elodie;
    static String articleId;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        Cegep cegep = Cegep.on(node).capacity(5).withServices().withAgents(Cegep.Persona.FRANCOIS, Cegep.Persona.ELODIE);
        admin = cegep.admin;
        agent = cegep.françois;
        elodie = cegep.élodie;
        articleId = api.post("/api/v1/kb/articles", admin, Map.of("title", "Aide financière aux études : prêts et bourses",
                "body", "Faites votre demande de prêts et bourses en ligne dès le mois de mai.", "lang", "fr",
                "status", "published", "service", "aide-financiere")).text("id");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A visitor's question answered by the agent; returns the conversation's id. */
    static String answered(String question, String answer) {
        String visitor = api.visitor("Zoé Lévesque");
        String id = api.startConversation(visitor, "aide-financiere", question).text("conversationId");
        api.post("/api/v1/conversations/" + id + "/messages", agent, Map.of("body", "Note : vérifier le dossier", "clientId", "n-" + id, "internal", true));
        api.post("/api/v1/conversations/" + id + "/messages", agent, Map.of("body", answer, "clientId", "a-" + id));
        return id;
    }

    @Test
    void theConsoleSuggestsArticlesFromTheVisitorsMessagesReadyToInsert() {
        String id = answered("Bonjour, comment je fais pour avoir des prets et bourses?", "Voici le lien.");
        Api.Response r = api.get("/kb/console/suggestions?conversation=" + id, agent);
        assertThat(r.status()).isEqualTo(200);
        String html = r.json().asText();
        assertThat(html).contains("Aide financière aux études : prêts et bourses");
        assertThat(html).contains("data-kb-insert=\"" + node.baseUrl() + "/aide/" + articleId + "-aide-financiere-aux-etudes-prets-et-bourses\"");
        assertThat(html).contains("data-kb-insert=\"Aide financière aux études : prêts et bourses\n\nFaites votre demande");
        assertThat(api.get("/kb/console/suggestions?conversation=" + id, elodie).status()).as("not her service").isEqualTo(403);
    }

    @Test
    void aResolvedConversationBecomesADraftWithTheQuestionAndTheAnswerLinkedToItsSource() {
        String id = answered("Quand dois-je payer mes droits de scolarité?", "Avant le début des cours, ou en deux versements.");
        assertThat(api.post("/kb/capture/conversation/" + id, agent, Map.of()).status()).as("not resolved yet").isEqualTo(409);
        api.post("/api/v1/conversations/" + id + "/resolve", agent, Map.of());

        Api.Response made = api.post("/kb/capture/conversation/" + id, agent, Map.of());
        assertThat(made.status()).isEqualTo(302);
        String location = made.raw().headers().firstValue("Location").orElseThrow();
        String draftId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode draft = api.get("/api/v1/kb/articles/" + draftId, agent).json();
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("title").asText()).isEqualTo("Quand dois-je payer mes droits de scolarité?");
        assertThat(draft.path("body").asText()).isEqualTo("Avant le début des cours, ou en deux versements.").doesNotContain("Note");
        assertThat(draft.path("service").asText()).isEqualTo("aide-financiere");
        assertThat(draft.path("source").path("kind").asText()).isEqualTo("conversation");
        assertThat(draft.path("source").path("ref").asText()).isEqualTo(id);

        Api.Response again = api.post("/kb/capture/conversation/" + id, agent, Map.of());
        assertThat(again.raw().headers().firstValue("Location")).as("the same draft").contains(location);
        String editPage = api.get(location, agent).json().asText();
        assertThat(editPage).contains("Conversation n° " + id, "href=\"/console/c/" + id + "\"");
    }

    @Test
    void anAnsweredLiveQuestionBecomesADraftLinkedToItsSession() {
        String now = java.time.OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String later = java.time.OffsetDateTime.now().plusHours(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertThat(api.post("/api/v1/live", admin, Map.of("slug", "soiree-aide", "titleFr", "Soirée de l’aide financière",
                "titleEn", "Financial aid night", "startsAt", now, "endsAt", later, "moderation", "post",
                "services", java.util.List.of("aide-financiere"))).status()).isEqualTo(201);
        api.post("/api/v1/live/soiree-aide/start", admin, Map.of());
        String visitor = api.visitor("Zoé");
        String question = api.post("/api/v1/live/soiree-aide/questions", visitor, Map.of("body", "Les bourses sont-elles imposables?",
                "visibility", "public", "clientId", "q-1")).text("id");
        String capture = "/kb/capture/live/soiree-aide/" + question;
        assertThat(api.post(capture, admin, Map.of()).status()).as("not answered yet").isEqualTo(409);
        api.post("/api/v1/live/soiree-aide/questions/" + question + "/answer", admin, Map.of("body", "Non, les bourses du Québec ne sont pas imposables."));
        assertThat(api.post(capture, agent, Map.of()).status()).as("an agent does not moderate live sessions").isEqualTo(403);

        Api.Response made = api.post(capture, admin, Map.of());
        assertThat(made.status()).isEqualTo(302);
        String location = made.raw().headers().firstValue("Location").orElseThrow();
        JsonNode draft = api.get("/api/v1/kb/articles/" + location.substring(location.lastIndexOf('/') + 1), admin).json();
        assertThat(draft.path("status").asText()).isEqualTo("draft");
        assertThat(draft.path("title").asText()).isEqualTo("Les bourses sont-elles imposables?");
        assertThat(draft.path("body").asText()).isEqualTo("Non, les bourses du Québec ne sont pas imposables.");
        assertThat(draft.path("source").path("kind").asText()).isEqualTo("live");
        assertThat(draft.path("source").path("ref").asText()).isEqualTo("soiree-aide/" + question);
        assertThat(api.post(capture, admin, Map.of()).raw().headers().firstValue("Location")).as("the same draft").contains(location);
        assertThat(api.get(location, admin).json().asText()).contains("Question n° " + question + " de la soirée soiree-aide",
                "href=\"/live/soiree-aide/moderate\"");
    }

    @Test
    void savedRepliesArePersonalOrPerServiceAndFoundByTheirShortcut() {
        assertThat(api.postForm("/kb/replies", agent, Map.of("name", "merci", "body", "Merci de votre patience, Zoé!")).status()).isEqualTo(302);
        assertThat(api.postForm("/kb/replies", agent, Map.of("name", "afe", "body", "x", "service", "aide-financiere")).status())
                .as("a service's reply takes a supervisor").isEqualTo(422);
        assertThat(api.postForm("/kb/replies", admin, Map.of("name", "afe", "body", "Le formulaire est en ligne.", "service", "aide-financiere")).status())
                .isEqualTo(302);
        assertThat(api.postForm("/kb/replies", admin, Map.of("name", "afe", "body", "Doublon", "service", "aide-financiere")).status())
                .isEqualTo(422);
        assertThat(api.postForm("/kb/replies", agent, Map.of("name", "Pas Valide!", "body", "x")).status()).isEqualTo(422);

        JsonNode all = api.get("/kb/replies.json?q=", agent).json().path("replies");
        assertThat(all).extracting(n -> n.path("name").asText()).containsExactly("merci", "afe");
        JsonNode afe = api.get("/kb/replies.json?q=af", agent).json().path("replies");
        assertThat(afe).hasSize(1);
        assertThat(afe.get(0).path("body").asText()).isEqualTo("Le formulaire est en ligne.");
        assertThat(api.get("/kb/replies.json?q=", elodie).json().path("replies")).as("neither hers nor her service's").isEmpty();
    }

    @Test
    void searchesAndQuestionsThatFoundNothingGoodAreGroupedInTheGapsReport() {
        for (String q : new String[]{"horaire de la piscine", "piscine horaire", "heures piscine horaire", "stationnement vélo"}) {
            api.get("/aide?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8), null);
        }
        api.get("/aide?q=pret%20et%20bourse", null); // found: not a gap
        api.post("/api/v1/kb/events", null, Map.of("visitorKey", "visiteur-0001", "kind", "chat",
                "question", "Est-ce que la piscine est ouverte le soir? horaire", "lang", "fr"));
        String report = api.get("/kb/gaps", agent).json().asText();
        int pool = report.indexOf("« piscine horaire »");
        int bike = report.indexOf("« stationnement vélo »");
        assertThat(pool).isPositive();
        assertThat(bike).as("less frequent, further down").isGreaterThan(pool);
        assertThat(report).contains("href=\"/kb/articles/new?lang=fr&title=Est-ce+que+la+piscine");
        assertThat(api.get("/kb/articles/new?lang=fr&title=piscine+horaire", agent).json().asText()).contains("value=\"piscine horaire\"");
        assertThat(report).contains("<strong>4</strong>", "dont 1 en clavardage", "« Est-ce que la piscine est ouverte le soir? horaire »").doesNotContain("pret et bourse");
    }

    @Test
    void aVisitorWhoOpenedASuggestedArticleAndDidNotChatWasDeflected() {
        assertThat(api.post("/api/v1/kb/events", null, Map.of("visitorKey", "defl-aaaa-1", "kind", "opened", "articleId", articleId)).status())
                .isEqualTo(204);
        api.post("/api/v1/kb/events", null, Map.of("visitorKey", "defl-bbbb-2", "kind", "opened", "articleId", articleId));
        api.post("/api/v1/kb/events", null, Map.of("visitorKey", "defl-bbbb-2", "kind", "chat", "question", "prêts et bourses", "lang", "fr"));
        assertThat(api.post("/api/v1/kb/events", null, Map.of("visitorKey", "x", "kind", "opened", "articleId", articleId)).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/kb/events", null, Map.of("visitorKey", "defl-cccc-3", "kind", "clicked")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/kb/events", null, Map.of("visitorKey", "defl-cccc-3", "kind", "opened", "articleId", "999999")).status())
                .isEqualTo(422);
        String report = api.get("/kb/gaps", admin).json().asText();
        assertThat(report).contains("2 visiteurs ont ouvert un article suggéré; 1 n’ont pas clavardé ensuite (50 %).");
    }
}
