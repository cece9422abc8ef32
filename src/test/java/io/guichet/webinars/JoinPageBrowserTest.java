package io.guichet.webinars;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join page in a browser, on a phone and a desktop: the waiting page's countdown running by the second and the
 * opening in the visitor's own zone, the page that says the room does not answer, and after the session the replay;
 * screenshots, and axe finds nothing.
 */
class JoinPageBrowserTest {
    static RoomFixture f;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        f = new RoomFixture(true);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        f.close();
    }

    @Test
    void theWaitingPageCountsDownOnAPhoneAndADesktopAndADownRoomSaysSo() throws Exception {
        Instant start = f.clock.instant().plus(Duration.ofDays(1)).plus(Duration.ofHours(3));
        long id = f.session("Les mercredis de l’apprentissage : l’électricité du bâtiment", start, null);
        f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
        f.register(id, "Noah Smith", "noah@exemple.ca", "en");
        List<String> problems = new ArrayList<>();

        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            phone.setDefaultTimeout(10_000);
            Page page = phone.newPage();
            page.navigate(f.node.baseUrl() + f.joinPath("zoe@exemple.ca"));
            assertThat(page.locator("h1").textContent()).isEqualTo("Les mercredis de l’apprentissage : l’électricité du bâtiment");
            page.waitForSelector(".join-local:not([hidden])");
            assertThat(page.locator(".join-local").textContent()).startsWith("Début à votre heure\u00a0:");
            page.waitForFunction("() => /\\d\\d min \\d\\d s$/.test(document.querySelector('.join-countdown').textContent)");
            assertThat(page.locator(".join-countdown").textContent()).startsWith("1 j 2 h");
            Browsers.shoot(page, "webinar-join-waiting-390", problems);
        }
        try (BrowserContext desktop = browsers.person(1440, 900, "en-CA")) {
            Page page = desktop.newPage();
            page.navigate(f.node.baseUrl() + f.joinPath("noah@exemple.ca"));
            assertThat(page.locator(".join-wait h2").textContent()).isEqualTo("The room opens soon");
            page.waitForSelector(".join-local:not([hidden])");
            Browsers.shoot(page, "webinar-join-waiting-1440", problems);
        }

        f.clock.set(start.minus(Duration.ofMinutes(5)));
        f.bbb.down();
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(f.node.baseUrl() + f.joinPath("zoe@exemple.ca"));
            assertThat(page.locator("[role=status]").textContent()).contains("La salle vidéo ne répond pas pour le moment");
            Browsers.shoot(page, "webinar-join-unavailable-390", problems);
        } finally {
            f.bbb.up();
        }

        // back up: the room opens, the session ends, its recording is ready; the same link now leads to the replay
        assertThat(f.get(f.joinPath("zoe@exemple.ca")).statusCode()).isEqualTo(303);
        f.clock.set(start.plus(Duration.ofHours(1)));
        assertThat(f.bbb.ends(f.meetingId(id))).isEqualTo(200);
        assertThat(f.bbb.recordingReady(f.meetingId(id), BbbStandIn.SECRET)).isEqualTo(200);
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(f.node.baseUrl() + f.joinPath("zoe@exemple.ca"));
            assertThat(page.locator("main a.button").getAttribute("href")).as("through Guichet, which counts the view").contains("/link/webinaire/revoir/");
            assertThat(page.locator("main a.button").textContent()).isEqualTo("Voir l’enregistrement");
            Browsers.shoot(page, "webinar-join-replay-390", problems);
        }
        assertThat(problems).isEmpty();
    }
}
