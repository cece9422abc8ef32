/**
 * The exam helpdesk: incidents of students during (remote) exams, told at once to their professors and faculty.
 *
 * <p>Public face: {@link io.guichet.desk.DeskService} — sittings ({@code doImportSitting}, idempotent per sitting id;
 * {@code accessSittingsAround} for the ones running now and soon), faculty accounts ({@code doAddFacultyMember}),
 * incidents ({@code doOpenIncident}, idempotent per client id; {@code accessIncident}, {@code accessIncidents}: a faculty
 * account sees only its own faculty's), the acknowledgement and the outcome ({@code doAcknowledge},
 * {@code doRecordOutcome}, by staff or by the signed link of a notice: {@code findLinkActor}), the escalation pass
 * ({@code doEscalate}) and the student's page ({@code findStudentIncident}). Who is told is the pure
 * {@link io.guichet.desk.DeskRecipients}.
 *
 * <p>Sends {@link io.guichet.desk.IncidentChanged} after each change commits (the helpdesk's and the faculty's live frames,
 * {@code web.DeskFrames} through the inbox's {@code ModuleFrames} port); implements the inbox's {@code StaffFaculties} and
 * {@code ConversationActions} ports; takes the PBX's signed call events and calls logged by hand ({@link io.guichet.desk.DeskCalls}: agents' extensions, a
 * ringing call's pop sent as {@link io.guichet.desk.CallRang}), routes callbacks — missed calls and the widget's requests — to
 * the hotline's agents through the inbox's {@code AgentLoads} ({@link io.guichet.desk.CallbackQueue}, sends
 * {@link io.guichet.desk.CallbackAssigned}; its {@code HELD} is the inbox's {@code HeldWork} port, so chats and callbacks share one capacity) and sittings by CSV
 * ({@link io.guichet.desk.SittingImport}). Writes the student's timeline ({@code desk.*}) and mails through the outbox
 * ({@code desk-notice} to professors, exam office and back-up contact; {@code desk-student} to the student; all
 * transactional).
 */
package io.guichet.desk;
