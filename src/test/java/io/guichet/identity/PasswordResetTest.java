package io.guichet.identity;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.guichet.testing.Api;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator mails a reset link; the person chooses a password through it, once, and their sessions end. */
class PasswordResetTest {
    static Smtp smtp;
    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings());
        api = node.api();
    }

    @AfterAll
    static void stop() {
        node.close();
        smtp.close();
    }

    @Test
    void theMailedLinkSetsThePasswordOnceAndEndsTheOldSessions() throws Exception {
        String admin = api.adminToken();
        String old = api.createStaff(admin, "jerome@cegep-test.qc.ca", "Jérôme Bélanger", "supervisor", 2);
        api.put("/api/v1/auth/language", old, Map.of("lang", "fr"));
        long id = Long.parseLong(api.post("/api/v1/auth/login", null, Map.of("email", "jerome@cegep-test.qc.ca", "password", "un-mot-de-passe-long"))
                .text("staffId"));
        assertThat(api.post("/api/v1/staff/" + id + "/password-reset", old, Map.of()).status()).as("not a supervisor").isEqualTo(403);
        assertThat(api.post("/api/v1/staff/" + id + "/password-reset", admin, Map.of()).status()).isEqualTo(202);

        MimeMessage mail = smtp.next(0);
        assertThat(mail.getSubject()).isEqualTo("Choisissez votre mot de passe Guichet");
        assertThat(mail.getAllRecipients()[0].toString()).contains("jerome@cegep-test.qc.ca");
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = Pattern.compile("(/account/reset/[A-Za-z0-9_\\-.]+)").matcher(body);
        assertThat(link.find()).as("a signed link in the mail").isTrue();
        String path = link.group(1);

        FormBrowser browser = new FormBrowser(node.baseUrl());
        var page = browser.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Choisir un nouveau mot de passe", "Jérôme Bélanger");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        var common = browser.post(path, Map.of("password", "motdepasse"));
        assertThat(common.statusCode()).isEqualTo(422);
        var done = browser.post(path, Map.of("password", "une phrase à moi, longue"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Votre mot de passe est enregistré.");

        assertThat(api.put("/api/v1/auth/language", old, Map.of("lang", "fr")).status()).as("the old session ended").isEqualTo(401);
        assertThat(api.login("jerome@cegep-test.qc.ca", "une phrase à moi, longue")).startsWith("gs_");

        var again = new FormBrowser(node.baseUrl()).get(path);
        assertThat(again.statusCode()).as("single-use").isEqualTo(404);
        assertThat(again.body()).contains("Ce lien ne fonctionne plus");
        String tampered = io.guichet.testing.Tampered.link(path);
        assertThat(new FormBrowser(node.baseUrl()).get(tampered).statusCode()).isEqualTo(404);
    }
}
