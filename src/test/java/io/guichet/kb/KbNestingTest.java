package io.guichet.kb;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 §3, one article must never stop the server: a body nested thousands of levels deep is
 * refused at every path that writes one, and a bad body already in the database costs only itself.
 */
class KbNestingTest {
    static final String DEEP_QUOTES = ">".repeat(3000) + " x";
    static final String DEEP_IMAGES = "![".repeat(3000) + "x" + "](u)".repeat(3000);

    @Test
    void aDeeplyNestedBodyIsRefusedWith422AndNothingIsSaved() throws SQLException {
        TestDatabases.TestDatabase db = TestDatabases.fresh();
        try (TestNode node = TestNode.start(db)) {
            Api api = node.api();
            Cegep cegep = Cegep.on(node).capacity(5).withServices().withAgents(Cegep.Persona.ELODIE);
            for (String body : new String[] {DEEP_QUOTES, DEEP_IMAGES, list(25)}) {
                for (String status : new String[] {"draft", "published"}) {
                    Api.Response r = api.post("/api/v1/kb/articles", cegep.admin, Map.of("title", "Profondeur é", "body", body,
                            "lang", "fr", "status", status));
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.json().path("error").path("code").asText()).isEqualTo("invalid");
                    assertThat(r.json().path("error").path("message").asText()).contains("more than 20 levels deep");
                }
            }
            assertThat(api.post("/api/v1/kb/articles", cegep.admin, Map.of("title", "Vingt niveaux", "body", list(20),
                    "lang", "fr", "status", "draft")).status()).as("20 levels are fine").isEqualTo(201);

            String id = api.post("/api/v1/kb/articles", cegep.admin, Map.of("title", "Casiers", "body", "Au pavillon C.",
                    "lang", "fr", "status", "published")).text("id");
            Api.Response edit = api.put("/api/v1/kb/articles/" + id, cegep.admin, Map.of("title", "Casiers", "body", DEEP_QUOTES,
                    "lang", "fr", "status", "published"));
            assertThat(edit.status()).isEqualTo(422);
            assertThat(api.get("/api/v1/kb/articles/" + id, cegep.admin).json().path("revision").asInt()).isEqualTo(1);

            // a visitor's chat message captured as an article ("make an article")
            String visitor = api.visitor("Zoé Lévesque");
            String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, DEEP_QUOTES).text("conversationId");
            api.post("/api/v1/conversations/" + conversation + "/messages", cegep.élodie, Map.of("body", "Réponse", "clientId", "r-1"));
            api.post("/api/v1/conversations/" + conversation + "/resolve", cegep.élodie, Map.of());
            Api.Response capture = api.post("/kb/capture/conversation/" + conversation, cegep.élodie, Map.of());
            assertThat(capture.status()).isEqualTo(422);
            assertThat(capture.json().path("error").path("message").asText()).contains("more than 20 levels deep");
        }
        try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM kb_articles WHERE title LIKE 'Profondeur%' OR source_kind IS NOT NULL OR body LIKE '>>>%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing that failed validation is saved").isZero();
        }
    }

    @Test
    void aStartWithABadArticleInTheDatabaseSucceedsAndTheBadOneCostsOnlyItself() throws SQLException {
        TestDatabases.TestDatabase db = TestDatabases.fresh();
        try (TestNode first = TestNode.start(db)) {
            first.api().post("/api/v1/kb/articles", first.api().adminToken(), Map.of("title", "Date limite d’admission",
                    "body", "L’échéance est le **1er mars**.", "lang", "fr", "status", "published"));
        }
        long quotes = insertPublished(db, "Citations", DEEP_QUOTES);
        long images = insertPublished(db, "Images", DEEP_IMAGES);

        try (TestNode node = TestNode.start(db)) {
            Api api = node.api();
            String admin = api.adminToken();
            assertThat(api.get("/api/v1/kb/search?lang=fr&q=echeance", null).json().path("results").get(0).path("title").asText())
                    .isEqualTo("Date limite d’admission");
            for (long id : new long[] {quotes, images}) {
                Api.Response page = api.get("/aide/" + id + "-bad", null);
                assertThat(page.status()).as("public page of " + id).isIn(404, 410);
                assertThat(api.get("/api/v1/kb/articles/" + id, admin).status()).as("staff API of " + id).isLessThan(500);
                assertThat(api.get("/kb/articles/" + id, admin).status()).as("staff edit page of " + id).isEqualTo(200);
            }
            Api.Response list = api.get("/kb/articles", admin);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().asText()).contains("Images", "Ne peut pas être affiché");
        }
    }

    /** Bullets nested {@code levels} deep. */
    static String list(int levels) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < levels; i++) s.append("  ".repeat(i)).append("- niveau ").append(i + 1).append('\n');
        return s.toString();
    }

    static long insertPublished(TestDatabases.TestDatabase db, String title, String body) throws SQLException {
        try (Connection c = connect(db); PreparedStatement s = c.prepareStatement("""
                INSERT INTO kb_articles (lang, slug, title, body, status, published_at) VALUES ('fr', 'bad', ?, ?, 'published', now())
                RETURNING id""")) {
            s.setString(1, title);
            s.setString(2, body);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Connection connect(TestDatabases.TestDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
