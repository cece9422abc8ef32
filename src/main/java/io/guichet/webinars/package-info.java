/**
 * Webinars and virtual fairs: series (weekly or on listed dates, in the institution's zone, {@link io.guichet.webinars.Recurrence}),
 * events (fairs with tracks) and their sessions; registration with capacity and a waitlist in arrival order, series
 * registrations, cancellation and promotion ({@link io.guichet.webinars.WebinarService}). A session's Q&A wall is a live
 * session of module {@code live}, made on first use ({@code doOpenWall}). Registrants are contacts of {@code people}, found
 * or made by their email; consent to future events' mail goes to its ledger; each step is on the contact's timeline
 * ({@code webinars.registered}, {@code webinars.waitlisted}, {@code webinars.promoted}, {@code webinars.cancelled},
 * {@code webinars.attended}). Video rooms, attendance and replays: {@link io.guichet.webinars.WebinarRooms} (BigBlueButton through
 * {@code webinars.bbb}, or the link staff pasted); reminders: {@link io.guichet.webinars.WebinarReminders}.
 * The public programme's filter ({@link io.guichet.webinars.ProgrammeFilter}) and the numbers of a session, series or event
 * ({@link io.guichet.webinars.WebinarNumbers}: questions from {@code live}'s report, regions from {@code people}'s records).
 * Tables: {@code webinar_series}, {@code webinar_events}, {@code webinar_sessions}, {@code webinar_series_registrations},
 * {@code webinar_registrations}, {@code webinar_rooms}, {@code webinar_attendance}, {@code webinar_mails_sent}, {@code webinar_questions}
 * (the questions staff add to registration forms, {@link io.guichet.webinars.RegistrationQuestions}), {@code webinar_replay_views}.
 * Attendance is exact to the second when the BigBlueButton server has bbb-webhooks ({@code webinars.bbb.WebhookEvents}). Notices: none yet.
 */
package io.guichet.webinars;
