/**
 * Live Q&A nights: a session with a public wall of questions, votes, moderation, a presenter view,
 * a report, and private questions routed to a service's inbox.
 *
 * <p>Public API: {@link io.guichet.live.LiveSessionService} (sessions: create, update, start, end,
 * highlight; {@code findSession} by slug, public), {@link io.guichet.live.LiveQuestionService} (ask, vote,
 * the public wall {@code findWall}, a visitor's own questions; approve, edit, merge, answer, dismiss; a
 * help-centre draft from an answer), {@link io.guichet.live.LiveReportService} (figures and the report),
 * {@link io.guichet.live.LiveRecipients}, the records {@link io.guichet.live.LiveSession},
 * {@link io.guichet.live.Question}, {@link io.guichet.live.LiveReport} and {@link io.guichet.live.LiveSettings}.
 * Supervisors and administrators run sessions; visitors ask and vote with their visitor token ({@code people}).
 *
 * <p>Notices sent: {@code QuestionChanged}, {@code VotesChanged} (coalesced by {@code internal.VoteBatcher}:
 * one notice per session every 40 ms), {@code SessionChanged}, {@code ViewersCounted}; who receives them
 * is {@link io.guichet.live.LiveRecipients}'s to say. Consumed: its own notices and {@code Resync}, by
 * {@code web.LiveSockets}. A private question is a conversation of {@code inbox} (through
 * {@code ConversationService}, with the origin {@code live}/the session's slug); its answers reach the
 * asker on the inbox's visitor socket. Uses {@code services} for the participating services. A question
 * asked, its first answer and the draft made from it are told on the asker's timeline
 * ({@code internal.TimelineEntries}, through {@code PeopleService.doRecord} in the same transaction).
 * {@code LiveQuestionService} is people's {@code PersonalData}: a contact's questions in their export; at their
 * erasure their votes go and their questions lose the asker's name or are deleted.
 */
package io.guichet.live;
