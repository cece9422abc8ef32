package io.guichet.inbox;

import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox API as integrators and the widget use it: contract, access rules and bad input. */
class InboxApiTest {
    static TestNode node;
    static Api api;
    static String admin;
    static String elodie;   // agent of admissions
    static String noemie;   // agent of soutien-informatique only

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        Cegep cegep = Cegep.on(node).capacity(3).withServices().withAgents(Cegep.Persona.ELODIE, Cegep.Persona.NOEMIE);
        admin = cegep.admin;
        elodie = cegep.élodie;
        noemie = cegep.noémie;
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void visitorAndAgentExchangeMessagesInOrderWithAccentsIntact() {
        String visitor = api.visitor("Zoé Lévesque");
        Response started = api.startConversation(visitor, "admissions", "Quelle est l’échéance pour la demande d’admission?");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().path("seq").asInt()).isEqualTo(1);
        String id = started.text("conversationId");

        Response reply = api.post("/api/v1/conversations/" + id + "/messages", elodie,
                Map.of("body", "C’est le 1er mars — bonne chance, Zoé!", "clientId", "r-1"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("seq").asInt()).isEqualTo(2);

        Response history = api.get("/api/v1/visitor/conversations/" + id + "/messages?after=0", visitor);
        assertThat(history.json().path("messages")).hasSize(2);
        assertThat(history.json().path("messages").get(0).path("body").asText()).isEqualTo("Quelle est l’échéance pour la demande d’admission?");
        assertThat(history.json().path("messages").get(1).path("author").asText()).isEqualTo("agent");
        assertThat(history.json().path("messages").get(1).path("authorName").asText()).isEqualTo("Élodie Tremblay");
        assertThat(history.json().path("messages").get(1).path("createdAt").asText()).matches(".*[+-]\\d\\d:\\d\\d$");

        Response afterFirst = api.get("/api/v1/visitor/conversations/" + id + "/messages?after=1", visitor);
        assertThat(afterFirst.json().path("messages")).hasSize(1);
    }

