package io.guichet.community;

import io.guichet.kb.KbService;
import io.guichet.people.ConsentLedger;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.people.PrivacyService;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.ZoneId;

/** The network's services, built once by {@code App} (keeping the composition root's lines few). */
public record Community(Members members, Directory directory, Groups groups, RareBirds rareBirds, Listening listening, Mentoring mentoring,
                        Clock clock, ZoneId zone) {
    public static Community create(Jdbi jdbi, ContactDirectory contacts, PeopleService people, ConsentLedger consent, PrivacyService privacy,
                                   Outbox outbox, SignedTokens links, Messages messages, String publicUrl, KbService kb, Clock clock, ZoneId zone) {
        return new Community(new Members(jdbi, contacts, people, consent, privacy, outbox, links, messages, publicUrl, clock, zone),
                new Directory(jdbi), new Groups(jdbi, kb, people, clock), new RareBirds(jdbi, clock), new Listening(jdbi, zone),
                new Mentoring(jdbi, contacts, people, outbox, messages, clock), clock, zone);
    }
}
