package io.guichet.webinars;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails before a session on a clock the test moves: 24 h before, 1 h before and "it starts now", each with the
 * personal join link, once each even when two passes run at the same moment, never to a cancelled registration, and
 * not a reminder whose moment had passed when the person registered.
 */
class ReminderTest {
    @Test
    void eachRegistrantGetsEachReminderOnceWithTheirJoinLink() throws Exception {
        try (RoomFixture f = new RoomFixture(false)) {
            Instant start = f.clock.instant().plus(Duration.ofDays(3));
            long id = f.session("Portes ouvertes virtuelles", start, "https://zoom.example.com/j/123");
            f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
            f.register(id, "Noah Smith", "noah@exemple.ca", "en");
            f.register(id, "Léa Côté", "lea@exemple.ca", "fr");
            assertThat(f.cancel("lea@exemple.ca")).isEqualTo(200);
            WebinarReminders reminders = f.node.app.webinarReminders();

            assertThat(reminders.doSendReminders()).as("three days before: nothing yet").isZero();
            f.clock.set(start.minus(Duration.ofHours(24)));
            // two passes at once (and the node's own, every minute, may be a third): one mail each
            Thread a = Thread.ofVirtual().start(reminders::doSendReminders);
            Thread b = Thread.ofVirtual().start(reminders::doSendReminders);
            a.join();
            b.join();
            assertThat(reminders.doSendReminders()).isZero();
            assertThat(subjects(f, "zoe@exemple.ca")).containsExactly("Inscription confirmée : Portes ouvertes virtuelles",
                    "Rappel : Portes ouvertes virtuelles");
            assertThat(lastText(f, "zoe@exemple.ca")).contains(f.joinPath("zoe@exemple.ca")).contains("/link/webinaire/annuler/");

            // Inès registers 3 h before: no 24 h reminder for her, the later ones yes
            f.clock.set(start.minus(Duration.ofHours(3)));
            long inès = f.register(id, "Inès Martin", "ines@exemple.ca", "fr");
            // the database stamps created_at with its own clock, which this test's clock has left behind
            f.node.app.database().jdbi().useHandle(h -> h.createUpdate("UPDATE webinar_registrations SET created_at = :at WHERE id = :id")
                    .bind("at", java.sql.Timestamp.from(f.clock.instant())).bind("id", inès).execute());
            reminders.doSendReminders();
            assertThat(subjects(f, "ines@exemple.ca")).hasSize(1);

            f.clock.set(start.minus(Duration.ofMinutes(60)));
            reminders.doSendReminders();
            f.clock.set(start);
            reminders.doSendReminders();
            assertThat(reminders.doSendReminders()).isZero();
            assertThat(subjects(f, "noah@exemple.ca")).containsExactly("Registration confirmed: Portes ouvertes virtuelles (EN)",
                    "Reminder: Portes ouvertes virtuelles (EN)", "Soon: Portes ouvertes virtuelles (EN)", "Starting now: Portes ouvertes virtuelles (EN)");
            assertThat(lastText(f, "noah@exemple.ca")).contains("is starting: join the room").contains(f.joinPath("noah@exemple.ca"))
                    .doesNotContain("/link/webinaire/annuler/");
            assertThat(subjects(f, "ines@exemple.ca")).containsExactly("Inscription confirmée : Portes ouvertes virtuelles",
                    "Bientôt : Portes ouvertes virtuelles", "C’est maintenant : Portes ouvertes virtuelles");
            assertThat(subjects(f, "lea@exemple.ca")).as("cancelled: no reminder").hasSize(2);

            f.clock.set(start.plus(Duration.ofMinutes(30)));
            reminders.doSendReminders();
            assertThat(subjects(f, "noah@exemple.ca")).hasSize(4);
        }
    }

    static List<String> subjects(RoomFixture f, String email) {
        return f.node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT subject FROM mail_outbox WHERE recipient = :r ORDER BY id")
                .bind("r", email).mapTo(String.class).list());
    }

    static String lastText(RoomFixture f, String email) {
        return f.node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT text_body FROM mail_outbox WHERE recipient = :r ORDER BY id DESC LIMIT 1")
                .bind("r", email).mapTo(String.class).one());
    }
}
