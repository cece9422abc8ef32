package io.guichet.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exactly who receives each push of a live session on /ws/live/{slug} (and the visitor socket), and who does not. */
class LiveRealtimeTest {
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
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void theAskerIsToldWhenTheirPendingQuestionIsDismissedAndNoOneElseIs() {
        String slug = live.session("soiree-rejet", "pre", true, Map.of());
        String zoe = api.visitor("Zoé");
        try (var zoeWall = api.socket("/ws/live/" + slug + "?visitor=" + zoe);
             var other = api.socket("/ws/live/" + slug + "?visitor=" + api.visitor("Léo"));
             var anonymous = api.socket("/ws/live/" + slug)) {
            String id = live.ask(zoe, slug, "Peut-on visiter les laboratoires?").text("id");
            assertThat(zoeWall.next("question.mine", 5).path("question").path("status").asText()).isEqualTo("pending");

            live.staff(slug, id, "dismiss", Map.of());
            JsonNode dismissed = zoeWall.next("question.mine", 5);
            assertThat(dismissed).as("told live, without reloading").isNotNull();
            assertThat(dismissed.path("question").path("id").asText()).isEqualTo(id);
            assertThat(dismissed.path("question").path("status").asText()).isEqualTo("dismissed");
            assertThat(other.receives("question.mine", 300)).as("another visitor's wall").isFalse();
            assertThat(anonymous.receives("question.mine", 50)).isFalse();
            assertThat(anonymous.receives("question", 50)).as("a pending question never reached the wall").isFalse();
        }
    }

    @Test
    void wallChangesReachEveryViewerOfTheSessionPendingOnesOnlyModerators() {
        String slug = live.session("en-direct", "pre", true, Map.of());
        String other = live.session("autre-soiree", "post", true, Map.of());
        try (var ana = api.socket("/ws/live/" + slug);
             var ben = api.socket("/ws/live/" + slug);
             var elsewhere = api.socket("/ws/live/" + other);
             var moderator = api.socket("/ws/live/" + slug + "?token=" + admin)) {
            String id = live.ask(api.visitor("Zoé"), slug, "Les résidences sont-elles mixtes?").text("id");

            JsonNode pending = moderator.next("question", 5);
            assertThat(pending.path("question").path("status").asText()).isEqualTo("pending");
            assertThat(pending.path("question").path("body").asText()).isEqualTo("Les résidences sont-elles mixtes?");
            assertThat(ana.receives("question", 300)).as("viewers never see pending questions").isFalse();
            assertThat(ben.receives("question", 50)).isFalse();

            live.staff(slug, id, "approve", Map.of());
            for (var viewer : List.of(ana, ben)) {
                JsonNode published = viewer.next("question", 5).path("question");
                assertThat(published.path("id").asText()).isEqualTo(id);
                assertThat(published.path("status").asText()).isEqualTo("published");
                assertThat(published.has("visibility")).as("viewers get the public shape").isFalse();
            }

            live.vote(api.visitor("Voteuse"), slug, id);
            for (var viewer : List.of(ana, ben, moderator)) {
                JsonNode votes = viewer.next("votes", 5).path("votes").get(0);
                assertThat(votes.path("id").asText()).isEqualTo(id);
                assertThat(votes.path("votes").asInt()).isEqualTo(1);
            }

            live.staff(slug, id, "answer", Map.of("body", "Oui, avec des étages réservés."));
            assertThat(ana.next("question", 5).path("question").path("answer").asText()).isEqualTo("Oui, avec des étages réservés.");
            assertThat(ben.next("question", 5).path("question").path("answer").asText()).isEqualTo("Oui, avec des étages réservés.");

            live.staff(slug, id, "highlight", Map.of());
            assertThat(ana.next("session", 5).path("highlightedId").asText()).isEqualTo(id);
            assertThat(ben.next("session", 5).path("highlightedId").asText()).isEqualTo(id);

            live.staff(slug, id, "dismiss", Map.of());
            assertThat(ana.next("question.removed", 5).path("id").asText()).isEqualTo(id);
            assertThat(ben.next("question.removed", 5).path("id").asText()).isEqualTo(id);

            assertThat(elsewhere.receives("question", 200)).as("another session's viewers get nothing").isFalse();
            assertThat(elsewhere.receives("votes", 50)).isFalse();
            assertThat(elsewhere.receives("session", 50)).isFalse();
        }
    }

