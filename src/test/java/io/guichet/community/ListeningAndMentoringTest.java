package io.guichet.community;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Listening on a synthetic French corpus, and a mentoring round from questionnaires to confirmed, introduced pairs. */
class ListeningAndMentoringTest {
    @BeforeAll
    static void start() {
        CommunityTest.start();
    }

    @AfterAll
    static void stop() {
        CommunityTest.stop();
    }

    static Api api() {
        return CommunityTest.api;
    }

    @Test
    void listeningCountsTheAnalysedWordsAndPhrasesTheQuestionsAndWhetherTheyWereAnswered() {
        long group = api().post("/api/v1/community/groups", CommunityTest.admin, Map.of("slug", "ecoute", "name", "Écoute", "kind", "topic"))
                .json().get("id").asLong();
        String a = CommunityTest.join(CommunityTest.signUp("Aurélie Cloutier", "aurelie.cloutier@exemple.ca"));
        String b = CommunityTest.join(CommunityTest.signUp("Benoît Lavoie", "benoit.lavoie@exemple.ca"));
        for (String m : List.of(a, b)) CommunityTest.post("/api/v1/community/groups/" + group + "/members", CommunityTest.as(m), Map.of());
        List<String> questions = List.of("Les inscriptions aux stages d’été sont-elles ouvertes?", "Où trouver les offres de stages d’été?",
                "Comment se passe l’inscription au stage d’été en entreprise?");
        long firstThread = 0;
        for (String q : questions) {
            var r = CommunityTest.post("/api/v1/community/groups/" + group + "/threads", CommunityTest.as(a), Map.of("title", q, "body", q));
            if (firstThread == 0) firstThread = CommunityTest.json(r).get("threadId").asLong();
        }
        CommunityTest.post("/api/v1/community/threads/" + firstThread + "/replies", CommunityTest.as(b),
                Map.of("body", "Oui, les inscriptions aux stages d’été ouvrent le 15 janvier."));
        String today = LocalDate.now(ZoneId.of("America/Toronto")).toString();
        Api.Response r = api().get("/api/v1/community/listening?from=" + LocalDate.parse(today).minusDays(7) + "&to=" + LocalDate.parse(today).plusDays(1),
                CommunityTest.admin);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode terms = r.json().get("terms");
        assertThat(terms.get(0).get("value").asText()).as(terms.toString()).isIn("stag", "stage", "inscription", "ete");
        assertThat(terms.findValuesAsText("value")).as("stop words and elisions are gone, accents folded").doesNotContain("les", "d", "l", "été")
                .contains("ete");
        assertThat(r.json().get("phrases").findValuesAsText("value")).as(r.json().get("phrases").toString()).anyMatch(p -> p.contains("ete"));
        assertThat(r.json().get("unanswered").asInt()).isEqualTo(2);
        assertThat(r.json().get("questions").size()).isEqualTo(3);
        assertThat(r.json().get("activeMembers").get(0).get("value").asText()).isEqualTo("Aurélie Cloutier");
        assertThat(r.json().get("growth").findValuesAsText("name")).contains("Écoute");
        assertThat(api().get("/api/v1/community/listening?from=2026-13-01", CommunityTest.admin).status()).isEqualTo(422);
        assertThat(api().get("/api/v1/community/listening", CommunityTest.agent).status()).isEqualTo(403);
    }

    @Test
    void aRoundProposesPairsWithReasonsAndConfirmingOneIntroducesBothByMail() {
        long round = api().post("/api/v1/community/mentoring/rounds", CommunityTest.admin, Map.of("name", "Automne 2026", "maxMentees", 1))
                .json().get("id").asLong();
        String base = "/api/v1/community/mentoring/rounds/" + round;
        long mentor = api().post(base + "/participants", CommunityTest.admin, Map.of("side", "mentor", "name", "Élodie Ancienne", "email",
                "elodie.ancienne@exemple.ca", "teach", List.of("Réseaux sociaux", "Balados"), "languages", List.of("fr"), "availability", List.of("mon-am"),
                "formats", List.of("online"))).json().get("id").asLong();
        long teacher = api().post(base + "/participants", CommunityTest.admin, Map.of("side", "mentee", "name", "Jacques Enseignant", "email",
                "jacques.enseignant@exemple.ca", "learn", List.of("réseaux sociaux"), "languages", List.of("fr", "en"), "availability",
                List.of("mon-am", "tue-pm"), "formats", List.of("online"))).json().get("id").asLong();
        api().post(base + "/participants", CommunityTest.admin, Map.of("side", "mentee", "name", "Sam English", "email", "sam.english@exemple.ca",
                "learn", List.of("Balados"), "languages", List.of("en"), "availability", List.of("mon-am")));
        assertThat(api().post(base + "/participants", CommunityTest.admin, Map.of("side", "mentee", "name", "X", "email", "x@exemple.ca",
                "languages", List.of("fr"), "availability", List.of("someday"))).status()).isEqualTo(422);

        Api.Response proposal = api().post(base + "/proposal", CommunityTest.admin, Map.of());
        assertThat(proposal.status()).as(proposal.raw().body()).isEqualTo(200);
        assertThat(proposal.json().get("pairs")).hasSize(1);
        JsonNode pair = proposal.json().get("pairs").get(0);
        assertThat(pair.get("mentee").get("name").asText()).isEqualTo("Jacques Enseignant");
        assertThat(pair.get("reasons").findValuesAsText("")).isEmpty();
        assertThat(pair.get("reasons").get(0).asText()).isEqualTo("peut enseigner\u00a0: Réseaux sociaux");
        assertThat(proposal.json().get("unmatched").findValuesAsText("name")).containsExactly("Sam English");

        Api.Response confirmed = api().post(base + "/pairs", CommunityTest.admin, Map.of("mentorId", mentor, "menteeId", teacher));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(201);
        List<String> mailed = CommunityTest.db.withHandle(h -> h.createQuery(
                "SELECT recipient FROM mail_outbox WHERE kind = 'community.introduction' ORDER BY recipient").mapTo(String.class).list());
        assertThat(mailed).containsExactly("elodie.ancienne@exemple.ca", "jacques.enseignant@exemple.ca");
        long sam = proposal.json().get("unmatched").get(0).get("id").asLong();
        assertThat(api().post(base + "/pairs", CommunityTest.admin, Map.of("mentorId", mentor, "menteeId", sam)).status())
                .as("no shared language").isEqualTo(409);
        assertThat(api().post(base + "/proposal", CommunityTest.agent, Map.of()).status()).isEqualTo(403);
    }
}
