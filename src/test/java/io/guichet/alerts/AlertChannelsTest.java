package io.guichet.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.identity.Staff;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.PushServiceStandIn;
import io.guichet.testing.PushServiceStandIn.Browser;
import io.guichet.testing.SmsGatewayStandIn;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts' channels beyond mail: web push (VAPID, RFC 8030/8291/8292) against a stand-in push service that checks
 * the signature and decrypts the payload as the browser would, and SMS through the generic HTTP gateway provider.
 */
class AlertChannelsTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    static String camille, mathis;
    static PushServiceStandIn pushService;
    static final String SECRET = "Bearer s3cr3t-jeton-passerelle";
    static SmsGatewayStandIn gateway;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @BeforeAll
    static void start() {
        pushService = new PushServiceStandIn();
        gateway = new SmsGatewayStandIn("Authorization", SECRET);
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_RATE_LIMITS", "on", "GUICHET_TRUSTED_PROXY", "127.0.0.1", "GUICHET_ALERT_SMS_RETRY_MS", "20",
                "GUICHET_ALERT_PUSH_SERVICES", "fcm.googleapis.com, " + pushService.origin(), "GUICHET_ALERT_HELP_SERVICE", "aide-financiere"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
        node.app.alerts().doSeedTemplates(Staff.SYSTEM, AlertsDemo.STANDARD);
        camille = api.createStaff(cegep.admin, "camille@cegep-test.qc.ca", "Camille Béland", "communicator", 1);
        mathis = api.createStaff(cegep.admin, "mathis@cegep-test.qc.ca", "Mathis Pépin", "communicator", 1);
        pushService.expectKey(api.get("/api/v1/alerts/push/key", null).json().get("publicKey").asText());
    }

    @AfterAll
    static void stop() {
        node.close();
        pushService.close();
        gateway.close();
    }

    static long contact(String name, String kind, String email, String phone, String lang) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("lang", lang);
        body.put("kinds", List.of(kind));
        if (email != null) body.put("emails", List.of(email));
        if (phone != null) body.put("phones", List.of(phone));
        Response r = api.post("/api/v1/contacts", cegep.jérôme, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long templateId(String key) {
        for (JsonNode t : api.get("/api/v1/alerts/templates", camille).json().get("templates")) if (t.get("key").asText().equals(key)) return t.get("id").asLong();
        throw new IllegalStateException(key);
    }

    static Map<String, Object> fire(Map<String, Object> audience) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("templateId", templateId("fire"));
        m.put("params", Map.of("building", "pavillon Sainte-Foy", "time", "14 h 05", "instructions", "Rassemblement au stationnement P2."));
        m.put("audience", audience);
        return m;
    }

    static long sent(Map<String, Object> body) {
        Response d = api.post("/api/v1/alerts", camille, body);
        assertThat(d.status()).as(d.raw().body()).isEqualTo(201);
        long id = d.json().get("id").asLong();
        Response ok = api.post("/api/v1/alerts/" + id + "/approve", mathis, Map.of());
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        return id;
    }

    static String token(long alertId, String email) {
        List<String> bodies = db.withHandle(h -> h.createQuery("SELECT text_body FROM mail_outbox WHERE kind = 'alert' AND recipient = :r ORDER BY id DESC")
                .bind("r", email).mapTo(String.class).list());
        Pattern link = Pattern.compile("/link/alerte/([A-Za-z0-9_\\-.]+)\\?etat=safe");
        for (String b : bodies) {
            Matcher m = link.matcher(b);
            while (m.find()) {
                if (node.app.alerts().findHolder(m.group(1)).map(x -> x.alertId() == alertId).orElse(false)) return m.group(1);
            }
        }
        throw new IllegalStateException("no link for " + email);
    }

    /** What the service worker's page posts: the browser's PushSubscription.toJSON(), its language, the personal link's token when known. */
    static HttpResponse<String> subscribe(Map<String, Object> body, String address) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/alerts/push/subscriptions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> subscribe(Browser b, String lang, String ackToken) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", b.endpoint());
        body.put("expirationTime", null);
        body.put("keys", Map.of("p256dh", b.p256dh(), "auth", b.auth()));
        body.put("lang", lang);
        if (ackToken != null) body.put("ackToken", ackToken);
        HttpResponse<String> r = subscribe(body, "198.51.100." + ADDRESSES.getAndIncrement());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r;
    }

    static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) Thread.sleep(50);
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    static JsonNode counts(long id) {
        return api.get("/api/v1/alerts/" + id + "/status", camille).json().get("counts");
    }

    // ---------------------------------------------------------------- web push

    @Test
    void theVapidKeyIsMadeOnceAndEveryoneGetsTheSamePublicKey() {
        String key = api.get("/api/v1/alerts/push/key", null).json().get("publicKey").asText();
        assertThat(api.get("/api/v1/alerts/push/key", null).json().get("publicKey").asText()).isEqualTo(key);
        byte[] point = Base64.getUrlDecoder().decode(key);
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        int stored = db.withHandle(h -> h.createQuery("SELECT count(*) FROM identity_secrets WHERE name = 'alerts-vapid'").mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void badSubscriptionsAreRefusedAndAFloodIsLimited() throws Exception {
        Browser b = pushService.newBrowser();
        Map<String, Object> ok = Map.of("endpoint", b.endpoint(), "keys", Map.of("p256dh", b.p256dh(), "auth", b.auth()));
        record Bad(String why, Map<String, Object> body, int status) {
        }
        List<Bad> bad = List.of(
                new Bad("no keys", Map.of("endpoint", b.endpoint()), 422),
                new Bad("keys not an object", Map.of("endpoint", b.endpoint(), "keys", "x"), 422),
                new Bad("no endpoint", Map.of("keys", ok.get("keys")), 422),
                new Bad("a push service not listed (the server would call any address)", Map.of("endpoint", "https://intranet.example/push/1", "keys", ok.get("keys")), 422),
                new Bad("plain http elsewhere", Map.of("endpoint", "http://fcm.googleapis.com/fcm/send/x", "keys", ok.get("keys")), 422),
                new Bad("user info in the address", Map.of("endpoint", "https://u:p@fcm.googleapis.com/fcm/send/x", "keys", ok.get("keys")), 422),
                new Bad("an endpoint too long", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/" + "x".repeat(1000), "keys", ok.get("keys")), 422),
                new Bad("a control character", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/a\u0007b", "keys", ok.get("keys")), 422),
                new Bad("p256dh not a point", Map.of("endpoint", b.endpoint(), "keys", Map.of("p256dh", "AAAA", "auth", b.auth())), 422),
                new Bad("p256dh not base64url", Map.of("endpoint", b.endpoint(), "keys", Map.of("p256dh", "<script>", "auth", b.auth())), 422),
                new Bad("auth not 16 bytes", Map.of("endpoint", b.endpoint(), "keys", Map.of("p256dh", b.p256dh(), "auth", "AAAA")), 422),
                new Bad("auth of the wrong type", Map.of("endpoint", b.endpoint(), "keys", Map.of("p256dh", b.p256dh(), "auth", 12)), 422),
                new Bad("an unknown field", Map.of("endpoint", b.endpoint(), "keys", ok.get("keys"), "admin", true), 422),
                new Bad("a forged personal link", Map.of("endpoint", b.endpoint(), "keys", ok.get("keys"), "ackToken", "forged.token"), 404));
        for (Bad x : bad) {
            HttpResponse<String> r = subscribe(x.body(), "198.51.100." + ADDRESSES.getAndIncrement());
            assertThat(r.statusCode()).as(x.why() + ": " + r.body()).isEqualTo(x.status());
        }
        HttpResponse<String> notJson = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/alerts/push/subscriptions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "198.51.100.250")
                .POST(HttpRequest.BodyPublishers.ofString("{\"endpoint\":")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isBetween(400, 422);
        int before = node.app.alerts().push().countSubscriptions();
        int refused = 0;
        for (int i = 0; i < 15; i++) {
            Browser each = pushService.newBrowser();
            HttpResponse<String> r = subscribe(Map.of("endpoint", each.endpoint(), "keys", Map.of("p256dh", each.p256dh(), "auth", each.auth())), "203.0.113.9");
            if (r.statusCode() == 429) refused++;
            else assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertThat(refused).as("ten a minute from one address").isEqualTo(5);
        assertThat(node.app.alerts().push().countSubscriptions() - before).isEqualTo(10);
        // these ten browsers are nobody's: drop them so the other tests count only their own
        db.useHandle(h -> h.execute("DELETE FROM alert_push_subscriptions WHERE endpoint LIKE ?", pushService.origin() + "/push/%"));
    }

    @Test
    void everySubscriptionOfTheAudienceGetsTheShortTextEncryptedAndSignedAndExpiredOnesAreDeleted() throws Exception {
        long fr = contact("Léa Tremblay", "student", "lea.push@cegep-test.qc.ca", null, "fr");
        long en = contact("Noah Smith", "professor", "noah.push@cegep-test.qc.ca", null, "en");
        Browser helpCentre = pushService.newBrowser(), expired = pushService.newBrowser();
        subscribe(helpCentre, "fr", null);
        subscribe(expired, "en", null);
        pushService.gone(expired);
        Map<String, Object> everyone = fire(Map.of("kind", "kinds", "kinds", List.of("student", "professor")));
        everyone.put("audience", Map.of("kind", "everyone"));
        long first = sent(everyone);
        waitFor("both browsers asked", () -> pushService.answered() >= 2);
        assertThat(pushService.refusals()).isEmpty();
        List<PushServiceStandIn.Received> got = pushService.receivedBy(helpCentre);
        assertThat(got).hasSize(1);
        JsonNode n = got.getFirst().payload();
        assertThat(n.get("title").asText()).isEqualTo("Alerte");
        assertThat(n.get("body").asText()).contains("pavillon Sainte-Foy").hasSizeLessThanOrEqualTo(160);
        assertThat(n.get("url").asText()).isEqualTo("/alerte/" + first + "?lang=fr");
        assertThat(got.getFirst().headers()).containsEntry("urgency", "high").containsKey("ttl");
        waitFor("the push figures counted", () -> counts(first).path("push").path("expired").asInt() == 1);
        assertThat(counts(first).path("push").path("sent").asInt()).isEqualTo(1);
        int left = db.withHandle(h -> h.createQuery("SELECT count(*) FROM alert_push_subscriptions WHERE endpoint = :e").bind("e", expired.endpoint())
                .mapTo(Integer.class).one());
        assertThat(left).as("410: the expired subscription is deleted").isZero();

        // the personal link's page knows who subscribes: the subscription is theirs, in their language
        Browser lea = pushService.newBrowser(), noah = pushService.newBrowser();
        assertThat(subscribe(lea, "fr", token(first, "lea.push@cegep-test.qc.ca")).body()).contains("\"contact\":true");
        subscribe(noah, "en", token(first, "noah.push@cegep-test.qc.ca"));
        int before = pushService.answered();
        Map<String, Object> students = fire(Map.of("kind", "kinds", "kinds", List.of("student")));
        students.put("fr", Map.of("short", "Confinement barricadé au pavillon A : restez à l’intérieur, éloignez-vous des fenêtres, éteignez les lumières, "
                + "gardez le silence et attendez les consignes de la sécurité avant de sortir de la salle.", "long", "Restez à l’intérieur."));
        Response d = api.post("/api/v1/alerts", camille, students);
        assertThat(d.json().get("warnings").toString()).as("cut with a warning, never silently").contains("short_cut_fr");
        long second = d.json().get("id").asLong();
        assertThat(api.post("/api/v1/alerts/" + second + "/approve", mathis, Map.of()).status()).isEqualTo(200);
        waitFor("Léa's browser asked", () -> pushService.receivedBy(lea).size() == 1);
        String shown = pushService.receivedBy(lea).getFirst().payload().get("body").asText();
        assertThat(shown).startsWith("Confinement barricadé").endsWith("…");
        assertThat(shown.codePointCount(0, shown.length())).isLessThanOrEqualTo(160);
        Thread.sleep(300);
        assertThat(pushService.receivedBy(noah)).as("a professor is not a student").isEmpty();
        assertThat(pushService.receivedBy(helpCentre)).as("a browser of no one gets only the alerts to everyone").hasSize(1);

        // a follow-up and the all-clear reach the same browsers, in each one's language
        Response up = api.post("/api/v1/alerts/" + second + "/updates", camille, Map.of(
                "fr", Map.of("short", "Suivi : la police est sur place.", "long", "La police est sur place."),
                "en", Map.of("short", "Update: the police are on site.", "long", "The police are on site.")));
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        waitFor("the follow-up pushed", () -> pushService.receivedBy(lea).size() == 2);
        assertThat(pushService.receivedBy(lea).get(1).payload().get("body").asText()).isEqualTo("Suivi : la police est sur place.");
        assertThat(api.post("/api/v1/alerts/" + second + "/close", mathis, Map.of()).status()).isEqualTo(200);
        waitFor("the all-clear pushed", () -> pushService.receivedBy(lea).size() == 3);
        JsonNode end = pushService.receivedBy(lea).get(2).payload();
        assertThat(end.get("title").asText()).isEqualTo("Fin de l’alerte");
        assertThat(end.get("body").asText()).startsWith("Fin de l’alerte");
        assertThat(pushService.refusals()).isEmpty();
        assertThat(pushService.answered() - before).isEqualTo(3);
        waitFor("three sendings counted", () -> counts(second).path("push").path("sent").asInt() == 3);
        List<String> audit = db.withHandle(h -> h.createQuery("SELECT action || ' ' || coalesce(detail, '') FROM alert_audit WHERE alert_id = :a AND action = 'pushed' ORDER BY id")
                .bind("a", second).mapTo(String.class).list());
        assertThat(audit).containsExactly("pushed 0|1|1|0|0", "pushed 1|1|1|0|0", "pushed 2|1|1|0|0");
        String screen = api.get("/alerts/" + first, mathis).raw().body();
        assertThat(screen).as("the dashboard and the audit, for the alert to everyone")
                .contains("notifications remises au service de push").contains("1 abonnement expiré (retiré)")
                .contains("notifications push\u00a0: 1 remise sur 2, 1 abonnement expiré");
    }

    // ---------------------------------------------------------------- SMS through the generic HTTP gateway

    static final String BODY = "{\"to\": \"{to}\", \"text\": \"{text}\", \"from\": \"CEGEP\"}";

    static Response saveGateway(String token, String url, String header, String value, String body) {
        return api.postForm("/alerts/settings", token, Map.of("url", url, "headerName", header, "headerValue", value, "bodyTemplate", body));
    }

    @Test
    void theGatewayIsSetByAnAdministratorValidatedAndItsCredentialNeverShownBack() {
        try { // the gateway is turned off again: the other tests send no SMS
            Map<String, Object> withSms = fire(Map.of("kind", "everyone"));
            withSms.put("channels", List.of("mail", "sms"));
            // before any gateway (or after it was turned off) SMS is not offered
            saveOff();
            assertThat(api.post("/api/v1/alerts", camille, withSms).json().path("error").path("code").asText()).isEqualTo("channel_unavailable");
            assertThat(api.get("/alerts/settings", camille).status()).as("a communicator does not set gateways").isEqualTo(403);
            assertThat(saveGateway(camille, gateway.url(), "Authorization", SECRET, BODY).status()).isEqualTo(403);
            record Bad(String why, String url, String header, String value, String body, String shown) {
            }
            for (Bad b : List.of(
                    new Bad("not http", "ftp://sms.example.com/x", "Authorization", SECRET, BODY, "Donnez une adresse http(s) complète"),
                    new Bad("no address", "pas une adresse", "Authorization", SECRET, BODY, "Donnez une adresse http(s) complète"),
                    new Bad("a header name with a space", gateway.url(), "X Api Key", SECRET, BODY, "Le nom de l’en-tête"),
                    new Bad("a header split over two lines", gateway.url(), "Authorization", "Bearer a\r\nX-Evil: 1", BODY, "sans caractère de contrôle"),
                    new Bad("no {text}", gateway.url(), "Authorization", SECRET, "{\"to\": \"{to}\"}", "Le corps doit être du JSON valide"),
                    new Bad("placeholders outside quotes", gateway.url(), "Authorization", SECRET, "{\"to\": {to}, \"text\": {text}}", "Le corps doit être du JSON valide"),
                    new Bad("not JSON", gateway.url(), "Authorization", SECRET, "to={to}&text={text}", "Le corps doit être du JSON valide"))) {
                Response r = saveGateway(cegep.admin, b.url(), b.header(), b.value(), b.body());
                assertThat(r.status()).as(b.why()).isEqualTo(422);
                assertThat(r.raw().body()).as(b.why()).contains(b.shown());
            }
            Response ok = saveGateway(cegep.admin, gateway.url(), "Authorization", SECRET, BODY);
            assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
            assertThat(ok.raw().body()).contains("La passerelle SMS est enregistrée.").doesNotContain("s3cr3t");
            Response page = api.get("/alerts/settings", cegep.admin);
            assertThat(page.raw().body()).contains(gateway.url()).contains("Une valeur est gardée (chiffrée)").doesNotContain("s3cr3t");
            byte[] sealed = db.withHandle(h -> h.createQuery("SELECT sms_secret FROM alert_settings").mapTo(byte[].class).one());
            assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain("s3cr3t");
            assertThat(new io.guichet.channels.HttpSmsGateway.Settings(gateway.url(), "Authorization", SECRET, BODY).toString()).doesNotContain("s3cr3t");
            // saved again without a value: the credential kept is kept
            assertThat(saveGateway(cegep.admin, gateway.url(), "Authorization", "", BODY).status()).isEqualTo(200);
            assertThat(node.app.alerts().sms().accessSettings(Staff.SYSTEM).hasSecret()).isTrue();
        } finally {
            saveOff();
        }
    }

    static void saveOff() {
        Response off = api.postForm("/alerts/settings", cegep.admin, Map.of("action", "off", "url", "", "headerName", "", "headerValue", "", "bodyTemplate", ""));
        assertThat(off.status()).as(off.raw().body()).isEqualTo(200);
    }

    @Test
    void everyoneWithANumberGetsTheShortTextJsonEscapedFiveHundredsAreTriedAgainFourHundredsCountAsFailed() throws Exception {
        try { // the gateway is turned off again: the other tests send no SMS
            assertThat(saveGateway(cegep.admin, gateway.url(), "Authorization", SECRET, BODY).status()).isEqualTo(200);
            long withBoth = contact("Ariane Pelletier", "partner", "ariane.sms@cegep-test.qc.ca", "+15145550101", "fr");
            long phoneOnly = contact("Omar Haddad", "partner", null, "+15145550102", "en");
            contact("Refusé Lapointe", "partner", null, "+15145550103", "fr");
            contact("Patient Gagnon", "partner", null, "+15145550104", "fr");
            contact("Injoignable Roy", "partner", null, "+15145550105", "fr");
            contact("Sans Numéro", "partner", null, null, "fr");
            gateway.refuse("+15145550103");
            gateway.failFirst("+15145550104", 2);
            gateway.failFirst("+15145550105", 5);
            Map<String, Object> body = fire(Map.of("kind", "kinds", "kinds", List.of("partner")));
            body.put("fr", Map.of("short", "Évacuez le pavillon \"B\" : sortie {nord}\\ maintenant", "long", "Évacuez."));
            body.put("en", Map.of("short", "Leave building \"B\" now", "long", "Leave."));
            Response d = api.post("/api/v1/alerts", camille, body);
            assertThat(d.status()).as(d.raw().body()).isEqualTo(201);
            assertThat(d.json().get("channels").toString()).contains("sms");
            JsonNode reach = d.json().get("reach");
            assertThat(reach.get("sms").asInt()).isEqualTo(5);
            assertThat(reach.get("withoutChannel").asInt()).as("only the one with neither address nor number").isEqualTo(1);
            long id = d.json().get("id").asLong();
            assertThat(api.post("/api/v1/alerts/" + id + "/approve", mathis, Map.of()).status()).isEqualTo(200);
            waitFor("the SMS figures", () -> counts(id).path("sms").path("sent").asInt() + counts(id).path("sms").path("failed").asInt() == 5);
            JsonNode c = counts(id);
            assertThat(c.path("sms").path("sent").asInt()).as("…101, …102 and …104 at its third try").isEqualTo(3);
            assertThat(c.path("sms").path("failed").asInt()).as("…103 refused (400), …105 still 503 after three tries").isEqualTo(2);
            assertThat(c.path("withoutChannel").asInt()).isEqualTo(1);
            assertThat(gateway.to("+15145550101")).hasSize(1);
            assertThat(gateway.to("+15145550103")).as("a 4xx is not tried again").hasSize(1);
            assertThat(gateway.to("+15145550104")).extracting(SmsGatewayStandIn.Request::answered).containsExactly(503, 503, 202);
            assertThat(gateway.to("+15145550105")).hasSize(3);
            for (SmsGatewayStandIn.Request r : gateway.requests()) {
                assertThat(r.auth()).isEqualTo(SECRET);
                assertThat(r.body()).as(r.rawBody()).isNotNull();
                assertThat(r.body().get("from").asText()).isEqualTo("CEGEP");
            }
            assertThat(gateway.to("+15145550101").getFirst().body().get("text").asText()).isEqualTo("Évacuez le pavillon \"B\" : sortie {nord}\\ maintenant");
            assertThat(gateway.to("+15145550102").getFirst().body().get("text").asText()).as("in English for Omar").isEqualTo("Leave building \"B\" now");
            String phone = db.withHandle(h -> h.createQuery("SELECT phone FROM alert_recipients WHERE alert_id = :a AND contact_id = :c").bind("a", id)
                    .bind("c", phoneOnly).mapTo(String.class).one());
            assertThat(phone).isEqualTo("+15145550102");
            String screen = api.get("/alerts/" + id, mathis).raw().body();
            assertThat(screen).contains("SMS acceptés par la passerelle").contains("SMS\u00a0: 3 acceptés par la passerelle sur 5, 2 en échec");
            assertThat(withBoth).isPositive();
        } finally {
            saveOff();
        }
    }
}
