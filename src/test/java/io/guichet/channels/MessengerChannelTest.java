package io.guichet.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.MovingClock;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messenger in the one inbox, against the Graph API's stand-in: channels configured through the API with write-only
 * secrets, the webhook's handshake and signatures (unsigned, forged, oversized, replayed), each message in its
 * sender's conversation routed like the widget's, replies through the outbound queue with retries, the 24-hour
 * window and an expired page token.
 */
class MessengerChannelTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PAGE = "104857600123", TOKEN = "EAAGpageTokenÉtéFalse".replace("É", "E").replace("é", "e"), SECRET = "app-secret-du-cégep-123",
            VERIFY = "vérifier-moi-42".replace("é", "e");
    static final AtomicLong PSIDS = new AtomicLong(7_000_000_000_000_000L);
    static final AtomicLong MIDS = new AtomicLong();

    static GraphStandIn graph;
    static MovingClock clock;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static String channelId;

    @BeforeAll
    static void start() {
        graph = new GraphStandIn().page(PAGE, TOKEN);
        clock = new MovingClock(Instant.now());
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_GRAPH_API_URL", graph.url(), "GUICHET_MESSENGER_PASS_MILLIS", "60000",
                "GUICHET_MESSENGER_MAX_WEBHOOK_BYTES", "20000"), clock);
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        var created = api.post("/api/v1/channels", cegep.admin, Map.of("kind", "messenger", "name", "Page Facebook du Cégep", "service", Cegep.ADMISSIONS,
                "pageId", PAGE, "pageAccessToken", TOKEN, "appSecret", SECRET, "verifyToken", VERIFY));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        channelId = created.text("id");
    }

    @AfterAll
    static void stop() {
        node.close();
        graph.close();
    }

    // ------------------------------------------------------------ helpers

    static String psid() {
        return Long.toString(PSIDS.incrementAndGet());
    }

    static String mid() {
        return "m_" + UUID.randomUUID().toString().replace("-", "") + MIDS.incrementAndGet();
    }

    /** A webhook body as Meta sends one: one entry for the page, one messaging item per message. */
    static byte[] event(String psid, String mid, String text) {
        long now = clock.millis();
        Map<String, Object> messaging = Map.of("sender", Map.of("id", psid), "recipient", Map.of("id", PAGE), "timestamp", now,
                "message", Map.of("mid", mid, "text", text));
        try {
            return JSON.writeValueAsBytes(Map.of("object", "page", "entry", List.of(Map.of("id", PAGE, "time", now, "messaging", List.of(messaging)))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/hooks/messenger")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) b.header("X-Hub-Signature-256", signature);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signed with the page's app secret, as Meta signs: HMAC-SHA256 of the raw body. */
    static HttpResponse<String> deliver(byte[] body) throws Exception {
        return post(body, io.guichet.platform.web.BodySignatures.sign(SECRET, body));
    }

    static long count(String sql) {
        return node.app.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The webhook's counter of one outcome, as /metrics shows it to this machine. */
    static double counter(String outcome) {
        String metrics = api.get("/metrics", null).raw().body();
        var m = java.util.regex.Pattern.compile("guichet_messenger_inbound_total\\{outcome=\"" + outcome + "\"\\} ([0-9.]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The conversation of this PSID, once the stored event was processed. */
    static JsonNode conversationOf(String psid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            node.app.messengerInbound().doProcessWaiting();
            Long id = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT conversation_id FROM messenger_threads WHERE psid = :p")
                    .bind("p", psid).mapTo(Long.class).findOne().orElse(null));
            if (id != null) return api.get("/api/v1/conversations/" + id, cegep.élodie).json();
            Thread.sleep(50);
        }
        throw new AssertionError("no conversation for " + psid);
    }

    static List<String> bodies(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId + "/messages", cegep.élodie).json().path("messages").findValuesAsText("body");
    }

    static String reply(String conversationId, String text) {
        var r = api.post("/api/v1/conversations/" + conversationId + "/messages", cegep.élodie, Map.of("body", text, "clientId", UUID.randomUUID().toString()));
        assertThat(r.status()).as(r.json().toString()).isIn(200, 201);
        return r.json().path("message").path("id").asText(r.text("id"));
    }

    static JsonNode state(String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId + "/messenger", cegep.élodie).json();
    }

    static void passes() {
        node.app.messengerReplies().doQueueUntold();
        node.app.messengerReplies().doSendDue();
    }

    // ------------------------------------------------------------ channel records

    @Test
    void anAdministratorAddsChannelsWhoseSecretsAreNeverReturned() {
        var list = api.get("/api/v1/channels", cegep.admin);
        assertThat(list.status()).isEqualTo(200);
        JsonNode ours = null;
        for (JsonNode c : list.json().path("channels")) if (c.path("id").asText().equals(channelId)) ours = c;
        assertThat(ours).isNotNull();
        assertThat(ours.path("kind").asText()).isEqualTo("messenger");
        assertThat(ours.path("name").asText()).isEqualTo("Page Facebook du Cégep");
        assertThat(ours.path("service").asText()).isEqualTo(Cegep.ADMISSIONS);
        assertThat(ours.path("pageId").asText()).isEqualTo(PAGE);
        assertThat(ours.path("health").has("lastEventAt")).isTrue();
        assertThat(ours.path("health").path("queued").isInt()).isTrue();
        assertThat(list.raw().body()).doesNotContain(TOKEN).doesNotContain(SECRET).doesNotContain(VERIFY);
        // nor in the database in clear
        byte[] sealed = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT secrets FROM channels WHERE id = " + channelId).mapTo(byte[].class).one());
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN).doesNotContain(SECRET);

        var email = api.post("/api/v1/channels", cegep.admin, Map.of("kind", "email", "name", "Admissions", "service", Cegep.ADMISSIONS,
                "address", "admissions@cegep-test.qc.ca", "imapUrl", "imaps://admissions:s3cr3t-imap@imap.cegep-test.qc.ca/INBOX"));
        assertThat(email.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/channels", cegep.admin).raw().body()).contains("admissions@cegep-test.qc.ca").doesNotContain("s3cr3t-imap");
    }

    @Test
    void channelsRefuseBadInputAndAnyoneButAnAdministrator() {
        Map<String, Object> good = Map.of("kind", "messenger", "name", "Autre page", "service", Cegep.ADMISSIONS, "pageId", "555",
                "pageAccessToken", "tokentoken", "appSecret", "secretsecret", "verifyToken", "verifyverify");
        assertThat(api.post("/api/v1/channels", cegep.élodie, good).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/channels", cegep.élodie).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/channels", null, good).status()).isEqualTo(401);
        var notANumber = api.post("/api/v1/channels", cegep.admin, with(good, "pageId", "pas-un-nombre"));
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.json().path("error").path("message").asText()).contains("pageId");
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "kind", "sms")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "name", "a\u0000b")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "name", "x".repeat(121))).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "appSecret", "court")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "service", "inconnu")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "surprise", "<script>")).status()).isEqualTo(422);
        assertThat(api.postRaw("/api/v1/channels", cegep.admin, "{pas du json").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/channels", cegep.admin, with(good, "pageId", PAGE)).status()).as("the page is configured already").isEqualTo(409);
    }

    static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        var copy = new java.util.HashMap<>(m);
        copy.put(k, v);
        return copy;
    }

    // ------------------------------------------------------------ webhook

    @Test
    void theVerificationHandshakeAnswersTheChallengeOnlyForTheVerifyToken() throws Exception {
        var ok = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/hooks/messenger?hub.mode=subscribe&hub.verify_token=" + VERIFY
                + "&hub.challenge=1158201444")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        var wrong = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/hooks/messenger?hub.mode=subscribe&hub.verify_token=devine"
                + "&hub.challenge=1158201444")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
        var mode = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/hooks/messenger?hub.mode=unsubscribe&hub.verify_token=" + VERIFY
                + "&hub.challenge=1158201444")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mode.statusCode()).isEqualTo(403);
    }

    @Test
    void unsignedForgedAndOversizedEventsAreRefusedAndNothingIsStored() throws Exception {
        long before = count("SELECT count(*) FROM messenger_events");
        double unsigned = counter("unsigned"), forged = counter("forged");
        byte[] body = event(psid(), mid(), "Bonjour");
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body, io.guichet.platform.web.BodySignatures.sign("pas-le-bon-secret", body)).statusCode()).isEqualTo(401);
        assertThat(post(body, "sha256=zz").statusCode()).isEqualTo(401);
        assertThat(post(body, "sha1=" + "0".repeat(40)).statusCode()).isEqualTo(401);
        byte[] tampered = event(psid(), mid(), "Bonjour");
        assertThat(post(tampered, io.guichet.platform.web.BodySignatures.sign(SECRET, body)).statusCode()).as("a signature of other bytes").isEqualTo(401);
        byte[] huge = event(psid(), mid(), "é".repeat(15_000));
        assertThat(deliver(huge).statusCode()).isEqualTo(413);
        assertThat(count("SELECT count(*) FROM messenger_events")).isEqualTo(before);
        assertThat(counter("unsigned")).isEqualTo(unsigned + 1);
        assertThat(counter("forged")).isEqualTo(forged + 4);
    }

    @Test
    void aMessageBecomesAConversationOfItsSenderRoutedToTheChannelsServiceAndARedeliveryIsStoredOnce() throws Exception {
        String psid = psid();
        graph.profile(psid, "Zoé", "Lévesque");
        String mid = mid();
        byte[] body = event(psid, mid, "Bonjour! Quelle est la date limite d’admission?");
        var first = deliver(body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("EVENT_RECEIVED");
        JsonNode c = conversationOf(psid);
        assertThat(c.path("channel").asText()).isEqualTo("messenger");
        assertThat(c.path("service").asText()).isEqualTo(Cegep.ADMISSIONS);
        assertThat(c.path("contact").path("name").asText()).isEqualTo("Zoé Lévesque");
        String id = c.path("id").asText();

        // Meta redelivers the same POST, then the same mid inside another batch: stored once, posted once.
        assertThat(deliver(body).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMillis(5)); // another batch: other bytes (its time), the same mid
        byte[] again = event(psid, mid, "Bonjour! Quelle est la date limite d’admission?");
        assertThat(again).isNotEqualTo(body);
        assertThat(deliver(again).statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM messenger_events WHERE body_sha256 = '" + MessengerInbound.sha256(body) + "'")).isEqualTo(1);
        deliver(event(psid, mid(), "Et pour la résidence?"));
        for (int i = 0; i < 100 && bodies(id).size() < 2; i++) {
            node.app.messengerInbound().doProcessWaiting();
            Thread.sleep(50);
        }
        assertThat(bodies(id)).containsExactly("Bonjour! Quelle est la date limite d’admission?", "Et pour la résidence?");
        assertThat(count("SELECT count(*) FROM messenger_messages WHERE mid = '" + mid + "'")).isEqualTo(1);
        // the PSID is the contact's messenger identity; the search's channel filter finds the conversation
        var found = api.get("/api/v1/conversations?channel=messenger", cegep.élodie).json();
        assertThat(found.toString()).contains("\"id\":\"" + id + "\"");
        var web = api.get("/api/v1/conversations?channel=widget", cegep.élodie).json();
        assertThat(web.toString()).doesNotContain("\"id\":\"" + id + "\"");
    }

    @Test
    void aProfileThePageMayNotReadDoesNotHoldTheMessageBack() throws Exception {
        String psid = psid(); // no profile at the stand-in: it answers an error
        deliver(event(psid, mid(), "Allô"));
        JsonNode c = conversationOf(psid);
        assertThat(bodies(c.path("id").asText())).containsExactly("Allô");
    }

    @Test
    void aSignedEventThatIsNotJsonIsKeptAndPostsNothing() throws Exception {
        byte[] junk = "pas du json {".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(junk).statusCode()).isEqualTo(200);
        String processed = "SELECT count(*) FROM messenger_events WHERE status = 'processed' AND body_sha256 = '" + MessengerInbound.sha256(junk) + "'";
        for (int i = 0; i < 100 && count(processed) == 0; i++) { // the webhook's own kick may hold it a moment
            node.app.messengerInbound().doProcessWaiting();
            Thread.sleep(50);
        }
        assertThat(count(processed)).isEqualTo(1);
    }

    // ------------------------------------------------------------ replies

    @Test
    void anAgentsReplyLeavesByTheSendApiAsAResponseAndShowsSent() throws Exception {
        String psid = psid();
        deliver(event(psid, mid(), "Bonjour"));
        String id = conversationOf(psid).path("id").asText();
        reply(id, "Bonjour! C’est le 1er mars.");
        assertThat(state(id).path("deliveries").size()).as("nothing queued before the pass").isZero();
        node.app.messengerReplies().doQueueUntold();
        assertThat(state(id).path("deliveries").get(0).path("status").asText()).isEqualTo("stored");
        node.app.messengerReplies().doSendDue();
        var sent = graph.messagesTo(psid);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().messagingType()).isEqualTo("RESPONSE");
        assertThat(sent.getFirst().text()).isEqualTo("Bonjour! C’est le 1er mars.");
        assertThat(sent.getFirst().pageId()).isEqualTo(PAGE);
        assertThat(state(id).path("deliveries").get(0).path("status").asText()).isEqualTo("sent");
        assertThat(state(id).path("windowOpen").asBoolean()).isTrue();
        // a read receipt first: the documented sender_action alone, no messaging_type, no message
        var calls = graph.received.stream().filter(r -> r.psid().equals(psid)).toList();
        assertThat(calls).extracting(GraphStandIn.Received::senderAction).containsExactly("mark_seen", null);
        passes();
        assertThat(graph.messagesTo(psid)).as("sent once").hasSize(1);
    }

    @Test
    void aReplyMetaCannotTakeNowIsTriedAgainWithAGrowingDelay() throws Exception {
        String psid = psid();
        deliver(event(psid, mid(), "Bonjour"));
        String id = conversationOf(psid).path("id").asText();
        reply(id, "Un instant, je vérifie.");
        graph.failNext(2);
        passes();
        assertThat(state(id).path("deliveries").get(0).path("status").asText()).isEqualTo("stored");
        assertThat(graph.messagesTo(psid)).isEmpty();
        node.app.messengerReplies().doSendDue();
        assertThat(graph.messagesTo(psid)).as("not before its delay").isEmpty();
        clock.advance(Duration.ofSeconds(11));
        node.app.messengerReplies().doSendDue();
        clock.advance(Duration.ofSeconds(21));
        node.app.messengerReplies().doSendDue();
        assertThat(graph.messagesTo(psid)).hasSize(1);
        JsonNode d = state(id).path("deliveries").get(0);
        assertThat(d.path("status").asText()).isEqualTo("sent");
        assertThat(d.path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void afterTwentyFourHoursAReplyIsNotSentAndTheConsoleSaysSo() throws Exception {
        String psid = psid();
        deliver(event(psid, mid(), "Bonjour"));
        String id = conversationOf(psid).path("id").asText();
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        try {
            assertThat(state(id).path("windowOpen").asBoolean()).isFalse();
            reply(id, "Désolée du délai!");
            passes();
            assertThat(graph.messagesTo(psid)).isEmpty();
            JsonNode d = state(id).path("deliveries").get(0);
            assertThat(d.path("status").asText()).isEqualTo("failed");
            assertThat(d.path("reason").asText()).isEqualTo("window_closed");
            // the person writes again: the window opens again
            deliver(event(psid, mid(), "Toujours là?"));
            for (int i = 0; i < 100 && !bodies(id).contains("Vous êtes là?"); i++) {
                node.app.messengerInbound().doProcessWaiting();
                Thread.sleep(50);
            }
            assertThat(state(id).path("windowOpen").asBoolean()).isTrue();
        } finally {
            clock.advance(Duration.ZERO);
        }
    }

    @Test
    void whenTheWindowHasClosedAReplyToAContactWithAnEmailGoesOnByMailAndNotByMessenger() throws Exception {
        String psid = psid();
        deliver(event(psid, mid(), "Bonjour"));
        JsonNode c = conversationOf(psid);
        String id = c.path("id").asText();
        String contactId = c.path("contact").path("id").asText();
        var patched = api.patch("/api/v1/contacts/" + contactId, cegep.admin, Map.of("emails", List.of("zoe.messenger@example.org")));
        assertThat(patched.status()).as(patched.json().toString()).isEqualTo(200);
        clock.advance(Duration.ofHours(25));
        assertThat(state(id).path("emailInstead").asText()).isEqualTo("zoe.messenger@example.org");
        reply(id, "Voici la réponse par courriel.");
        passes();
        assertThat(graph.messagesTo(psid)).isEmpty();
        assertThat(state(id).path("deliveries").size()).as("left for the email channel").isZero();
        assertThat(node.app.messengerReplies().answersByMessenger(Long.parseLong(id))).isFalse();
        clock.advance(Duration.ofMinutes(4)); // the email channel's delay (180 s)
        assertThat(node.app.emailReplies().doMailUntoldReplies()).isGreaterThanOrEqualTo(1);
        var conversation = api.get("/api/v1/conversations/" + id, cegep.élodie).json();
        assertThat(conversation.path("byEmail").asBoolean()).isTrue();
    }

    @Test
    void anExpiredPageTokenPutsTheChannelInErrorAndInboundStillArrives() throws Exception {
        String psid = psid();
        deliver(event(psid, mid(), "Bonjour"));
        String id = conversationOf(psid).path("id").asText();
        graph.expireToken(PAGE);
        try {
            reply(id, "Voici la réponse.");
            passes();
            JsonNode d = state(id).path("deliveries").get(0);
            assertThat(d.path("status").asText()).isEqualTo("failed");
            assertThat(d.path("reason").asText()).isEqualTo("token_expired");
            JsonNode ours = null;
            for (JsonNode c : api.get("/api/v1/channels", cegep.admin).json().path("channels")) if (c.path("id").asText().equals(channelId)) ours = c;
            assertThat(ours.path("health").path("status").asText()).isEqualTo("error");
            assertThat(ours.path("health").path("lastError").asText()).isEqualTo("token_expired");
            // the administrator is told once by mail, in their language, with the way to the screen
            String told = node.app.database().jdbi().withHandle(h -> h.createQuery("""
                    SELECT subject || ' | ' || text_body FROM mail_outbox WHERE recipient = lower(:to) AND subject LIKE '%ne fonctionne plus%'""")
                    .bind("to", io.guichet.testing.TestNode.ADMIN_EMAIL).mapTo(String.class).list()).stream().collect(java.util.stream.Collectors.joining("\n"));
            assertThat(told).contains("Le canal «\u00a0", "\u00a0» ne fonctionne plus", "Le jeton d’accès de la page a expiré", "/admin/channels");
            reply(id, "Encore une réponse.");
            passes();
            assertThat(count("SELECT count(*) FROM mail_outbox WHERE subject LIKE '%ne fonctionne plus%'")).as("once per spell of errors").isEqualTo(1);
            deliver(event(psid, mid(), "Vous êtes là?"));
            for (int i = 0; i < 100 && !bodies(id).contains("Vous êtes là?"); i++) {
                node.app.messengerInbound().doProcessWaiting();
                Thread.sleep(50);
            }
            assertThat(bodies(id)).contains("Vous êtes là?");

            // the administrator gives a new token: the channel works again and the next reply leaves
            graph.page(PAGE, "EAAnouveauJeton456");
            assertThat(api.patch("/api/v1/channels/" + channelId, cegep.élodie, Map.of("pageAccessToken", "EAAnouveauJeton456")).status()).isEqualTo(403);
            assertThat(api.patch("/api/v1/channels/" + channelId, cegep.admin, Map.of("pageAccessToken", "EAAnouveauJeton456")).status()).isEqualTo(204);
            reply(id, "Voici la réponse, encore.");
            passes();
            assertThat(graph.messagesTo(psid)).extracting(GraphStandIn.Received::text).containsExactly("Voici la réponse, encore.");
            for (JsonNode c : api.get("/api/v1/channels", cegep.admin).json().path("channels")) {
                if (c.path("id").asText().equals(channelId)) assertThat(c.path("health").path("status").asText()).isEqualTo("ok");
            }
        } finally {
            api.patch("/api/v1/channels/" + channelId, cegep.admin, Map.of("pageAccessToken", TOKEN));
            graph.page(PAGE, TOKEN);
        }
    }

    // ------------------------------------------------------------ the page's public wall

    static final AtomicLong COMMENTS = new AtomicLong(880_000);

    /** A {@code feed} change as Meta sends one when someone comments on the page's post {@code post}. */
    static byte[] feed(String verb, String item, String fromId, String fromName, String post, String commentId, String message) {
        Map<String, Object> value = new java.util.HashMap<>(Map.of("item", item, "verb", verb, "post_id", PAGE + "_" + post,
                "from", Map.of("id", fromId, "name", fromName), "created_time", clock.millis() / 1000));
        if (commentId != null) value.put("comment_id", commentId);
        if (message != null) value.put("message", message);
        try {
            return JSON.writeValueAsBytes(Map.of("object", "page", "entry", List.of(Map.of("id", PAGE, "time", clock.millis(),
                    "changes", List.of(Map.of("field", "feed", "value", value))))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String comment(String post) {
        String id = post + "_" + COMMENTS.incrementAndGet();
        graph.comment(PAGE, id);
        return id;
    }

    static Long commentConversation(String fromId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            node.app.messengerInbound().doProcessWaiting();
            Long id = node.app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT conversation_id FROM facebook_comment_threads WHERE from_id = :f AND conversation_id IS NOT NULL")
                    .bind("f", fromId).mapTo(Long.class).findOne().orElse(null));
            if (id != null) return id;
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void aCommentOnThePageIsAPublicConversationItsRepliesArePostedUnderItAndARedeliveryIsPostedOnce() throws Exception {
        String zoé = psid(), post = "31415";
        String first = comment(post);
        assertThat(deliver(feed("add", "comment", zoé, "Zoé Lévesque", post, first, "Les portes ouvertes commencent à quelle heure ?")).statusCode()).isEqualTo(200);
        Long id = commentConversation(zoé);
        assertThat(id).isNotNull();
        JsonNode c = api.get("/api/v1/conversations/" + id, cegep.élodie).json();
        assertThat(c.path("channel").asText()).isEqualTo("facebook_comment");
        assertThat(c.path("contact").path("name").asText()).isEqualTo("Zoé Lévesque");

        // the same comment again (Meta redelivers, in another batch), a second comment of hers on the post, and what is not a question
        deliver(feed("add", "comment", zoé, "Zoé Lévesque", post, first, "Les portes ouvertes commencent à quelle heure ?"));
        String second = comment(post);
        deliver(feed("add", "comment", zoé, "Zoé Lévesque", post, second, "Et faut-il s’inscrire ?"));
        deliver(feed("add", "comment", PAGE, "Cégep", post, comment(post), "Bonjour Zoé, à 10 h."));
        deliver(feed("remove", "comment", zoé, "Zoé Lévesque", post, first, null));
        deliver(feed("add", "reaction", zoé, "Zoé Lévesque", post, null, null));
        deliver(feed("add", "comment", zoé, "Zoé Lévesque", post, "pas-un-id", "Bonjour"));
        for (int i = 0; i < 100 && bodies(id.toString()).size() < 2; i++) {
            node.app.messengerInbound().doProcessWaiting();
            Thread.sleep(50);
        }
        node.app.messengerInbound().doProcessWaiting();
        assertThat(bodies(id.toString())).containsExactly("Les portes ouvertes commencent à quelle heure ?", "Et faut-il s’inscrire ?");
        assertThat(count("SELECT count(*) FROM facebook_comment_threads WHERE from_id = '" + PAGE + "'")).as("the page's own reply").isZero();

        // the agent's reply is posted publicly, under her last comment
        reply(id.toString(), "Bonjour Zoé, les portes ouvrent à 10 h ; l’inscription est conseillée.");
        passes();
        assertThat(graph.publicReplies).contains(new GraphStandIn.CommentReply(second, "Bonjour Zoé, les portes ouvrent à 10 h ; l’inscription est conseillée."));
        assertThat(graph.messagesTo(zoé)).as("nothing by Messenger").isEmpty();
        assertThat(count("SELECT count(*) FROM messenger_outbox WHERE conversation_id = " + id + " AND target = 'comment' AND status = 'sent'")).isEqualTo(1);
    }

    @Test
    void aPrivateReplyToACommentIsSentOnceAndKeptInTheThreadAsANote() throws Exception {
        String noé = psid(), post = "27182";
        String asked = comment(post);
        deliver(feed("add", "comment", noé, "Noé Gagnon", post, asked, "Mon dossier d’admission est incomplet, que faire ?"));
        Long id = commentConversation(noé);
        assertThat(id).isNotNull();
        String path = "/api/v1/conversations/" + id + "/private-reply";
        assertThat(api.post(path, cegep.élodie, Map.of("body", "", "clientId", "p-0")).status()).as("empty").isEqualTo(422);
        assertThat(api.post(path, null, Map.of("body", "Bonjour", "clientId", "p-0")).status()).isEqualTo(401);
        var sent = api.post(path, cegep.élodie, Map.of("body", "Bonjour Noé, écrivez-nous votre numéro de demande ici, en privé.", "clientId", "p-1"));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(202);
        passes();
        assertThat(graph.privateReplies).containsExactly(new GraphStandIn.CommentReply(asked, "Bonjour Noé, écrivez-nous votre numéro de demande ici, en privé."));
        assertThat(graph.publicReplies).extracting(GraphStandIn.CommentReply::commentId).as("nothing on the public wall").doesNotContain(asked);
        JsonNode messages = api.get("/api/v1/conversations/" + id + "/messages", cegep.élodie).json().path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.path("body").asText()).isEqualTo("Bonjour Noé, écrivez-nous votre numéro de demande ici, en privé.");
        assertThat(last.path("internal").asBoolean()).as("staff see what was said; the wall does not").isTrue();

        var again = api.post(path, cegep.élodie, Map.of("body", "Encore un mot.", "clientId", "p-2"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").path("code").asText()).isEqualTo("private_reply_sent");
        String psid = psid();
        deliver(event(psid, mid(), "Bonjour"));
        var onMessenger = api.post("/api/v1/conversations/" + conversationOf(psid).path("id").asText() + "/private-reply", cegep.élodie, Map.of("body", "Bonjour", "clientId", "p-3"));
        assertThat(onMessenger.json().path("error").path("code").asText()).isEqualTo("not_a_comment");
    }
}
