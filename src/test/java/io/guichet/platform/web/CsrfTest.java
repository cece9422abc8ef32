package io.guichet.platform.web;

import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Form tokens are bound to the session on the server: a planted cookie and a matching field prove nothing. */
class CsrfTest {
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Map<String, String> newAdmin(String email) {
        return Map.of("email", email, "name", "Éloïse Pirate", "password", "un-mot-de-passe-long", "role", "admin", "max", "1");
    }

    @Test
    void aPlantedCookieWithAMatchingFieldCannotCreateAnAdministrator() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        assertThat(browser.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        String planted = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
        browser.plant(WebKernel.CSRF_COOKIE, planted);
        Map<String, String> fields = new java.util.HashMap<>(newAdmin("pirate@evil.example"));
        fields.put("_csrf", planted);
        assertThat(browser.postRaw("/admin/staff", fields).statusCode()).isEqualTo(403);
        browser.plant(WebKernel.CSRF_COOKIE, "");
        fields.put("_csrf", "");
        assertThat(browser.postRaw("/admin/staff", fields).statusCode()).isEqualTo(403);
        assertThat(emailsLike("pirate@%")).isZero();
    }

    @Test
    void theTokenOfTheRealPageWorksAndTheLoginFormIsProtectedBeforeTheSession() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        browser.get("/login");
        assertThat(browser.postRaw("/login", Map.of("email", TestNode.ADMIN_EMAIL, "password", TestNode.ADMIN_PASSWORD,
                "_csrf", browser.cookie(WebKernel.CSRF_COOKIE))).statusCode()).as("the cookie itself is not the token").isEqualTo(403);
        assertThat(browser.post("/login", Map.of("email", TestNode.ADMIN_EMAIL, "password", TestNode.ADMIN_PASSWORD, "next", "/admin/staff"))
                .statusCode()).isEqualTo(302);
        String beforeSession = browser.token();
        browser.get("/admin/staff");
        assertThat(browser.token()).as("a new token once signed in").isNotEqualTo(beforeSession);
        assertThat(browser.post("/admin/staff", newAdmin("claudine@cegep-test.qc.ca")).statusCode()).isEqualTo(302);
        assertThat(emailsLike("claudine@%")).isEqualTo(1);
    }

    private static long emailsLike(String pattern) {
        return node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM staff WHERE email LIKE :p")
                .bind("p", pattern).mapTo(Long.class).one());
    }
}
