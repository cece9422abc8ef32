package io.guichet.inbox;

import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.InboxRecipients.Audience;
import io.guichet.inbox.InboxRecipients.ChangeAudience;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly who receives each inbox notice, per persona, with no database: Zoé (the visitor), Élodie (the
 * assignee, admissions), Mathéo (another admissions agent), Noémie (soutien informatique), Jérôme
 * (supervisor), the administrator and a deactivated supervisor.
 */
class InboxRecipientsTest {
    static final long ADMISSIONS = 10, SOUTIEN = 30;
    static final long ZOE = 500;
    static final Viewer ELODIE = viewer(1, "Élodie Tremblay", Role.AGENT, true, ADMISSIONS);
    static final Viewer MATHEO = viewer(2, "Mathéo Roy", Role.AGENT, true, ADMISSIONS);
    static final Viewer NOEMIE = viewer(3, "Noémie Côté", Role.AGENT, true, SOUTIEN);
    static final Viewer JEROME = viewer(4, "Jérôme Bélanger", Role.SUPERVISOR, true);
    static final Viewer ADMIN = viewer(5, "Administrateur·rice", Role.ADMIN, true);
    /** A supervisor whose account was deactivated (no service of their own). */
    static final Viewer GONE = viewer(6, "Ancien superviseur", Role.SUPERVISOR, false);
    static final List<Viewer> EVERYONE = List.of(ELODIE, MATHEO, NOEMIE, JEROME, ADMIN, GONE);

    static Viewer viewer(long id, String name, Role role, boolean active, Long... services) {
        return new Viewer(new Staff(id, "p" + id + "@cegep-test.qc.ca", name, role, "fr", active), Set.of(services));
    }

    static Conversation conversation(long service, Conversation.Status status, Long assignee) {
        Instant t = Instant.parse("2026-03-01T12:00:00Z");
        return new Conversation(77, service, ZOE, status, assignee, false, "fr", 3, t, t, "Quelle est l’échéance?", null, false);
    }

    static final Conversation WAITING = conversation(ADMISSIONS, Conversation.Status.WAITING, null);
    static final Conversation ASSIGNED = conversation(ADMISSIONS, Conversation.Status.OPEN, ELODIE.id());
    /** Transferred to soutien informatique: waiting there, no one assigned (as doTransfer leaves it). */
    static final Conversation TRANSFERRED = conversation(SOUTIEN, Conversation.Status.WAITING, null);
    static final Conversation RESOLVED = conversation(ADMISSIONS, Conversation.Status.RESOLVED, ELODIE.id());
    /** Reopened by Élodie, who had room: open and hers again (as doReopen leaves it). */
    static final Conversation REOPENED = conversation(ADMISSIONS, Conversation.Status.OPEN, ELODIE.id());

    static Message message(Message.Author author, Long staff, boolean internal) {
        return new Message(900, 77, 4, author, staff, "Bonjour, Zoé — c’est réglé", internal, "c-1", Instant.parse("2026-03-01T12:05:00Z"), null);
    }

    static final Message FROM_VISITOR = message(Message.Author.VISITOR, null, false);
    static final Message REPLY = message(Message.Author.AGENT, ELODIE.id(), false);
    static final Message NOTE = message(Message.Author.AGENT, ELODIE.id(), true);

    // ---------------------------------------------------------------- messages

    @Test
    void aVisitorMessageReachesZoeElodieAndTheActiveSupervisorsOnly() {
        assertThat(InboxRecipients.ofMessage(ASSIGNED, FROM_VISITOR, EVERYONE)).isEqualTo(new Audience(ZOE, Set.of(1L, 4L, 5L)));
    }

