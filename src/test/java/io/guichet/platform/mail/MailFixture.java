package io.guichet.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.platform.Config;
import io.guichet.platform.db.Database;
import io.guichet.platform.web.Messages;
import io.guichet.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An outbox and its senders over a fresh database, with the people module's ports played by small
 * stand-ins: consent granted to the contacts a test names, unsubscribe links that say whose they are, and
 * outcomes written down.
 */
final class MailFixture implements AutoCloseable {
    static final String PUBLIC_URL = "https://guichet.cegep-test.qc.ca";

    final TestDatabases.TestDatabase db = TestDatabases.fresh();
    final Database database = db.connect(6);
    final Jdbi jdbi = database.jdbi();
    final Set<Long> consenting = Collections.synchronizedSet(new HashSet<>());
    final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    final MailConsent consent = (h, contact, purpose) -> consenting.contains(contact);
    final UnsubscribeLinks links = (contact, purpose) -> PUBLIC_URL + "/unsubscribe/" + contact + "/" + purpose.key() + "?sig=x";
    final MailOutcomes recorder = new MailOutcomes() {
        public void sent(Handle h, long contactId, long mailId, String kind, String subject) {
            outcomes.add("sent " + contactId + " " + mailId + " " + kind + " " + subject);
        }

        public void failed(Handle h, long contactId, long mailId, String kind, String subject, String reason) {
            outcomes.add("failed " + contactId + " " + mailId + " " + kind + " " + subject + " — " + reason);
        }
    };
    private final List<MailService> services = new ArrayList<>();
    private GreenMail greenMail;

    /** A real SMTP server on a free port, started on first use and stopped with the fixture. */
    GreenMail smtp() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
            greenMail.start();
        }
        return greenMail;
    }

    /** The settings of a node sending to {@code port} on this machine (0: no SMTP server, mails are kept). */
    static Map<String, String> settings(int port, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                "GUICHET_PUBLIC_URL", PUBLIC_URL,
                "GUICHET_MAIL_FROM", "guichet@cegep-test.qc.ca",
                "GUICHET_INSTITUTION_NAME", "Cégep de Sainte-Foy <Québec> & Co",
                "GUICHET_MAIL_RATE", "600000",
                "GUICHET_MAIL_RETRY_SECONDS", "1"));
        if (port > 0) env.put("GUICHET_SMTP_URL", "smtp://127.0.0.1:" + port);
        env.putAll(more);
        return env;
    }

    static MailSettings mailSettings(Map<String, String> env) {
        return MailSettings.from(Config.load(env, new String[0]));
    }

    /** A node's mail, started: its outbox, and its sender at work. */
    MailService node(int port, Map<String, String> more) {
        MailService mail = new MailService(jdbi, mailSettings(settings(port, more)), new Messages(), new SimpleMeterRegistry(), "test-node",
                consent, links, recorder);
        mail.start();
        services.add(mail);
        return mail;
    }

    MailService node(int port) {
        return node(port, Map.of());
    }

    long queue(MailService mail, OutgoingMail m) {
        return jdbi.inTransaction(h -> mail.outbox().queue(h, m));
    }

    String status(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM mail_outbox WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    String messageId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT message_id FROM mail_outbox WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    long count(String status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE status = :s").bind("s", status).mapTo(Long.class).one());
    }

    /** One column of a query's rows, as text. */
    List<String> column(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    /** The first column of a query's one row, as a number. */
    long number(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** A transactional mail to Zoé, written by staff. */
    static OutgoingMail toZoe(String subject, String markdown) {
        return OutgoingMail.of("zoe.levesque@example.com", "Zoé Lévesque", "fr", Purpose.TRANSACTIONAL, 7L, subject, MailBody.written(markdown));
    }

    static OutgoingMail newsletter(long contact, String to) {
        return OutgoingMail.of(to, null, "fr", Purpose.NEWSLETTERS, contact, "Infolettre d’automne", MailBody.written("Les **portes ouvertes** arrivent."));
    }

    @Override
    public void close() {
        services.forEach(MailService::close);
        database.close();
        if (greenMail != null) greenMail.stop();
    }
}
