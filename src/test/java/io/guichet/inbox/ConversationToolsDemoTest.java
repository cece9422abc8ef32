package io.guichet.inbox;

import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo cégep shows the conversation's tools: a screenshot sent to IT support, a note mentioning Noémie, a rated conversation. */
class ConversationToolsDemoTest {
    static final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));

    @AfterAll
    static void stop() {
        node.close();
    }

    static String one(String sql) {
        Jdbi db = node.app.database().jdbi();
        return db.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    @Test
    void theDemoHasAScreenshotAMentionAndARating() {
        assertThat(one("SELECT name || ' ' || content_type FROM inbox_attachments")).isEqualTo("capture-erreur-examen.png image/png");
        assertThat(one("SELECT s.name || ' → ' || n.name || ' ' || (i.read_at IS NULL) FROM inbox_mentions i JOIN staff s ON s.id = i.by_staff_id"
                + " JOIN staff n ON n.id = i.staff_id")).isEqualTo("Jérôme Bélanger → Noémie Côté true");
        assertThat(one("SELECT score || ' ' || comment FROM conversation_ratings")).isEqualTo("5 Réponse claire et rapide, merci!");
    }
}
