package io.guichet.webinars;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay: BigBlueButton's recording-ready callback (a JWT HS256 with the shared secret; anything else is 401 and
 * stores nothing), its playback address on the session and the join page, and the two mails as they arrive at a real
 * SMTP server: thanks to who came, "here is the recording" to who did not, in each one's language, once each.
 */
class ReplayTest {
    static GreenMail smtp;
    static RoomFixture f;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        f = new RoomFixture(true, Map.of("GUICHET_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "GUICHET_MAIL_FROM", "guichet@cegep-test.qc.ca", "GUICHET_MAIL_RATE", "600000"));
    }

    @AfterAll
    static void stop() {
        f.close();
        smtp.stop();
    }

    int post(String signedParameters) throws Exception {
        return f.http.send(HttpRequest.newBuilder(URI.create(f.node.baseUrl() + "/link/webinaire/enregistrement"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("signed_parameters=" + URLEncoder.encode(signedParameters, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int count(String where) {
        return f.node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE " + where).mapTo(Integer.class).one());
    }

    static List<MimeMessage> mailsTo(String address, String subjectStart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address)) && m.getSubject().startsWith(subjectStart);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static MimeMessage mailTo(String address, String subjectStart) {
        for (int i = 0; i < 100; i++) {
            List<MimeMessage> found = mailsTo(address, subjectStart);
            if (!found.isEmpty()) return found.getFirst();
            smtp.waitForIncomingEmail(200, smtp.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail to " + address + " starting " + subjectStart);
    }

    @Test
    void aSignedCallbackGivesTheReplayAndEachRegistrantOneMailInTheirLanguage() throws Exception {
        Instant start = f.clock.instant().plus(Duration.ofMinutes(20));
        long id = f.session("Séance d’information", start, null);
        long zoé = f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
        f.register(id, "Noah Smith", "noah@exemple.ca", "en");
        f.register(id, "Léa Côté", "lea@exemple.ca", "fr");
        String meeting = f.meetingId(id);
        assertThat(f.cancel("lea@exemple.ca")).as("Léa cancels: no replay mail for her").isEqualTo(200);
        f.clock.set(start.minus(Duration.ofMinutes(5)));
        assertThat(f.get(f.joinPath("zoe@exemple.ca")).statusCode()).isEqualTo(303);
        f.bbb.joins(meeting, Long.toString(zoé), "Zoé Lévesque", "VIEWER");
        f.clock.set(start.plus(Duration.ofMinutes(1)));
        f.rooms().doPoll();
        f.clock.set(start.plus(Duration.ofMinutes(60)));
        assertThat(f.bbb.ends(meeting)).isEqualTo(200);

        // forged: another secret, no signature, alg none, garbage: 401 and nothing stored
        String payload = "{\"meeting_id\":\"" + meeting + "\",\"record_id\":\"x\"}";
        assertThat(post(BbbStandIn.jwt(payload, "not-the-shared-secret"))).isEqualTo(401);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        assertThat(post(b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."))
                .isEqualTo(401);
        assertThat(post("pas un jeton")).isEqualTo(401);
        assertThat(f.rooms().findReplay(id)).isEmpty();

        assertThat(f.bbb.recordingReady(meeting, BbbStandIn.SECRET)).isEqualTo(200);
        String playback = f.rooms().findReplay(id).orElseThrow();
        assertThat(playback).startsWith("http://127.0.0.1:").contains("/playback/presentation/2.3/");

        // the mails link to the replay through Guichet, so that each view is counted
        MimeMessage thanks = mailTo("zoe@exemple.ca", "Merci de votre présence : Séance d’information");
        assertThat(WebinarMailTest.text(thanks)).contains("Merci d’avoir assisté à « Séance d’information »").contains("/link/webinaire/revoir/")
                .doesNotContain("/link/webinaire/annuler/");
        MimeMessage missed = mailTo("noah@exemple.ca", "The recording of the session: Séance d’information (EN)");
        assertThat(WebinarMailTest.text(missed)).contains("Could not attend “Séance d’information (EN)”?").contains("/link/webinaire/revoir/");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:\\d+(/link/webinaire/revoir/[A-Za-z0-9_.-]+)").matcher(WebinarMailTest.text(thanks));
        assertThat(link.find()).isTrue();
        HttpResponse<String> view = f.get(link.group(1));
        assertThat(view.statusCode()).isEqualTo(303);
        assertThat(view.headers().firstValue("Location")).contains(playback);
        assertThat(f.get("/link/webinaire/revoir/forged.token").statusCode()).as("a forged link counts nothing").isEqualTo(404);

        // told again (BigBlueButton retries, or a second format): no second mail
        assertThat(f.bbb.recordingReady(meeting, BbbStandIn.SECRET)).isEqualTo(200);
        f.rooms().doPoll();
        assertThat(count("subject LIKE 'Merci de votre présence%' OR subject LIKE 'The recording%'")).isEqualTo(2);
        assertThat(count("recipient = 'lea@exemple.ca'")).as("her confirmation and cancellation, no replay").isEqualTo(2);

        // the join link after the session points to the replay
        HttpResponse<String> page = f.get(f.joinPath("noah@exemple.ca"));
        assertThat(page.body()).contains("Its recording is online").contains("/link/webinaire/revoir/");
        java.util.regex.Matcher onPage = java.util.regex.Pattern.compile("href=\"http://localhost:\\d+(/link/webinaire/revoir/[^\"]+)\"").matcher(page.body());
        assertThat(onPage.find()).isTrue();
        assertThat(f.get(onPage.group(1)).headers().firstValue("Location")).contains(playback);

        // two views, on the numbers page
        io.guichet.testing.FormBrowser staff = new io.guichet.testing.FormBrowser(f.node.baseUrl());
        staff.logIn(io.guichet.testing.TestNode.ADMIN_EMAIL, io.guichet.testing.TestNode.ADMIN_PASSWORD);
        assertThat(staff.get("/webinars/numbers/session/" + id).body().replaceAll("\\s+", " ")).contains("<dt>Vues des rediffusions</dt><dd>2</dd>");
    }
}