    @Test
    void aMentionReachesOnlyTheColleagueItNamesWhileTheyMayReadIt() {
        assertThat(InboxRecipients.ofMention(ASSIGNED, new MentionMade(77, 900, MATHEO.id()), EVERYONE))
                .as("Mathéo, of admissions, not Élodie who holds it").isEqualTo(new Audience(null, Set.of(2L)));
        assertThat(InboxRecipients.ofMention(ASSIGNED, new MentionMade(77, 900, JEROME.id()), EVERYONE)).isEqualTo(new Audience(null, Set.of(4L)));
        assertThat(InboxRecipients.ofMention(TRANSFERRED, new MentionMade(77, 900, MATHEO.id()), EVERYONE))
                .as("transferred to soutien informatique since the note: no longer his to read").isEqualTo(new Audience(null, Set.of()));
        assertThat(InboxRecipients.ofMention(ASSIGNED, new MentionMade(77, 900, NOEMIE.id()), EVERYONE)).isEqualTo(new Audience(null, Set.of()));
        assertThat(InboxRecipients.ofMention(ASSIGNED, new MentionMade(77, 900, GONE.id()), EVERYONE)).isEqualTo(new Audience(null, Set.of()));
        assertThat(InboxRecipients.ofMention(ASSIGNED, new MentionMade(77, 900, MATHEO.id()), List.of(ELODIE, JEROME)))
                .as("not connected here").isEqualTo(new Audience(null, Set.of()));
    }

    @Test
    void anAgentReplyReachesZoeElodieAndTheActiveSupervisorsOnly() {
        assertThat(InboxRecipients.ofMessage(ASSIGNED, REPLY, EVERYONE)).isEqualTo(new Audience(ZOE, Set.of(1L, 4L, 5L)));
    }

    @Test
    void anInternalNoteNeverReachesTheVisitor() {
        assertThat(InboxRecipients.ofMessage(ASSIGNED, NOTE, EVERYONE)).isEqualTo(new Audience(null, Set.of(1L, 4L, 5L)));
    }

    @Test
    void aMessageInAWaitingConversationReachesZoeAndTheSupervisorsButNoAgent() {
        assertThat(InboxRecipients.ofMessage(WAITING, FROM_VISITOR, EVERYONE)).isEqualTo(new Audience(ZOE, Set.of(4L, 5L)));
    }

    @Test
    void aMessageOfATransferredConversationReachesZoeAndTheSupervisorsUntilSomeoneTakesIt() {
        assertThat(InboxRecipients.ofMessage(TRANSFERRED, FROM_VISITOR, EVERYONE)).isEqualTo(new Audience(ZOE, Set.of(4L, 5L)));
    }

    @Test
    void aMessageReachesOnlyTheStaffWhoCouldBeToldHere() {
        assertThat(InboxRecipients.ofMessage(ASSIGNED, FROM_VISITOR, List.of(MATHEO, NOEMIE))).isEqualTo(new Audience(ZOE, Set.of()));
    }

    // ---------------------------------------------------------------- changes of state

    static ConversationChanged change(Conversation c, ConversationChanged.Change what, Long assignee, Long former) {
        return new ConversationChanged(c.id(), c.serviceId(), what, assignee, former);
    }

    @Test
    void aNewConversationUpdatesTheListsOfAdmissionsAndSupervisorsAndAlertsNoOne() {
        assertThat(InboxRecipients.ofChange(WAITING, change(WAITING, ConversationChanged.Change.STARTED, null, null), EVERYONE))
                .isEqualTo(new ChangeAudience(null, Set.of(1L, 2L, 4L, 5L), ZOE));
    }

    @Test
    void anAssignmentAlertsElodieAndUpdatesHerColleagueAndSupervisors() {
        assertThat(InboxRecipients.ofChange(ASSIGNED, change(ASSIGNED, ConversationChanged.Change.ASSIGNED, ELODIE.id(), null), EVERYONE))
                .isEqualTo(new ChangeAudience(1L, Set.of(2L, 4L, 5L), ZOE));
    }

    @Test
    void anEarlierNoticeReadAfterTheAssignmentDoesNotAlertHerASecondTime() {
        assertThat(InboxRecipients.ofChange(ASSIGNED, change(ASSIGNED, ConversationChanged.Change.STARTED, null, null), EVERYONE))
                .as("the start's notice, delivered late on another node").isEqualTo(new ChangeAudience(null, Set.of(1L, 2L, 4L, 5L), ZOE));
        assertThat(InboxRecipients.ofChange(ASSIGNED, change(ASSIGNED, ConversationChanged.Change.ASSIGNED, MATHEO.id(), null), EVERYONE))
                .as("an assignment to someone else, since overtaken").isEqualTo(new ChangeAudience(null, Set.of(1L, 2L, 4L, 5L), ZOE));
    }

