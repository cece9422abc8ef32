package io.guichet.services;

import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.platform.db.Database;
import io.guichet.platform.web.ApiError;
import io.guichet.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service's week and its closures, on a fixed clock: Wednesday 23 December 2026 at 10:00 in Montréal, the
 * service open Monday to Friday 8:30–16:30. Every field of a change is checked before it is refused.
 */
class ServiceCatalogueTest {
    static final ZoneId MONTREAL = ZoneId.of("America/Montreal");
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 23, 10, 0, 0, 0, MONTREAL);
    static final Staff AGENT = new Staff(7, "elodie@cegep-test.qc.ca", "Élodie Tremblay", Role.AGENT, "fr", true);
    static Database database;
    static ServiceCatalogue catalogue;
    static long admissions;

    @BeforeAll
    static void start() {
        database = TestDatabases.fresh().connect(4);
        catalogue = new ServiceCatalogue(database.jdbi(), Clock.fixed(NOW.toInstant(), MONTREAL), MONTREAL);
        admissions = catalogue.doCreateService(Staff.SYSTEM, "admissions", "Admissions", "Admissions", List.of("fr", "en")).id();
        List<OpeningHours> week = new ArrayList<>();
        for (int d = 1; d <= 5; d++) week.add(new OpeningHours(d, LocalTime.of(8, 30), LocalTime.of(16, 30)));
        catalogue.doUpdateService(Staff.SYSTEM, admissions, "Admissions", "Admissions", List.of("fr", "en"), true, week);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aClosureShutsTheDayAndTheNextOpeningSkipsItAndTheWeekend() {
        assertThat(catalogue.isOpenNow(catalogue.findById(admissions))).isTrue();
        catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 23), "Fermeture des fêtes");
        catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 24), "");
        ServiceQueue closed = catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 25), "Noël");
        assertThat(catalogue.isOpenNow(closed)).isFalse();
        assertThat(catalogue.nextOpening(closed)).contains(ZonedDateTime.of(2026, 12, 28, 8, 30, 0, 0, MONTREAL));
        assertThat(closed.closures()).extracting(Closure::label).containsExactly("Fermeture des fêtes", "", "Noël");

        ServiceQueue reopened = catalogue.doRemoveClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 23));
        catalogue.doRemoveClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 24));
        reopened = catalogue.doRemoveClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 25));
        assertThat(catalogue.isOpenNow(reopened)).isTrue();
        assertThat(reopened.closures()).isEmpty();
    }

    @Test
    void aClosureIsTodayOrLaterNamedOnOneLineAndSetByAnAdministrator() {
        assertThatThrownBy(() -> catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2026, 12, 22), ""))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("day"));
        assertThatThrownBy(() -> catalogue.doAddClosure(Staff.SYSTEM, admissions, null, ""))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("day"));
        assertThatThrownBy(() -> catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2027, 1, 4), "x".repeat(81)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("label"));
        assertThatThrownBy(() -> catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2027, 1, 4), "Relâche\u0007"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("label"));
        assertThatThrownBy(() -> catalogue.doAddClosure(AGENT, admissions, LocalDate.of(2027, 1, 4), ""))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        ServiceQueue kept = catalogue.doAddClosure(Staff.SYSTEM, admissions, LocalDate.of(2027, 1, 4), "<b>Relâche</b>");
        assertThat(kept.closures()).extracting(Closure::label).contains("<b>Relâche</b>");
        catalogue.doRemoveClosure(Staff.SYSTEM, admissions, LocalDate.of(2027, 1, 4));
    }

    @Test
    void everyFieldOfAChangeIsCheckedBeforeItIsRefused() {
        List<OpeningHours> backwards = List.of(new OpeningHours(1, LocalTime.of(16, 0), LocalTime.of(9, 0)),
                new OpeningHours(3, LocalTime.of(12, 0), LocalTime.of(12, 0)), new OpeningHours(5, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        assertThatThrownBy(() -> catalogue.doUpdateService(Staff.SYSTEM, admissions, " ", "Admissions", List.of("de"), true, backwards))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.all()).extracting(ApiError::field)
                        .containsExactly("nameFr", "languages", "hours.1", "hours.3"));
        assertThat(catalogue.findById(admissions).hours()).as("nothing written").hasSize(5);
    }
}