    @Test
    void aBurstOfVotesIsCoalescedIntoFewFramesEndingOnTheRightCount() throws Exception {
        String slug = live.session("rafale", "post", true, Map.of());
        String id = live.published(api.visitor("Auteur"), slug, "Le stationnement est-il gratuit?");
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < 40; i++) voters.add(api.visitor("Votant " + i));
        try (var viewer = api.socket("/ws/live/" + slug);
             var pool = Executors.newFixedThreadPool(8)) {
            for (String v : voters) pool.submit(() -> live.vote(v, slug, id));
            pool.shutdown();
            assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            int frames = 0;
            long newestRev = -1;
            int newestCount = -1;
            JsonNode frame;
            while ((frame = viewer.next("votes", 2)) != null) {
                frames++;
                JsonNode count = frame.path("votes").get(0);
                if (count.path("rev").asLong() > newestRev) {
                    newestRev = count.path("rev").asLong();
                    newestCount = count.path("votes").asInt();
                }
            }
            assertThat(newestCount).as("the newest revision carries every vote").isEqualTo(40);
            assertThat(frames).as("one frame per batch, not one per vote").isLessThan(40);
        }
    }

    @Test
    void aPrivateAnswerReachesOnlyTheAskerOnTheirVisitorSocket() {
        String slug = live.session("reponse-privee", "post", true, Map.of());
        String asker = api.visitor("Zoé");
        String neighbour = api.visitor("Voisin");
        try (var wall = api.socket("/ws/live/" + slug);
             var askerInbox = api.socket("/ws/visitor?token=" + asker);
             var neighbourInbox = api.socket("/ws/visitor?token=" + neighbour);
             var francois = api.socket("/ws/agent?token=" + agent)) {
            String conversationId = api.post("/api/v1/live/" + slug + "/questions", asker, Map.of("body",
                    "Puis-je garder ma bourse si j’étudie à temps partiel?", "visibility", "private",
                    "service", "aide-financiere", "clientId", "p-1")).text("conversationId");

            JsonNode assigned = francois.next("conversation.assigned", 5);
            assertThat(assigned.path("conversation").path("liveSession").asText()).isEqualTo(slug);
            api.post("/api/v1/conversations/" + conversationId + "/messages", agent,
                    Map.of("body", "Oui, sous certaines conditions.", "clientId", "r-1"));

            JsonNode reply = askerInbox.nextMessage("Oui, sous certaines conditions.", 5);
            assertThat(reply.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(reply.path("message").path("authorName").asText()).isEqualTo(LiveFixtures.AGENT_NAME);
            assertThat(neighbourInbox.receives("message", 300)).isFalse();
            assertThat(wall.receives("question", 100)).as("private questions never reach the wall").isFalse();
        }
    }

    @Test
    void viewersAreCountedAndStartAndEndReachEveryone() {
        String slug = live.session("compte", "post", false, Map.of());
        try (var ana = api.socket("/ws/live/" + slug); var ben = api.socket("/ws/live/" + slug)) {
            assertThat(ana.nextMatching("viewers", f -> f.path("count").asInt() == 2, 6)).as("two people present").isNotNull();
            api.post("/api/v1/live/" + slug + "/start", admin, Map.of());
            assertThat(ana.next("session", 5).path("phase").asText()).isEqualTo("live");
            api.post("/api/v1/live/" + slug + "/end", admin, Map.of());
            assertThat(ben.nextMatching("session", f -> f.path("phase").asText().equals("ended"), 5)).isNotNull();
        }
    }

    @Test
    void anUnknownSessionClosesTheSocket() {
        assertThatThrownBy(() -> api.socket("/ws/live/inconnue")).hasMessageContaining("4404");
    }

    @Test
    void twoNodesShareVotesAndHeadcounts() {
        var db = TestDatabases.fresh();
        try (LiveFixtures onNodeA = LiveFixtures.on(TestNode.start(db)); TestNode b = TestNode.start(db)) {
            Api onA = onNodeA.api;
            String slug = onNodeA.session("deux-noeuds", "post", true, Map.of());
            String id = onNodeA.published(onA.visitor("Auteur"), slug, "Question posée sur le nœud A");
            try (var viewerOnA = onA.socket("/ws/live/" + slug); var viewerOnB = b.api().socket("/ws/live/" + slug)) {
                onNodeA.vote(onA.visitor("Votant"), slug, id);
                JsonNode votes = viewerOnB.next("votes", 5);
                assertThat(votes).as("a vote on A reaches a viewer on B").isNotNull();
                assertThat(votes.path("votes").get(0).path("votes").asInt()).isEqualTo(1);
                assertThat(viewerOnB.nextMatching("viewers", f -> f.path("count").asInt() == 2, 8))
                        .as("people present on both nodes are counted").isNotNull();
                assertThat(viewerOnA.nextMatching("viewers", f -> f.path("count").asInt() == 2, 8)).isNotNull();

                // Ended on A: B, which had the session in its cache, refuses votes as soon as the notice arrives.
                String voteOnB = "/api/v1/live/" + slug + "/questions/" + id + "/vote";
                assertThat(b.api().put(voteOnB, onA.visitor("Votant B"), Map.of()).status()).isEqualTo(200);
                onA.post("/api/v1/live/" + slug + "/end", onNodeA.admin, Map.of());
                assertThat(viewerOnB.nextMatching("session", f -> f.path("phase").asText().equals("ended"), 5)).isNotNull();
                assertThat(b.api().put(voteOnB, onA.visitor("Votant tardif"), Map.of()).status()).isEqualTo(409);
            }
        }
    }
}
