package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.inbox.WaitingTimers;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.MovingClock;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First-response timers on a clock the test moves: admissions answers chats within 60 s, financial aid within 600 s.
 * Nobody is available, so Zoé and Gaël wait; Jérôme, the lead, is told of a breach once, Élodie the agent never.
 */
class ResponseTimersTest {
    static MovingClock clock;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        clock = new MovingClock(Instant.now());
        node = TestNode.start(TestDatabases.fresh(), Map.of(), clock);
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        assertThat(api.put("/api/v1/staffing/targets/" + Cegep.AIDE_FINANCIERE, cegep.jérôme,
                Map.of("channel", "chat", "answerSeconds", 600, "answerPercent", 90)).status()).isEqualTo(200);
        // nobody takes the chats: both are away (their sockets still receive frames)
        api.post("/api/v1/me/presence", cegep.élodie, Map.of("status", "away"));
        api.post("/api/v1/me/presence", cegep.jérôme, Map.of("status", "away"));
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    private static String waitingList(String token, String lang) {
        Api.Response r = api.getHtmx("/console/list?view=waiting&lang=" + lang, token);
        assertThat(r.status()).isEqualTo(200);
        return r.raw().body();
    }

    @Test
    void theTimersLevelsAreEightyPercentAndTheTarget() {
        Instant since = Instant.parse("2027-03-08T14:00:00Z");
        assertThat(ResponseTimers.timer(since, 60, since.plusSeconds(47)).level()).isEqualTo(WaitingTimers.Level.ON_TIME);
        assertThat(ResponseTimers.timer(since, 60, since.plusSeconds(47)).nextAt()).isEqualTo(since.plusSeconds(48));
        assertThat(ResponseTimers.timer(since, 60, since.plusSeconds(48)).level()).isEqualTo(WaitingTimers.Level.SOON);
        assertThat(ResponseTimers.timer(since, 60, since.plusSeconds(59)).nextAt()).isEqualTo(since.plusSeconds(60));
        assertThat(ResponseTimers.timer(since, 60, since.plusSeconds(60)).level()).isEqualTo(WaitingTimers.Level.LATE);
        assertThat(ResponseTimers.timer(since, 20, since.plusSeconds(16)).level()).isEqualTo(WaitingTimers.Level.SOON);
    }

