package io.guichet.channels;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;

import java.util.Map;

/**
 * GreenMail as the institution's mail server, SMTP for what Guichet sends and IMAP for the reply mailbox it reads,
 * with a node wired to both (mailbox polled every second, replies mailed after a second unseen).
 */
final class ReplyMailbox implements AutoCloseable {
    static final String ADDRESS = "reponses@cegep-test.qc.ca";
    final GreenMail mail;
    final GreenMailUser mailbox;
    final TestNode node;

    ReplyMailbox() {
        this(Map.of());
    }

    /** With more settings for the node (a Graph API stand-in's address). */
    ReplyMailbox(Map<String, String> more) {
        mail = new GreenMail(new ServerSetup[]{new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort(),
                new ServerSetup(0, "127.0.0.1", "imap").dynamicPort()});
        mail.start();
        mailbox = mail.setUser(ADDRESS, "reponses", "secret-imap");
        Map<String, String> settings = new java.util.HashMap<>(more);
        settings.putAll(Map.of(
                "GUICHET_SMTP_URL", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "GUICHET_MAIL_REPLY_ADDRESS", ADDRESS,
                "GUICHET_MAIL_IMAP_URL", "imap://reponses:secret-imap@127.0.0.1:" + mail.getImap().getPort() + "/INBOX",
                "GUICHET_MAIL_IMAP_POLL_SECONDS", "1",
                "GUICHET_OFFLINE_REPLY_AFTER_SECONDS", "1"));
        node = TestNode.start(TestDatabases.fresh(), settings);
    }

    @Override
    public void close() {
        node.close();
        mail.stop();
    }
}
