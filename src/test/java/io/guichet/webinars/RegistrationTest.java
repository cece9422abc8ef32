package io.guichet.webinars;

import io.guichet.identity.Staff;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.webinars.Registration.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration: seats never over capacity, the waitlist in arrival order, the same person once, promotion on cancel. */
class RegistrationTest {
    static WebinarFixture fx;

    @BeforeAll
    static void start() {
        fx = new WebinarFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static final Instant NEXT_WEEK = Instant.parse("2027-01-18T19:00:00Z");

    @Test
    void manyParallelRegistrationsFillTheSeatsExactlyAndWaitlistTheRestInTheOrderTheyGotTheSessionsLock() throws Exception {
        WebinarSession s = fx.session("Portes ouvertes virtuelles", 25, NEXT_WEEK);
        int people = 80;
        List<Registration> results = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                int n = i;
                all.add(pool.submit(() -> {
                    go.await();
                    // a retry of every tenth person, with the same address in other case: the same registration
                    results.add(fx.webinars.doRegister(s.id(), WebinarFixture.person("Étudiant·e " + n, "personne" + n + "@exemple.ca")).registration());
                    if (n % 10 == 0) results.add(fx.webinars.doRegister(s.id(), WebinarFixture.person("Étudiant·e " + n, "PERSONNE" + n + "@exemple.ca")).registration());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) f.get();
        }
        List<Registration> stored = fx.webinars.accessRegistrations(Staff.SYSTEM, s.id());
        assertThat(stored).as("every person stored once").hasSize(people);
        assertThat(stored.stream().map(Registration::email).distinct()).hasSize(people);
        assertThat(stored.stream().filter(r -> r.status() == Status.REGISTERED)).hasSize(25);
        assertThat(fx.webinars.findSession(s.id()).registered()).isEqualTo(25);
        // arrival order: the first 25 arrivals have the seats, everyone after waits
        assertThat(stored.subList(0, 25)).allMatch(r -> r.status() == Status.REGISTERED);
        assertThat(stored.subList(25, people)).allMatch(r -> r.status() == Status.WAITLISTED);
        // a retry answered the registration the first call made
        for (Registration r : results) {
            assertThat(stored).filteredOn(x -> x.id() == r.id()).singleElement().satisfies(x -> assertThat(x.status()).isEqualTo(r.status()));
        }
    }

    @Test
    void aCancellationGivesTheSeatToTheFirstOfTheWaitlistAndNoOneElse() {
        WebinarSession s = fx.session("Les mercredis de l’apprentissage", 2, NEXT_WEEK);
        Registration zoé = fx.webinars.doRegister(s.id(), WebinarFixture.person("Zoé Lévesque", "zoe@exemple.ca")).registration();
        fx.webinars.doRegister(s.id(), WebinarFixture.person("Noé Gagnon", "noe@exemple.ca"));
        Registration françois = fx.webinars.doRegister(s.id(), WebinarFixture.person("François Côté", "francois@exemple.ca")).registration();
        Registration anaïs = fx.webinars.doRegister(s.id(), WebinarFixture.person("Anaïs Roy", "anais@exemple.ca")).registration();
        assertThat(françois.status()).isEqualTo(Status.WAITLISTED);
        assertThat(anaïs.status()).isEqualTo(Status.WAITLISTED);

        assertThat(fx.webinars.doCancel(zoé.id()).status()).isEqualTo(Status.CANCELLED);
        assertThat(fx.webinars.findRegistration(françois.id()).status()).isEqualTo(Status.REGISTERED);
        assertThat(fx.webinars.findRegistration(anaïs.id()).status()).isEqualTo(Status.WAITLISTED);
        assertThat(fx.webinars.findSession(s.id()).registered()).isEqualTo(2);
        // cancelling twice frees nothing more
        fx.webinars.doCancel(zoé.id());
        assertThat(fx.webinars.findRegistration(anaïs.id()).status()).isEqualTo(Status.WAITLISTED);
        // a waitlisted person leaving frees no seat either
        fx.webinars.doCancel(anaïs.id());
        assertThat(fx.webinars.findSession(s.id()).registered()).isEqualTo(2);
        // Zoé registering again is a new arrival: the session is full, so she waits
        WebinarService.Registered again = fx.webinars.doRegister(s.id(), WebinarFixture.person("Zoé Lévesque", "zoe@exemple.ca"));
        assertThat(again.created()).isTrue();
        assertThat(again.registration().id()).isEqualTo(zoé.id());
        assertThat(again.registration().status()).isEqualTo(Status.WAITLISTED);
    }

    @Test
    void theSameClientIdIsTheSameRegistrationAndAPastSessionRefuses() {
        WebinarSession s = fx.session("Séance d’information", null, NEXT_WEEK);
        var form = new WebinarService.RegistrationForm("Zoé Lévesque", "zoe.client@exemple.ca", "fr", Map.of(), false, "c-1", null, null);
        WebinarService.Registered first = fx.webinars.doRegister(s.id(), form);
        WebinarService.Registered retry = fx.webinars.doRegister(s.id(), new WebinarService.RegistrationForm("Zoé L.", "autre@exemple.ca", "fr", Map.of(), false, "c-1", null, null));
        assertThat(first.created()).isTrue();
        assertThat(retry.created()).isFalse();
        assertThat(retry.registration().id()).isEqualTo(first.registration().id());

        WebinarSession past = fx.session("Séance passée", null, fx.clock.instant().minusSeconds(60));
        assertThatThrownBy(() -> fx.webinars.doRegister(past.id(), WebinarFixture.person("Zoé Lévesque", "zoe@exemple.ca")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("past"));
    }

    @Test
    void consentToFutureEventsMailIsRecordedOnlyWhenGiven() {
        WebinarSession s = fx.session("Soirée des parents", null, NEXT_WEEK);
        Registration without = fx.webinars.doRegister(s.id(), WebinarFixture.person("Sans Consentement", "sans@exemple.ca")).registration();
        Registration with = fx.webinars.doRegister(s.id(), new WebinarService.RegistrationForm("Avec Consentement", "avec@exemple.ca", "fr", Map.of(), true,
                null, "Je veux recevoir les invitations aux prochains événements.", "I want invitations to future events.")).registration();
        assertThat(allowsEventsMail(without.contactId())).isFalse();
        assertThat(allowsEventsMail(with.contactId())).isTrue();
        assertThat(fx.consent.findLedger(with.contactId()).history()).singleElement()
                .satisfies(e -> assertThat(e.wordingFr()).isEqualTo("Je veux recevoir les invitations aux prochains événements."));
    }

    private static boolean allowsEventsMail(long contactId) {
        return fx.jdbi.withHandle(h -> fx.consent.allows(h, contactId, Purpose.EVENTS, fx.clock.instant()));
    }

    @Test
    void aSeriesRegistrationCoversEveryFutureOccurrenceAndOneCanBeLeftAlone() {
        WebinarSeries fridays = fx.webinars.doCreateSeries(Staff.SYSTEM, new WebinarService.SeriesForm("info-vendredi",
                new WebinarService.SessionForm("Séance d’information", "Information session", "", "", List.of(), null, "fr", List.of(), null, null,
                        null, null, null, null),
                Recurrence.weekly(DayOfWeek.FRIDAY, LocalTime.of(14, 0), Duration.ofHours(1), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 29), Set.of())));
        // 2027-01-01 and 08 are past at the fixture's clock (2027-01-11): 15, 22 and 29 remain
        List<WebinarService.Registered> mine = fx.webinars.doRegisterSeries(fridays.id(), WebinarFixture.person("Zoé Lévesque", "zoe.serie@exemple.ca"));
        assertThat(mine).hasSize(3).allMatch(WebinarService.Registered::created);
        assertThat(mine).extracting(r -> fx.webinars.findSession(r.registration().sessionId()).startsAt())
                .containsExactly(Instant.parse("2027-01-15T19:00:00Z"), Instant.parse("2027-01-22T19:00:00Z"), Instant.parse("2027-01-29T19:00:00Z"));
        fx.webinars.doCancel(mine.get(1).registration().id()); // "not this one"
        assertThat(mine).extracting(r -> fx.webinars.findRegistration(r.registration().id()).status())
                .containsExactly(Status.REGISTERED, Status.CANCELLED, Status.REGISTERED);
        // registering to the series again answers the registrations already held
        List<WebinarService.Registered> again = fx.webinars.doRegisterSeries(fridays.id(), WebinarFixture.person("Zoé Lévesque", "zoe.serie@exemple.ca"));
        assertThat(again.get(0).created()).isFalse();
        assertThat(again.get(0).registration().id()).isEqualTo(mine.get(0).registration().id());
    }

    @Test
    void aSeriesWhoseTimeFallsInTheSpringGapIsRefusedWhole() {
        assertThatThrownBy(() -> fx.webinars.doCreateSeries(Staff.SYSTEM, new WebinarService.SeriesForm("nuit-blanche",
                new WebinarService.SessionForm("Nuit blanche", "All-nighter", "", "", List.of(), null, "fr", List.of(), null, null, null, null, null, null),
                Recurrence.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 15), Duration.ofMinutes(30), LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31), Set.of()))))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.field()).isEqualTo("time");
                    assertThat(e.getMessage()).contains("2027-03-14");
                });
    }

    @Test
    void badInputStopsAtTheBoundaryAndHtmlIsKeptAsText() {
        WebinarSession s = fx.session("Séance test", null, NEXT_WEEK);
        assertThatThrownBy(() -> fx.webinars.doRegister(s.id(), WebinarFixture.person("Zoé\u0000", "z@exemple.ca")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> fx.webinars.doRegister(s.id(), WebinarFixture.person("x".repeat(121), "z@exemple.ca")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> fx.webinars.doRegister(s.id(), WebinarFixture.person("Zoé", "pas-une-adresse")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> fx.webinars.doRegister(s.id(), WebinarFixture.person("Zoé", null)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("email"));
        Registration html = fx.webinars.doRegister(s.id(), WebinarFixture.person("<b>Zoé</b><script>x()</script>", "html@exemple.ca")).registration();
        assertThat(fx.webinars.findRegistration(html.id()).name()).isEqualTo("<b>Zoé</b><script>x()</script>");
        assertThatThrownBy(() -> fx.session("x".repeat(121), null, NEXT_WEEK))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("titleFr"));
        assertThatThrownBy(() -> fx.webinars.doCreateSession(Staff.SYSTEM, new WebinarService.SessionForm("Lien", "Link", "", "", List.of(), null, "fr",
                List.of(), NEXT_WEEK, NEXT_WEEK.plusSeconds(60), "javascript:alert(1)", null, null, null)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("externalUrl"));
    }
}
