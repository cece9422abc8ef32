package io.guichet.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/conversations as a search: words folded for French, filters, rights, pages, and refused input. */
class ConversationSearchTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static String eleve, bourse, zoe;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        eleve = api.startConversation(api.visitor("Marc Côté"), Cegep.ADMISSIONS, "Mon fils est élève de 5e secondaire, peut-il s’inscrire?").text("conversationId");
        bourse = api.startConversation(api.visitor("Inès Bérubé"), Cegep.AIDE_FINANCIERE, "Quand arrive la bourse d’études?").text("conversationId");
        zoe = api.startConversation(api.visitor(Cegep.ZOE_NAME), Cegep.SOUTIEN_INFORMATIQUE, "Mon mot de passe ne marche plus").text("conversationId");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static List<String> ids(String query, String token) {
        Response r = api.get("/api/v1/conversations?" + query, token);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("conversations").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aWordWithoutItsAccentsFindsTheMessageThatHasThem() {
        assertThat(ids(q("eleve"), cegep.admin)).containsExactly(eleve);
        assertThat(ids(q("ÉLÈVE secondaire"), cegep.admin)).containsExactly(eleve);
        assertThat(ids(q("inscri"), cegep.admin)).as("the beginning of a word").containsExactly(eleve);
        assertThat(ids(q("élève bourse"), cegep.admin)).as("every word must be there").isEmpty();
    }

    @Test
    void theContactsNameOrEmailFindsTheirConversations() {
        assertThat(ids(q("zoe levesque"), cegep.admin)).containsExactly(zoe);
        assertThat(ids(q("bérubé"), cegep.admin)).containsExactly(bourse);
    }

    @Test
    void anAgentFindsOnlyTheConversationsTheyMayRead() {
        String noemie = cegep.token(Cegep.Persona.NOEMIE); // soutien informatique only
        assertThat(ids(q("eleve"), noemie)).isEmpty();
        assertThat(ids("", noemie)).containsExactly(zoe);
        assertThat(ids("service=admissions", noemie)).as("naming another service shows nothing more").isEmpty();
        assertThat(ids("", cegep.jérôme)).as("a supervisor reads every service").contains(eleve, bourse, zoe);
    }

    @Test
    void filtersNarrowByServiceStatusChannelAndDate() {
        assertThat(ids("service=aide-financiere", cegep.admin)).containsExactly(bourse);
        assertThat(ids("status=waiting&" + q("bourse"), cegep.admin)).containsExactly(bourse);
        assertThat(ids("status=resolved", cegep.admin)).doesNotContain(eleve, bourse, zoe);
        assertThat(ids("channel=widget&service=admissions", cegep.admin)).containsExactly(eleve);
        assertThat(ids("channel=live", cegep.admin)).isEmpty();
        String today = LocalDate.now(ZoneId.of("America/Montreal")).toString();
        assertThat(ids("from=" + today + "&to=" + today, cegep.admin)).contains(eleve, bourse, zoe);
        assertThat(ids("to=2020-01-31", cegep.admin)).isEmpty();
    }

    @Test
    void aSearchWithWordsPagesWithTheCursorToo() {
        Response first = api.get("/api/v1/conversations?limit=1&" + q("mon"), cegep.admin);
        assertThat(first.json().path("conversations").get(0).path("id").asText()).isEqualTo(zoe);
        String next = first.json().path("next").asText();
        assertThat(next).isNotBlank();
        Response second = api.get("/api/v1/conversations?limit=1&" + q("mon") + "&cursor=" + next, cegep.admin);
        assertThat(second.json().path("conversations")).hasSize(1);
        assertThat(second.json().path("conversations").get(0).path("id").asText()).isEqualTo(eleve);
        assertThat(second.json().path("next").isNull()).isTrue();
    }

    @Test
    void aNoteWrittenLaterIsFoundByItsWords() {
        // Zoé's is the newest conversation already, so the note leaves the order the other tests expect.
        assertThat(ids(q("réinitialisé"), cegep.admin)).isEmpty();
        Response note = api.post("/api/v1/conversations/" + zoe + "/messages", cegep.token(Cegep.Persona.NOEMIE),
                Map.of("body", "Mot de passe réinitialisé par téléphone", "internal", true, "clientId", UUID.randomUUID().toString()));
        assertThat(note.status()).as(note.raw().body()).isEqualTo(201);
        assertThat(ids(q("reinitialise telephone"), cegep.admin)).containsExactly(zoe);
    }

    @Test
    void pagesFollowEachOtherWithTheCursorNewestFirst() {
        Response first = api.get("/api/v1/conversations?limit=2", cegep.admin);
        assertThat(first.json().path("conversations")).hasSize(2);
        String next = first.json().path("next").asText();
        assertThat(next).isNotBlank();
        Response second = api.get("/api/v1/conversations?limit=2&cursor=" + next, cegep.admin);
        List<String> all = new ArrayList<>();
        first.json().path("conversations").forEach(c -> all.add(c.path("id").asText()));
        second.json().path("conversations").forEach(c -> all.add(c.path("id").asText()));
        assertThat(all).containsExactly(zoe, bourse, eleve);
        assertThat(second.json().path("next").isNull()).isTrue();
    }

    @Test
    void theContactAndThePreviewComeWithEachResult() {
        JsonNode c = api.get("/api/v1/conversations?" + q("bourse"), cegep.admin).json().path("conversations").get(0);
        assertThat(c.path("contact").path("name").asText()).isEqualTo("Inès Bérubé");
        assertThat(c.path("preview").asText()).isEqualTo("Quand arrive la bourse d’études?");
        assertThat(c.path("snoozed").asBoolean()).isFalse();
        assertThat(c.path("labels")).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertRefused("q=" + "a".repeat(201), "q");
        assertRefused("q=%07bourse", "q");
        assertRefused("status=ferm%C3%A9e", "status");
        assertRefused("channel=fax", "channel");
        assertRefused("from=2026-13-01", "from");
        assertRefused("from=2026-12-02&to=2026-12-01", "to");
        assertRefused("contact=abc", "contact");
        assertRefused("label=-3", "label");
        assertRefused("limit=0", "limit");
        assertRefused("limit=beaucoup", "limit");
        assertRefused("cursor=pas-un-curseur", "cursor");
        assertThat(api.get("/api/v1/conversations?service=inconnu", cegep.admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/conversations", null).status()).isEqualTo(401);
    }

    @Test
    void markupAndOperatorsInTheTextAreWordsNotSyntax() {
        assertThat(ids(q("<script>alert(1)</script>"), cegep.admin)).isEmpty();
        assertThat(ids(q("bourse | ! & (':*"), cegep.admin)).containsExactly(bourse);
        assertThat(ids(q("%_"), cegep.admin)).as("LIKE's wildcards are plain characters").isEmpty();
    }

    private static void assertRefused(String query, String field) {
        Response r = api.get("/api/v1/conversations?" + query, cegep.admin);
        assertThat(r.status()).as(query).isEqualTo(422);
        assertThat(r.json().path("error").path("message").asText()).as(query).startsWith(field + " ");
    }
}
