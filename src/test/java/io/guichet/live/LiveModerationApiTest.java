package io.guichet.live;

import io.guichet.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Approve all and restore through the API: who may, what comes back, what is refused. */
class LiveModerationApiTest {
    static LiveFixtures live;
    static Api api;

    @BeforeAll
    static void start() {
        live = LiveFixtures.start();
        api = live.api;
    }

    @AfterAll
    static void stop() {
        live.close();
    }

    @Test
    void approveAllPublishesEveryPendingQuestionAndOnlyForModerators() {
        String slug = live.session("tout-approuver", "pre", true, Map.of());
        live.ask(api.visitor("Zoé"), slug, "Où se trouve la cafétéria?");
        live.ask(api.visitor("Noé"), slug, "Peut-on visiter les laboratoires?");
        assertThat(api.post("/api/v1/live/" + slug + "/approve-all", live.agent, Map.of()).status()).as("an agent").isEqualTo(403);
        assertThat(api.post("/api/v1/live/" + slug + "/approve-all", api.visitor("Ève"), Map.of()).status()).as("a visitor").isEqualTo(401);
        assertThat(api.post("/api/v1/live/inconnue/approve-all", live.admin, Map.of()).status()).isEqualTo(404);

        Api.Response r = api.post("/api/v1/live/" + slug + "/approve-all", live.admin, Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("approved").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/live/" + slug + "/questions", null).json().path("questions").size()).isEqualTo(2);
        assertThat(api.post("/api/v1/live/" + slug + "/approve-all", live.admin, Map.of()).json().path("approved").asInt())
                .as("nothing left to approve").isZero();
    }

    @Test
    void aRestoredQuestionGoesBackWhereItWasAndOnlyADismissedOneCanBe() {
        String slug = live.session("restaurer", "pre", true, Map.of());
        String published = live.published(api.visitor("Zoé"), slug, "Où se trouve la cafétéria?");
        String pending = live.ask(api.visitor("Noé"), slug, "<script>alert(1)</script> Peut-on visiter?").text("id");
        assertThat(live.staff(slug, published, "restore", Map.of()).status()).as("not dismissed").isEqualTo(409);

        live.staff(slug, published, "dismiss", Map.of());
        live.staff(slug, pending, "dismiss", Map.of());
        assertThat(api.post("/api/v1/live/" + slug + "/questions/" + published + "/restore", live.agent, Map.of()).status()).isEqualTo(403);
        Api.Response back = live.staff(slug, published, "restore", Map.of());
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.text("status")).as("it had been on the wall").isEqualTo("published");
        Api.Response waiting = live.staff(slug, pending, "restore", Map.of());
        assertThat(waiting.text("status")).as("it had never been published").isEqualTo("pending");
        assertThat(waiting.text("body")).as("kept as text").isEqualTo("<script>alert(1)</script> Peut-on visiter?");
        assertThat(live.staff(slug, "abc", "restore", Map.of()).status()).isEqualTo(404);
        assertThat(live.staff(slug, "999999", "restore", Map.of()).status()).isEqualTo(404);
    }
}
