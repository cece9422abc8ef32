package io.guichet.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * @mentions in internal notes over HTTP and sockets: suggestions by name (accents ignored) among those who may read the
 * conversation, the mentioned colleague told live and in their list, a mention of anyone else refused.
 */
class MentionsTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String staffId(Cegep.Persona p) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM staff WHERE email = :e").bind("e", p.email).mapTo(Long.class).one()).toString();
    }

    static String admissionsConversation() {
        return api.startConversation(api.visitor("Zoé Lévesque"), Cegep.ADMISSIONS, "Ma demande d’admission est-elle complète?").text("conversationId");
    }

    static Response note(String token, String conversationId, String body, List<String> mentions) {
        return api.post("/api/v1/conversations/" + conversationId + "/messages", token,
                Map.of("body", body, "clientId", UUID.randomUUID().toString(), "internal", true, "mentions", mentions));
    }

    @Test
    void theSuggestionsAreTheColleaguesWhoMayReadTheConversationFoundWithoutAccents() {
        String id = admissionsConversation();
        JsonNode byJerome = api.get("/api/v1/conversations/" + id + "/mentionable?q=elo", cegep.jérôme).json().path("colleagues");
        assertThat(byJerome).hasSize(1);
        assertThat(byJerome.get(0).path("name").asText()).isEqualTo("Élodie Tremblay");
        assertThat(api.get("/api/v1/conversations/" + id + "/mentionable?q=TREM", cegep.jérôme).json().path("colleagues").get(0).path("name").asText())
                .as("any word of the name, any case").isEqualTo("Élodie Tremblay");
        assertThat(api.get("/api/v1/conversations/" + id + "/mentionable?q=noe", cegep.jérôme).json().path("colleagues"))
                .as("Noémie works in soutien informatique: not offered").isEmpty();
        JsonNode byElodie = api.get("/api/v1/conversations/" + id + "/mentionable?q=", cegep.élodie).json().path("colleagues");
        assertThat(byElodie.findValuesAsText("name")).as("the supervisor reads everything; the admins too; not herself")
                .contains("Jérôme Bélanger").doesNotContain("Élodie Tremblay", "Noémie Côté", "François Gagnon");
        assertThat(api.get("/api/v1/conversations/" + id + "/mentionable?q=elo", cegep.token(Cegep.Persona.NOEMIE)).status())
                .as("only whoever reads the conversation asks").isEqualTo(403);
        assertThat(api.get("/api/v1/conversations/" + id + "/mentionable?q=a%07", cegep.jérôme).status()).isEqualTo(422);
    }

    @Test
    void aMentionedColleagueIsToldLiveAndFindsItUnreadUntilTheyOpenTheConversation() {
        String id = admissionsConversation();
        String élodie = staffId(Cegep.Persona.ELODIE);
        try (Api.Socket élodieSocket = api.socket("/ws/agent?token=" + cegep.élodie);
             Api.Socket noémieSocket = api.socket("/ws/agent?token=" + cegep.token(Cegep.Persona.NOEMIE))) {
            Response sent = note(cegep.jérôme, id, "@Élodie Tremblay peux-tu vérifier sa cote R? <b>merci</b>", List.of(élodie));
            assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
            JsonNode frame = élodieSocket.next("mention", 5);
            assertThat(frame).as("told live").isNotNull();
            assertThat(frame.path("conversationId").asText()).isEqualTo(id);
            assertThat(frame.path("byName").asText()).isEqualTo("Jérôme Bélanger");
            assertThat(frame.path("contactName").asText()).isEqualTo("Zoé Lévesque");
            assertThat(frame.path("excerpt").asText()).contains("<b>merci</b>");
            assertThat(noémieSocket.receives("mention", 500)).as("nobody else").isFalse();
        }
        JsonNode mine = api.get("/api/v1/me/mentions", cegep.élodie).json();
        assertThat(mine.path("unread").asInt()).isEqualTo(1);
        assertThat(mine.path("mentions").get(0).path("by").path("name").asText()).isEqualTo("Jérôme Bélanger");
        assertThat(mine.path("mentions").get(0).path("unread").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me/mentions", cegep.jérôme).json().path("mentions")).as("the writer is not mentioned").isEmpty();

        assertThat(api.post("/api/v1/conversations/" + id + "/mentions/read", cegep.élodie, Map.of()).status()).isEqualTo(204);
        JsonNode after = api.get("/api/v1/me/mentions", cegep.élodie).json();
        assertThat(after.path("unread").asInt()).isZero();
        assertThat(after.path("mentions").get(0).path("unread").asBoolean()).as("still listed, read").isFalse();
        JsonNode stored = api.get("/api/v1/conversations/" + id + "/messages", cegep.jérôme).json().path("messages");
        assertThat(stored.get(stored.size() - 1).path("internal").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/visitor/conversations/" + id + "/messages", api.visitor("x")).status()).isEqualTo(404);
    }

    @Test
    void aMentionOfSomeoneWhoCannotReadTheConversationIsRefusedAndNothingIsStored() {
        String id = admissionsConversation();
        String noémie = staffId(Cegep.Persona.NOEMIE);
        Response refused = note(cegep.jérôme, id, "@Noémie Côté regarde ça", List.of(noémie));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("error").path("message").asText()).contains("Noémie Côté").contains("mentioned");
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", cegep.jérôme).json().path("messages")).as("no note either").hasSize(1);
        assertThat(api.get("/api/v1/me/mentions", cegep.token(Cegep.Persona.NOEMIE)).json().path("mentions")).isEmpty();

        Response inAReply = api.post("/api/v1/conversations/" + id + "/messages", cegep.jérôme,
                Map.of("body", "Bonjour", "clientId", UUID.randomUUID().toString(), "mentions", List.of(staffId(Cegep.Persona.ELODIE))));
        assertThat(inAReply.status()).as("mentions are for notes").isEqualTo(422);
        assertThat(note(cegep.jérôme, id, "Qui?", List.of("abc")).status()).isEqualTo(422);
        assertThat(note(cegep.jérôme, id, "Qui?", List.of("999999")).status()).isEqualTo(422);
    }
}
