/**
 * Admission journeys: checklists that guide applicants step by step.
 *
 * <p>Public face: {@link io.guichet.journeys.JourneyService} — templates ({@code doCreateTemplate}, {@code doEditTemplate}:
 * every edit is a new version, applicants stay on theirs until {@code doMoveToLatest}), enrolments ({@code doEnrol},
 * idempotent per contact and template, the contact found or made through people's {@code ContactDirectory}; from a
 * CSV file through {@link io.guichet.journeys.EnrolmentImport}, read by {@code platform.web.CsvReader}), the
 * applicant's signed links and session ({@code doRequestLink}, {@code findSessionForLink}, {@code findApplicant}), their
 * page and documents ({@code accessOwnJourney}, {@code doSubmitDocument}, {@code accessOwnDocument}), the staff's boards
 * and decisions ({@code accessBoard}, {@code accessEnrolment}, {@code doDecide}), the board's bulk actions
 * ({@code doRemindNow}, {@code doApproveSubmitted}, {@code doMoveAllToLatest}), the numbers ({@code accessNumbers}, the
 * pure {@link io.guichet.journeys.JourneyNumbers}), the applicant's chat opened as them ({@code doOpenChat}) and the
 * reminder pass ({@code doSendReminders}). {@link io.guichet.journeys.JourneyPersonalData} is people's {@code PersonalData};
 * {@code web.JourneyPanels} is the inbox's {@code ContactPanels} (the checklist beside a conversation) and
 * {@code web.JourneyOrigins} its {@code ConversationOrigins} (a chat opened from {@code /parcours} carries the journey). Due dates are the pure {@link io.guichet.journeys.DueDates}; documents sit behind
 * {@link io.guichet.journeys.DocumentStore} (PostgreSQL by default).
 *
 * <p>Sends no bus notice; writes the contact's timeline ({@code journeys.*}) and mails through the outbox
 * ({@code journey-link}, {@code journey-decision}, {@code journey-reminder}, all transactional).
 */
package io.guichet.journeys;
