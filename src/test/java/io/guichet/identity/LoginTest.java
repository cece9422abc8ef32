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
    /** Long enough that a loaded machine's slow Argon2 hashes (near 2 s each) cannot outlast the wait before it is checked. */
    static final int WAIT_SECONDS = 6;
    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_LOGIN_WAIT_SECONDS", String.valueOf(WAIT_SECONDS)));
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
    void repeatedFailuresMakeKnownAndUnknownEmailsWaitAlikeAndTheOwnerSignsInAfterTheWait() throws InterruptedException {
        String admin = api.adminToken();
        api.createStaff(admin, "cible@cegep-test.qc.ca", "Cible", "agent", 2);
        Api.Response known = null;
        Api.Response unknown = null;
        for (int i = 0; i <= IdentityService.FREE_FAILURES_PER_EMAIL; i++) {
            known = api.post("/api/v1/auth/login", null, Map.of("email", "cible@cegep-test.qc.ca", "password", "mauvais-" + i));
            unknown = api.post("/api/v1/auth/login", null, Map.of("email", "fantome@cegep-test.qc.ca", "password", "mauvais-" + i));
            if (i < IdentityService.FREE_FAILURES_PER_EMAIL) {
                assertThat(known.status()).isEqualTo(401);
                assertThat(known.raw().body()).isEqualTo(unknown.raw().body());
            }
        }
        for (Api.Response r : new Api.Response[]{known, unknown}) {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.json().path("error").path("code").asText()).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(r.raw().headers().firstValue("Retry-After").orElseThrow())).isBetween(1, WAIT_SECONDS);
        }
        // The same words; only the seconds left may differ by one, each email's wait having started a hash apart.
        assertThat(known.raw().body().replaceAll("\\d+", "N")).isEqualTo(unknown.raw().body().replaceAll("\\d+", "N"));
        var stillWaiting = api.post("/api/v1/auth/login", null, Map.of("email", "cible@cegep-test.qc.ca", "password", "un-mot-de-passe-long"));
        assertThat(stillWaiting.status()).as("the right password waits too: it tells nothing").isEqualTo(429);
        Thread.sleep(Integer.parseInt(stillWaiting.raw().headers().firstValue("Retry-After").orElseThrow()) * 1000L + 100);
        assertThat(api.login("cible@cegep-test.qc.ca", "un-mot-de-passe-long")).startsWith("gs_");
    }

    @Test
    void theLoginFormWaitsWithRetryAfterToo() {
        var browser = new io.guichet.testing.FormBrowser(node.baseUrl());
        java.net.http.HttpResponse<String> last = null;
        for (int i = 0; i <= IdentityService.FREE_FAILURES_PER_EMAIL; i++) {
            browser.get("/login");
            last = browser.post("/login", Map.of("email", "formulaire@cegep-test.qc.ca", "password", "mauvais-" + i));
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).contains("Trop de tentatives");
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
