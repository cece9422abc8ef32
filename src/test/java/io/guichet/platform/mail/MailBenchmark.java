package io.guichet.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The figures of docs/performance.md: the time to queue 10,000 bulk mails in one go (rendered from the
 * templates, consent asked, stored in one statement), and the sustained send rate into GreenMail with one
 * sender and with two, with no rate limit. Three runs, the median reported. Run with
 * {@code mvn -o -q test -Dtest=MailBenchmark -Dmail.benchmark=true}; the figures are printed to the test output.
 */
@EnabledIfSystemProperty(named = "mail.benchmark", matches = "true")
class MailBenchmark {
    static final int BULK = 10_000, SENT = Integer.getInteger("mail.benchmark.sent", 2_000), RUNS = Integer.getInteger("mail.benchmark.runs", 3);

    @Test
    void queueTenThousandAndSendIntoGreenMail() {
        List<Double> queueTransactional = new ArrayList<>(), queueNewsletter = new ArrayList<>(), oneSender = new ArrayList<>(), twoSenders = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            try (MailFixture fx = new MailFixture()) {
                MailService queueing = fx.node(0, Map.of("GUICHET_SMTP_URL", "smtp://127.0.0.1:1"));
                queueing.close(); // queues only: the mails stay queued
                queueTransactional.add(seconds(() -> queueing.doQueueAll(bulk(Purpose.TRANSACTIONAL))));
                IntStream.range(0, BULK).forEach(i -> fx.consenting.add((long) i));
                queueNewsletter.add(seconds(() -> queueing.doQueueAll(bulk(Purpose.NEWSLETTERS))));
            }
            oneSender.add(sendRate(1));
            twoSenders.add(sendRate(2));
        }
        System.out.printf("MAIL BENCHMARK (median of 3)%n  queue 10,000 transactional: %.2f s %s%n  queue 10,000 newsletters (consent asked): %.2f s %s%n"
                        + "  send, one sender: %.0f mails/s %s%n  send, two senders: %.0f mails/s %s%n",
                median(queueTransactional), queueTransactional, median(queueNewsletter), queueNewsletter,
                median(oneSender), oneSender, median(twoSenders), twoSenders);
    }

    /** One body for all, as a bulk send writes it once; each recipient's frame (name, language, unsubscribe link) is their own. */
    private static List<OutgoingMail> bulk(Purpose purpose) {
        MailBody invitation = MailBody.written("Le **gala des diplômés** a lieu le 12 juin au pavillon principal.\n\n- Cocktail à 18 h\n- Souper à 19 h 30");
        return IntStream.range(0, BULK).mapToObj(i -> OutgoingMail.of("diplome" + i + "@example.com", "Diplômé·e n° " + i,
                i % 3 == 0 ? "en" : "fr", purpose, (long) i, "Invitation au gala des diplômés — édition 2027", invitation)).toList();
    }

    /** Mails a second from the first claim to the last arrival at GreenMail, with {@code senders} senders on one database. */
    private static double sendRate(int senders) {
        try (MailFixture fx = new MailFixture()) {
            GreenMail smtp = fx.smtp();
            MailService queueing = fx.node(0, Map.of("GUICHET_SMTP_URL", "smtp://127.0.0.1:1"));
            queueing.close();
            queueing.doQueueAll(bulk(Purpose.TRANSACTIONAL).subList(0, SENT));
            long started = System.nanoTime();
            for (int i = 0; i < senders; i++) fx.node(smtp.getSmtp().getPort(), Map.of("GUICHET_MAIL_RATE", "10000000"));
            if (!smtp.waitForIncomingEmail(300_000, SENT)) throw new AssertionError("not all delivered");
            return SENT / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double seconds(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
