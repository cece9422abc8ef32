package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Purpose;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact edited or erased on one node shows so on the other at once (the {@link ContactChanged} notice), not when
 * the other's cache lapses; and erasure reaches the mail outbox, whose rows stay, blanked.
 */
class ContactChangesTest {
    static TestNode a, b;
    static Api onA, onB;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        var db = TestDatabases.fresh();
        a = TestNode.start(db);
        b = TestNode.start(db);
        onA = a.api();
        onB = b.api();
        cegep = Cegep.on(a).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    /** What node {@code b} answers, asked again until it is what is expected or 10 s passed: well before a 30 s cache lapses. */
    static <T> T onBWithin10s(Supplier<T> read, Predicate<T> expected) {
        T seen = read.get();
        for (long end = System.nanoTime() + 10_000_000_000L; !expected.test(seen) && System.nanoTime() < end; seen = read.get()) {
            Thread.onSpinWait();
        }
        return seen;
    }

    static String visitor(String name) {
        return onA.post("/api/v1/visitor/sessions", null, Map.of("name", name, "email", name.split(" ")[0].toLowerCase() + "@exemple.qc.ca", "lang", "fr"))
                .text("visitorToken");
    }

    @Test
    void anEditOnOneNodeShowsOnTheOtherAtOnce() {
        String token = visitor("Maëlle Gagnon");
        String id = onB.get("/api/v1/visitor/me", token).text("id");
        assertThat(onB.get("/api/v1/visitor/me", token).text("lang")).as("node b has her cached, in French").isEqualTo("fr");
        Api.Response edit = onA.patch("/api/v1/contacts/" + id, cegep.jérôme, Map.of("lang", "en"));
        assertThat(edit.status()).as(edit.json().toString()).isEqualTo(200);
        assertThat(onBWithin10s(() -> onB.get("/api/v1/visitor/me", token).text("lang"), "en"::equals)).isEqualTo("en");
    }

    @Test
    void anErasureOnOneNodeEndsTheVisitorsTokenOnTheOtherAndBlanksTheirMail() {
        String token = visitor("Rosalie Bouchard");
        long id = Long.parseLong(onB.get("/api/v1/visitor/me", token).text("id"));
        a.app.mail().doQueue(OutgoingMail.of("rosalie@exemple.qc.ca", "Rosalie Bouchard", "fr", Purpose.TRANSACTIONAL, id,
                "Votre demande d’admission, Rosalie", MailBody.written("Bonjour Rosalie, votre dossier est complet.")));

        JsonNode export = onA.get("/api/v1/contacts/" + id + "/export", cegep.jérôme).json();
        assertThat(export.path("mail")).hasSize(1);
        assertThat(export.path("mail").get(0).path("to").asText()).isEqualTo("rosalie@exemple.qc.ca");
        assertThat(export.path("mail").get(0).path("subject").asText()).isEqualTo("Votre demande d’admission, Rosalie");
        assertThat(export.path("mail").get(0).path("text").asText()).contains("votre dossier est complet");

        assertThat(onA.delete("/api/v1/contacts/" + id + "?confirm=" + id, cegep.admin).status()).isEqualTo(200);
        assertThat(onBWithin10s(() -> onB.get("/api/v1/visitor/me", token).status(), s -> s != 200))
                .as("the token stops working on the other node").isIn(401, 404);

        String outbox = a.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) || ':' || string_agg(recipient || subject || text_body || html_body || coalesce(recipient_name, ''), '')"
                        + " FROM mail_outbox WHERE contact_id = :c AND status <> 'queued'").bind("c", id).mapTo(String.class).one());
        assertThat(outbox).as("the row is still counted, with nothing of her in it, and will not leave").isEqualTo("1:");
        long naming = a.app.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE text_body LIKE '%Rosalie%'"
                + " OR recipient LIKE 'rosalie%' OR subject LIKE '%Rosalie%'").mapTo(Long.class).one());
        assertThat(naming).isZero();
    }
}
