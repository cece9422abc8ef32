package io.guichet.webinars;

import io.guichet.webinars.bbb.WebhookEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bbb-webhooks' checksum: sha1(callbackURL + JSON.stringify({event, timestamp}) + secret). The expected value was
 * computed outside Java (Python's json.dumps with JSON.stringify's separators, then SHA-1), so this checks that the
 * string signed is the one bbb-webhooks signs, quotes and accents included.
 */
class WebhookEventsTest {
    static final String URL = "https://guichet.example.ca/link/webinaire/evenements";
    static final String EVENT = "[{\"data\":{\"type\":\"event\",\"id\":\"user-joined\",\"attributes\":{\"meeting\":{\"internal-meeting-id\":"
            + "\"183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000\",\"external-meeting-id\":\"webinar-7-guichet.example.ca\"},\"user\":"
            + "{\"internal-user-id\":\"w_abc\",\"external-user-id\":\"42\",\"name\":\"Zoé \\\"Z\\\" Lévesque\",\"role\":\"VIEWER\",\"presenter\":false,"
            + "\"stream\":[]}},\"event\":{\"ts\":1700000000123}}}]";

    @Test
    void theDocumentedChecksumIsAcceptedAndTheUserEventRead() {
        var events = WebhookEvents.verify(URL, EVENT, "1700000000456", "f8dad1167ff28611bdff15f07e1457817c36f623", BbbStandIn.SECRET);
        assertThat(events).isPresent();
        assertThat(events.get()).containsExactly(new WebhookEvents.UserEvent("user-joined", "webinar-7-guichet.example.ca", "42",
                Instant.ofEpochMilli(1700000000123L)));
    }

    @Test
    void anythingElseIsRefused() {
        String good = "f8dad1167ff28611bdff15f07e1457817c36f623";
        assertThat(WebhookEvents.verify(URL, EVENT, "1700000000456", good, "another-secret")).isEmpty();
        assertThat(WebhookEvents.verify(URL + "?x=1", EVENT, "1700000000456", good, BbbStandIn.SECRET)).as("another address").isEmpty();
        assertThat(WebhookEvents.verify(URL, EVENT.replace("42", "43"), "1700000000456", good, BbbStandIn.SECRET)).as("another user").isEmpty();
        assertThat(WebhookEvents.verify(URL, EVENT, "1700000000457", good, BbbStandIn.SECRET)).as("another time").isEmpty();
        assertThat(WebhookEvents.verify(URL, EVENT, "1700000000456", null, BbbStandIn.SECRET)).isEmpty();
        assertThat(WebhookEvents.verify(URL, EVENT, "nope", good, BbbStandIn.SECRET)).isEmpty();
        assertThat(WebhookEvents.verify(URL, "pas du JSON", "1", BbbStandIn.sha1Hex(URL + "{\"event\":\"pas du JSON\",\"timestamp\":1}" + BbbStandIn.SECRET),
                BbbStandIn.SECRET)).as("signed, but not events").isEmpty();
    }
}
