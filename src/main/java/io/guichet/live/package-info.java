/**
 * Live Q&A nights: a session with a public wall of questions, votes, moderation, a presenter view,
 * a report, and private questions routed to a service's inbox.
 *
 * <p>Public API: {@link io.guichet.live.LiveService} ({@code do*} writes: create, update, start, end,
 * ask, vote, approve, edit, merge, answer, highlight, dismiss; {@code access*} reads: the session, the
 * wall, a visitor's own questions, moderators' questions, figures and report), the records
 * {@link io.guichet.live.LiveSession}, {@link io.guichet.live.Question} and {@link io.guichet.live.LiveReport},
 * and the notices {@link io.guichet.live.QuestionChanged}, {@link io.guichet.live.VotesChanged}, {@link io.guichet.live.SessionChanged} and {@link io.guichet.live.ViewersCounted}. Supervisors and administrators run
 * sessions; visitors ask and vote with their visitor token ({@code people}).
 *
 * <p>Notices sent: {@code QuestionChanged}, {@code VotesChanged} (coalesced by {@code internal.VoteBatcher}:
 * one notice per session every 40 ms), {@code SessionChanged}, {@code ViewersCounted}; who receives them
 * is {@link io.guichet.live.LiveRecipients}'s to say. Consumed: its own notices and {@code Resync}, by
 * {@code web.LiveSockets}. A private question is a conversation of {@code inbox} (through
 * {@code ConversationService}, with the origin {@code live}/the session's slug); its answers reach the
 * asker on the inbox's visitor socket. Uses {@code services} for the participating services.
 */
package io.guichet.live;
