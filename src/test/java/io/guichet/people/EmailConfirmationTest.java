package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The same email arriving twice is one contact, once the visitor proves with a mailed code that the address is theirs. */
class EmailConfirmationTest {
    static Smtp smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
        smtp.close();
    }

    /** A visitor who typed {@code email} in the chat's form and asked their first question. */
    static String visitorWith(String name, String email, String question) {
        Response s = api.post("/api/v1/visitor/sessions", null, Map.of("name", name, "email", email, "lang", "fr"));
        assertThat(s.status()).isEqualTo(201);
        String token = s.text("visitorToken");
        assertThat(api.startConversation(token, Cegep.ADMISSIONS, question).status()).isEqualTo(201);
        return token;
    }

    /** Asks for a code and reads it in the mail that arrives. */
    static String codeMailedTo(String token, String email) throws Exception {
        int before = smtp.received();
        Response sent = api.post("/api/v1/visitor/email/code", token, Map.of("email", email));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(202);
        MimeMessage mail = smtp.nextTo(email, before);
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(GreenMailUtil.getBody(mail));
        assertThat(code.find()).isTrue();
        assertThat(mail.getSubject()).isEqualTo("Votre code de confirmation\u00a0: " + code.group(1));
        return code.group(1);
    }

    static List<String> conversationsOf(String token) {
        List<String> bodies = new ArrayList<>();
        for (JsonNode c : api.get("/api/v1/visitor/me", token).json().path("conversations")) bodies.add(c.path("id").asText());
        return bodies;
    }

    @Test
    void theSameEmailTwiceIsOneContactOnceTheSecondVisitorTypesTheMailedCode() throws Exception {
        String first = visitorWith("Zoé Gagnon", "zoe.gagnon@exemple.qc.ca", "Quand ouvrent les admissions?");
        Response confirmed = api.post("/api/v1/visitor/email/confirm", first, Map.of("code", codeMailedTo(first, "zoe.gagnon@exemple.qc.ca")));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        String zoé = api.get("/api/v1/visitor/me", first).text("id");
        assertThat(contact(zoé).path("emails").toString()).as("now an identity, no longer a claim").contains("zoe.gagnon@exemple.qc.ca");

        // A week later, another browser, the same address typed in capitals.
        String second = visitorWith("Zoé", "Zoe.Gagnon@exemple.qc.ca", "Et pour la session d’hiver?");
        assertThat(api.get("/api/v1/visitor/me", second).text("id")).as("until confirmed, a separate contact").isNotEqualTo(zoé);
        assertThat(conversationsOf(second)).hasSize(1);
        String code = codeMailedTo(second, "Zoe.Gagnon@exemple.qc.ca");
        assertThat(api.post("/api/v1/visitor/email/confirm", second, Map.of("code", " " + code.substring(0, 3) + " " + code.substring(3))).status())
                .as("spaces as people type them").isEqualTo(200);

        assertThat(api.get("/api/v1/visitor/me", second).text("id")).as("the second browser is now Zoé's contact").isEqualTo(zoé);
        assertThat(conversationsOf(second)).as("both conversations, one person").hasSize(2);
        assertThat(conversationsOf(first)).hasSize(2);
        String timeline = api.get("/api/v1/contacts/" + zoé + "/timeline", cegep.jérôme).raw().body();
        assertThat(timeline).contains("people.merged");
    }

    @Test
    void onAPhoneTheVisitorTypesTheMailedCodeAndTheirConversationsAreLinked() throws Exception {
        String earlier = visitorWith("Inès Benali", "ines.benali@exemple.qc.ca", "Le programme de soins infirmiers est-il contingenté?");
        api.post("/api/v1/visitor/email/confirm", earlier, Map.of("code", codeMailedTo(earlier, "ines.benali@exemple.qc.ca")));
        List<String> problems = new ArrayList<>();
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page panel = phone.newPage();
            panel.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.ADMISSIONS);
            panel.fill("#f-name", "Inès");
            panel.fill("#f-email", "ines.benali@exemple.qc.ca");
            panel.fill("#f-body", "Et la date limite pour l’automne?");
            panel.click("button[type=submit]");
            panel.waitForSelector("#confirm-send");
            assertThat(panel.textContent(".confirm")).contains("Confirmez ines.benali@exemple.qc.ca");
            Browsers.shoot(panel, "widget-confirm-offer-390", problems);

            int before = smtp.received();
            panel.click("#confirm-send");
            panel.waitForSelector("#confirm-code");
            Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(GreenMailUtil.getBody(smtp.nextTo("ines.benali@exemple.qc.ca", before)));
            assertThat(code.find()).isTrue();
            assertThat((Boolean) panel.evaluate("document.activeElement.id === 'confirm-code'")).as("the code field takes the focus").isTrue();

            panel.fill("#confirm-code", "111111".equals(code.group(1)) ? "222222" : "111111");
            panel.click("#confirm-button");
            panel.waitForSelector("#confirm-error");
            assertThat(panel.textContent("#confirm-error")).isEqualTo("Ce n’est pas le code envoyé. Vérifiez-le ou demandez-en un nouveau.");
            assertThat(panel.getAttribute("#confirm-code", "aria-invalid")).isEqualTo("true");
            Browsers.shoot(panel, "widget-confirm-wrong-390", problems);

            panel.fill("#confirm-code", code.group(1));
            panel.click("#confirm-button");
            panel.waitForSelector(".confirm-done");
            assertThat(panel.textContent(".confirm-done")).isEqualTo("Adresse ines.benali@exemple.qc.ca confirmée\u00a0: vos conversations sont reliées.");
            assertThat(panel.isVisible("#composer-input")).as("the conversation goes on").isTrue();
            Browsers.shoot(panel, "widget-confirm-done-390", problems);

            String token = (String) panel.evaluate("JSON.parse(localStorage.getItem('guichet.visitor')).token");
            assertThat(api.get("/api/v1/visitor/me", token).text("id")).isEqualTo(api.get("/api/v1/visitor/me", earlier).text("id"));
            assertThat(conversationsOf(token)).hasSize(2);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void someoneTypingAnotherPersonsAddressGetsNothingWithoutTheCode() throws Exception {
        String owner = visitorWith("Léa Roy", "lea.roy@exemple.qc.ca", "Ma demande est-elle complète?");
        api.post("/api/v1/visitor/email/confirm", owner, Map.of("code", codeMailedTo(owner, "lea.roy@exemple.qc.ca")));
        String intruder = visitorWith("Léa", "lea.roy@exemple.qc.ca", "Montrez-moi ses conversations");
        codeMailedTo(intruder, "lea.roy@exemple.qc.ca"); // the code goes to Léa's mailbox, not to the intruder
        for (int i = 1; i <= 4; i++) {
            Response wrong = api.post("/api/v1/visitor/email/confirm", intruder, Map.of("code", "00000" + i));
            assertThat(wrong.status()).isEqualTo(422);
            assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("code_wrong");
        }
        Response fifth = api.post("/api/v1/visitor/email/confirm", intruder, Map.of("code", "000009"));
        assertThat(fifth.json().path("error").path("code").asText()).as("five tries, then the code is spent").isEqualTo("code_expired");
        assertThat(conversationsOf(intruder)).as("the intruder still sees only their own").hasSize(1);
        assertThat(api.get("/api/v1/visitor/me", intruder).text("id")).isNotEqualTo(api.get("/api/v1/visitor/me", owner).text("id"));
    }

    @Test
    void aNewCodeReplacesTheLastAndAnAddressGetsAtMostThreeAnHour() throws Exception {
        String visitor = visitorWith("Noé", "noe.tremblay@exemple.qc.ca", "Bonjour");
        String old = codeMailedTo(visitor, "noe.tremblay@exemple.qc.ca");
        String fresh = codeMailedTo(visitor, "noe.tremblay@exemple.qc.ca");
        if (!old.equals(fresh)) {
            Response stale = api.post("/api/v1/visitor/email/confirm", visitor, Map.of("code", old));
            assertThat(stale.json().path("error").path("code").asText()).isEqualTo("code_wrong");
        }
        String third = codeMailedTo(visitor, "noe.tremblay@exemple.qc.ca");
        Response fourth = api.post("/api/v1/visitor/email/code", visitor, Map.of("email", "noe.tremblay@exemple.qc.ca"));
        assertThat(fourth.status()).as("no mail storm at an address").isEqualTo(429);
        assertThat(fourth.json().path("error").path("code").asText()).isEqualTo("too_many_codes");
        if (!fresh.equals(third)) {
            assertThat(api.post("/api/v1/visitor/email/confirm", visitor, Map.of("code", fresh)).status()).as("replaced by the third").isEqualTo(422);
        }
        assertThat(api.post("/api/v1/visitor/email/confirm", visitor, Map.of("code", third)).status()).as("the last one sent works").isEqualTo(200);
    }

    @Test
    void badInputIsRefusedClearly() {
        String visitor = visitorWith("Ève", "eve@exemple.qc.ca", "Allô");
        assertThat(api.post("/api/v1/visitor/email/code", null, Map.of("email", "eve@exemple.qc.ca")).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/visitor/email/code", visitor, Map.of("email", "pas une adresse")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/visitor/email/code", visitor, Map.of("email", "eve@exemple.qc.ca\r\nBcc: x@y.z")).status()).isEqualTo(422);
        Response none = api.post("/api/v1/visitor/email/confirm", visitor, Map.of("code", "123456"));
        assertThat(none.json().path("error").path("code").asText()).as("no code was asked for").isEqualTo("code_expired");
        assertThat(api.post("/api/v1/visitor/email/confirm", visitor, Map.of("code", "")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/visitor/email/confirm", visitor, Map.of("code", "<script>alert(1)</script>")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/visitor/email/confirm", visitor, Map.of()).status()).isEqualTo(422);
    }

    static JsonNode contact(String id) {
        Response r = api.get("/api/v1/contacts/" + id, cegep.jérôme);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().has("contact") ? r.json().path("contact") : r.json();
    }
}
