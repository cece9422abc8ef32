package io.guichet.desk;

import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Exactly who is told of an incident: by mail at creation and escalation, and live among the staff on line. */
class DeskRecipientsTest {
    static final Faculty SCIENCES = new Faculty(1, "sciences", "Faculté des sciences", "examens@sciences.ca", "Hélène Dubé", "releve@sciences.ca");
    static final Sitting SITTING = new Sitting(7, "CHM-101-A", "CHM-101", "Chimie générale", Instant.parse("2026-12-02T14:00:00Z"), 180,
            Sitting.Mode.REMOTE, SCIENCES, null, List.of(new Sitting.Professor(3, "gael@sciences.ca", "Gaël Ménard", "en"),
            new Sitting.Professor(4, "Examens@Sciences.ca", "Bureau", "fr")), List.of());

    @Test
    void theNoticeGoesToEachProfessorAndTheExamOfficeOnceEach() {
        assertThat(DeskRecipients.ofNotice(SITTING)).containsExactly(
                new DeskRecipients.Recipient("gael@sciences.ca", "Gaël Ménard", "en", "professor"),
                new DeskRecipients.Recipient("Examens@Sciences.ca", "Bureau", "fr", "professor"));
        Sitting alone = new Sitting(8, "X", "X", "X", SITTING.startsAt(), 60, Sitting.Mode.ON_CAMPUS, SCIENCES, null,
                List.of(new Sitting.Professor(3, "gael@sciences.ca", "Gaël Ménard", "en")), List.of());
        assertThat(DeskRecipients.ofNotice(alone)).extracting(DeskRecipients.Recipient::email).containsExactly("gael@sciences.ca", "examens@sciences.ca");
    }

    @Test
    void theEscalationGoesToTheBackUpContactOnly() {
        assertThat(DeskRecipients.ofEscalation(SITTING)).isEqualTo(new DeskRecipients.Recipient("releve@sciences.ca", "Hélène Dubé", "fr", "backup"));
    }

    @Test
    void liveFramesGoToTheHelpdeskAndThisFacultysAccountsOnly() {
        Staff agent = new Staff(10, "a@x.ca", "Élodie", Role.AGENT, "fr", true);
        Staff supervisor = new Staff(11, "s@x.ca", "Jérôme", Role.SUPERVISOR, "fr", true);
        Staff ownFaculty = new Staff(12, "f@x.ca", "Amélie", Role.FACULTY, "fr", true);
        Staff otherFaculty = new Staff(13, "g@x.ca", "Loïc", Role.FACULTY, "fr", true);
        Staff inactive = new Staff(14, "i@x.ca", "Inès", Role.AGENT, "fr", false);
        Map<Long, Set<Long>> faculties = Map.of(12L, Set.of(1L), 13L, Set.of(2L));
        assertThat(DeskRecipients.ofFrame(SITTING, List.of(agent, supervisor, ownFaculty, otherFaculty, inactive), faculties))
                .containsExactly(10L, 11L, 12L);
    }
}
