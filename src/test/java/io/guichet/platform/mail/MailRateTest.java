package io.guichet.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GUICHET_MAIL_RATE holds for the whole cluster, and bulk mail flows at it without holding back mail a
 * person is waiting for: a transactional mail queued after 10,000 bulk ones leaves at once.
 */
class MailRateTest {
    @AutoClose
    final MailFixture fx = new MailFixture();
    final GreenMail smtp = fx.smtp();

    @Test
    void twoNodesTogetherKeepToTheRate() {
        Map<String, String> rate = Map.of("GUICHET_MAIL_RATE", "300"); // 5 a second, at most a second's worth at once
        MailService one = fx.node(smtp.getSmtp().getPort(), rate);
        fx.node(smtp.getSmtp().getPort(), rate);
        fx.jdbi.useHandle(h -> h.execute("UPDATE mail_rate SET tokens = 0, refilled_at = now()"));
        long started = System.nanoTime();
        one.doQueueAll(IntStream.range(0, 25).mapToObj(i -> OutgoingMail.of("eleve" + i + "@example.com", null, "fr",
                Purpose.TRANSACTIONAL, null, "Convocation " + i, MailBody.written("Convocation."))).toList());
        assertThat(smtp.waitForIncomingEmail(20_000, 25)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        // From an empty bucket, 25 mails at 5 a second cannot all have left in under 5 s, whatever the number of senders;
        // the upper bound is only that they flowed (this machine may be busy).
        assertThat(seconds).as("25 mails at 5 a second, by two senders").isBetween(4.8, 30.0);
    }

    @Test
    void aTransactionalMailQueuedBehindTenThousandBulkMailsLeavesAtOnce() throws Exception {
        MailService mail = fx.node(smtp.getSmtp().getPort(), Map.of("GUICHET_MAIL_RATE", "6000"));
        MailBody invitation = MailBody.written("Le **gala des diplômés** a lieu le 12 juin.");
        List<OutgoingMail> bulk = IntStream.range(0, 10_000).mapToObj(i -> OutgoingMail.of("diplome" + (i % 500) + "@example.com",
                "Diplômé·e " + i, i % 3 == 0 ? "en" : "fr", Purpose.TRANSACTIONAL, null, "Invitation au gala n° " + i, invitation)).toList();
        Outbox.Bulk queued = mail.doQueueAll(bulk);
        assertThat(queued.queued()).isEqualTo(10_000);

        Eventually.until(Duration.ofSeconds(30), () -> smtp.getReceivedMessages().length >= 50);
        mail.doQueue(MailFixture.toZoe("Votre code de connexion", "Code : **482 913**"));
        Eventually.until(Duration.ofSeconds(30), () -> subjects().contains("Votre code de connexion"));
        // At 100 a second the bulk needs 100 s: the code arrived while most of it still waited, so it did not queue behind it.
        assertThat(fx.count("queued")).as("the code overtook the bulk, still flowing at its rate").isGreaterThan(7_000);
    }

    private List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return ((MimeMessage) m).getSubject();
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
