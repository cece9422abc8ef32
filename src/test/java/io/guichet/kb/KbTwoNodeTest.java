package io.guichet.kb;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Each node keeps its own index: rebuilt from PostgreSQL at start-up, kept current through the bus. */
class KbTwoNodeTest {
    static boolean within(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    static int found(Api api, String q) {
        return api.get("/api/v1/kb/search?lang=fr&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8), null)
                .json().path("results").size();
    }

    @Test
    void anArticleWrittenOnOneNodeIsFoundOnTheOtherAndOnANodeStartedLater() throws InterruptedException {
        var db = TestDatabases.fresh();
        try (TestNode a = TestNode.start(db); TestNode b = TestNode.start(db)) {
            Api onA = a.api();
            Api onB = b.api();
            String admin = onA.adminToken();
            assertThat(found(onB, "vignette stationnement")).isZero();

            String id = onA.post("/api/v1/kb/articles", admin, Map.of("title", "Vignette de stationnement",
                    "body", "Achetez la vignette dans Omnivox.", "lang", "fr", "status", "published")).text("id");
            assertThat(found(onA, "vignette stationnement")).as("the writing node at once").isEqualTo(1);
            assertThat(within(5, () -> found(onB, "vignette stationnement") == 1)).as("the other node through the bus").isTrue();

            onB.put("/api/v1/kb/articles/" + id, admin, Map.of("title", "Vignette de stationnement",
                    "body", "Achetez la vignette dans Omnivox.", "lang", "fr", "status", "retired"));
            assertThat(within(5, () -> found(onA, "vignette stationnement") == 0)).as("retired on B, gone from A").isTrue();

            onA.post("/api/v1/kb/articles", admin, Map.of("title", "Casiers du pavillon C",
                    "body", "Louez un casier.", "lang", "fr", "status", "published"));
            try (TestNode c = TestNode.start(db)) {
                assertThat(found(c.api(), "casier")).as("rebuilt from PostgreSQL at start-up").isEqualTo(1);
                assertThat(found(c.api(), "vignette stationnement")).isZero();
            }
        }
    }

    @Test
    void synonymsSavedOnOneNodeApplyOnTheOther() throws InterruptedException {
        var db = TestDatabases.fresh();
        try (TestNode a = TestNode.start(db); TestNode b = TestNode.start(db)) {
            String admin = a.api().adminToken();
            a.api().post("/api/v1/kb/articles", admin, Map.of("title", "Le service de garde",
                    "body", "La garderie du cégep accueille les enfants des étudiants.", "lang", "fr", "status", "published"));
            assertThat(within(5, () -> found(b.api(), "garderie") == 1)).isTrue();
            assertThat(found(b.api(), "cpe")).isZero();
            assertThat(a.api().post("/kb/synonyms", admin, Map.of()).status()).as("form without fields").isEqualTo(422);
            var saved = a.api().postForm("/kb/synonyms", admin, Map.of("lang", "fr", "rules", "cpe, garderie"));
            assertThat(saved.status()).isEqualTo(302);
            assertThat(within(5, () -> found(b.api(), "cpe") == 1)).as("the other node reloads the synonyms").isTrue();
        }
    }
}
