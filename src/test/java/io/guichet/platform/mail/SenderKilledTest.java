package io.guichet.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender killed with SIGKILL in the middle of a send (its server had the whole message but had not yet
 * answered) loses nothing: its lease lapses and the surviving node sends the mail, with the same
 * Message-ID, so it left at most twice.
 */
class SenderKilledTest {
    @Test
    void aSenderKilledMidSendLosesNothingAndTheSurvivorSendsTheSameMessage() throws Exception {
        try (MailFixture fx = new MailFixture(); FakeSmtp slow = new FakeSmtp()) {
            slow.dataDelay = Duration.ofMinutes(10); // has the message, never says 250
            MailService queueing = fx.node(0, Map.of("GUICHET_SMTP_URL", "smtp://127.0.0.1:1")); // a node that only queues here
            queueing.close();
            long id = fx.queue(queueing, MailFixture.toZoe("Résultat de l’examen — ne pas perdre", "Votre *note* est disponible."));

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SenderProcess.class.getName(),
                    fx.db.url(), fx.db.user(), fx.db.password(), Integer.toString(slow.port()), "3")
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Thread.ofVirtual().start(() -> out.lines().forEach(line -> { })); // keep the pipe drained
                Eventually.until(Duration.ofSeconds(60), () -> slow.received.size() == 1);
                assertThat(fx.column("SELECT claimed_by FROM mail_outbox WHERE id = " + id).getFirst()).startsWith("child/");
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                child.waitFor();
            }
            assertThat(fx.status(id)).as("still to send").isEqualTo("queued");

            GreenMail smtp = fx.smtp();
            {
                fx.node(smtp.getSmtp().getPort());
                assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("the survivor sends it once the lease lapsed").isTrue();
                Eventually.until(Duration.ofSeconds(5), () -> fx.status(id).equals("sent"));
                Thread.sleep(1000);
                String messageId = fx.messageId(id);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
                assertThat(smtp.getReceivedMessages()[0].getMessageID()).isEqualTo(messageId);
                assertThat(slow.received).hasSize(1).allMatch(m -> m.contains("Message-ID: " + messageId));
                assertThat(List.of(slow.received.size() + smtp.getReceivedMessages().length)).as("at most twice in all").containsExactly(2);
            }
        }
    }
}
