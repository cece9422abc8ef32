package io.guichet.identity;

import io.guichet.platform.web.ApiError;

/**
 * The one place of authorization rules: every right in Guichet is one line here, so each is visible
 * and tested ({@code AccessTest}). Services call {@code require*} at the top of their {@code do*} and
 * {@code access*} methods; screens use the {@code can*} questions to show or hide an action.
 */
public final class Access {
    // ---------------------------------------------------------------- questions

    /** Services, staff accounts and agents' settings. */
    public static boolean canAdminister(Staff s) {
        return s != null && s.active() && s.isAdmin();
    }

    /** Every service's conversations, reports and live replies; supervisors and administrators. */
    public static boolean canSupervise(Staff s) {
        return s != null && s.active() && s.isSupervisor();
    }

    /** A service's work (its conversations, its queue): its members, whoever it is assigned to, and supervisors. */
    public static boolean canReadServiceWork(Viewer v, long serviceId, Long assigneeId) {
        return isStaff(v.staff()) && (canSupervise(v.staff()) || isAssignee(v, assigneeId) || v.worksIn(serviceId));
    }

    /** Being mentioned in a conversation's internal note: only who may already read it (a mention grants nothing). */
    public static boolean canBeMentioned(Viewer mentioned, long serviceId, Long assigneeId) {
        return canReadServiceWork(mentioned, serviceId, assigneeId);
    }

    /** Listing one service's conversations: its members and supervisors. */
    public static boolean canListService(Viewer v, long serviceId) {
        return isStaff(v.staff()) && (canSupervise(v.staff()) || v.worksIn(serviceId));
    }

    /**
     * Answering the visitor, resolving, reopening: the agent it is assigned to or a supervisor; while no
     * one holds it, any agent of its service. Colleagues may still read it and add internal notes.
     */
    public static boolean canActOn(Viewer v, long serviceId, Long assigneeId) {
        return isStaff(v.staff()) && (canSupervise(v.staff()) || isAssignee(v, assigneeId) || (assigneeId == null && v.worksIn(serviceId)));
    }

    /** Handing a conversation on (transfer): the agent it is assigned to, or a supervisor. */
    public static boolean canHandOver(Viewer v, Long assigneeId) {
        return isStaff(v.staff()) && (canSupervise(v.staff()) || isAssignee(v, assigneeId));
    }

    /** Running live Q&A sessions: moderation, presenter, report. */
    public static boolean canModerateLive(Staff s) {
        return canSupervise(s);
    }

    /** Running webinars and fairs: series, events, sessions, their registrants and numbers. */
    public static boolean canRunWebinars(Staff s) {
        return canSupervise(s);
    }

    /** Publishing, retiring or editing a published help-centre article, and the shared saved replies. */
    public static boolean canPublishArticles(Staff s) {
        return canSupervise(s);
    }

    /** An unpublished article captured from a conversation (its text): whoever may list that conversation's service. */
    public static boolean canReadCapturedArticle(Viewer v, Long serviceId) {
        return serviceId == null ? canSupervise(v.staff()) : canListService(v, serviceId);
    }

    /** Merging two contacts, undoing a merge, reading and dismissing the possible duplicates: supervisors and administrators. */
    public static boolean canMergeContacts(Staff s) {
        return canSupervise(s);
    }

    /** The outbox: the mail viewer, {@code GET /api/v1/mail} and the mail details of {@code /health}. */
    public static boolean canReadOutbox(Staff s) {
        return canAdminister(s);
    }

    /** Importing contacts from a CSV file (it creates and changes contacts in bulk). */
    public static boolean canImportContacts(Staff s) {
        return canSupervise(s);
    }

    /** Exporting contacts as CSV (a list of personal data that leaves Guichet). */
    public static boolean canExportContacts(Staff s) {
        return canSupervise(s);
    }

    /** Loi 25's person in charge of personal information: the audit log of who read, exported or erased what. */
    public static boolean canReadAuditLog(Staff s) {
        return isStaff(s) && s.privacyOfficer();
    }

    /** Everything about one person (right of access): supervisors and the privacy officer, never an agent. */
    public static boolean canExportContact(Staff s) {
        return canSupervise(s) || canReadAuditLog(s);
    }

