package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing respects skills: Élodie serves French only, Liam French and English; the exam helpdesk needs the exam
 * platform, which Noé the newcomer has but is not trained for.
 */
class SkillRoutingTest {
    TestNode node;
    Api api;
    Cegep cegep;
    String élodie, liam, noé;

    @BeforeEach
    void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withSupervisor();
        élodie = api.createStaff(cegep.admin, "elodie@t.ca", "Élodie Tremblay", "agent", 3, Cegep.ADMISSIONS, Cegep.SOUTIEN_INFORMATIQUE);
        liam = api.createStaff(cegep.admin, "liam@t.ca", "Liam O’Brien", "agent", 3, Cegep.ADMISSIONS, Cegep.SOUTIEN_INFORMATIQUE);
        noé = api.createStaff(cegep.admin, "noe@t.ca", "Noé Bélanger", "agent", 3, Cegep.SOUTIEN_INFORMATIQUE);
        skills("Élodie Tremblay", "fr");
        skills("Liam O’Brien", "fr", "en");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private void skills(String name, String... skills) {
        JsonNode team = api.get("/api/v1/staffing/rota/" + Cegep.SOUTIEN_INFORMATIQUE, cegep.jérôme).json().path("team");
        String id = null;
        for (JsonNode m : team) if (m.path("name").asText().equals(name)) id = m.path("id").asText();
        assertThat(api.put("/api/v1/staffing/skills/" + id, cegep.jérôme, Map.of("skills", List.of(skills))).status()).isEqualTo(200);
    }

    private String visitor(String name, String lang) {
        return api.post("/api/v1/visitor/sessions", null, Map.of("name", name, "lang", lang)).text("visitorToken");
    }

    private String start(String visitor, String service, String body) {
        return api.startConversation(visitor, service, body).text("conversationId");
    }

    private String assigneeOf(String conversationId) throws InterruptedException {
        String assignee = "";
        for (int i = 0; i < 100 && assignee.isEmpty(); i++) {
            assignee = api.get("/api/v1/conversations/" + conversationId, cegep.admin).json().path("assigneeName").asText("");
            if (assignee.isEmpty()) Thread.sleep(50);
        }
        return assignee;
    }

