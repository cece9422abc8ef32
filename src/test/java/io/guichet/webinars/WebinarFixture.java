package io.guichet.webinars;

import io.guichet.identity.Staff;
import io.guichet.live.LiveSessionService;
import io.guichet.people.ConsentLedger;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactWork;
import io.guichet.people.PeopleService;
import io.guichet.services.ServiceCatalogue;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The webinars module over a test node's database, on a clock the test moves. */
final class WebinarFixture implements AutoCloseable {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    final TestNode node;
    final Jdbi jdbi;
    final TestClock clock = new TestClock(Instant.parse("2027-01-11T15:00:00Z"));
    final PeopleService people;
    final ConsentLedger consent;
    final WebinarService webinars;

    WebinarFixture(Map<String, String> settings, WebinarService.RegistrationMail mail) {
        node = TestNode.start(TestDatabases.fresh(), settings);
        jdbi = node.app.database().jdbi();
        ContactWork nobody = (v, ids) -> Set.of();
        people = new PeopleService(jdbi, nobody, node.app.bus());
        consent = new ConsentLedger(jdbi, people, clock);
        var live = new LiveSessionService(jdbi, node.app.bus(), clock, new ServiceCatalogue(jdbi, clock, TORONTO));
        webinars = new WebinarService(jdbi, clock, TORONTO, new ContactDirectory(jdbi, people, TORONTO), consent, people, live, mail);
    }

    WebinarFixture() {
        this(Map.of(), WebinarService.RegistrationMail.NONE);
    }

    /** A session of {@code capacity} seats (null: no limit) starting at {@code startsAt}, for an hour. */
    WebinarSession session(String titleFr, Integer capacity, Instant startsAt) {
        return webinars.doCreateSession(Staff.SYSTEM, new WebinarService.SessionForm(titleFr, titleFr + " (EN)", "Présentation **du programme**.",
                "About **the programme**.", List.of("Élodie Tremblay"), capacity, "fr", List.of("futurs étudiants"), startsAt,
                startsAt.plusSeconds(3600), "https://meet.example.org/salle-1", null, null, null));
    }

    static WebinarService.RegistrationForm person(String name, String email) {
        return new WebinarService.RegistrationForm(name, email, "fr", Map.of(), false, null, null, null);
    }

    @Override
    public void close() {
        node.close();
    }
}
