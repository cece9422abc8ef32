package io.guichet.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.FilePayload;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget shows what reached it while it could not take it, in a real Chromium whose network the test holds back:
 * a reply and the resolution that come over the socket before the first message is acknowledged, a file chosen in
 * that moment, a state older than the one shown, and what was said while its socket was down. On a loaded machine
 * each of these happens by chance; here it happens every time.
 */
class WidgetCatchUpBrowserTest {
    private static final Pattern START = Pattern.compile(".*/api/v1/visitor/conversations$");
    private static final Pattern VISITOR_SOCKET = Pattern.compile(".*/ws/visitor\\?.*");
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;
    /** François is there all along: the visitor is not asked for an email, and the conversations are his. */
    static Api.Socket françoisThere;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).capacity(8).withServices().withAgents(Cegep.Persona.FRANCOIS);
        françoisThere = api.socket("/ws/agent?token=" + cegep.françois);
        api.awaitAnswering(Cegep.AIDE_FINANCIERE);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        if (françoisThere != null) françoisThere.close();
        node.close();
    }

    /** The answer to the visitor's first message, stored by the server and held back from the page until released. */
    record Held(Route route, APIResponse response) {
        String conversationId() {
            try {
                return JSON.readTree(response.text()).path("conversationId").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void release() {
            route.fulfill(new Route.FulfillOptions().setResponse(response));
        }
    }

    private static AtomicReference<Held> holdTheStart(Page panel) {
        AtomicReference<Held> held = new AtomicReference<>();
        panel.route(START, route -> {
            if (!"POST".equals(route.request().method())) {
                route.resume();
                return;
            }
            held.set(new Held(route, route.fetch()));
        });
        return held;
    }

    /** Every frame the server sends the page, seen on its way. */
    private static List<String> watchTheSocket(Page panel) {
        List<String> frames = new CopyOnWriteArrayList<>();
        panel.routeWebSocket(VISITOR_SOCKET, page -> {
            WebSocketRoute server = page.connectToServer();
            server.onMessage(frame -> {
                frames.add(frame.text());
                page.send(frame.text());
            });
        });
        return frames;
    }

    /** The visitor opens the panel and asks. */
    private static void ask(Page panel, String name, String question) {
        panel.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.AIDE_FINANCIERE);
        panel.fill("#f-name", name);
        panel.fill("#f-body", question);
        panel.click("button[type=submit]");
        panel.waitForSelector("#composer-input"); // shown while the first message is on its way
    }

    private static Held startConversation(Page panel, AtomicReference<Held> held, String name, String question) {
        ask(panel, name, question);
        panel.waitForCondition(() -> held.get() != null);
        return held.get();
    }

    private static void reply(String conversationId, String body) {
        assertThat(api.post("/api/v1/conversations/" + conversationId + "/messages", cegep.françois,
                Map.of("body", body, "clientId", UUID.randomUUID().toString())).status()).isEqualTo(201);
    }

    private static void resolve(String conversationId) {
        assertThat(api.post("/api/v1/conversations/" + conversationId + "/resolve", cegep.françois, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aReplyAndTheResolutionThatComeBeforeTheFirstMessageIsAcknowledgedAreShown() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext visitor = browsers.person(390, 844, "fr-CA")) {
            Page panel = visitor.newPage();
            List<String> frames = watchTheSocket(panel);
            AtomicReference<Held> held = holdTheStart(panel);
            Held start = startConversation(panel, held, "Aurélie Bédard", "Quand arrive le premier versement de ma bourse?");
            // The socket opens alongside the first message: only once it is registered do the frames reach the page.
            // Before that, the page catches up when the start is acknowledged, which is not what this test is about.
            panel.waitForCondition(() -> frames.stream().anyMatch(f -> f.contains("\"type\":\"hello\"")));

            reply(start.conversationId(), "Le premier versement arrive le 15 septembre.");
            resolve(start.conversationId());
            // Both reached the page before it knew its conversation's id.
            panel.waitForCondition(() -> frames.stream().anyMatch(f -> f.contains("Le premier versement arrive le 15 septembre."))
                    && frames.stream().anyMatch(f -> f.contains("\"status\":\"resolved\"")));
            start.release();

            panel.waitForSelector("#log :text('Le premier versement arrive le 15 septembre.')");
            panel.waitForSelector("#rate-form legend:has-text('Comment s’est passée cette conversation?')");
            assertThat(panel.locator("#log .bubble:has-text('Le premier versement arrive le 15 septembre.')").count()).as("shown once").isEqualTo(1);
            Browsers.shoot(panel, "widget-catch-up-resolved-390", problems);
            panel.setViewportSize(1440, 900);
            Browsers.shoot(panel, "widget-catch-up-resolved-1440", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aFileChosenWhileTheFirstMessageIsOnItsWayIsSentOnceTheConversationExists() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext visitor = browsers.person(390, 844, "fr-CA")) {
            Page panel = visitor.newPage();
            AtomicReference<Held> held = holdTheStart(panel);
            Held start = startConversation(panel, held, "Zoé Lévesque", "Voici l’erreur que je vois en déposant ma demande.");
            panel.setInputFiles("#file-input", new FilePayload("erreur.png", "image/png", AttachmentsTest.image("png")));
            start.release();

            panel.waitForSelector("#log img[alt='erreur.png']");
            panel.waitForFunction("document.querySelector('#log img').naturalWidth > 0");
            var messages = api.get("/api/v1/conversations/" + start.conversationId() + "/messages", cegep.françois).json().path("messages");
            assertThat(messages.toString()).contains("erreur.png");
            Browsers.shoot(panel, "widget-catch-up-file-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void anOlderStateArrivingAfterANewerOneDoesNotReplaceIt() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext visitor = browsers.person(390, 844, "fr-CA")) {
            Page panel = visitor.newPage();
            // The "open" states are held back and sent after the resolution, as two threads of a loaded server could.
            List<String> heldOpen = new CopyOnWriteArrayList<>();
            AtomicReference<WebSocketRoute> toPage = new AtomicReference<>();
            panel.routeWebSocket(VISITOR_SOCKET, page -> {
                toPage.set(page);
                WebSocketRoute server = page.connectToServer();
                server.onMessage(frame -> {
                    String text = frame.text();
                    if (text.contains("\"conversation.status\"") && text.contains("\"status\":\"open\"")) {
                        heldOpen.add(text);
                        return;
                    }
                    page.send(text);
                    if (text.contains("\"status\":\"resolved\"")) {
                        heldOpen.forEach(page::send);
                        // The "open" frame exists only when the agent took the conversation after the socket knew
                        // it (a loaded server may assign it sooner): the state as it stood then, sent late in any case.
                        page.send(text.replace("\"status\":\"resolved\"", "\"status\":\"open\"")
                                .replaceFirst("\"lastSeq\":\\d+", "\"lastSeq\":1"));
                    }
                });
            });
            ask(panel, "Inès Bérubé", "Puis-je recevoir ma bourse par dépôt direct?");
            String id = waitForConversation(panel);
            reply(id, "Oui, inscrivez votre compte dans votre dossier en ligne.");
            resolve(id);
            panel.waitForSelector("#rate-form");

            // Frames are taken in order: once this sign shows, the stale states before it were taken too.
            toPage.get().send("{\"type\":\"typing\",\"from\":\"agent\",\"conversationId\":\"" + id + "\"}");
            panel.waitForSelector("#typing:not(:empty)");
            assertThat(panel.locator("#rate-form").isVisible()).as("still ended").isTrue();
            assertThat(panel.locator("#composer-input").count()).as("no composer on an ended conversation").isZero();
            assertThat(panel.textContent("#status-line")).isEqualTo("Conversation terminée");
            Browsers.shoot(panel, "widget-catch-up-stale-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void whatWasSaidWhileTheSocketWasDownIsShownWhenItComesBack() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext visitor = browsers.person(390, 844, "fr-CA")) {
            Page panel = visitor.newPage();
            List<WebSocketRoute> pages = new CopyOnWriteArrayList<>();
            List<WebSocketRoute> servers = new CopyOnWriteArrayList<>();
            AtomicReference<Boolean> serverReachable = new AtomicReference<>(true);
            panel.routeWebSocket(VISITOR_SOCKET, page -> {
                pages.add(page);
                if (serverReachable.get()) servers.add(page.connectToServer());
            });
            ask(panel, "Noé Pelletier", "Le formulaire de bourse est-il en ligne?");
            String id = waitForConversation(panel);

            // The line drops; the panel tries again, but the server stays out of reach for now.
            serverReachable.set(false);
            servers.getFirst().close();
            pages.getFirst().close();
            panel.waitForSelector(".conn:has-text('Reconnexion')");
            panel.waitForCondition(() -> pages.size() >= 2);
            reply(id, "Oui, dans votre dossier étudiant, onglet Aide financière.");

            serverReachable.set(true);
            pages.getLast().connectToServer(); // the server's hello: the panel asks what it missed
            panel.waitForSelector("#log :text('Oui, dans votre dossier étudiant, onglet Aide financière.')");
            Browsers.shoot(panel, "widget-catch-up-reconnected-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    /** The conversation the panel started, once its first message is stored. */
    private static String waitForConversation(Page panel) {
        panel.waitForFunction("() => JSON.parse(localStorage.getItem('guichet.visitor') || '{}').conversationId");
        return String.valueOf(panel.evaluate("() => JSON.parse(localStorage.getItem('guichet.visitor')).conversationId"));
    }
}
