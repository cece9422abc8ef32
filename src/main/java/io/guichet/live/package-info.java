/**
 * Live Q&A nights: a session with a public wall of questions, votes, moderation, a presenter view,
 * a report, and private questions routed to a service's inbox.
 *
 * <p>Public API: {@link io.guichet.live.LiveService} ({@code do*} writes: create, update, start, end,
 * ask, vote, approve, edit, merge, answer, highlight, dismiss; {@code access*} reads: the session, the
 * wall, a visitor's own questions, moderators' questions, figures and report), the records
 * {@link io.guichet.live.LiveSession}, {@link io.guichet.live.Question} and {@link io.guichet.live.LiveReport},
 * and the bus topics of {@link io.guichet.live.LiveEvents}. Supervisors and administrators run
 * sessions; visitors ask and vote with their visitor token ({@code people}).
 *
 * <p>Events sent (see docs/events.md): {@code live.question}, {@code live.votes} (coalesced by
 * {@code internal.VoteBatcher}: one notice per session every 40 ms), {@code live.session},
 * {@code live.viewers}. Consumed: its own topics and {@code bus.resync}, by {@code web.LiveSockets}.
 * A private question is a conversation of {@code inbox} (through {@code InboxService}, tagged with the
 * session's slug); its answers reach the asker on the inbox's visitor socket.
 */
package io.guichet.live;
