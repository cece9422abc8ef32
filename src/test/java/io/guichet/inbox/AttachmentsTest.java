package io.guichet.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Files both ways: checked by content, stored in PostgreSQL, downloaded as attachments by those who may read them. */
class AttachmentsTest {
    static final int MAX = 64 * 1024;
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_ATTACHMENT_MAX_BYTES", Integer.toString(MAX),
                "GUICHET_RATE_LIMITS", "on", "GUICHET_RATE_VISITOR_SESSIONS", "1000", "GUICHET_RATE_VISITOR_MESSAGES", "1000",
                "GUICHET_RATE_VISITOR_UPLOADS", "6", "GUICHET_RATE_STAFF_UPLOADS", "1000"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static byte[] image(String format) {
        // A little "error screenshot": a window with a red title bar.
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(0xF3F4F6));
        g.fillRect(0, 0, 320, 200);
        g.setColor(new Color(0xC0392B));
        g.fillRect(0, 0, 320, 36);
        g.setColor(new Color(0x9CA3AF));
        for (int y = 60; y < 180; y += 24) g.fillRect(24, y, 200 + (y % 48), 10);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WEBP = webp();

    static byte[] webp() {
        byte[] d = new byte[32];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, d, 0, 4);
        d[4] = 24;
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, d, 8, 8);
        return d;
    }

    static Response upload(String path, String token, String name, byte[] bytes, String declaredType) {
        String q = (name == null ? "" : "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)) + "&clientId=" + UUID.randomUUID();
        return api.postBytes(path + (path.contains("?") ? "&" : "?") + q, token, declaredType, bytes);
    }

    static HttpResponse<byte[]> download(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + url)).GET();
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Zoé's conversation with admissions, answered by Élodie: its id. */
    static String conversation(String visitor) {
        return api.startConversation(visitor, Cegep.ADMISSIONS, "J’ai une erreur sur ma demande").text("conversationId");
    }

    @Test
    void aScreenshotFromTheVisitorIsSeenByStaffAndDownloadedAsAnAttachmentWithItsAccents() throws Exception {
        String zoé = api.visitor("Zoé Lévesque");
        String id = conversation(zoé);
        byte[] png = image("png");
        Response sent = upload("/api/v1/visitor/conversations/" + id + "/attachments", zoé, "capture d’écran – été.png", png, "application/octet-stream");
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
        JsonNode att = sent.json().path("message").path("attachment");
        assertThat(att.path("name").asText()).isEqualTo("capture d’écran – été.png");
        assertThat(att.path("contentType").asText()).as("the content decides, not the declared type").isEqualTo("image/png");
        assertThat(att.path("size").asInt()).isEqualTo(png.length);
        assertThat(sent.json().path("message").path("body").asText()).isEqualTo("capture d’écran – été.png");

        JsonNode forStaff = api.get("/api/v1/conversations/" + id + "/messages", cegep.élodie).json().path("messages").get(1);
        String url = forStaff.path("attachment").path("url").asText();
        assertThat(url).startsWith("/api/v1/attachments/");
        HttpResponse<byte[]> got = download(url, cegep.élodie);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(png);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; ")
                .contains("filename*=UTF-8''capture%20d%E2%80%99%C3%A9cran%20%E2%80%93%20%C3%A9t%C3%A9.png")
                .contains("filename=\"capture d__cran _ _t_.png\"");

        String visitorUrl = api.get("/api/v1/visitor/conversations/" + id + "/messages", zoé).json().path("messages").get(1)
                .path("attachment").path("url").asText();
        assertThat(visitorUrl).startsWith("/api/v1/visitor/attachments/");
        assertThat(download(visitorUrl, zoé).body()).as("by the header").isEqualTo(png);
        assertThat(download(visitorUrl + "?token=" + zoé, null).body()).as("by ?token=, as the socket").isEqualTo(png);
    }

    @Test
    void aFileFromStaffReachesTheVisitorButANotesFileDoesNot() throws Exception {
        String zoé = api.visitor("Zoé Roy");
        String id = conversation(zoé);
        Response reply = upload("/api/v1/conversations/" + id + "/attachments", cegep.élodie, "Guide d’admission.pdf", PDF, "image/png");
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        assertThat(reply.json().path("message").path("attachment").path("contentType").asText()).isEqualTo("application/pdf");
        Response note = upload("/api/v1/conversations/" + id + "/attachments?internal=true", cegep.élodie, "dossier.webp", WEBP, "image/webp");
        assertThat(note.status()).as(note.raw().body()).isEqualTo(201);
        assertThat(note.json().path("message").path("internal").asBoolean()).isTrue();

        JsonNode seen = api.get("/api/v1/visitor/conversations/" + id + "/messages", zoé).json().path("messages");
        assertThat(seen).hasSize(2);
        String pdfUrl = seen.get(1).path("attachment").path("url").asText();
        HttpResponse<byte[]> pdf = download(pdfUrl, zoé);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String noteFile = note.json().path("message").path("attachment").path("id").asText();
        assertThat(download("/api/v1/visitor/attachments/" + noteFile, zoé).statusCode()).as("a note's file is staff's").isEqualTo(404);
    }

    @Test
    void onlyWhoMayReadTheConversationDownloadsItsFiles() throws Exception {
        String zoé = api.visitor("Zoé Gagnon");
        String id = conversation(zoé);
        String file = upload("/api/v1/visitor/conversations/" + id + "/attachments", zoé, "a.gif", image("gif"), "image/gif")
                .json().path("message").path("attachment").path("id").asText();
        assertThat(download("/api/v1/attachments/" + file, cegep.token(Cegep.Persona.NOEMIE)).statusCode()).as("another service").isEqualTo(403);
        assertThat(download("/api/v1/attachments/" + file, cegep.jérôme).statusCode()).as("a supervisor").isEqualTo(200);
        assertThat(download("/api/v1/attachments/" + file, null).statusCode()).isEqualTo(401);
        String other = api.visitor("Quelqu’un d’autre");
        assertThat(download("/api/v1/visitor/attachments/" + file, other).statusCode()).as("another visitor").isEqualTo(404);
        assertThat(download("/api/v1/visitor/attachments/" + file + "?token=nope", null).statusCode()).isEqualTo(401);
        assertThat(upload("/api/v1/visitor/conversations/" + id + "/attachments", other, "a.png", image("png"), "image/png").status())
                .as("nor sends into it").isEqualTo(404);
        assertThat(upload("/api/v1/conversations/" + id + "/attachments", cegep.token(Cegep.Persona.NOEMIE), "a.png", image("png"), "image/png").status())
                .isEqualTo(403);
        assertThat(download("/api/v1/attachments/abc", cegep.jérôme).statusCode()).isEqualTo(404);
    }

    @Test
    void badFilesAreRefusedNamingWhatIsWrong() {
        String zoé = api.visitor("Zoé Côté");
        String id = conversation(zoé);
        String path = "/api/v1/conversations/" + id + "/attachments";
        String staff = cegep.élodie;
        assertRefused(upload(path, staff, "page.png", "<!DOCTYPE html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "image/png"),
                415, "unsupported_type", "file");
        assertRefused(upload(path, staff, "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8),
                "image/svg+xml"), 415, "unsupported_type", "file");
        assertRefused(upload(path, staff, "vide.png", new byte[0], "image/png"), 422, "file");
        assertRefused(upload(path, staff, "../../etc/passwd.png", image("png"), "image/png"), 422, "name");
        assertRefused(upload(path, staff, "dossier\\a.png", image("png"), "image/png"), 422, "name");
        assertRefused(upload(path, staff, "a\u0007b.png", image("png"), "image/png"), 422, "name");
        assertRefused(upload(path, staff, null, image("png"), "image/png"), 422, "name");
        assertRefused(upload(path, staff, "x".repeat(201) + ".png", image("png"), "image/png"), 422, "name");
        Response tooLarge = upload(path, staff, "énorme.pdf", bigPdf(MAX + 1), "application/pdf");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").path("code").asText()).isEqualTo("too_large");
        assertThat(upload(path, staff, "juste.pdf", bigPdf(MAX), "application/pdf").status()).as("exactly the limit").isEqualTo(201);
        assertThat(files(id))
                .as("only the good one was stored").isEqualTo(1);
    }

    @Test
    void aVisitorSendingFilesTooFastIsToldToWait() {
        String zoé = api.visitor("Zoé Pressée");
        String id = conversation(zoé);
        int status = 0;
        for (int i = 0; i < 7 && status != 429; i++) {
            status = upload("/api/v1/visitor/conversations/" + id + "/attachments", zoé, i + ".png", image("png"), "image/png").status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void filesAreInThePersonsExportAndGoWithTheirErasure() {
        String visitor = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Aurélie Bédard", "email", "aurelie.bedard@exemple.qc.ca", "lang", "fr"))
                .text("visitorToken");
        long contactId = Long.parseLong(api.get("/api/v1/visitor/me", visitor).text("id"));
        String id = conversation(visitor);
        byte[] jpeg = image("jpg");
        upload("/api/v1/visitor/conversations/" + id + "/attachments", visitor, "relevé.jpg", jpeg, "image/jpeg");
        JsonNode export = api.get("/api/v1/contacts/" + contactId + "/export", cegep.jérôme).json();
        JsonNode file = export.path("inbox").get(0).path("attachments").get(0);
        assertThat(file.path("name").asText()).isEqualTo("relevé.jpg");
        assertThat(file.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(Base64.getMimeDecoder().decode(file.path("base64").asText())).isEqualTo(jpeg);

        assertThat(api.delete("/api/v1/contacts/" + contactId + "?confirm=" + contactId, cegep.admin).status()).isEqualTo(200);
        assertThat(files(id))
                .as("the file is gone even when the conversation is kept").isZero();
    }

    static int files(String conversationId) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM inbox_attachments WHERE conversation_id = " + conversationId)
                .mapTo(Integer.class).one());
    }

    static byte[] bigPdf(int size) {
        byte[] d = new byte[size];
        System.arraycopy(PDF, 0, d, 0, PDF.length);
        return d;
    }

    static void assertRefused(Response r, int status, String field) {
        assertRefused(r, status, "invalid", field);
    }

    static void assertRefused(Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asText()).as("names the field").containsIgnoringCase(field);
    }
}
