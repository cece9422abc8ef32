package io.guichet.identity;

import io.guichet.testing.Cegep;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's language is kept on their account: switching it once holds at the next sign-in, on another browser. */
class StaffLanguageTest {
    static TestNode node;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        cegep = Cegep.on(node).withServices().withAgents();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theLanguageChosenInTheBarIsTheNextSignInsLanguage() {
        FormBrowser first = new FormBrowser(node.baseUrl());
        first.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        assertThat(first.get("/console").body()).contains("Se déconnecter");
        first.get("/lang/en?back=/console");
        assertThat(first.get("/console").body()).contains("Log out");

        FormBrowser another = new FormBrowser(node.baseUrl()); // another computer: no language cookie
        another.logIn(Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
        assertThat(another.cookie("guichet_lang")).isEqualTo("en");
        assertThat(another.get("/console").body()).contains("Log out");
    }

    @Test
    void theApiSetsItTooAndRefusesAnotherLanguage() {
        assertThat(cegep.api.put("/api/v1/auth/language", cegep.françois, Map.of("lang", "en")).status()).isEqualTo(204);
        String lang = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT lang FROM staff WHERE email = :e")
                .bind("e", Cegep.Persona.FRANCOIS.email).mapTo(String.class).one());
        assertThat(lang).isEqualTo("en");
        var refused = cegep.api.put("/api/v1/auth/language", cegep.françois, Map.of("lang", "de"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("error").path("message").asText()).contains("lang");
        assertThat(cegep.api.put("/api/v1/auth/language", null, Map.of("lang", "en")).status()).isEqualTo(401);
    }
}