    /** Erasing a person, which cannot be undone: administrators and the privacy officer. */
    public static boolean canEraseContact(Staff s) {
        return canAdminister(s) || canReadAuditLog(s);
    }

    /** What erasure keeps and how long inactive contacts are kept, per kind: administrators and the privacy officer. */
    public static boolean canSetPrivacyRules(Staff s) {
        return canEraseContact(s);
    }

    /** Every contact: the whole list and search, the segments' audiences, duplicates; supervisors and administrators. */
    public static boolean canReadEveryContact(Staff s) {
        return canSupervise(s);
    }

    /** One contact (its page, the API): whoever reads every contact, or an agent with a conversation with them they may read. */
    public static boolean canReadContact(Viewer v, java.util.function.BooleanSupplier worksWithContact) {
        return isStaff(v.staff()) && (canReadEveryContact(v.staff()) || worksWithContact.getAsBoolean());
    }

    /** Correcting a contact (a name, an email, a tag): whoever may read it, since they talk with the person. */
    public static boolean canEditContact(Viewer v, java.util.function.BooleanSupplier worksWithContact) {
        return canReadContact(v, worksWithContact);
    }

    /** Adding contacts by hand and saving or deleting segments (audiences later modules send to): supervisors and administrators. */
    public static boolean canManageContacts(Staff s) {
        return canSupervise(s);
    }

    /** Defining the contacts' custom fields, which every contact then carries: administrators. */
    public static boolean canDefineContactFields(Staff s) {
        return canAdminister(s);
    }

    /** Creating, listing and revoking the integrations' API tokens: administrators. */
    public static boolean canManageApiTokens(Staff s) {
        return canAdminister(s);
    }

    /** An integration endpoint: a token that carries its scope, and nothing else (a token's other scopes open nothing here). */
    public static boolean canUseScope(ApiClient c, Scope scope) {
        return c != null && c.scopes().contains(scope);
    }

    /** Reading journeys: the templates, the boards, an applicant's checklist; every staff member, who answers applicants in the chat. */
    public static boolean canReadJourneys(Staff s) {
        return isStaff(s);
    }

    /** Writing and versioning checklist templates, moving applicants to a new version: supervisors and administrators. */
    public static boolean canManageJourneyTemplates(Staff s) {
        return canSupervise(s);
    }

    /** Enrolling applicants (by hand, or an admission system through a token of scope journeys:write): supervisors and administrators. */
    public static boolean canEnrolApplicants(Staff s) {
        return canSupervise(s);
    }

    /** Approving or refusing a step: a supervisor, or an agent of the step's responsible service. */
    public static boolean canDecideJourneyStep(Viewer v, Long serviceId) {
        return isStaff(v.staff()) && (canSupervise(v.staff()) || (serviceId != null && v.worksIn(serviceId)));
    }

    /** Running the exam helpdesk: opening incidents, reading every one, the day's sittings; every staff member but faculty accounts. */
    public static boolean canRunDesk(Staff s) {
        return isStaff(s) && s.role().atLeast(Role.AGENT);
    }

    /** Importing exam sittings and faculties: supervisors and administrators. */
    public static boolean canManageSittings(Staff s) {
        return canSupervise(s);
    }

    /** An exam incident (reading it, acknowledging it, recording its outcome): the helpdesk, or a faculty account of the sitting's faculty. */
    public static boolean canReadIncident(Staff s, boolean ofOwnFaculty) {
        return canRunDesk(s) || (isSignedIn(s) && s.role() == Role.FACULTY && ofOwnFaculty);
    }

    /** The list of exam incidents: the helpdesk (every one) and faculty accounts (their own faculty's, filtered by the desk). */
    public static boolean canListIncidents(Staff s) {
        return canRunDesk(s) || (isSignedIn(s) && s.role() == Role.FACULTY);
    }

    /** Planning the staffing of the services: the what-if of Erlang C, the advice and the rotas (a lead's work). */
    public static boolean canPlanStaffing(Staff s) {
        return canSupervise(s);
    }

    /** Drafting an emergency alert, following it up, closing it, reading its dashboard: the communications team and supervisors. */
    public static boolean canDraftAlerts(Staff s) {
        return isStaff(s) && (s.role() == Role.COMMUNICATOR || s.isSupervisor());
    }

