package io.guichet.identity;

import io.guichet.testing.Api;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Common passwords are refused; a person changes their own password; an administrator resets someone's. */
class PasswordsTest {
    static TestNode node;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        admin = api.adminToken();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Api.Response create(String email, String password) {
        return api.post("/api/v1/staff", admin, Map.of("email", email, "name", "Léa Côté", "password", password, "role", "agent"));
    }

    @Test
    void commonPasswordsAreRefusedInBothLanguages() {
        for (String common : new String[]{"1234567890", "motdepasse2024!", "Password123", "azertyuiop", "aaaaaaaaaa", "qwerty123456"}) {
            var r = create("commun@cegep-test.qc.ca", common);
            assertThat(r.status()).as(common).isEqualTo(422);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("common_password");
        }
        assertThat(create("rare@cegep-test.qc.ca", "trois chats sur le toit").status()).isEqualTo(201);
        var fr = new FormBrowser(node.baseUrl());
        fr.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        fr.get("/admin/staff?lang=fr");
        String page = fr.post("/admin/staff?lang=fr", Map.of("email", "x@cegep-test.qc.ca", "name", "X", "password", "1234567890",
                "role", "agent", "max", "1")).body();
        assertThat(page).contains("trop courant");
    }

    @Test
    void aPersonChangesTheirPasswordWithTheCurrentOneAndTheirOtherSessionsEnd() {
        create("change@cegep-test.qc.ca", "un-mot-de-passe-long");
        String other = api.login("change@cegep-test.qc.ca", "un-mot-de-passe-long");
        FormBrowser browser = new FormBrowser(node.baseUrl());
        assertThat(browser.logIn("change@cegep-test.qc.ca", "un-mot-de-passe-long").statusCode()).isEqualTo(302);
        browser.get("/account/password?lang=fr");
        var wrong = browser.post("/account/password", Map.of("current", "pas-le-bon-mot", "password", "une phrase bien à moi"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Ce n’est pas votre mot de passe actuel");
        var common = browser.post("/account/password", Map.of("current", "un-mot-de-passe-long", "password", "1234567890"));
        assertThat(common.statusCode()).isEqualTo(422);
        var ok = browser.post("/account/password", Map.of("current", "un-mot-de-passe-long", "password", "une phrase bien à moi"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(browser.get("/account/password").statusCode()).as("this session stays").isEqualTo(200);
        assertThat(api.get("/api/v1/conversations", other).status()).as("the other session ended").isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", "change@cegep-test.qc.ca", "password", "un-mot-de-passe-long")).status())
                .isEqualTo(401);
        String token = api.login("change@cegep-test.qc.ca", "une phrase bien à moi");
        assertThat(api.put("/api/v1/auth/password", token, Map.of("current", "une phrase bien à moi", "password", "encore une autre phrase"))
                .status()).isEqualTo(204);
    }

    @Test
    void anAdministratorResetsAPasswordAndEveryOneOfThatPersonsSessionsEnds() {
        String id = create("oubli@cegep-test.qc.ca", "un-mot-de-passe-long").text("id");
        String session = api.login("oubli@cegep-test.qc.ca", "un-mot-de-passe-long");
        assertThat(api.put("/api/v1/staff/" + id + "/password", session, Map.of("password", "le nouveau de l’admin")).status())
                .as("not by an agent").isEqualTo(403);
        assertThat(api.put("/api/v1/staff/" + id + "/password", admin, Map.of("password", "1234567890")).status()).isEqualTo(422);
        assertThat(api.put("/api/v1/staff/" + id + "/password", admin, Map.of("password", "le nouveau de l’admin")).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/conversations", session).status()).isEqualTo(401);
        assertThat(api.login("oubli@cegep-test.qc.ca", "le nouveau de l’admin")).startsWith("gs_");
    }
}
