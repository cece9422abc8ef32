package io.guichet.inbox;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.Smtp;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation's tools in a real Chromium: files both ways (the button, a drop, a paste), a mention that reaches a
 * colleague live in another browser, the rating and the transcript at the end — as people use them, with screenshots
 * at 390 and 1440 px and axe-core on each state.
 */
class ConversationToolsBrowserTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    static Smtp smtp;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        node = TestNode.start(TestDatabases.fresh(), smtp.settings());
        api = node.api();
        cegep = Cegep.on(node).capacity(4).withServices().withAgents(Cegep.Persona.ELODIE, Cegep.Persona.FRANCOIS).withSupervisor();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
        smtp.close();
    }

    /** A file dropped on (or pasted into) the element, as the browser's own drag-and-drop and clipboard would hand it. */
    static void dispatchFile(Page page, String selector, String event, String name, String type, byte[] bytes) {
        page.evaluate("([selector, event, name, type, b64]) => {"
                + " const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));"
                + " const dt = new DataTransfer(); dt.items.add(new File([bytes], name, { type }));"
                + " const target = document.querySelector(selector);"
                + " if (event === 'paste') { target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); return; }"
                + " for (const kind of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));"
                + "}", List.of(selector, event, name, type, Base64.getEncoder().encodeToString(bytes)));
    }

    @Test
    void aScreenshotFromTheWidgetIsAThumbnailInTheConsoleAndAPdfFromTheConsoleReachesTheWidget() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext agent = browsers.person(1440, 900, "fr-CA"); BrowserContext visitor = browsers.person(390, 844, "fr-CA")) {
            Page console = Browsers.signIn(agent, node.baseUrl(), "/console", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            api.awaitAnswering(Cegep.ADMISSIONS); // the console's socket connects: Élodie is available

            Page panel = visitor.newPage();
            panel.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.ADMISSIONS);
            panel.fill("#f-name", "Zoé Lévesque");
            panel.fill("#f-body", "Bonjour, j’ai une erreur en déposant ma demande.");
            panel.click("button[type=submit]");
            panel.waitForSelector("#composer-input");
            byte[] png = AttachmentsTest.image("png");
            panel.setInputFiles("#file-input", new FilePayload("capture d’écran.png", "image/png", png));
            panel.waitForSelector("#log img[alt='capture d’écran.png']");
            assertThat((Boolean) panel.evaluate("document.querySelector(\"#log img\").naturalWidth > 0")).as("the thumbnail shows").isTrue();

            console.locator(".conv-list a.conv:has-text('Zoé Lévesque')").click();
            console.waitForSelector("#messages img[alt='capture d’écran.png']");
            console.waitForFunction("document.querySelector('#messages img').naturalWidth > 0");
            Browsers.shoot(console, "tools-console-thumbnail-1440", problems);

            Download download = console.waitForDownload(() -> console.click("#messages a.attachment-image"));
            assertThat(download.suggestedFilename()).isEqualTo("capture d’écran.png");
            String href = console.getAttribute("#messages a.attachment-image", "href");
            APIResponse headers = agent.request().get(node.baseUrl() + href);
            assertThat(headers.headers().get("content-disposition")).startsWith("attachment;").contains("filename*=UTF-8''capture%20d%E2%80%99%C3%A9cran.png");
            assertThat(headers.headers().get("x-content-type-options")).isEqualTo("nosniff");
            assertThat(headers.headers().get("content-type")).isEqualTo("image/png");
            assertThat(headers.body()).isEqualTo(png);

            // Élodie drops a PDF on the thread; the visitor sees its chip.
            dispatchFile(console, "#thread", "drop", "Guide d’admission.pdf", "application/pdf", AttachmentsTest.PDF);
            console.waitForSelector("#messages a.attachment-file:has-text('Guide d’admission.pdf')");
            console.waitForSelector("#upload-status:has-text('Guide d’admission.pdf est envoyé.')");
            panel.waitForSelector("#log a.attachment-file:has-text('Guide d’admission.pdf')");
            Browsers.shoot(panel, "tools-widget-files-390", problems);

            // A page posing as an image is refused, in words, before anything is stored.
            panel.setInputFiles("#file-input", new FilePayload("page.png", "image/png", "<html><script>alert(1)</script>".getBytes()));
            panel.waitForSelector("#file-status:has-text('page.png n’a pas été envoyé : seuls les images')");
            Browsers.shoot(panel, "tools-widget-refused-390", problems);

            // The visitor pastes a screenshot into the composer.
            dispatchFile(panel, "#composer-input", "paste", "collé.gif", "image/gif", AttachmentsTest.image("gif"));
            panel.waitForSelector("#log img[alt='collé.gif']");
            console.waitForSelector("#messages img[alt='collé.gif']");

            panel.setViewportSize(1440, 900);
            Browsers.shoot(panel, "tools-widget-files-1440", problems);
            console.setViewportSize(390, 844);
            console.waitForTimeout(200);
            Browsers.shoot(console, "tools-console-files-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMentionInANoteReachesTheColleagueLiveInTheirConsoleAndTheirMentions() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext jeromeBrowser = browsers.person(1440, 900, "fr-CA"); BrowserContext elodieBrowser = browsers.person(1440, 900, "fr-CA")) {
            Page elodie = Browsers.signIn(elodieBrowser, node.baseUrl(), "/console", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            api.awaitAnswering(Cegep.ADMISSIONS); // her socket connects: the new conversations are routed to her
            String reading = api.startConversation(api.visitor("Léa Roy"), Cegep.ADMISSIONS, "Question sur les portes ouvertes").text("conversationId");
            String noted = api.startConversation(api.visitor("Noé Pelletier"), Cegep.ADMISSIONS, "Ma demande est incomplète?").text("conversationId");
            elodie.locator(".conv-list a.conv:has-text('Léa Roy')").click();
            elodie.waitForSelector("#messages :text('Question sur les portes ouvertes')");

            Page jerome = Browsers.signIn(jeromeBrowser, node.baseUrl(), "/console/c/" + noted, Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            jerome.check("#composer input[name=internal][value=true]");
            jerome.click("#reply");
            jerome.keyboard().type("@elo");
            jerome.waitForSelector("#mention-list [role=option]:has-text('Élodie Tremblay')");
            assertThat(jerome.getAttribute("#reply", "aria-activedescendant")).isEqualTo("mention-opt-0");
            assertThat(jerome.textContent("#mention-status")).isEqualTo("1 collègue suggéré·e");
            Browsers.shoot(jerome, "tools-mention-suggestions-1440", problems);
            jerome.keyboard().press("Enter"); // chooses, does not send
            assertThat(jerome.inputValue("#reply")).isEqualTo("@Élodie Tremblay ");
            jerome.keyboard().type("peux-tu confirmer les pièces manquantes?");
            jerome.keyboard().press("Enter");
            jerome.waitForSelector("#messages .msg-note:has-text('@Élodie Tremblay peux-tu confirmer les pièces manquantes?')");

            // Élodie, on another conversation, is told at once, and the mentions tab counts it.
            elodie.waitForSelector(".toast:has-text('Jérôme Bélanger vous a mentionné·e dans la conversation avec Noé Pelletier')");
            elodie.waitForSelector("#mentions-badge:has-text('1')");
            Browsers.shoot(elodie, "tools-mention-toast-1440", problems);
            elodie.click("#lists a.tab[href='/console?view=mentions']");
            elodie.waitForSelector("#lists .mention-item.unread:has-text('Noé Pelletier')");
            Browsers.shoot(elodie, "tools-mentions-list-1440", problems);
            elodie.click(".toast a");
            elodie.waitForSelector("#messages .msg-note:has-text('peux-tu confirmer les pièces manquantes?')");
            elodie.waitForSelector("#lists .mention-item:not(.unread):has-text('Noé Pelletier')");
            assertThat(elodie.locator("#mentions-badge").count()).as("read once opened").isZero();
            elodie.setViewportSize(390, 844);
            elodie.navigate(node.baseUrl() + "/console?view=mentions");
            elodie.waitForSelector("#lists .mention-item");
            Browsers.shoot(elodie, "tools-mentions-list-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    /** The conversation whose words match, once stored (the widget shows its composer while the first message is still on its way). */
    private static String conversationAbout(String words) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var found = api.get("/api/v1/conversations?q=" + words, cegep.jérôme).json().path("conversations");
            if (found.size() > 0) return found.get(0).path("id").asText();
            Thread.sleep(100);
        }
        throw new AssertionError("no conversation about " + words);
    }

    @Test
    void theVisitorRatesTheEndedConversationAndGetsTheTranscriptByMail() throws Exception {
        List<String> problems = new ArrayList<>();
        try (BrowserContext visitor = browsers.person(390, 844, "fr-CA"); BrowserContext agent = browsers.person(1440, 900, "fr-CA");
             Api.Socket françoisThere = api.socket("/ws/agent?token=" + cegep.françois)) { // someone is there: no email asked to start
            Page panel = visitor.newPage();
            panel.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.AIDE_FINANCIERE);
            panel.fill("#f-name", "Aurélie Bédard");
            panel.fill("#f-body", "Quand arrive le premier versement de ma bourse?");
            panel.click("button[type=submit]");
            panel.waitForSelector("#composer-input");
            String id = conversationAbout("versement");
            api.post("/api/v1/conversations/" + id + "/messages", cegep.françois,
                    Map.of("body", "Le premier versement arrive le 15 septembre, après la confirmation de votre inscription.", "clientId", UUID.randomUUID().toString()));
            api.post("/api/v1/conversations/" + id + "/messages", cegep.françois,
                    Map.of("body", "Note : dossier complet", "clientId", UUID.randomUUID().toString(), "internal", true));
            api.post("/api/v1/conversations/" + id + "/resolve", cegep.françois, Map.of());
            // François keeps the ended conversation open in his console: the rating will show there as it comes.
            Page console = Browsers.signIn(agent, node.baseUrl(), "/console/c/" + id, Cegep.Persona.FRANCOIS.email, Cegep.PASSWORD);
            console.waitForSelector("#messages :text('Le premier versement arrive le 15 septembre')");
            console.waitForSelector("#console[data-socket=ready]");
            assertThat(console.locator(".rating").count()).as("not rated yet").isZero();

            panel.waitForSelector("#rate-form legend:has-text('Comment s’est passée cette conversation?')");
            Browsers.shoot(panel, "tools-widget-rate-390", problems);
            panel.click("#rate-send");
            panel.waitForSelector("#rate-form [role=alert]:has-text('Choisissez une note de 1 à 5.')");
            panel.focus("#rate-form input[value='1']");
            for (int i = 0; i < 3; i++) panel.keyboard().press("ArrowDown"); // a radio group: the arrows choose
            assertThat(panel.isChecked("#rate-form input[value='4']")).isTrue();
            panel.fill("#rate-comment", "Très clair, merci François!");
            panel.click("#rate-send");
            panel.waitForSelector(".rate-thanks:has-text('Merci pour votre évaluation!')");
            console.waitForSelector(".rating:has-text('4 sur 5')"); // live, without a reload

            panel.click("#transcript-btn");
            panel.waitForSelector("#transcript-email"); // no address known yet: the panel asks
            Browsers.shoot(panel, "tools-widget-transcript-390", problems);
            panel.fill("#transcript-email", "aurelie.bedard@exemple.qc.ca");
            int before = smtp.received();
            panel.click("#transcript-form button[type=submit]");
            panel.waitForSelector(".transcript-sent:has-text('La transcription a été envoyée à aurelie.bedard@exemple.qc.ca.')");
            String text = RatingsTest.part(smtp.next(before), "text/plain");
            assertThat(text).contains("Le premier versement arrive le 15 septembre").contains("Quand arrive le premier versement de ma bourse?")
                    .doesNotContain("dossier complet");
            panel.setViewportSize(1440, 900);
            Browsers.shoot(panel, "tools-widget-ended-1440", problems);

            assertThat(console.textContent(".rating")).contains("« Très clair, merci François! »");
            Browsers.shoot(console, "tools-console-rating-1440", problems);
            console.setViewportSize(390, 844);
            Browsers.shoot(console, "tools-console-rating-390", problems);
        }
        assertThat(problems).isEmpty();
    }
    @Test
    void aRatingRefusedBecauseTheConversationWasRatedMeanwhileSaysSoInTheWidgetInBothLanguages() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String lang : new String[]{"fr", "en"}) {
            try (BrowserContext visitor = browsers.person(390, 844, lang.equals("fr") ? "fr-CA" : "en-CA");
                 Api.Socket françoisThere = api.socket("/ws/agent?token=" + cegep.françois)) {
                Page panel = visitor.newPage();
                panel.navigate(node.baseUrl() + "/widget/panel?lang=" + lang + "&service=" + Cegep.AIDE_FINANCIERE);
                String words = "remboursement" + lang;
                panel.fill("#f-name", "Maëlle Gagnon");
                panel.fill("#f-body", "Question sur le " + words + " de mes frais?");
                panel.click("button[type=submit]");
                panel.waitForSelector("#composer-input");
                String id = conversationAbout(words);
                api.post("/api/v1/conversations/" + id + "/resolve", cegep.françois, Map.of());
                panel.waitForSelector("#rate-form");
                // the same visitor rates from elsewhere (the mailed link, another tab): the panel's form is now out of date
                String token = (String) panel.evaluate("() => JSON.parse(localStorage.getItem('guichet.visitor')).token");
                assertThat(api.post("/api/v1/visitor/conversations/" + id + "/rating", token, Map.of("score", 5)).status()).isEqualTo(201);
                panel.check("#rate-form input[value='2']");
                panel.click("#rate-send");
                String expected = lang.equals("fr")
                        ? "Cette conversation a déjà été évaluée\u00a0: votre première évaluation est conservée. Merci\u00a0!"
                        : "This conversation has already been rated: your first rating is kept. Thank you!";
                panel.waitForSelector("#rate-already");
                assertThat(panel.textContent("#rate-already")).isEqualTo(expected);
                assertThat(panel.locator("#rate-form").count()).as("nothing left to send").isZero();
                assertThat(api.get("/api/v1/visitor/conversations/" + id + "/rating", token).json().path("rating").path("score").asInt())
                        .as("the first rating stays").isEqualTo(5);
                Browsers.shoot(panel, "tools-widget-rate-already-" + lang + "-390", problems);
            }
        }
        assertThat(problems).isEmpty();
    }
}
