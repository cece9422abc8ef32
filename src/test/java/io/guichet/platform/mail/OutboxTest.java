package io.guichet.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.platform.web.ApiError;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


/**
 * Mail that leaves, into a real SMTP server (GreenMail): only what committed, once, with the headers a mail
 * client reads (Message-ID, the subject's accents, threading, RFC 8058 one-click unsubscribe on mail that
 * needs consent and none on transactional mail), both parts, and nothing a name or a subject carried
 * turned into markup.
 */
class OutboxTest {
    @AutoClose
    final MailFixture fx = new MailFixture();
    final GreenMail smtp = fx.smtp();

    @Test
    void aMailQueuedInATransactionThatRollsBackIsNeverSentAndACommittedOneArrivesOnceWithItsHeaders() throws Exception {
        MailService mail = fx.node(smtp.getSmtp().getPort());
        assertThatThrownBy(() -> fx.jdbi.useTransaction(h -> {
            mail.outbox().queue(h, MailFixture.toZoe("Jamais envoyé", "Ce courriel est annulé."));
            throw new IllegalStateException("the action failed");
        })).isInstanceOf(IllegalStateException.class);
        long id = fx.queue(mail, MailFixture.toZoe("Votre demande d’admission — reçue <b>vite</b>",
                "**Merci**, Zoé! <script>alert(1)</script>\n\n[Votre dossier](https://omnivox.example/dossier)")
                .replyingTo("<q1@cegep-test.qc.ca>", List.of("<q0@cegep-test.qc.ca>", "<q1@cegep-test.qc.ca>")));

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        Thread.sleep(700); // a second sender pass: nothing more comes
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("Votre demande d’admission — reçue <b>vite</b>");
        assertThat(m.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(m.getMessageID()).isEqualTo(fx.messageId(id)).matches("<m[A-Za-z0-9_-]+@guichet\\.cegep-test\\.qc\\.ca>");
        assertThat(m.getHeader("In-Reply-To", null)).isEqualTo("<q1@cegep-test.qc.ca>");
        assertThat(m.getHeader("References", null)).isEqualTo("<q0@cegep-test.qc.ca> <q1@cegep-test.qc.ca>");
        assertThat(m.getHeader("List-Unsubscribe")).as("a transactional mail has no unsubscribe").isNull();
        assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(m.getFrom()[0].toString()).contains("guichet@cegep-test.qc.ca");
        assertThat(((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Cégep de Sainte-Foy <Québec> & Co");
        assertThat(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getPersonal()).isEqualTo("Zoé Lévesque");

        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        BodyPart text = parts.getBodyPart(0), html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(String.join(",", text.getHeader("Content-Transfer-Encoding"))).isIn("quoted-printable", "base64");
        String plain = (String) text.getContent(), page = (String) html.getContent();
        assertThat(plain).contains("Bonjour Zoé Lévesque,", "Merci, Zoé!", "Ce message vous est envoyé par Cégep de Sainte-Foy <Québec> & Co.")
                .doesNotContain("**", "&lt;", "Se désabonner");
        assertThat(page).contains("<strong>Merci</strong>", "Cégep de Sainte-Foy &lt;Québec&gt; &amp; Co",
                        "<title>Votre demande d’admission — reçue &lt;b&gt;vite&lt;/b&gt;</title>", "href=\"https://omnivox.example/dossier\"")
                .doesNotContain("<script", "<b>vite", "Se désabonner");
        Eventually.until(Duration.ofSeconds(5), () -> fx.status(id).equals("sent"));
        assertThat(fx.outcomes).as("Zoé's timeline hears of it").containsExactly("sent 7 " + id + " message Votre demande d’admission — reçue <b>vite</b>");
    }

    @Test
    void aNewsletterNeedsConsentAndCarriesAOneClickUnsubscribe() throws Exception {
        MailService mail = fx.node(smtp.getSmtp().getPort());
        assertThatThrownBy(() -> fx.queue(mail, MailFixture.newsletter(41, "francois.gagnon@example.com")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("no_consent");
                });
        assertThat(fx.count("queued")).as("nothing stored").isZero();
        assertThatThrownBy(() -> OutgoingMail.of("x@example.com", null, "fr", Purpose.EVENTS, null, "Sujet", MailBody.written("x")))
                .as("a mail that needs consent names its contact").isInstanceOf(IllegalArgumentException.class);

        fx.consenting.add(42L);
        fx.queue(mail, MailFixture.newsletter(42, "noemie.cote@example.com"));
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage m = smtp.getReceivedMessages()[0];
        String link = MailFixture.PUBLIC_URL + "/unsubscribe/42/newsletters?sig=x";
        assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<" + link + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        Multipart parts = (Multipart) m.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Pour vous désabonner : " + link);
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<a href=\"" + link.replace("&", "&amp;") + "\"", "Se désabonner");
    }

    @Test
    void aBulkSendSkipsAndCountsThoseWithoutConsent() {
        MailService mail = fx.node(0); // no SMTP server: kept for the viewer
        fx.consenting.addAll(List.of(1L, 3L, 5L));
        List<OutgoingMail> mails = new ArrayList<>();
        IntStream.rangeClosed(1, 6).forEach(c -> mails.add(MailFixture.newsletter(c, "contact" + c + "@example.com")));
        mails.add(MailFixture.toZoe("Rappel : pièces manquantes", "Il manque votre *relevé de notes*."));
        Outbox.Bulk bulk = fx.jdbi.inTransaction(h -> mail.outbox().queueAll(h, mails));
        assertThat(bulk).isEqualTo(new Outbox.Bulk(4, 3));
        assertThat(fx.count("kept")).isEqualTo(4);
        assertThat(fx.column("SELECT recipient || ' ' || priority FROM mail_outbox ORDER BY id"))
                .containsExactly("contact1@example.com 2", "contact3@example.com 2", "contact5@example.com 2", "zoe.levesque@example.com 1");
    }

    @Test
    void whenTheServerIsDownMailWaitsAndLeavesOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MailService mail = fx.node(port);
        long id = fx.queue(mail, MailFixture.toZoe("Confirmation d’inscription", "Vous êtes inscrite."));
        Eventually.until(Duration.ofSeconds(10), () -> mail.status().lastError() != null);
        assertThat(fx.status(id)).isEqualTo("queued");
        MailStatus down = mail.status();
        assertThat(down.queued()).isEqualTo(1);
        assertThat(down.lastError()).contains("Connect").doesNotContain("zoe.levesque");

        GreenMail back = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        back.start();
        try {
            assertThat(back.waitForIncomingEmail(20_000, 1)).as("delivered once the server is back").isTrue();
            Eventually.until(Duration.ofSeconds(5), () -> fx.status(id).equals("sent"));
            assertThat(back.getReceivedMessages()).hasSize(1);
            assertThat(back.getReceivedMessages()[0].getMessageID()).isEqualTo(fx.messageId(id));
            assertThat(fx.number("SELECT attempts FROM mail_outbox WHERE id = " + id))
                    .isGreaterThan(1);
        } finally {
            back.stop();
        }
    }

    @Test
    void aTemporaryRefusalIsRetriedAndAPermanentOneIsAFailureToldToTheTimeline() throws Exception {
        try (FakeSmtp fake = new FakeSmtp()) {
            fake.dataReply = "451 4.3.0 Try again later";
            MailService mail = fx.node(fake.port());
            long later = fx.queue(mail, MailFixture.toZoe("Réessayé", "Un 451 puis un 250."));
            Eventually.until(Duration.ofSeconds(10), () -> fake.received.size() >= 1);
            Eventually.until(Duration.ofSeconds(5), () -> mail.status().lastError() != null);
            assertThat(fx.status(later)).isEqualTo("queued");
            assertThat(mail.status().lastError()).contains("451");
            fake.dataReply = "250 OK";
            Eventually.until(Duration.ofSeconds(15), () -> fx.status(later).equals("sent"));
            assertThat(fake.received).hasSizeGreaterThanOrEqualTo(2).allMatch(m -> m.contains("Message-ID: " + fx.messageId(later)));

            fake.rcptReply = "550 5.1.1 <zoe.levesque@example.com>: no such user";
            long refused = fx.queue(mail, MailFixture.toZoe("Refusé", "Adresse inconnue."));
            Eventually.until(Duration.ofSeconds(10), () -> fx.status(refused).equals("failed"));
            String reason = fx.column("SELECT last_error FROM mail_outbox WHERE id = " + refused).getFirst();
            assertThat(reason).contains("550").doesNotContain("zoe.levesque@example.com");
            assertThat(fx.outcomes).containsExactly("sent 7 " + later + " message Réessayé", "failed 7 " + refused + " message Refusé — " + reason);
            Thread.sleep(1500);
            assertThat(fx.status(refused)).as("a permanent failure is not retried").isEqualTo("failed");
        }
    }

    @Test
    void twoSendersOnOneDatabaseSendEachMailExactlyOnce() {
        MailService one = fx.node(smtp.getSmtp().getPort());
        MailService two = fx.node(smtp.getSmtp().getPort());
        List<OutgoingMail> mails = IntStream.range(0, 200).mapToObj(i -> OutgoingMail.of("etudiant" + i + "@example.com", "Étudiant " + i, "fr",
                Purpose.TRANSACTIONAL, null, "Horaire n° " + i, MailBody.written("Votre horaire."))).toList();
        for (int i = 0; i < 100; i++) fx.queue(i % 2 == 0 ? one : two, mails.get(i));
        fx.jdbi.useTransaction(h -> one.outbox().queueAll(h, mails.subList(100, 200)));
        assertThat(smtp.waitForIncomingEmail(30_000, 200)).isTrue();
        Eventually.until(Duration.ofSeconds(10), () -> fx.count("sent") == 200);
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                ids.add(m.getMessageID());
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        assertThat(fx.number("SELECT count(DISTINCT claimed_by) FROM mail_outbox")).as("both senders took part").isEqualTo(2);
    }

    @Test
    void withoutAnSmtpServerMailIsKeptAndNeverSent() {
        MailService mail = fx.node(0, Map.of());
        long id = fx.queue(mail, MailFixture.toZoe("Conservé", "Pour le visualiseur."));
        assertThat(fx.status(id)).isEqualTo("kept");
        assertThat(mail.status().delivers()).isFalse();
        assertThat(mail.status().queued()).isZero();
    }
}