    /**
     * Approving an alert so that it leaves: another person who may draft alerts (the two-person rule); its own author only
     * when an administrator allowed its template to be sent by one person ({@code singlePersonTemplate}), which is logged.
     */
    public static boolean canApproveAlert(Staff s, long authorId, boolean singlePersonTemplate) {
        return canDraftAlerts(s) && (s.id() != authorId || singlePersonTemplate);
    }

    /** Marking a template as one a single person may send alone in a true emergency: administrators. */
    public static boolean canAllowSinglePersonAlerts(Staff s) {
        return canAdminister(s);
    }

    /** The reports and the satisfaction results (insights): a lead's reading, supervisors and administrators. */
    public static boolean canReadReports(Staff s) {
        return canSupervise(s);
    }

    /** Figures per agent (satisfaction, handling) are a lead's to read, never the agents' among themselves. */
    public static boolean canReadAgentFigures(Staff s) {
        return canSupervise(s);
    }

    /** The alumni network's staff side (moderation, capture, listening, rare birds, mentoring rounds): a community manager's, supervisors. */
    public static boolean canRunCommunity(Staff s) {
        return canSupervise(s);
    }

    /** Working at the institution's desks (agents, supervisors, administrators): every "staff" rule starts here. */
    public static boolean isStaff(Staff s) {
        return isSignedIn(s) && s.role() != Role.FACULTY;
    }

    /** Any active account, a faculty one included: only for the account's own settings (password, language, 2FA). */
    public static boolean isSignedIn(Staff s) {
        return s != null && s.active();
    }

    private static boolean isAssignee(Viewer v, Long assigneeId) {
        return assigneeId != null && assigneeId == v.id();
    }

    // ---------------------------------------------------------------- requirements (403 when refused)

    public static Staff requireAdmin(Staff s) {
        return require(s, canAdminister(s), "Only an administrator can do this");
    }

    public static Staff requireApiTokens(Staff s) {
        return require(s, canManageApiTokens(s), "Only an administrator can manage API tokens");
    }

    public static ApiClient requireScope(ApiClient c, Scope scope) {
        if (c == null) throw ApiError.unauthorized();
        if (!canUseScope(c, scope)) throw new ApiError(403, "insufficient_scope", "This token lacks the scope " + scope.code());
        return c;
    }

    public static Staff requireOutboxReader(Staff s) {
        return require(s, canReadOutbox(s), "Only an administrator can read the outbox");
    }

    public static Staff requireReportReader(Staff s) {
        return require(s, canReadReports(s), "Only a supervisor or an administrator reads the reports");
    }

    public static Staff requireCommunity(Staff s) {
        return require(s, canRunCommunity(s), "Only a supervisor or an administrator runs the alumni network");
    }

    public static Staff requireSupervisor(Staff s, String why) {
        return require(s, canSupervise(s), why);
    }

    /** A faculty account is signed in but reads none of the desks' work: 403, not 401. */
    public static Staff requireStaff(Staff s) {
        requireAccount(s);
        return require(s, isStaff(s), "A faculty account sees only its own faculty's exam incidents");
    }

    public static Staff requireAccount(Staff s) {
        if (!isSignedIn(s)) throw ApiError.unauthorized();
        return s;
    }

    public static void requireServiceWork(Viewer v, long serviceId, Long assigneeId) {
        require(v.staff(), canReadServiceWork(v, serviceId, assigneeId), "This conversation belongs to a service you are not part of");
    }

    public static void requireActOn(Viewer v, long serviceId, Long assigneeId) {
        require(v.staff(), canActOn(v, serviceId, assigneeId), "This conversation is assigned to a colleague: only they or a supervisor can answer, resolve or reopen it");
    }

    public static void requireHandOver(Viewer v, Long assigneeId) {
        require(v.staff(), canHandOver(v, assigneeId), "Only the assigned agent or a supervisor can transfer a conversation");
    }

    public static void requireCapturedArticle(Viewer v, Long serviceId) {
        require(v.staff(), canReadCapturedArticle(v, serviceId), "This draft was captured from a conversation of a service you are not part of");
    }

    public static void requireContact(Viewer v, java.util.function.BooleanSupplier worksWithContact) {
        require(v.staff(), canReadContact(v, worksWithContact), "This contact is not one of your conversations");
    }

