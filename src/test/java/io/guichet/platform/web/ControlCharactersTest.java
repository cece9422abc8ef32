package io.guichet.platform.web;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Control characters stop at the boundary with 422, and what a person typed never reaches the log. */
class ControlCharactersTest {
    static TestNode node;
    static Api api;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    static PrintStream originalErr;

    @BeforeAll
    static void start() {
        originalErr = System.err;
        // slf4j-simple writes to whatever System.err is at the time of each line: keep a copy of it.
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, StandardCharsets.UTF_8));
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        api.createService(api.adminToken(), "admissions", "Admissions");
    }

    @AfterAll
    static void stop() {
        node.close();
        System.setErr(originalErr);
    }

    private static String logged() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aNulInAVisitorMessageIsRefusedAndNotLogged() {
        String visitor = api.visitor("Zoé");
        var r = api.startConversation(visitor, "admissions", "Ma cote R secrète-4711\u0000 est basse");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("invalid");
        assertThat(logged()).doesNotContain("secrète-4711");
    }

    @Test
    void aNulInASearchQueryIsRefusedAndNotLogged() {
        var r = api.get("/api/v1/kb/search?q=" + URLEncoder.encode("bourse-8812\u0000x", StandardCharsets.UTF_8), null);
        assertThat(r.status()).isEqualTo(422);
        assertThat(logged()).doesNotContain("bourse-8812");
    }

    @Test
    void aNulInALoginEmailIsRefusedOnTheApiAndTheFormAndNotLogged() {
        var r = api.post("/api/v1/auth/login", null, Map.of("email", "zoe-9931\u0000@cegep-test.qc.ca", "password", "nope-nope-nope"));
        assertThat(r.status()).isEqualTo(422);
        var form = new io.guichet.testing.FormBrowser(node.baseUrl());
        form.get("/login");
        assertThat(form.post("/login", Map.of("email", "zoe-9932\u0000@cegep-test.qc.ca", "password", "x")).statusCode()).isEqualTo(422);
        assertThat(logged()).doesNotContain("zoe-9931", "zoe-9932", "$argon2");
    }

    @Test
    void aNewlineInASingleLineQueryParameterIsRefused() {
        var r = api.get("/api/v1/kb/search?q=" + URLEncoder.encode("a\n2026-01-01 [main] ERROR forged", StandardCharsets.UTF_8), null);
        assertThat(r.status()).isEqualTo(422);
        assertThat(logged()).doesNotContain("forged");
    }

    @Test
    void aLineBreakInAOneLineFieldIsRefusedWhileAMessageKeepsItsLines() {
        var named = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Zoé\n2026-01-01 [main] ERROR forged", "lang", "fr"));
        assertThat(named.status()).as("a name is one line").isEqualTo(422);
        assertThat(named.json().path("error").path("message").asText()).contains("name");
        var service = api.post("/api/v1/services", api.adminToken(), Map.of("slug", "vie-etudiante", "nameFr", "Vie\tétudiante", "nameEn", "Student life"));
        assertThat(service.status()).as("a tab in a service's name").isEqualTo(422);
        var message = api.startConversation(api.visitor("Zoé"), "admissions", "Bonjour,\nune question\tde bourse.");
        assertThat(message.status()).as("a message keeps its line breaks and tabs").isEqualTo(201);
        assertThat(logged()).doesNotContain("forged");
    }

    @Test
    void logValuesAreEscaped() {
        assertThat(LogValues.escape("a\nERROR forged\r\u0000")).isEqualTo("a\\nERROR forged\\r\\u0000");
        assertThat(LogValues.escape(null)).isEqualTo("null");
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final ByteArrayOutputStream b;

        TeeStream(OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
