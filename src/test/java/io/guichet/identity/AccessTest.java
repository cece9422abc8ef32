package io.guichet.identity;

import io.guichet.platform.web.ApiError;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Each rule of {@link Access}, for an agent, a supervisor, an administrator, an inactive account and no one. */
class AccessTest {
    static final long ADMISSIONS = 10, SOUTIEN = 30;
    static final Staff AGENT = new Staff(1, "elodie@cegep-test.qc.ca", "Élodie Tremblay", Role.AGENT, "fr", true);
    static final Staff SUPERVISOR = new Staff(4, "jerome@cegep-test.qc.ca", "Jérôme Bélanger", Role.SUPERVISOR, "fr", true);
    static final Staff ADMIN = new Staff(5, "admin@cegep-test.qc.ca", "Administrateur·rice", Role.ADMIN, "fr", true);
    static final Staff INACTIVE_ADMIN = new Staff(6, "ancien@cegep-test.qc.ca", "Ancien", Role.ADMIN, "fr", false);
    static final Staff INACTIVE_AGENT = new Staff(7, "partie@cegep-test.qc.ca", "Partie", Role.AGENT, "fr", false);
    /** An agent named the privacy officer (Loi 25): the flag, not the role, gives the privacy rights. */
    static final Staff OFFICER = new Staff(8, "agathe@cegep-test.qc.ca", "Agathe Paré", Role.AGENT, "fr", true, true);
    static final Staff INACTIVE_OFFICER = new Staff(9, "ancienne@cegep-test.qc.ca", "Ancienne", Role.ADMIN, "fr", false, true);
    static final Viewer ELODIE = new Viewer(AGENT, Set.of(ADMISSIONS));
    static final Viewer JEROME = new Viewer(SUPERVISOR, Set.of());
    static final Viewer THE_ADMIN = new Viewer(ADMIN, Set.of());
    static final Viewer GONE_ADMIN = new Viewer(INACTIVE_ADMIN, Set.of());
    static final Viewer GONE_AGENT = new Viewer(INACTIVE_AGENT, Set.of(ADMISSIONS));

