package io.guichet.identity;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoginTest {
    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theConfiguredAdministratorCanLogInAndPasswordsAreHashedWithArgon2id() {
        assertThat(api.adminToken()).startsWith("gs_");
        String hash = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM staff").mapTo(String.class).one());
        assertThat(hash).startsWith("$argon2id$").doesNotContain(TestNode.ADMIN_PASSWORD);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String admin = api.adminToken();
        api.createStaff(admin, "cible@cegep-test.qc.ca", "Cible", "agent", 2);
        int lastStatus = 0;
        for (int i = 0; i < IdentityService.LOCK_AFTER; i++) {
            lastStatus = api.post("/api/v1/auth/login", null, Map.of("email", "cible@cegep-test.qc.ca", "password", "mauvais-" + i)).status();
        }
        assertThat(lastStatus).isEqualTo(429);
        var locked = api.post("/api/v1/auth/login", null, Map.of("email", "cible@cegep-test.qc.ca", "password", "un-mot-de-passe-long"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().path("error").path("code").asText()).isEqualTo("locked");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        var wrong = api.post("/api/v1/auth/login", null, Map.of("email", TestNode.ADMIN_EMAIL, "password", "nope-nope-nope"));
        var unknown = api.post("/api/v1/auth/login", null, Map.of("email", "personne@cegep-test.qc.ca", "password", "nope-nope-nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("message").asText()).isEqualTo(unknown.json().path("error").path("message").asText());
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        var response = api.postRaw("/login", null, "email=a&password=b");
        assertThat(response.status()).isEqualTo(403);
    }
}