    @Test
    void aWaitingConversationIsFlaggedSoonLateThenLateSortedFirstAndOneNoticeGoesToTheLeadOnly() throws Exception {
        try (Api.Socket lead = api.socket("/ws/agent?token=" + cegep.jérôme); Api.Socket agent = api.socket("/ws/agent?token=" + cegep.élodie)) {
            // api.socket(...) has already waited for each socket's hello. A conversation's start is stamped by the
            // database (the wall clock); the timers read the test's clock, set from just after both starts: at t0 + 50 s
            // Zoé has waited at least 50 s (soon late from 48 s), however slow the machine was between the two starts
            String gaël = api.startConversation(api.visitor("Gaël Ménard"), Cegep.AIDE_FINANCIERE, "Ma bourse est-elle versée ?").text("conversationId");
            String zoé = api.startConversation(api.visitor(Cegep.ZOE_NAME), Cegep.ADMISSIONS, "Quelle est la date limite d’admission ?").text("conversationId");
            Instant t0 = Instant.now();

            clock.set(t0.plusSeconds(30));
            String before = waitingList(cegep.jérôme, "fr");
            assertThat(before).contains("Gaël Ménard").contains("Zoé Lévesque").doesNotContain("en retard").doesNotContain("badge-timer");
            assertThat(before.indexOf("Gaël Ménard")).as("oldest first while none is flagged").isLessThan(before.indexOf("Zoé Lévesque"));
            assertThat(node.app.responseTimers().doNoticeBreaches()).isZero();

            clock.set(t0.plusSeconds(50));
            String soon = waitingList(cegep.jérôme, "fr");
            assertThat(soon).contains("Bientôt en retard (objectif 60\u00a0s)").doesNotContain(">En retard");
            assertThat(soon.indexOf("Zoé Lévesque")).as("the one close to breach comes first").isLessThan(soon.indexOf("Gaël Ménard"));
            assertThat(waitingList(cegep.jérôme, "en")).contains("Soon late (target 60 s)");
            assertThat(node.app.responseTimers().doNoticeBreaches()).isZero();
            assertThat(lead.receives("staffing.late", 300)).isFalse();

            clock.set(t0.plusSeconds(65));
            String late = waitingList(cegep.jérôme, "fr");
            assertThat(late).contains("En retard (objectif 60\u00a0s)").doesNotContain("Bientôt en retard");
            assertThat(waitingList(cegep.élodie, "fr")).as("agents see the flag in their lists too").contains("En retard (objectif 60\u00a0s)");
            node.app.responseTimers().doNoticeBreaches(); // or the watch's own pass, every 5 s: whichever comes first tells
            JsonNode frame = lead.next("staffing.late", 10);
            assertThat(frame).isNotNull();
            assertThat(frame.path("conversationId").asText()).isEqualTo(zoé);
            assertThat(frame.path("service").asText()).isEqualTo(Cegep.ADMISSIONS);
            assertThat(frame.path("targetSeconds").asInt()).isEqualTo(60);
            assertThat(frame.toString()).as("no personal data").doesNotContain("Zoé").doesNotContain("date limite");
            assertThat(node.app.responseTimers().doNoticeBreaches()).as("told once").isZero();
            assertThat(lead.receives("staffing.late", 6_000)).as("not twice, whatever the watch does meanwhile").isFalse();
            assertThat(agent.receives("staffing.late", 300)).as("not to agents").isFalse();
            assertThat(gaël).isNotEqualTo(zoé);

            // the wallboard's "answered in time" tile tells today's late ones
            Matcher link = Pattern.compile("href=\"(/tableau/[^\"]+)\"").matcher(api.get("/staffing/wallboard", cegep.jérôme).raw().body());
            assertThat(link.find()).isTrue();
            String board = api.get(link.group(1), null).raw().body();
            Matcher admissions = Pattern.compile("data-service=\"admissions\".*?data-field=\"lateToday\">([^<]*)<", Pattern.DOTALL).matcher(board);
            assertThat(admissions.find()).isTrue();
            assertThat(admissions.group(1)).isEqualTo("1 en retard aujourd’hui");
            Matcher aid = Pattern.compile("data-service=\"aide-financiere\".*?data-field=\"lateToday\">([^<]*)<", Pattern.DOTALL).matcher(board);
            assertThat(aid.find()).isTrue();
            assertThat(aid.group(1)).isEqualTo("Aucune en retard aujourd’hui");

            // a third, soon late beside the late one, for the console's look at both sizes
            // Inès comes at least 12 s after Zoé (wall clock, as the database stamps starts), so that with the clock at
            // Inès's start + 50 s she is soon late (48–60 s) while Zoé, waiting over 62 s, is still late
            while (Instant.now().isBefore(t0.plusSeconds(12))) Thread.sleep(200);
            api.startConversation(api.visitor("Inès Lefèvre-Côté"), Cegep.ADMISSIONS, "Puis-je envoyer mon bulletin plus tard ?");
            Instant t1 = Instant.now();
            clock.set(t1.plusSeconds(50));
            List<String> problems = new ArrayList<>();
            for (int width : new int[]{1440, 390}) {
                try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                    Page page = Browsers.signIn(person, node.baseUrl(), "/console?view=waiting", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                    page.waitForSelector("#lists .conv-list");
                    Browsers.screenshot(page, "staffing-console-first-" + width); // what the list showed first, if the flag never comes
                    page.waitForSelector(".conv.timer-late");
                    assertThat(page.textContent(".conv.timer-late .badge-late")).contains("En retard (objectif 60\u00a0s)");
                    assertThat(page.textContent(".conv.timer-soon .badge-soon")).contains("Bientôt en retard");
                    assertThat(page.locator(".conv-list .conv").first().getAttribute("class")).contains("timer-late");
                    Browsers.shoot(page, "staffing-console-late-" + width, problems);
                }
            }
            assertThat(problems).isEmpty();
        }
    }
}