    @Test
    void canAdminister() {
        assertThat(Access.canAdminister(AGENT)).isFalse();
        assertThat(Access.canAdminister(SUPERVISOR)).isFalse();
        assertThat(Access.canAdminister(ADMIN)).isTrue();
        assertThat(Access.canAdminister(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canAdminister(null)).isFalse();
        assertThat(Access.canAdminister(Staff.SYSTEM)).isTrue();
    }

    @Test
    void canManageApiTokens() {
        assertThat(Access.canManageApiTokens(ADMIN)).isTrue();
        assertThat(Access.canManageApiTokens(SUPERVISOR)).isFalse();
        assertThat(Access.canManageApiTokens(AGENT)).isFalse();
        assertThat(Access.canManageApiTokens(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canManageApiTokens(null)).isFalse();
    }

    @Test
    void canUseScope() {
        ApiClient reader = new ApiClient(3, "Admissions (nuit)", Set.of(Scope.CONTACTS_READ));
        assertThat(Access.canUseScope(reader, Scope.CONTACTS_READ)).isTrue();
        assertThat(Access.canUseScope(reader, Scope.CONTACTS_WRITE)).isFalse();
        assertThat(Access.canUseScope(new ApiClient(4, "Vide", Set.of()), Scope.CONTACTS_READ)).isFalse();
        assertThat(Access.canUseScope(null, Scope.CONTACTS_READ)).isFalse();
        assertThatCode(() -> Access.requireScope(reader, Scope.DESK_CALLS)).isInstanceOf(ApiError.class)
                .extracting(e -> ((ApiError) e).code()).isEqualTo("insufficient_scope");
    }

    @Test
    void theExamHelpdesk() {
        Staff faculty = new Staff(10, "examens@univ-test.ca", "Bureau des examens", Role.FACULTY, "fr", true);
        assertThat(Access.canRunDesk(AGENT)).isTrue();
        assertThat(Access.canRunDesk(faculty)).isFalse();
        assertThat(Access.canRunDesk(INACTIVE_AGENT)).isFalse();
        assertThat(Access.canManageSittings(SUPERVISOR)).isTrue();
        assertThat(Access.canManageSittings(AGENT)).isFalse();
        assertThat(Access.canReadIncident(faculty, true)).isTrue();
        assertThat(Access.canReadIncident(faculty, false)).isFalse();
        assertThat(Access.canReadIncident(AGENT, false)).isTrue();
        assertThat(Access.canReadIncident(null, true)).isFalse();
        // a faculty account is no agent nor supervisor
        assertThat(faculty.isSupervisor()).isFalse();
        assertThat(Access.canSupervise(faculty)).isFalse();
    }

    @Test
    void journeys() {
        assertThat(Access.canReadJourneys(AGENT)).isTrue();
        assertThat(Access.canReadJourneys(INACTIVE_AGENT)).isFalse();
        assertThat(Access.canReadJourneys(null)).isFalse();
        assertThat(Access.canManageJourneyTemplates(AGENT)).isFalse();
        assertThat(Access.canManageJourneyTemplates(SUPERVISOR)).isTrue();
        assertThat(Access.canManageJourneyTemplates(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canEnrolApplicants(AGENT)).isFalse();
        assertThat(Access.canEnrolApplicants(ADMIN)).isTrue();
        assertThat(Access.canDecideJourneyStep(ELODIE, ADMISSIONS)).as("her service's step").isTrue();
        assertThat(Access.canDecideJourneyStep(ELODIE, SOUTIEN)).as("another service's").isFalse();
        assertThat(Access.canDecideJourneyStep(ELODIE, null)).as("a step of no service: supervisors").isFalse();
        assertThat(Access.canDecideJourneyStep(JEROME, SOUTIEN)).isTrue();
        assertThat(Access.canDecideJourneyStep(JEROME, null)).isTrue();
        assertThat(Access.canDecideJourneyStep(GONE_AGENT, ADMISSIONS)).isFalse();
        assertThat(Access.canDecideJourneyStep(GONE_ADMIN, null)).isFalse();
        assertThatCode(() -> Access.requireDecideJourneyStep(ELODIE, SOUTIEN)).isInstanceOf(ApiError.class)
                .extracting(e -> ((ApiError) e).status()).isEqualTo(403);
    }

    @Test
    void canSupervise() {
        assertThat(Access.canSupervise(AGENT)).isFalse();
        assertThat(Access.canSupervise(SUPERVISOR)).isTrue();
        assertThat(Access.canSupervise(ADMIN)).isTrue();
        assertThat(Access.canSupervise(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canSupervise(null)).isFalse();
    }

    @Test
    void canReadAuditLog() {
        assertThat(Access.canReadAuditLog(OFFICER)).isTrue();
        assertThat(Access.canReadAuditLog(AGENT)).isFalse();
        assertThat(Access.canReadAuditLog(SUPERVISOR)).isFalse();
        assertThat(Access.canReadAuditLog(ADMIN)).as("administering is not being the privacy officer").isFalse();
        assertThat(Access.canReadAuditLog(INACTIVE_OFFICER)).isFalse();
        assertThat(Access.canReadAuditLog(null)).isFalse();
    }

    @Test
    void canExportContact() {
        assertThat(Access.canExportContact(AGENT)).isFalse();
        assertThat(Access.canExportContact(SUPERVISOR)).isTrue();
        assertThat(Access.canExportContact(ADMIN)).isTrue();
        assertThat(Access.canExportContact(OFFICER)).isTrue();
        assertThat(Access.canExportContact(INACTIVE_OFFICER)).isFalse();
        assertThat(Access.canExportContact(null)).isFalse();
    }

    @Test
    void canEraseContactAndSetPrivacyRules() {
        assertThat(Access.canEraseContact(AGENT)).isFalse();
        assertThat(Access.canEraseContact(SUPERVISOR)).isFalse();
        assertThat(Access.canEraseContact(ADMIN)).isTrue();
        assertThat(Access.canEraseContact(OFFICER)).isTrue();
        assertThat(Access.canEraseContact(INACTIVE_OFFICER)).isFalse();
        assertThat(Access.canEraseContact(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canSetPrivacyRules(SUPERVISOR)).isFalse();
        assertThat(Access.canSetPrivacyRules(ADMIN)).isTrue();
        assertThat(Access.canSetPrivacyRules(OFFICER)).isTrue();
        assertThat(Access.canSetPrivacyRules(AGENT)).isFalse();
    }

    @Test
    void canRunWebinars() {
        assertThat(Access.canRunWebinars(AGENT)).isFalse();
        assertThat(Access.canRunWebinars(SUPERVISOR)).isTrue();
        assertThat(Access.canRunWebinars(ADMIN)).isTrue();
        assertThat(Access.canRunWebinars(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canRunWebinars(null)).isFalse();
    }

    @Test
    void canModerateLive() {
        assertThat(Access.canModerateLive(AGENT)).isFalse();
        assertThat(Access.canModerateLive(SUPERVISOR)).isTrue();
        assertThat(Access.canModerateLive(ADMIN)).isTrue();
        assertThat(Access.canModerateLive(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canModerateLive(null)).isFalse();
    }

    @Test
    void canMergeContacts() {
        assertThat(Access.canMergeContacts(AGENT)).isFalse();
        assertThat(Access.canMergeContacts(SUPERVISOR)).isTrue();
        assertThat(Access.canMergeContacts(ADMIN)).isTrue();
        assertThat(Access.canMergeContacts(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canMergeContacts(null)).isFalse();
    }

    @Test
    void canReadCapturedArticle() {
        Viewer noemie = new Viewer(AGENT, Set.of(SOUTIEN));
        assertThat(Access.canReadCapturedArticle(ELODIE, ADMISSIONS)).isTrue();
        assertThat(Access.canReadCapturedArticle(noemie, ADMISSIONS)).isFalse();
        assertThat(Access.canReadCapturedArticle(JEROME, ADMISSIONS)).isTrue();
        assertThat(Access.canReadCapturedArticle(ELODIE, null)).as("no service: supervisors only").isFalse();
        assertThat(Access.canReadCapturedArticle(JEROME, null)).isTrue();
        assertThat(Access.canReadCapturedArticle(GONE_AGENT, ADMISSIONS)).isFalse();
    }

    @Test
    void canPublishArticles() {
        assertThat(Access.canPublishArticles(AGENT)).isFalse();
        assertThat(Access.canPublishArticles(SUPERVISOR)).isTrue();
        assertThat(Access.canPublishArticles(ADMIN)).isTrue();
        assertThat(Access.canPublishArticles(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canPublishArticles(null)).isFalse();
    }

    @Test
    void canReadOutbox() {
        assertThat(Access.canReadOutbox(AGENT)).isFalse();
        assertThat(Access.canReadOutbox(SUPERVISOR)).isFalse();
        assertThat(Access.canReadOutbox(ADMIN)).isTrue();
        assertThat(Access.canReadOutbox(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canReadOutbox(null)).isFalse();
        assertThatCode(() -> Access.requireOutboxReader(ADMIN)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireOutboxReader(SUPERVISOR))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireOutboxReader(null))).isEqualTo(401);
    }

    @Test
    void canImportContacts() {
        assertThat(Access.canImportContacts(AGENT)).isFalse();
        assertThat(Access.canImportContacts(SUPERVISOR)).isTrue();
        assertThat(Access.canImportContacts(ADMIN)).isTrue();
        assertThat(Access.canImportContacts(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canImportContacts(null)).isFalse();
    }

    @Test
    void canExportContacts() {
        assertThat(Access.canExportContacts(AGENT)).isFalse();
        assertThat(Access.canExportContacts(SUPERVISOR)).isTrue();
        assertThat(Access.canExportContacts(ADMIN)).isTrue();
        assertThat(Access.canExportContacts(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canExportContacts(null)).isFalse();
    }

    @Test
    void canReadEveryContact() {
        assertThat(Access.canReadEveryContact(AGENT)).isFalse();
        assertThat(Access.canReadEveryContact(SUPERVISOR)).isTrue();
        assertThat(Access.canReadEveryContact(ADMIN)).isTrue();
        assertThat(Access.canReadEveryContact(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canReadEveryContact(null)).isFalse();
    }

    @Test
    void canReadAndEditContact() {
        assertThat(Access.canReadContact(ELODIE, () -> true)).as("an agent with a conversation with them").isTrue();
        assertThat(Access.canReadContact(ELODIE, () -> false)).isFalse();
        assertThat(Access.canReadContact(JEROME, () -> false)).isTrue();
        assertThat(Access.canReadContact(THE_ADMIN, () -> false)).isTrue();
        assertThat(Access.canReadContact(GONE_AGENT, () -> true)).isFalse();
        assertThat(Access.canReadContact(GONE_ADMIN, () -> true)).isFalse();
        assertThat(Access.canEditContact(ELODIE, () -> true)).isTrue();
        assertThat(Access.canEditContact(ELODIE, () -> false)).isFalse();
        assertThat(Access.canEditContact(JEROME, () -> false)).isTrue();
        assertThat(Access.canEditContact(GONE_AGENT, () -> true)).isFalse();
        boolean[] asked = {false};
        Access.canReadContact(JEROME, () -> asked[0] = true);
        assertThat(asked[0]).as("the conversations are not asked about for a supervisor").isFalse();
    }

    @Test
    void canManageContactsAndDefineFields() {
        assertThat(Access.canManageContacts(AGENT)).isFalse();
        assertThat(Access.canManageContacts(SUPERVISOR)).isTrue();
        assertThat(Access.canManageContacts(ADMIN)).isTrue();
        assertThat(Access.canManageContacts(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canDefineContactFields(AGENT)).isFalse();
        assertThat(Access.canDefineContactFields(SUPERVISOR)).isFalse();
        assertThat(Access.canDefineContactFields(ADMIN)).isTrue();
        assertThat(Access.canDefineContactFields(INACTIVE_ADMIN)).isFalse();
        assertThat(Access.canDefineContactFields(null)).isFalse();
    }

    @Test
    void isStaff() {
        assertThat(Access.isStaff(AGENT)).isTrue();
        assertThat(Access.isStaff(SUPERVISOR)).isTrue();
        assertThat(Access.isStaff(ADMIN)).isTrue();
        assertThat(Access.isStaff(INACTIVE_AGENT)).isFalse();
        assertThat(Access.isStaff(null)).isFalse();
    }

    @Test
    void canReadServiceWork() {
        assertThat(Access.canReadServiceWork(ELODIE, ADMISSIONS, null)).isTrue();
        assertThat(Access.canReadServiceWork(ELODIE, SOUTIEN, null)).isFalse();
        assertThat(Access.canReadServiceWork(ELODIE, SOUTIEN, AGENT.id())).isTrue();
        assertThat(Access.canReadServiceWork(JEROME, SOUTIEN, null)).isTrue();
        assertThat(Access.canReadServiceWork(THE_ADMIN, SOUTIEN, null)).isTrue();
        assertThat(Access.canReadServiceWork(GONE_ADMIN, SOUTIEN, null)).isFalse();
        // a deactivated account reads nothing, even in a service it still belongs to (as for every other right)
        assertThat(Access.canReadServiceWork(GONE_AGENT, ADMISSIONS, null)).isFalse();
    }

    @Test
    void canBeMentioned() {
        // A mention grants nothing: who may be mentioned is who may already read the conversation.
        assertThat(Access.canBeMentioned(ELODIE, ADMISSIONS, null)).as("a colleague of the service").isTrue();
        assertThat(Access.canBeMentioned(ELODIE, SOUTIEN, null)).as("another service's agent").isFalse();
        assertThat(Access.canBeMentioned(ELODIE, SOUTIEN, AGENT.id())).as("its assignee, from another service").isTrue();
        assertThat(Access.canBeMentioned(JEROME, SOUTIEN, null)).as("a supervisor").isTrue();
        assertThat(Access.canBeMentioned(GONE_AGENT, ADMISSIONS, null)).as("a deactivated colleague").isFalse();
    }

    @Test
    void canListService() {
        assertThat(Access.canListService(ELODIE, ADMISSIONS)).isTrue();
        assertThat(Access.canListService(ELODIE, SOUTIEN)).isFalse();
        assertThat(Access.canListService(JEROME, SOUTIEN)).isTrue();
        assertThat(Access.canListService(THE_ADMIN, SOUTIEN)).isTrue();
        assertThat(Access.canListService(GONE_ADMIN, SOUTIEN)).isFalse();
    }

    @Test
    void canHandOver() {
        assertThat(Access.canHandOver(ELODIE, AGENT.id())).isTrue();
        assertThat(Access.canHandOver(ELODIE, 99L)).isFalse();
        assertThat(Access.canHandOver(ELODIE, null)).isFalse();
        assertThat(Access.canHandOver(JEROME, 99L)).isTrue();
        assertThat(Access.canHandOver(THE_ADMIN, null)).isTrue();
        assertThat(Access.canHandOver(GONE_ADMIN, 99L)).isFalse();
    }

    @Test
    void canActOn() {
        assertThat(Access.canActOn(ELODIE, ADMISSIONS, AGENT.id())).as("her own").isTrue();
        assertThat(Access.canActOn(ELODIE, ADMISSIONS, null)).as("no one holds it, her service").isTrue();
        assertThat(Access.canActOn(ELODIE, ADMISSIONS, 99L)).as("a colleague's").isFalse();
        assertThat(Access.canActOn(ELODIE, SOUTIEN, null)).as("another service").isFalse();
        assertThat(Access.canActOn(JEROME, SOUTIEN, 99L)).isTrue();
        assertThat(Access.canActOn(GONE_AGENT, ADMISSIONS, null)).isFalse();
    }

    @Test
    void requireAdmin() {
        assertThat(refusal(() -> Access.requireAdmin(AGENT))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireAdmin(SUPERVISOR))).isEqualTo(403);
        assertThat(Access.requireAdmin(ADMIN)).isSameAs(ADMIN);
        assertThat(refusal(() -> Access.requireAdmin(INACTIVE_ADMIN))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireAdmin(null))).isEqualTo(401);
    }

    @Test
    void requireSupervisor() {
        assertThat(refusal(() -> Access.requireSupervisor(AGENT, "non"))).isEqualTo(403);
        assertThat(Access.requireSupervisor(SUPERVISOR, "non")).isSameAs(SUPERVISOR);
        assertThat(Access.requireSupervisor(ADMIN, "non")).isSameAs(ADMIN);
        assertThat(refusal(() -> Access.requireSupervisor(INACTIVE_ADMIN, "non"))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireSupervisor(null, "non"))).isEqualTo(401);
    }

    @Test
    void requireContactRules() {
        assertThat(refusal(() -> Access.requireContact(ELODIE, () -> false))).isEqualTo(403);
        assertThatCode(() -> Access.requireContact(ELODIE, () -> true)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireEditContact(ELODIE, () -> false))).isEqualTo(403);
        assertThatCode(() -> Access.requireEditContact(JEROME, () -> false)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireEveryContact(AGENT))).isEqualTo(403);
        assertThat(Access.requireEveryContact(SUPERVISOR)).isSameAs(SUPERVISOR);
        assertThat(refusal(() -> Access.requireManageContacts(AGENT))).isEqualTo(403);
        assertThat(Access.requireManageContacts(ADMIN)).isSameAs(ADMIN);
        assertThat(refusal(() -> Access.requireManageContacts(null))).isEqualTo(401);
        assertThat(refusal(() -> Access.requireDefineContactFields(SUPERVISOR))).isEqualTo(403);
        assertThat(Access.requireDefineContactFields(ADMIN)).isSameAs(ADMIN);
    }

    @Test
    void requireStaff() {
        assertThat(Access.requireStaff(AGENT)).isSameAs(AGENT);
        assertThat(Access.requireStaff(SUPERVISOR)).isSameAs(SUPERVISOR);
        assertThat(Access.requireStaff(ADMIN)).isSameAs(ADMIN);
        assertThat(refusal(() -> Access.requireStaff(INACTIVE_AGENT))).isEqualTo(401);
        assertThat(refusal(() -> Access.requireStaff(null))).isEqualTo(401);
    }

    @Test
    void requireWebinarOrganiser() {
        assertThat(refusal(() -> Access.requireWebinarOrganiser(AGENT))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireWebinarOrganiser(null))).isEqualTo(401);
        assertThat(Access.requireWebinarOrganiser(SUPERVISOR)).isSameAs(SUPERVISOR);
        assertThat(Access.requireWebinarOrganiser(ADMIN)).isSameAs(ADMIN);
    }

    @Test
    void requireLiveModerator() {
        assertThat(refusal(() -> Access.requireLiveModerator(AGENT))).isEqualTo(403);
        assertThat(Access.requireLiveModerator(SUPERVISOR)).isSameAs(SUPERVISOR);
        assertThat(Access.requireLiveModerator(ADMIN)).isSameAs(ADMIN);
        assertThat(refusal(() -> Access.requireLiveModerator(INACTIVE_ADMIN))).isEqualTo(403);
        assertThat(refusal(() -> Access.requireLiveModerator(null))).isEqualTo(401);
    }

    @Test
    void requireServiceWork() {
        assertThatCode(() -> Access.requireServiceWork(ELODIE, ADMISSIONS, null)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireServiceWork(ELODIE, SOUTIEN, null))).isEqualTo(403);
        assertThatCode(() -> Access.requireServiceWork(JEROME, SOUTIEN, null)).doesNotThrowAnyException();
        assertThatCode(() -> Access.requireServiceWork(THE_ADMIN, SOUTIEN, null)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireServiceWork(GONE_ADMIN, SOUTIEN, null))).isEqualTo(403);
    }

    @Test
    void requireHandOver() {
        assertThatCode(() -> Access.requireHandOver(ELODIE, AGENT.id())).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireHandOver(ELODIE, 99L))).isEqualTo(403);
        assertThatCode(() -> Access.requireHandOver(JEROME, 99L)).doesNotThrowAnyException();
        assertThatCode(() -> Access.requireHandOver(THE_ADMIN, 99L)).doesNotThrowAnyException();
        assertThat(refusal(() -> Access.requireHandOver(GONE_ADMIN, 99L))).isEqualTo(403);
    }

    /** The HTTP status of the refusal (401: no one signed in, 403: not allowed). */
    static int refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (ApiError e) {
            return e.status();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("not refused");
    }
}