    @Test
    void aRepeatedClientIdReturnsTheFirstResultAndStoresNothingNew() {
        String visitor = api.visitor("Léa");
        Map<String, String> body = Map.of("service", "admissions", "body", "Bonjour", "clientId", "même-id");
        Response first = api.post("/api/v1/visitor/conversations", visitor, body);
        Response again = api.post("/api/v1/visitor/conversations", visitor, body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("conversationId")).isEqualTo(first.text("conversationId"));
        assertThat(again.text("messageId")).isEqualTo(first.text("messageId"));

        String id = first.text("conversationId");
        Map<String, String> message = Map.of("body", "Encore moi", "clientId", "msg-1");
        Response m1 = api.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, message);
        Response m2 = api.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, message);
        assertThat(m1.status()).isEqualTo(201);
        assertThat(m2.status()).isEqualTo(200);
        assertThat(m2.text("messageId")).isEqualTo(m1.text("messageId"));
        assertThat(api.get("/api/v1/visitor/conversations/" + id + "/messages", visitor).json().path("messages")).hasSize(2);
    }

    @Test
    void internalNotesAreNeverShownToTheVisitor() {
        String visitor = api.visitor("Malik");
        String id = api.startConversation(visitor, "admissions", "Allô").text("conversationId");
        api.post("/api/v1/conversations/" + id + "/messages", elodie, Map.of("body", "Dossier incomplet, vérifier", "clientId", "n1", "internal", true));
        api.post("/api/v1/conversations/" + id + "/messages", elodie, Map.of("body", "Bonjour Malik", "clientId", "n2"));

        var visitorView = api.get("/api/v1/visitor/conversations/" + id + "/messages", visitor).json().path("messages");
        assertThat(visitorView).hasSize(2);
        assertThat(visitorView.toString()).doesNotContain("Dossier incomplet");
        var staffView = api.get("/api/v1/conversations/" + id + "/messages", elodie).json().path("messages");
        assertThat(staffView).hasSize(3);
        assertThat(staffView.get(1).path("internal").asBoolean()).isTrue();
    }

    @Test
    void markupIsStoredAndReturnedAsPlainText() {
        String visitor = api.visitor("<b>Eve</b>");
        String body = "<script>alert('x')</script> & <img src=x onerror=alert(1)>";
        String id = api.startConversation(visitor, "admissions", body).text("conversationId");
        var messages = api.get("/api/v1/conversations/" + id + "/messages", elodie).json().path("messages");
        assertThat(messages.get(0).path("body").asText()).isEqualTo(body);
    }

    @Test
    void badMessagesAreRefusedWithAClearError() {
        String visitor = api.visitor("Testeur");
        Response empty = api.post("/api/v1/visitor/conversations", visitor, Map.of("service", "admissions", "body", "   ", "clientId", "e1"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("error").path("code").asText()).isEqualTo("invalid");

        Response tooLong = api.post("/api/v1/visitor/conversations", visitor, Map.of("service", "admissions", "body", "é".repeat(4_001), "clientId", "e2"));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("error").path("message").asText()).contains("4000");

        Response atLimit = api.post("/api/v1/visitor/conversations", visitor, Map.of("service", "admissions", "body", "é".repeat(4_000), "clientId", "e3"));
        assertThat(atLimit.status()).isEqualTo(201);

        Response unknown = api.post("/api/v1/visitor/conversations", visitor, Map.of("service", "cafeteria", "body", "Menu?", "clientId", "e4"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("error").path("code").asText()).isEqualTo("unknown_service");

        Response wrongType = api.postRaw("/api/v1/visitor/conversations", visitor, "{\"service\":\"admissions\",\"body\":42,\"clientId\":\"e5\"}");
        assertThat(wrongType.status()).isEqualTo(422);

        Response malformed = api.postRaw("/api/v1/visitor/conversations", visitor, "{\"service\":");
        assertThat(malformed.status()).isEqualTo(400);

        Response huge = api.postRaw("/api/v1/visitor/conversations", visitor, "{\"body\":\"" + "a".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("error").path("code").asText()).isEqualTo("too_large");
    }

    @Test
    void anAgentCannotReadOrWriteAConversationOfAnotherService() {
        String visitor = api.visitor("Camille");
        String id = api.startConversation(visitor, "admissions", "Question d’admission").text("conversationId");
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", noemie).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/conversations/" + id + "/messages", noemie, Map.of("body", "Hop", "clientId", "x")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/conversations?status=waiting", noemie).json().path("conversations").toString()).doesNotContain("Question d’admission");
        assertThat(api.get("/api/v1/conversations?status=waiting", elodie).json().path("conversations").toString()).contains("Question d’admission");
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", admin).status()).isEqualTo(200);
    }

    @Test
    void aVisitorCannotSeeSomeoneElsesConversation() {
        String owner = api.visitor("Jade");
        String other = api.visitor("Intrus");
        String id = api.startConversation(owner, "admissions", "Mon dossier").text("conversationId");
        assertThat(api.get("/api/v1/visitor/conversations/" + id + "/messages", other).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/visitor/conversations/" + id + "/messages", other, Map.of("body", "x", "clientId", "y")).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/visitor/conversations/" + id + "/messages", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/conversations", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/conversations", owner).status()).isEqualTo(401);
    }

    @Test
    void onlyAnAdministratorCreatesServicesAndStaff() {
        Response asAgent = api.post("/api/v1/services", elodie, Map.of("slug", "sports", "nameFr", "Sports", "nameEn", "Sports"));
        assertThat(asAgent.status()).isEqualTo(403);
        Response staffAsAgent = api.post("/api/v1/staff", elodie, Map.of("email", "x@y.ca", "name", "X", "password", "un-mot-de-passe-long", "role", "agent"));
        assertThat(staffAsAgent.status()).isEqualTo(403);

        Response unknownService = api.post("/api/v1/staff", admin, Map.of("email", "z@y.ca", "name", "Z", "password", "un-mot-de-passe-long",
                "role", "agent", "services", java.util.List.of("piscine")));
        assertThat(unknownService.status()).isEqualTo(422);
        Response duplicate = api.post("/api/v1/staff", admin, Map.of("email", "ELODIE@cegep-test.qc.ca", "name", "Autre", "password", "un-mot-de-passe-long"));
        assertThat(duplicate.status()).isEqualTo(409);
        Response badSlug = api.post("/api/v1/services", admin, Map.of("slug", "Vie Étudiante", "nameFr", "Vie étudiante", "nameEn", "Student life"));
        assertThat(badSlug.status()).isEqualTo(422);

        Response services = api.get("/api/v1/services", null);
        assertThat(services.json().path("services").toString()).contains("Soutien informatique");
    }
}