    @Test
    void aTransferToAnotherServiceUpdatesItsAgentsSupervisorsAndTheAgentItWasTakenFrom() {
        assertThat(InboxRecipients.ofChange(TRANSFERRED, change(TRANSFERRED, ConversationChanged.Change.TRANSFERRED, null, ELODIE.id()), EVERYONE))
                .isEqualTo(new ChangeAudience(null, Set.of(1L, 3L, 4L, 5L), ZOE));
    }

    @Test
    void aResolvedConversationAlertsNoOneAndUpdatesElodieHerColleagueAndSupervisors() {
        assertThat(InboxRecipients.ofChange(RESOLVED, change(RESOLVED, ConversationChanged.Change.RESOLVED, ELODIE.id(), null), EVERYONE))
                .isEqualTo(new ChangeAudience(null, Set.of(1L, 2L, 4L, 5L), ZOE));
    }

    @Test
    void aConversationElodieReopenedHerselfUpdatesHerListWithoutAlertingHer() {
        assertThat(InboxRecipients.ofChange(REOPENED, change(REOPENED, ConversationChanged.Change.REOPENED, ELODIE.id(), null), EVERYONE))
                .isEqualTo(new ChangeAudience(null, Set.of(1L, 2L, 4L, 5L), ZOE));
    }

    @Test
    void aConversationHandedToAnAgentOfAnotherServiceAlertsThemAndTellsElodie() {
        Conversation handedToNoemie = conversation(ADMISSIONS, Conversation.Status.OPEN, NOEMIE.id());
        assertThat(InboxRecipients.ofChange(handedToNoemie, change(handedToNoemie, ConversationChanged.Change.ASSIGNED, NOEMIE.id(), ELODIE.id()), EVERYONE))
                .isEqualTo(new ChangeAudience(3L, Set.of(1L, 2L, 4L, 5L), ZOE));
    }

    // ---------------------------------------------------------------- typing

    @Test
    void theVisitorsTypingReachesTheAssigneeOnly() {
        assertThat(InboxRecipients.ofTyping(ASSIGNED, true)).isEqualTo(new Audience(null, Set.of(1L)));
    }

    @Test
    void theVisitorsTypingInAWaitingConversationReachesNoOne() {
        assertThat(InboxRecipients.ofTyping(WAITING, true)).isEqualTo(new Audience(null, Set.of()));
    }

    @Test
    void anAgentsTypingReachesTheVisitorOnly() {
        assertThat(InboxRecipients.ofTyping(ASSIGNED, false)).isEqualTo(new Audience(ZOE, Set.of()));
    }

    @Test
    void whoMayTypeInAnAssignedAdmissionsConversation() {
        assertThat(InboxRecipients.mayType(ASSIGNED, ELODIE)).isTrue();
        assertThat(InboxRecipients.mayType(ASSIGNED, MATHEO)).isTrue();
        assertThat(InboxRecipients.mayType(ASSIGNED, NOEMIE)).isFalse();
        assertThat(InboxRecipients.mayType(ASSIGNED, JEROME)).isTrue();
        assertThat(InboxRecipients.mayType(ASSIGNED, ADMIN)).isTrue();
        assertThat(InboxRecipients.mayType(ASSIGNED, GONE)).isFalse();
    }

    @Test
    void whoMayTypeInATransferredConversation() {
        assertThat(InboxRecipients.mayType(TRANSFERRED, ELODIE)).isFalse();
        assertThat(InboxRecipients.mayType(TRANSFERRED, MATHEO)).isFalse();
        assertThat(InboxRecipients.mayType(TRANSFERRED, NOEMIE)).isTrue();
        assertThat(InboxRecipients.mayType(TRANSFERRED, JEROME)).isTrue();
    }
}
