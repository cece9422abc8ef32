package io.guichet.inbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the transcript, the reply page and the reply mail name who wrote a message (through Authors.Named). */
class AuthorsTest {
    static Message by(Message.Author author, Long staffId) {
        return new Message(1, 1, 1, author, staffId, "Bonjour", false, null, Instant.EPOCH, null);
    }

    @Test
    void theVisitorIsYouAnAgentIsNamedAndAnUnsignedOrUnknownAuthorIsTheService() {
        Authors.Named named = new Authors.Named(Map.of(7L, "Élodie Tremblay"), "Vous", "Admissions");
        assertThat(named.of(by(Message.Author.VISITOR, null))).isEqualTo("Vous");
        assertThat(named.of(by(Message.Author.AGENT, 7L))).isEqualTo("Élodie Tremblay");
        assertThat(named.of(by(Message.Author.AGENT, null))).as("nobody signs it").isEqualTo("Admissions");
        assertThat(named.of(by(Message.Author.AGENT, 99L))).as("an account since removed").isEqualTo("Admissions");
    }
}
