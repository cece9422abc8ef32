package io.guichet.desk;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat widget's "call me back" (rate limits on, as in production): offered when the hotline's estimated wait
 * reaches the configured threshold, a Québec number normalised to E.164, bad numbers refused with nothing queued, one
 * open request per visitor, a flood refused; the request joins the callback queue the helpdesk sees.
 */
class DeskCallbackRequestTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_RATE_LIMITS", "on", "GUICHET_DESK_CALLBACK_WAIT_MINUTES", "5"));
        api = node.api();
        cegep = Cegep.on(node).withServices().capacity(1).withAgents(Cegep.Persona.NOEMIE).withSupervisor();
        db = node.app.database().jdbi();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    static long queued() {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_callbacks WHERE source = 'web'").mapTo(Long.class).one());
    }

    static Response ask(String visitor, Object phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("phone", phone);
        return api.post("/api/v1/visitor/callbacks", visitor, body);
    }

    @Test
    void aVisitorsNumberIsCheckedNormalisedAndQueuedOnceAndAFloodIsRefused() {
        Response offer = api.get("/api/v1/visitor/callbacks/offer", null);
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.json().get("enabled").asBoolean()).isTrue();
        assertThat(offer.json().get("service").asText()).isEqualTo(Cegep.SOUTIEN_INFORMATIQUE);
        assertThat(offer.json().get("minWaitMinutes").asInt()).isEqualTo(5);

        long before = queued();
        for (Object bad : new Object[]{null, "", "   ", "555-0142", "418 555-014", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")",
                "4".repeat(41), "418\u0000555\u00000142", 4185550142L}) {
            Response r = ask(api.visitor("Zoé"), bad);
            assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(422);
            assertThat(r.json().path("error").path("message").asText()).as(String.valueOf(bad)).isNotBlank();
        }
        assertThat(ask(null, "418 555-0142").status()).as("no visitor session").isEqualTo(401);
        assertThat(queued()).as("nothing refused was queued").isEqualTo(before);

        String zoé = api.visitor("Zoé Lévesque");
        Response first = ask(zoé, "418 555-0142");
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(first.json().get("phone").asText()).isEqualTo("+14185550142");
        Response again = ask(zoé, "(418) 555-0199");
        assertThat(again.status()).as("their open request, with the corrected number").isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(queued()).isEqualTo(before + 1);
        List<Integer> flood = new ArrayList<>();
        for (int i = 0; i < 6; i++) flood.add(ask(zoé, "418 555-0199").status());
        assertThat(flood).as("five a minute for one visitor").contains(429);
        assertThat(api.get("/desk/callbacks", cegep.noémie).raw().body()).contains("+14185550199", "Demandé dans le clavardage");
    }

    @Test
    void theWidgetOffersACallbackWhenTheWaitIsLong() {
        try (var ws = api.socket("/ws/agent?token=" + cegep.noémie)) {
            ws.next("hello", 5);
            api.startConversation(api.visitor("Léa"), Cegep.SOUTIEN_INFORMATIQUE, "Ma connexion a coupé").text("conversationId");
            ws.next("conversation.assigned", 5); // Noémie takes one at a time: the next one waits 5 minutes
            List<String> problems = new ArrayList<>();
            try (BrowserContext person = browsers.person(390, 844, "fr-CA")) {
                Page page = person.newPage();
                page.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.SOUTIEN_INFORMATIQUE);
                page.waitForSelector("#f-body");
                page.fill("#f-name", "Noé Roy");
                page.fill("#f-body", "Mon examen de chimie ne charge plus.");
                page.click("button[type=submit]");
                page.waitForSelector("#callback-form");
                assertThat(page.textContent("#callback-offer")).isEqualTo("L’attente est longue. Voulez-vous qu’on vous rappelle\u00a0?");
                page.fill("#callback-phone", "418 555-01");
                page.click("#callback-send");
                page.waitForSelector("#callback-error");
                assertThat(page.textContent("#callback-error")).contains("Ce numéro n’est pas valide");
                Browsers.shoot(page, "widget-callback-offer-390", problems);
                page.fill("#callback-phone", "418 555-0177");
                page.click("#callback-send");
                page.waitForSelector("#callback-done");
                assertThat(page.textContent("#callback-done")).contains("+14185550177");
                Browsers.shoot(page, "widget-callback-done-390", problems);
            }
            assertThat(problems).isEmpty();
            long asked = db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_callbacks WHERE phone = '+14185550177' AND source = 'web'")
                    .mapTo(Long.class).one());
            assertThat(asked).isEqualTo(1L);
        }
    }
}
