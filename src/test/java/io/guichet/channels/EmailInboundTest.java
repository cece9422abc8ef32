package io.guichet.channels;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestNode;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visitor answers a reply mail from their mail client: the answer, read from the reply mailbox over IMAP
 * (GreenMail), lands in the same conversation with the quoted history stripped, threaded by the Reply-To's tag or,
 * without it, by In-Reply-To; auto-replies, bounces, forged tags and redeliveries post nothing.
 */
class EmailInboundTest {
    static final String MAILBOX = ReplyMailbox.ADDRESS;
    static ReplyMailbox box;
    static GreenMail mail;
    static GreenMailUser mailbox;
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        box = new ReplyMailbox();
        mail = box.mail;
        mailbox = box.mailbox;
        node = box.node;
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
    }

    @AfterAll
    static void stop() {
        box.close();
    }

    /** A conversation whose reply was mailed to the visitor; returns its id and that mail. */
    static Object[] mailedConversation(String email) throws Exception {
        String visitor = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Zoé Lévesque", "email", email, "lang", "fr")).text("visitorToken");
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, "Quand est la date limite?").text("conversationId");
        api.post("/api/v1/conversations/" + id + "/messages", cegep.élodie, Map.of("body", "C’est le 1er mars.", "clientId", UUID.randomUUID().toString()));
        for (int i = 0; i < 300; i++) {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().contains(email)) return new Object[]{id, m};
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no reply mail to " + email);
    }

    /** An answer as a mail client writes it, delivered to the reply mailbox (as plus-addressing would). */
    static MimeMessage answer(String from, String to, String subject, String text, Map<String, String> headers) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from, "Zoé Lévesque", "UTF-8"));
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        for (var h : headers.entrySet()) m.setHeader(h.getKey(), h.getValue());
        m.saveChanges();
        return m;
    }

    static void deliver(MimeMessage m) {
        mailbox.deliver(m);
    }

    static List<String> bodies(String conversationId) {
        var messages = api.get("/api/v1/conversations/" + conversationId + "/messages", cegep.élodie).json().path("messages");
        return messages.findValuesAsText("body");
    }

    static List<String> awaitBody(String conversationId, String text) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<String> bodies = bodies(conversationId);
            if (bodies.stream().anyMatch(b -> b.contains(text))) return bodies;
            Thread.sleep(100);
        }
        throw new AssertionError("never posted: " + text + " in " + bodies(conversationId));
    }

    @Test
    void anAnswerThroughTheReplyAddressLandsInItsConversationWithoutTheQuotedHistoryAndIsStoredOnce() throws Exception {
        Object[] c = mailedConversation("zoe.imap@example.org");
        String id = (String) c[0];
        MimeMessage ours = (MimeMessage) c[1];
        String replyTo = ours.getReplyTo()[0].toString();
        MimeMessage answer = answer("zoe.imap@example.org", replyTo, "Re: " + ours.getSubject(), """
                Merci! Et faut-il un dépôt pour la résidence?

                Le lun. 1 déc. 2026 à 21 h 39, Élodie Tremblay <guichet@cegep-test.qc.ca> a écrit :
                > C’est le 1er mars.
                """, Map.of());
        deliver(answer);
        List<String> bodies = awaitBody(id, "faut-il un dépôt");
        assertThat(bodies.getLast()).isEqualTo("Merci! Et faut-il un dépôt pour la résidence?");

        // IMAP hands the same mail again (another node, a client that marked it unread): stored once, posted once.
        MimeMessage again = new MimeMessage(answer);
        again.setFlag(jakarta.mail.Flags.Flag.SEEN, false);
        deliver(again);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        answer.writeTo(raw);
        assertThat(node.app.emailInbound().doReceive(raw.toByteArray())).as("a redelivery").isEmpty();
        assertThat(bodies(id).stream().filter(b -> b.contains("faut-il un dépôt")).count()).isEqualTo(1);

        // Staff read the raw mail, quotes and all; an agent of another service may not.
        var list = api.get("/api/v1/conversations/" + id + "/inbound-mail", cegep.élodie).json().path("mails");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("status").asText()).isEqualTo("posted");
        var rawMail = api.get("/api/v1/inbound-mail/" + list.get(0).path("id").asText(), cegep.élodie);
        assertThat(rawMail.raw().body()).as("as stored").contains("Message-ID: " + answer.getMessageID(), "Subject: ");
        String other = api.createStaff(cegep.admin, "autre@cegep-test.qc.ca", "Rémi Autre", "agent", 2, Cegep.AIDE_FINANCIERE);
        assertThat(api.get("/api/v1/inbound-mail/" + list.get(0).path("id").asText(), other).status()).isEqualTo(403);

        // The next reply answers the visitor's mail, in the same thread.
        api.post("/api/v1/conversations/" + id + "/messages", cegep.élodie, Map.of("body", "Oui, 100 $.", "clientId", UUID.randomUUID().toString()));
        MimeMessage next = null;
        for (int i = 0; i < 300 && next == null; i++) {
            next = Arrays.stream(mail.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().contains("zoe.imap@example.org") && m.getHeader("In-Reply-To") != null
                            && m.getHeader("In-Reply-To")[0].equals(answer.getMessageID());
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst().orElse(null);
            if (next == null) Thread.sleep(100);
        }
        assertThat(next).as("a reply answering the visitor's mail").isNotNull();
        assertThat(next.getHeader("References")[0]).contains(ours.getMessageID());
    }

    @Test
    void anAnswerThatLostItsTokenStillFindsItsConversationByInReplyTo() throws Exception {
        Object[] c = mailedConversation("zoe.thread@example.org");
        String id = (String) c[0];
        MimeMessage ours = (MimeMessage) c[1];
        // Answered to the plain mailbox (a client that ignored Reply-To, a forward), in HTML only, from Outlook.
        MimeMessage answer = new MimeMessage(Session.getInstance(new Properties()));
        answer.setFrom(new InternetAddress("zoe.thread@example.org"));
        answer.setRecipients(jakarta.mail.Message.RecipientType.TO, MAILBOX);
        answer.setSubject("RE: " + ours.getSubject(), "UTF-8");
        answer.setContent("<html><body><p>Parfait, merci <b>beaucoup</b>.</p><script>alert(1)</script><hr>"
                + "<div id=\"divRplyFwdMsg\"><b>De :</b> Élodie</div><div>C’est le 1er mars.</div></body></html>", "text/html; charset=UTF-8");
        answer.setHeader("In-Reply-To", ours.getMessageID());
        answer.saveChanges();
        deliver(answer);
        assertThat(awaitBody(id, "Parfait").getLast()).isEqualTo("Parfait, merci beaucoup.");
    }

    @Test
    void autoRepliesBouncesAndForgedTokensPostNothingAndAreNeverAnswered() throws Exception {
        Object[] c = mailedConversation("zoe.absente@example.org");
        String id = (String) c[0];
        MimeMessage ours = (MimeMessage) c[1];
        String replyTo = ours.getReplyTo()[0].toString();
        int mailsBefore = mail.getReceivedMessages().length;
        int before = bodies(id).size();
        EmailInbound inbound = node.app.emailInbound();
        assertThat(inbound.doReceive(bytes(answer("zoe.absente@example.org", replyTo, "Absence du bureau",
                "Je suis absente jusqu’au 5 janvier.", Map.of("Auto-Submitted", "auto-replied")))).orElseThrow().reason())
                .isEqualTo("auto_submitted");
        assertThat(inbound.doReceive(bytes(answer("zoe.absente@example.org", replyTo, "Liste", "Bulk",
                Map.of("Precedence", "bulk")))).orElseThrow().reason()).isEqualTo("bulk");
        String dsn = "From: MAILER-DAEMON@example.org\r\nTo: " + replyTo + "\r\nSubject: Undelivered Mail\r\nMessage-ID: <dsn-1@example.org>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n--b--\r\n";
        assertThat(inbound.doReceive(dsn.getBytes(StandardCharsets.US_ASCII)).orElseThrow().reason()).isEqualTo("report");
        String forged = replyTo.replaceFirst("-[0-9a-f]{20}@", "-00000000000000000000@");
        assertThat(inbound.doReceive(bytes(answer("zoe.absente@example.org", forged, "Re: x", "Pirate", Map.of()))).orElseThrow().reason())
                .isEqualTo("forged_token");
        assertThat(api.get("/metrics", null).raw().body()).as("counted").contains("guichet_mail_inbound_total{outcome=\"forged_token\"} 1.0");
        assertThat(inbound.doReceive("pas un courriel du tout \u0000\u0001".getBytes(StandardCharsets.ISO_8859_1)).orElseThrow().status())
                .as("malformed: kept, not posted").isIn("ignored", "failed");
        assertThat(inbound.doReceive(bytes(answer("zoe.absente@example.org", replyTo, "Re: x", "> seulement une citation", Map.of())))
                .orElseThrow().reason()).as("no new text").isEqualTo("no_text");
        byte[] huge = bytes(answer("zoe.absente@example.org", replyTo, "Re: x", "a".repeat(11 * 1024 * 1024), Map.of()));
        assertThat(inbound.doReceive(huge).orElseThrow().reason()).isEqualTo("too_large");

        assertThat(bodies(id)).hasSize(before);
        assertThat(mail.getReceivedMessages()).as("no mail answers them").hasSize(mailsBefore);
    }

    static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
