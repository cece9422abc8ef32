package io.guichet.platform.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no SMTP server (the demo), every mail is kept and shown to administrators in the mail viewer and
 * {@code GET /api/v1/mail}; no one else reads the outbox. In Chromium at a phone's and a desktop's width,
 * the HTML part shown in a sandboxed frame, with no serious or critical axe-core violation.
 */
class MailViewerTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();
    static final Cegep cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
    static final Api api = node.api();
    static long welcome;

    @BeforeAll
    static void seed() {
        MailService mail = node.app.mail();
        mail.doQueueAll(IntStream.range(0, 55).mapToObj(i -> OutgoingMail.of("parent" + i + "@example.com", "Parent " + i, "fr",
                io.guichet.platform.mail.Purpose.TRANSACTIONAL, null, "Rappel n° " + i, MailBody.written("Rappel."))).toList());
        welcome = mail.doQueue(OutgoingMail.of("zoe.levesque@example.com", "Zoé <Lévesque>", "fr", io.guichet.platform.mail.Purpose.TRANSACTIONAL, null,
                "Bienvenue à l’accueil — Zoé <script>", MailBody.written("**Bienvenue!** <img src=x onerror=alert(1)>\n\nÀ bientôt."))
                .replyingTo("<q1@example.com>", List.of("<q1@example.com>")));
    }

    @Test
    void onlyAdministratorsReadTheOutbox() {
        assertThat(api.get("/api/v1/mail", cegep.élodie).status()).as("an agent").isEqualTo(403);
        assertThat(api.get("/api/v1/mail", cegep.jérôme).status()).as("a supervisor").isEqualTo(403);
        assertThat(api.get("/api/v1/mail", null).status()).as("no one signed in").isEqualTo(401);
        assertThat(api.get("/api/v1/mail/" + welcome, cegep.élodie).status()).isEqualTo(403);
        assertThat(api.get("/admin/mail", cegep.élodie).status()).isEqualTo(403);

        Api.Response first = api.get("/api/v1/mail?status=kept", cegep.admin);
        assertThat(first.status()).isEqualTo(200);
        JsonNode mails = first.json().path("mails");
        assertThat(mails).hasSize(50);
        assertThat(mails.get(0).path("subject").asText()).isEqualTo("Bienvenue à l’accueil — Zoé <script>");
        assertThat(mails.get(0).path("status").asText()).isEqualTo("kept");
        assertThat(mails.get(0).path("inReplyTo").asText()).isEqualTo("<q1@example.com>");
        assertThat(mails.get(0).has("html")).as("lists carry no parts").isFalse();
        Api.Response second = api.get("/api/v1/mail?status=kept&before=" + first.json().path("next").asLong(), cegep.admin);
        assertThat(second.json().path("mails")).hasSize(6);
        assertThat(second.json().path("next").isNull()).isTrue();
        assertThat(api.get("/api/v1/mail?status=sent", cegep.admin).json().path("mails")).isEmpty();

        JsonNode one = api.get("/api/v1/mail/" + welcome, cegep.admin).json();
        assertThat(one.path("text").asText()).contains("Bienvenue!", "Bonjour Zoé <Lévesque>,");
        assertThat(one.path("html").asText()).contains("Zoé &lt;Lévesque&gt;", "&lt;img src").doesNotContain("<img", "<script");
        assertThat(api.get("/api/v1/mail/999999", cegep.admin).status()).isEqualTo(404);
    }

    @Test
    void aStatusTheOutboxDoesNotKnowIsRefused() {
        Api.Response r = api.get("/api/v1/mail?status=bounced", cegep.admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("invalid");
        assertThat(r.json().path("error").path("message").asText()).contains("queued, sent, failed or kept");
        assertThat(api.get("/api/v1/mail?before=abc", cegep.admin).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/mail/abc", cegep.admin).status()).isEqualTo(404);
    }

    @Test
    void healthShowsTheOutboxToAdministratorsAndLoopbackOnly() throws Exception {
        assertThat(api.get("/health", null).json().path("mail").path("delivering").asBoolean(true)).as("loopback").isFalse();
        assertThat(health(null).has("mail")).as("behind a proxy, no one signed in").isFalse();
        assertThat(health(cegep.élodie).has("mail")).as("an agent").isFalse();
        JsonNode mail = health(cegep.admin).path("mail");
        assertThat(mail.path("queued").asLong()).isZero();
        assertThat(mail.has("oldestWaitSeconds")).isTrue();
        assertThat(mail.path("lastError").isNull()).isTrue();
        assertThat(api.get("/metrics", null).raw().body()).contains("guichet_mail_queued ", "guichet_mail_oldest_wait_seconds ",
                "guichet_mail_sent_total ", "guichet_mail_failures_total{kind=\"temporary\"}", "guichet_mail_failures_total{kind=\"permanent\"}");
    }

    /** /health as seen through a reverse proxy (not loopback to the node), with a token or not. */
    private static JsonNode health(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health")).header("X-Forwarded-For", "203.0.113.9");
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void theMailViewerAtAPhonesAndADesktopsWidth() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/admin/mail", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                page.waitForSelector(".mail-table");
                assertThat(page.locator(".mainnav a[aria-current=page]").textContent()).isEqualTo("Courriels");
                assertThat(page.textContent("main")).contains("Aucun serveur SMTP n’est configuré", "Bienvenue à l’accueil — Zoé <script>");
                Browsers.shoot(page, "mail-viewer-list-" + width, problems, "iframe.mail-html");
                page.click("text=Bienvenue à l’accueil — Zoé <script>");
                page.waitForSelector("iframe.mail-html");
                FrameLocator html = page.frameLocator("iframe.mail-html");
                assertThat(html.locator("div > p > strong").first().textContent()).isEqualTo("Bienvenue!");
                assertThat(page.getAttribute("iframe.mail-html", "sandbox")).isEmpty();
                assertThat(page.textContent(".mail-headers")).contains("Message-ID", "In-Reply-To", "<q1@example.com>", "Zoé <Lévesque> <zoe.levesque@example.com>");
                assertThat(page.textContent(".mail-text")).contains("Bonjour Zoé <Lévesque>,");
                Browsers.shoot(page, "mail-viewer-mail-" + width, problems, "iframe.mail-html");
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }

    /** The HTML part's frame runs no script (sandbox), so axe cannot enter it: the page around it is checked. */
}