    public static void requireEditContact(Viewer v, java.util.function.BooleanSupplier worksWithContact) {
        require(v.staff(), canEditContact(v, worksWithContact), "Only a supervisor or an agent with a conversation with this contact can change it");
    }

    public static Staff requireEveryContact(Staff s) {
        return require(s, canReadEveryContact(s), "Only a supervisor or an administrator can see every contact");
    }

    public static Staff requireManageContacts(Staff s) {
        return require(s, canManageContacts(s), "Only a supervisor or an administrator can add contacts or manage segments");
    }

    public static Staff requireDefineContactFields(Staff s) {
        return require(s, canDefineContactFields(s), "Only an administrator can define contact fields");
    }

    public static Staff requireLiveModerator(Staff s) {
        return require(s, canModerateLive(s), "Only a supervisor or an administrator can run live sessions");
    }

    public static Staff requireWebinarOrganiser(Staff s) {
        return require(s, canRunWebinars(s), "Only a supervisor or an administrator can run webinars");
    }

    public static Staff requireMergeContacts(Staff s) {
        return require(s, canMergeContacts(s), "Only a supervisor or an administrator can merge contacts or review duplicates");
    }

    public static Staff requireContactImport(Staff s) {
        return require(s, canImportContacts(s), "Only a supervisor or an administrator can import contacts");
    }

    public static Staff requireContactExport(Staff s) {
        return require(s, canExportContacts(s), "Only a supervisor or an administrator can export contacts");
    }

    public static Staff requireAuditLog(Staff s) {
        return require(s, canReadAuditLog(s), "Only the privacy officer can read the audit log");
    }

    public static Staff requireExportContact(Staff s) {
        return require(s, canExportContact(s), "Only a supervisor or the privacy officer can export a contact");
    }

    public static Staff requireEraseContact(Staff s) {
        return require(s, canEraseContact(s), "Only an administrator or the privacy officer can erase a contact");
    }

    public static Staff requirePrivacyRules(Staff s) {
        return require(s, canSetPrivacyRules(s), "Only an administrator or the privacy officer can change the privacy rules");
    }

    public static Staff requireDesk(Staff s) {
        return require(s, canRunDesk(s), "Only the helpdesk can do this");
    }

    public static Staff requireManageSittings(Staff s) {
        return require(s, canManageSittings(s), "Only a supervisor can import exam sittings");
    }

    /** Another faculty's incident is not found (404), so nobody learns it exists. */
    public static void requireIncident(Staff s, boolean ofOwnFaculty) {
        if (!isSignedIn(s)) throw ApiError.unauthorized();
        if (!canReadIncident(s, ofOwnFaculty)) throw ApiError.notFound("Incident");
    }

    public static Staff requireJourneys(Staff s) {
        return require(s, canReadJourneys(s), "Only staff can read journeys");
    }

    public static Staff requireJourneyTemplates(Staff s) {
        return require(s, canManageJourneyTemplates(s), "Only a supervisor can change checklist templates");
    }

    public static Staff requireEnrolApplicants(Staff s) {
        return require(s, canEnrolApplicants(s), "Only a supervisor can enrol applicants");
    }

    public static void requireDecideJourneyStep(Viewer v, Long serviceId) {
        require(v.staff(), canDecideJourneyStep(v, serviceId), "Only the step's service or a supervisor can decide on it");
    }

    public static Staff requireStaffingPlanner(Staff s) {
        return require(s, canPlanStaffing(s), "Only a supervisor or an administrator plans the staffing");
    }

    public static Staff requireAlertDrafter(Staff s) {
        return require(s, canDraftAlerts(s), "Only the communications team or a supervisor can draft emergency alerts");
    }

    public static Staff requireAlertApprover(Staff s, long authorId, boolean singlePersonTemplate) {
        requireAlertDrafter(s);
        return require(s, canApproveAlert(s, authorId, singlePersonTemplate), "A second person must approve this alert: its author cannot");
    }

    public static Staff requireSinglePersonRule(Staff s) {
        return require(s, canAllowSinglePersonAlerts(s), "Only an administrator can allow a template to be sent by one person");
    }

    private static Staff require(Staff s, boolean allowed, String why) {
        if (s == null) throw ApiError.unauthorized();
        if (!allowed) throw ApiError.forbidden(why);
        return s;
    }

    private Access() {
    }
}
