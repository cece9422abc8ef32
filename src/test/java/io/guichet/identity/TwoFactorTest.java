package io.guichet.identity;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP for local accounts: enrolment, the code at sign-in (API and form), a code used once, recovery codes, roles that must enrol. */
class TwoFactorTest {
    static TestNode node;
    static TestNode strict;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_LOGIN_WAIT_SECONDS", "1"));
        strict = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_2FA_REQUIRED", "admin,supervisor"));
        api = node.api();
    }

    @AfterAll
    static void stop() {
        strict.close();
        node.close();
    }

    static String code(String secret, int stepsAhead) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 30_000 + stepsAhead);
    }

    static Api.Response login(String email, String code) {
        return api.post("/api/v1/auth/login", null, code == null ? Map.of("email", email, "password", Cegep.PASSWORD)
                : Map.of("email", email, "password", Cegep.PASSWORD, "code", code));
    }

    static List<String> lastRecoveryCodes;

    /** Enrols this person through the API; their secret (their recovery codes in {@link #lastRecoveryCodes}). */
    static String enrol(String token) throws Exception {
        Api.Response begun = api.post("/api/v1/auth/two-factor", token, Map.of());
        assertThat(begun.status()).isEqualTo(201);
        assertThat(begun.text("uri")).startsWith("otpauth://totp/").contains("issuer=Guichet");
        String secret = begun.text("secret");
        Api.Response wrong = api.post("/api/v1/auth/two-factor/confirm", token, Map.of("code", "000000".equals(code(secret, 0)) ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("wrong_code");
        Api.Response done = api.post("/api/v1/auth/two-factor/confirm", token, Map.of("code", code(secret, 0)));
        assertThat(done.status()).isEqualTo(200);
        lastRecoveryCodes = new java.util.ArrayList<>();
        done.json().path("recoveryCodes").forEach(c -> lastRecoveryCodes.add(c.asText()));
        return secret;
    }

    @Test
    void theApiLoginAsksForTheCodeUntilItIsGivenAndACodeWorksOnce() throws Exception {
        String token = api.createStaff(api.adminToken(), "elodie@cegep-test.qc.ca", "Élodie Tremblay", "agent", 2);
        String secret = enrol(token);

        Api.Response asked = login("elodie@cegep-test.qc.ca", null);
        assertThat(asked.status()).isEqualTo(401);
        assertThat(asked.json().path("mfaRequired").asBoolean()).isTrue();
        assertThat(asked.json().has("token")).isFalse();

        String next = code(secret, 1); // the enrolment used this step's code
        Api.Response in = login("elodie@cegep-test.qc.ca", next);
        assertThat(in.status()).isEqualTo(200);
        assertThat(in.text("token")).startsWith("gs_");
        Api.Response replayed = login("elodie@cegep-test.qc.ca", next);
        assertThat(replayed.status()).as("the same code twice").isEqualTo(401);
        assertThat(replayed.json().path("error").path("code").asText()).isEqualTo("wrong_code");
    }

    @Test
    void aRecoveryCodeReplacesTheAppOnceAndAnAdministratorCanResetALostPhone() throws Exception {
        String token = api.createStaff(api.adminToken(), "noemie@cegep-test.qc.ca", "Noémie Côté", "agent", 2);
        enrol(token);
        String stored = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT code_hash FROM staff_recovery_codes LIMIT 1")
                .mapTo(String.class).one());
        assertThat(stored).as("kept as a SHA-256").hasSize(64);
        assertThat(lastRecoveryCodes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z0-9]{5}-[a-z0-9]{5}"));
        String recovery = lastRecoveryCodes.get(3);
        assertThat(login("noemie@cegep-test.qc.ca", recovery.toUpperCase()).status()).isEqualTo(200);
        assertThat(login("noemie@cegep-test.qc.ca", recovery).status()).as("used once").isEqualTo(401);

        long id = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM staff WHERE email = 'noemie@cegep-test.qc.ca'").mapTo(Long.class).one());
        assertThat(api.delete("/api/v1/staff/" + id + "/two-factor", token).status()).as("not her own reset").isEqualTo(403);
        assertThat(api.delete("/api/v1/staff/" + id + "/two-factor", api.adminToken()).status()).isEqualTo(204);
        assertThat(login("noemie@cegep-test.qc.ca", null).status()).as("off after the reset").isEqualTo(200);
    }

    @Test
    void theFormAsksForTheCodeOnASecondStep() throws Exception {
        String token = api.createStaff(api.adminToken(), "francois@cegep-test.qc.ca", "François Gagnon", "agent", 2);
        String secret = enrol(token);
        FormBrowser browser = new FormBrowser(node.baseUrl());
        var step = browser.logIn("francois@cegep-test.qc.ca", Cegep.PASSWORD);
        assertThat(step.statusCode()).isEqualTo(200);
        assertThat(step.body()).contains("Code de vérification", "autocomplete=\"one-time-code\"");
        Matcher pending = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"").matcher(step.body());
        assertThat(pending.find()).isTrue();
        var wrong = browser.post("/login/code", Map.of("pending", pending.group(1), "code", "12345x", "next", "/console"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Ce code n’est pas le bon.");
        var in = browser.post("/login/code", Map.of("pending", pending.group(1), "code", code(secret, 1), "next", "/console"));
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location")).hasValue("/console");
        assertThat(browser.get("/console").body()).contains("François Gagnon");
        var forged = new FormBrowser(node.baseUrl());
        forged.get("/login");
        assertThat(forged.post("/login/code", Map.of("pending", "1.abc", "code", code(secret, 1))).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongCodesWaitLikeWrongPasswords() throws Exception {
        String token = api.createStaff(api.adminToken(), "agathe@cegep-test.qc.ca", "Agathe Paré", "agent", 2);
        enrol(token);
        Api.Response last = null;
        for (int i = 0; i <= IdentityService.FREE_FAILURES_PER_EMAIL; i++) last = login("agathe@cegep-test.qc.ca", "99999" + i);
        assertThat(last.status()).isEqualTo(429);
    }

    @Test
    void aRoleThatMustUseTwoFactorEnrolsBeforeAnythingElse() throws Exception {
        Api onStrict = strict.api();
        String admin = onStrict.post("/api/v1/auth/login", null, Map.of("email", TestNode.ADMIN_EMAIL, "password", TestNode.ADMIN_PASSWORD))
                .json().path("error").path("code").asText();
        assertThat(admin).isEqualTo("mfa_enrolment_required");

        FormBrowser browser = new FormBrowser(strict.baseUrl());
        var in = browser.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        assertThat(in.headers().firstValue("Location")).hasValue("/account/two-factor");
        assertThat(browser.get("/console").headers().firstValue("Location")).hasValue("/account/two-factor");
        var page = browser.get("/account/two-factor");
        assertThat(page.body()).contains("Votre rôle exige l’authentification à deux facteurs", "<svg", "Balayez ce code QR");
        Matcher key = Pattern.compile("class=\"totp-secret\">([A-Z2-7]+)<").matcher(page.body());
        assertThat(key.find()).isTrue();
        var done = browser.post("/account/two-factor", Map.of("code", code(key.group(1), 0)));
        assertThat(done.body()).contains("Voici vos 10 codes de secours");
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);
        assertThat(browser.get("/admin/staff").body()).doesNotContain("n’est exigée pour aucun rôle");
    }

    @Test
    void administratorsAreWarnedWhileNoRoleMustUseIt() {
        FormBrowser browser = new FormBrowser(node.baseUrl());
        browser.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        assertThat(browser.get("/admin/staff").body()).contains("L’authentification à deux facteurs n’est exigée pour aucun rôle.");
        assertThat(browser.get("/console").body()).doesNotContain("n’est exigée pour aucun rôle");
    }
}