    private String statusOf(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId, cegep.admin).json().path("status").asText();
    }

    @Test
    void anEnglishChatSkipsTheFrenchOnlyAgent() throws Exception {
        try (var e = api.socket("/ws/agent?token=" + élodie); var l = api.socket("/ws/agent?token=" + liam)) {
            String english = start(visitor("Emily Clarke", "en"), Cegep.ADMISSIONS, "Hello, is the deadline March 1st?");
            assertThat(assigneeOf(english)).isEqualTo("Liam O’Brien");
            // Élodie has fewer open conversations now: the next French chat is hers
            String french = start(visitor("Zoé Lévesque", "fr"), Cegep.ADMISSIONS, "Bonjour, quelle est la date limite ?");
            assertThat(assigneeOf(french)).isEqualTo("Élodie Tremblay");
        }
    }

    @Test
    void anEnglishChatWaitsWhileOnlyTheFrenchOnlyAgentIsFreeAndGoesToWhoServesEnglishOnceThere() throws Exception {
        try (var e = api.socket("/ws/agent?token=" + élodie)) {
            String english = start(visitor("Emily Clarke", "en"), Cegep.ADMISSIONS, "Hello, anyone there?");
            // a French chat behind it is not held up by it
            String french = start(visitor("Zoé Lévesque", "fr"), Cegep.ADMISSIONS, "Bonjour !");
            assertThat(assigneeOf(french)).isEqualTo("Élodie Tremblay");
            // Élodie is free (2 places left) and routing passes again (her presence is set): the English chat still waits
            assertThat(api.post("/api/v1/me/presence", élodie, Map.of("status", "away")).status()).isEqualTo(200);
            assertThat(api.post("/api/v1/me/presence", élodie, Map.of("status", "available")).status()).isEqualTo(200);
            Thread.sleep(500);
            assertThat(statusOf(english)).isEqualTo("waiting");
            assertThat(e.nextMatching("conversation.assigned", f -> f.path("conversation").path("id").asText().equals(english), 1)).isNull();
            try (var l = api.socket("/ws/agent?token=" + liam)) {
                JsonNode assigned = l.next("conversation.assigned", 5);
                assertThat(assigned.path("conversation").path("id").asText()).isEqualTo(english);
            }
            assertThat(assigneeOf(english)).isEqualTo("Liam O’Brien");
        }
    }

    @Test
    void anAgentWithoutTheSkillNeverReceivesItEvenWhenFreeAndTheQueueKeepsIt() throws Exception {
        try (var e = api.socket("/ws/agent?token=" + élodie)) {
            String english = start(visitor("Emily Clarke", "en"), Cegep.ADMISSIONS, "Hello?");
            for (int i = 0; i < 3; i++) {
                api.post("/api/v1/me/presence", élodie, Map.of("status", "away"));
                api.post("/api/v1/me/presence", élodie, Map.of("status", "available"));
            }
            Thread.sleep(500);
            assertThat(statusOf(english)).isEqualTo("waiting");
            assertThat(e.receives("conversation.assigned", 500)).isFalse();
            JsonNode waiting = api.get("/api/v1/conversations?status=waiting", cegep.jérôme).json().path("conversations");
            assertThat(waiting).hasSize(1);
            assertThat(waiting.get(0).path("id").asText()).isEqualTo(english);
        }
    }

    @Test
    void theExamHelpdeskGoesToTrainedAgentsWithThePlatformNotToTheNewcomer() throws Exception {
        assertThat(api.put("/api/v1/staffing/services/" + Cegep.SOUTIEN_INFORMATIQUE + "/skills", cegep.jérôme,
                Map.of("skills", List.of("exam-platform"))).json().path("skills").toString()).isEqualTo("[\"exam-platform\"]");
        assertThat(api.put("/api/v1/staffing/services/" + Cegep.SOUTIEN_INFORMATIQUE + "/skills", cegep.jérôme,
                Map.of("skills", List.of("trained"))).status()).as("languages and training are the agents'").isEqualTo(422);
        assertThat(api.put("/api/v1/staffing/services/" + Cegep.SOUTIEN_INFORMATIQUE + "/skills", élodie,
                Map.of("skills", List.of("phone"))).status()).isEqualTo(403);
        skills("Noé Bélanger", "fr", "exam-platform");
        skills("Élodie Tremblay", "fr", "exam-platform", "trained");
        try (var n = api.socket("/ws/agent?token=" + noé); var e = api.socket("/ws/agent?token=" + élodie)) {
            String first = start(visitor("Zoé Lévesque", "fr"), Cegep.SOUTIEN_INFORMATIQUE, "Mon examen ne s’ouvre pas");
            assertThat(assigneeOf(first)).isEqualTo("Élodie Tremblay");
            String second = start(visitor("Gaël Ménard", "fr"), Cegep.SOUTIEN_INFORMATIQUE, "La plateforme me déconnecte");
            assertThat(assigneeOf(second)).as("Noé has none open, but is not trained").isEqualTo("Élodie Tremblay");
            String third = start(visitor("Inès Roy", "fr"), Cegep.SOUTIEN_INFORMATIQUE, "Je ne vois pas ma copie");
            String fourth = start(visitor("Émile Roy", "fr"), Cegep.SOUTIEN_INFORMATIQUE, "Écran noir");
            assertThat(assigneeOf(third)).isEqualTo("Élodie Tremblay");
            Thread.sleep(300);
            assertThat(statusOf(fourth)).as("Élodie is full: it waits rather than go to the newcomer").isEqualTo("waiting");
            assertThat(n.receives("conversation.assigned", 300)).isFalse();
            api.post("/api/v1/conversations/" + first + "/resolve", élodie, Map.of());
            assertThat(e.nextMatching("conversation.assigned", f -> f.path("conversation").path("id").asText().equals(fourth), 5)).isNotNull();
        }
    }

    @Test
    void theRuleItself() {
        assertThat(SkillRouting.mayTake(Set.of(), Set.of(), "en")).as("no skills anywhere: as before").isTrue();
        assertThat(SkillRouting.mayTake(Set.of("fr"), Set.of(), "en")).isFalse();
        assertThat(SkillRouting.mayTake(Set.of("fr"), Set.of(), "fr")).isTrue();
        assertThat(SkillRouting.mayTake(Set.of("trained"), Set.of(), "en")).as("no language declared: any").isTrue();
        assertThat(SkillRouting.mayTake(Set.of("en", "exam-platform"), Set.of("exam-platform"), "en")).as("a newcomer").isFalse();
        assertThat(SkillRouting.mayTake(Set.of("en", "exam-platform", "trained"), Set.of("exam-platform"), "en")).isTrue();
        assertThat(SkillRouting.mayTake(Set.of("en", "trained"), Set.of("exam-platform"), "en")).isFalse();
        assertThat(SkillRouting.mayTake(Set.of(), Set.of("exam-platform"), "fr")).as("the service needs what nobody declared").isFalse();
    }
}
