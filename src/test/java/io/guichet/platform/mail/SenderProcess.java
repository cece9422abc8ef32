package io.guichet.platform.mail;

import io.guichet.platform.db.Database;
import io.guichet.platform.web.Messages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * A node that only sends mail, run as a child JVM by {@link SenderKilledTest} so that it can be really
 * killed (SIGKILL) mid-send: {@code SenderProcess <jdbc url> <user> <password> <smtp port> <lease seconds>}.
 */
public final class SenderProcess {
    public static void main(String[] args) throws Exception {
        Database database = Database.connect(args[0], args[1], args[2], 3);
        Map<String, String> more = new HashMap<>(Map.of("GUICHET_MAIL_LEASE_SECONDS", args[4]));
        MailService mail = new MailService(database.jdbi(), MailFixture.mailSettings(MailFixture.settings(Integer.parseInt(args[3]), more)),
                new Messages(), new SimpleMeterRegistry(), "child", (h, c, p) -> false, (c, p) -> "", new NoOutcomes());
        mail.start();
        System.out.println("sending");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static final class NoOutcomes implements MailOutcomes {
        public void sent(org.jdbi.v3.core.Handle h, long contactId, long mailId, String kind, String subject) {
        }

        public void failed(org.jdbi.v3.core.Handle h, long contactId, long mailId, String kind, String subject, String reason) {
        }
    }

    private SenderProcess() {
    }
}
