package io.guichet.webinars;

import io.guichet.platform.Config;
import io.guichet.webinars.bbb.BbbClient;
import io.guichet.webinars.bbb.BbbSettings;
import io.guichet.webinars.bbb.Checksum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The BigBlueButton client against the documentation's worked example and the stand-in that checks every checksum. */
class BbbClientTest {
    static BbbStandIn bbb;

    @BeforeAll
    static void start() {
        bbb = new BbbStandIn();
    }

    @AfterAll
    static void stop() {
        bbb.close();
    }

    static BbbClient client(String checksum, String secret) {
        return new BbbClient(BbbSettings.from(Config.load(Map.of("GUICHET_BBB_URL", bbb.url(), "GUICHET_BBB_SECRET", secret,
                "GUICHET_BBB_CHECKSUM", checksum), new String[0])).orElseThrow());
    }

    @Test
    void theDocumentationsWorkedExampleGivesItsChecksum() {
        String query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444";
        assertThat(Checksum.SHA1.of("create", query, BbbStandIn.SECRET)).isEqualTo("1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
        assertThat(Checksum.SHA256.of("create", query, BbbStandIn.SECRET)).hasSize(64)
                .isEqualTo(BbbStandIn.sha256Hex("create" + query + BbbStandIn.SECRET));
    }

    @Test
    void sha256IsTheDefaultAndAnUnknownHashIsRefused() {
        BbbSettings s = BbbSettings.from(Config.load(Map.of("GUICHET_BBB_URL", bbb.url(), "GUICHET_BBB_SECRET", "s"), new String[0])).orElseThrow();
        assertThat(s.checksum()).isEqualTo(Checksum.SHA256);
        assertThat(BbbSettings.from(Config.load(Map.of(), new String[0]))).isEmpty();
        assertThatThrownBy(() -> BbbSettings.from(Config.load(Map.of("GUICHET_BBB_URL", bbb.url(), "GUICHET_BBB_SECRET", "s",
                "GUICHET_BBB_CHECKSUM", "md5"), new String[0]))).isInstanceOf(Config.InvalidSetting.class).hasMessageContaining("GUICHET_BBB_CHECKSUM");
        assertThatThrownBy(() -> BbbSettings.from(Config.load(Map.of("GUICHET_BBB_URL", bbb.url()), new String[0])))
                .hasMessageContaining("GUICHET_BBB_SECRET");
    }

    @Test
    void everyCallIsSignedWithEitherHashAndTheStandInReadsItBack() throws Exception {
        for (String hash : new String[]{"sha256", "sha1"}) {
            BbbClient client = client(hash, BbbStandIn.SECRET);
            String meeting = "guichet-test-" + hash;
            client.create(meeting, "Séance d’information & portes ouvertes", true, "https://guichet.example/programme",
                    "https://guichet.example/link/fin?x=1", "https://guichet.example/link/enregistrement");
            client.create(meeting, "Séance d’information & portes ouvertes", true, "https://guichet.example/programme",
                    "https://guichet.example/link/fin?x=1", "https://guichet.example/link/enregistrement");
            assertThat(bbb.meeting(meeting).name).isEqualTo("Séance d’information & portes ouvertes");
            assertThat(bbb.meeting(meeting).endCallbackUrl).isEqualTo("https://guichet.example/link/fin?x=1");
            assertThat(client.meetingInfo(meeting).orElseThrow().running()).isFalse();

            bbb.joins(meeting, "42", "Zoé Lévesque", "VIEWER");
            bbb.joins(meeting, "speaker-0", "Élodie Tremblay", "MODERATOR");
            BbbClient.MeetingInfo info = client.meetingInfo(meeting).orElseThrow();
            assertThat(info.running()).isTrue();
            assertThat(info.attendees()).containsExactlyInAnyOrder(new BbbClient.Attendee("42", "Zoé Lévesque", BbbClient.Role.VIEWER),
                    new BbbClient.Attendee("speaker-0", "Élodie Tremblay", BbbClient.Role.MODERATOR));
            assertThat(client.isMeetingRunning(meeting)).isTrue();

            HttpResponse<Void> join = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    client.joinUrl(meeting, "Zoé Lévesque", BbbClient.Role.VIEWER, "42"))).GET().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(join.statusCode()).as("the stand-in accepted the join's checksum").isEqualTo(302);

            assertThat(client.recordings(meeting)).isEmpty();
            client.end(meeting);
            assertThat(client.meetingInfo(meeting)).isEmpty();
            client.end(meeting); // already gone: not an error
        }
    }

    @Test
    void aWrongSecretIsTheDocumentedChecksumError() throws Exception {
        BbbClient wrong = client("sha256", "not-the-secret");
        assertThatThrownBy(() -> wrong.isMeetingRunning("x")).isInstanceOf(BbbClient.Unavailable.class).hasMessageContaining("checksumError");
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                wrong.joinUrl("x", "Zoé", BbbClient.Role.VIEWER, "1"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.body()).contains("<returncode>FAILED</returncode>").contains("<messageKey>checksumError</messageKey>");
    }

    @Test
    void recordingsGiveTheirPlaybackUrl() throws Exception {
        BbbClient client = client("sha256", BbbStandIn.SECRET);
        client.create("guichet-rec", "Replay", true, "https://g.example/", "http://127.0.0.1:1/end", "http://127.0.0.1:1/ready");
        assertThatThrownBy(() -> bbb.recordingReady("guichet-rec", BbbStandIn.SECRET))
                .as("nobody listens at the ready URL; the recording is published all the same").isInstanceOf(java.net.ConnectException.class);
        BbbClient.Recording r = client.recordings("guichet-rec").getFirst();
        assertThat(r.published()).isTrue();
        assertThat(r.playbackUrl()).contains(bbb.playbackUrl(r.recordId()));
    }

    @Test
    void aServerDownOrFailingIsUnavailable() {
        BbbClient client = client("sha256", BbbStandIn.SECRET);
        bbb.failing(true);
        try {
            assertThatThrownBy(() -> client.isMeetingRunning("x")).isInstanceOf(BbbClient.Unavailable.class).hasMessageContaining("HTTP 500");
        } finally {
            bbb.failing(false);
        }
        bbb.down();
        try {
            assertThatThrownBy(() -> client.isMeetingRunning("x")).isInstanceOf(BbbClient.Unavailable.class).hasMessageContaining("ConnectException");
        } finally {
            bbb.up();
        }
        assertThat(client.isMeetingRunning("x")).isFalse();
    }
}
