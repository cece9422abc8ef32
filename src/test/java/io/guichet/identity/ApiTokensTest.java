package io.guichet.identity;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Integrations' API tokens: created by an administrator, shown once, limited to their scopes, revoked on every node at once. */
class ApiTokensTest {
    static TestDatabases.TestDatabase db;
    static TestNode a;
    static TestNode b;
    static Api onA;
    static Api onB;
    static String admin;

    @BeforeAll
    static void start() {
        db = TestDatabases.fresh();
        a = TestNode.start(db);
        b = TestNode.start(db);
        onA = a.api();
        onB = b.api();
        admin = onA.adminToken();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    static Api.Response create(Object body) {
        return onA.post("/api/v1/tokens", admin, body);
    }

    /** The refusal's code, and the field its message names ("scopes must…", "Unknown field secret"). */
    static String error(Api.Response r) {
        assertThat(r.status()).isEqualTo(r.json().path("error").path("code").asText().equals("malformed") ? 400 : 422);
        String message = r.json().path("error").path("message").asText();
        String field = java.util.stream.Stream.of("scopes", "name", "expiresAt", "ipAllowList", "secret")
                .filter(f -> message.matches("(?s).*\\b" + f + "\\b.*")).findFirst().orElse("");
        return r.json().path("error").path("code").asText() + "/" + field;
    }

    @Test
    void theSecretIsShownOnceStoredHashedAndTheListShowsTheLastUse() {
        Api.Response created = create(Map.of("name", "Système d’admission (nuit)", "scopes", List.of("contacts:read")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.text("secret");
        assertThat(secret).startsWith("gt_").hasSizeGreaterThanOrEqualTo(3 + 43); // 256 bits in base64url
        String stored = a.app.database().jdbi().withHandle(h -> h.createQuery("SELECT secret_hash FROM api_tokens WHERE id = :id")
                .bind("id", Long.parseLong(created.text("id"))).mapTo(String.class).one());
        assertThat(stored).isEqualTo(io.guichet.platform.Tokens.hash(secret)).doesNotContain(secret.substring(3));

        var before = onA.get("/api/v1/tokens", admin).json().path("tokens");
        var mine = find(before, created.text("id"));
        assertThat(mine.path("name").asText()).isEqualTo("Système d’admission (nuit)");
        assertThat(mine.has("secret")).as("never listed again").isFalse();
        assertThat(mine.path("lastUsedAt").isNull()).isTrue();

        assertThat(onA.get("/api/v1/contacts", secret).status()).isEqualTo(200);
        var after = find(onA.get("/api/v1/tokens", admin).json().path("tokens"), created.text("id"));
        assertThat(after.path("lastUsedAt").asText()).isNotBlank();
    }

    @Test
    void aReadTokenReadsContactsButCannotWriteNorReachWhatNamesNoScope() {
        String read = create(Map.of("name", "Lecture", "scopes", List.of("contacts:read"))).text("secret");
        String write = create(Map.of("name", "Écriture", "scopes", List.of("contacts:write"))).text("secret");

        assertThat(onA.get("/api/v1/contacts", read).status()).isEqualTo(200);
        Api.Response refused = onA.post("/api/v1/contacts", read, Map.of("name", "Zoé d’Amours"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("insufficient_scope");

        Api.Response made = onA.post("/api/v1/contacts", write, Map.of("name", "Zoé d’Amours", "emails", List.of("zoe@exemple.ca")));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.text("name")).isEqualTo("Zoé d’Amours");
        assertThat(onA.get("/api/v1/contacts/" + made.text("id"), write).status()).as("write does not imply read").isEqualTo(403);

        // endpoints that name no scope answer as if no one were signed in
        assertThat(onA.get("/api/v1/tokens", read).status()).isEqualTo(401);
        assertThat(onA.get("/api/v1/conversations", read).status()).isEqualTo(401);
        assertThat(onA.get("/api/v1/contacts", "gt_inconnu").status()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenFailsAtOnceOnTheOtherNode() {
        Api.Response created = create(Map.of("name", "PBX", "scopes", List.of("contacts:read")));
        String secret = created.text("secret");
        assertThat(onB.get("/api/v1/contacts", secret).status()).as("node B has it cached now").isEqualTo(200);
        assertThat(onA.delete("/api/v1/tokens/" + created.text("id"), admin).status()).isEqualTo(204);
        assertThat(onA.get("/api/v1/contacts", secret).status()).isEqualTo(401);
        // No sleep: node B must have dropped its cached copy before the revocation answered... or within the bus's delay.
        long deadline = System.nanoTime() + 5_000_000_000L;
        int status;
        do {
            status = onB.get("/api/v1/contacts", secret).status();
        } while (status != 401 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(401);
        var listed = find(onA.get("/api/v1/tokens", admin).json().path("tokens"), created.text("id"));
        assertThat(listed.path("revokedAt").asText()).isNotBlank();
        assertThat(onA.delete("/api/v1/tokens/999999", admin).status()).isEqualTo(404);
    }

    @Test
    void anExpiredTokenOrOneUsedFromOutsideItsBlocksFails() {
        String elsewhere = create(Map.of("name", "Calendrier", "scopes", List.of("contacts:read"), "ipAllowList", List.of("192.0.2.0/24"))).text("secret");
        assertThat(onA.get("/api/v1/contacts", elsewhere).status()).as("the test calls from loopback").isEqualTo(401);
        String loopback = create(Map.of("name", "Local", "scopes", List.of("contacts:read"), "ipAllowList", List.of("127.0.0.0/8", "::1"))).text("secret");
        assertThat(onA.get("/api/v1/contacts", loopback).status()).isEqualTo(200);

        Api.Response soon = create(Map.of("name", "Bref", "scopes", List.of("contacts:read"), "expiresAt", java.time.OffsetDateTime.now().plusSeconds(2).toString()));
        assertThat(soon.status()).isEqualTo(201);
        a.app.database().jdbi().useHandle(h -> h.execute("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ?",
                Long.parseLong(soon.text("id"))));
        assertThat(onB.get("/api/v1/contacts", soon.text("secret")).status()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThat(error(create(Map.of("name", "X", "scopes", List.of("contacts:delete"))))).isEqualTo("unknown_scope/scopes");
        assertThat(error(create(Map.of("name", "X", "scopes", List.of())))).isEqualTo("invalid/scopes");
        assertThat(error(create(Map.of("name", "X", "scopes", "contacts:read")))).isEqualTo("invalid/scopes");
        assertThat(error(create(Map.of("name", "", "scopes", List.of("contacts:read"))))).isEqualTo("invalid/name");
        assertThat(error(create(Map.of("name", "x".repeat(101), "scopes", List.of("contacts:read"))))).isEqualTo("invalid/name");
        assertThat(error(create(Map.of("name", "a\u0007b", "scopes", List.of("contacts:read"))))).isEqualTo("invalid/name");
        assertThat(error(create(Map.of("name", 42, "scopes", List.of("contacts:read"))))).isEqualTo("invalid/name");
        assertThat(error(create(Map.of("name", "X", "scopes", List.of("contacts:read"), "expiresAt", "demain")))).isEqualTo("invalid/expiresAt");
        assertThat(error(create(Map.of("name", "X", "scopes", List.of("contacts:read"), "expiresAt", "2020-01-01T00:00:00Z")))).isEqualTo("invalid/expiresAt");
        assertThat(error(create(Map.of("name", "X", "scopes", List.of("contacts:read"), "ipAllowList", List.of("exemple.ca"))))).isEqualTo("invalid/ipAllowList");
        assertThat(error(create(Map.of("name", "X", "scopes", List.of("contacts:read"), "ipAllowList", List.of("10.0.0.0/33"))))).isEqualTo("invalid/ipAllowList");
        assertThat(error(create(Map.of("name", "X", "scopes", List.of("contacts:read"), "secret", "mine")))).isEqualTo("invalid/secret");
        assertThat(onA.postRaw("/api/v1/tokens", admin, "{not json").status()).isEqualTo(400);
        Api.Response html = create(Map.of("name", "<script>alert(1)</script>", "scopes", List.of("contacts:read")));
        assertThat(html.text("name")).as("kept as text").isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void onlyAnAdministratorManagesTokens() {
        Cegep cegep = Cegep.on(a).withServices().withSupervisor();
        assertThat(onA.post("/api/v1/tokens", cegep.jérôme, Map.of("name", "X", "scopes", List.of("contacts:read"))).status()).isEqualTo(403);
        assertThat(onA.get("/api/v1/tokens", cegep.jérôme).status()).isEqualTo(403);
        assertThat(onA.get("/api/v1/tokens", null).status()).isEqualTo(401);
    }

    private static com.fasterxml.jackson.databind.JsonNode find(com.fasterxml.jackson.databind.JsonNode list, String id) {
        for (var t : list) if (t.path("id").asText().equals(id)) return t;
        throw new AssertionError("token " + id + " not listed");
    }
}
