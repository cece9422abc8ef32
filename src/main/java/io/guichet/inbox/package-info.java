/**
 * The chat inbox: conversations and messages, agents with their services, capacity and presence,
 * and routing with capacity limits.
 *
 * <p>Public API: {@link io.guichet.inbox.ConversationService} (the visitor's and the staff's
 * {@code do*} writes and {@code access*} reads; {@code find*} for delivery, which has no viewer),
 * {@link io.guichet.inbox.AgentService} (creating a staff member with services and capacity in one
 * transaction, presence; it is identity's {@code ServiceMemberships}), {@link io.guichet.inbox.InboxRecipients}
 * (who receives each notice, a pure function), and the records {@link io.guichet.inbox.Conversation},
 * {@link io.guichet.inbox.Message}, {@link io.guichet.inbox.Origin}, {@link io.guichet.inbox.AgentSettings}.
 * Private: {@code internal.RoutingPass} (one drain per service per node), {@code internal.Router}
 * (the locked assignment queries), {@code internal.RecentlySent} (delivery from memory).
 *
 * The conversation's tools: files ({@link io.guichet.inbox.Upload} checked by content, {@link io.guichet.inbox.Attachment},
 * sent through {@code ConversationService}), @mentions in notes ({@link io.guichet.inbox.Mentions}), the visitor's rating
 * ({@link io.guichet.inbox.Ratings}) and transcript by mail ({@link io.guichet.inbox.Transcripts}).
 *
 * <p>Owns {@code conversations}, {@code messages}, {@code service_members}, {@code agent_presence}, {@code inbox_labels},
 * {@code conversation_labels}, {@code inbox_attachments}, {@code inbox_mentions}, {@code conversation_ratings}.
 * Notices sent: {@link io.guichet.inbox.MessageSent}, {@link io.guichet.inbox.ConversationChanged},
 * {@link io.guichet.inbox.TypingStarted}, {@link io.guichet.inbox.MentionMade}. Consumed by {@code web.Sockets}: the same, and {@code Resync}.
 * A conversation another module starts carries that module's generic {@code Origin}. Each conversation's
 * start, assignment and resolution (with its outcome) is told on the contact's timeline
 * ({@code internal.TimelineEntries}, through {@code PeopleService.doRecord} in the same transaction; never per message).
 * {@code ConversationService} is people's {@code PersonalData}: a contact's conversations and files in their export, kept
 * (without their files) or deleted at their erasure. The console draws other modules' panels about a conversation's
 * contact through the port {@link io.guichet.inbox.ContactPanels} (an applicant's checklist), knowing nothing of them;
 * through {@link io.guichet.inbox.ConversationOrigins}, a chat started in a session another module opened (an
 * applicant's page) carries that module's origin, and the console names it in that module's words.
 * Routing's one rule is {@link io.guichet.inbox.AgentLoads} (agents with room, locked, and who takes which item), used by
 * {@code internal.Router} and by another module routing its own work to the same agents (the desk's callbacks); what such
 * a module gives agents counts in their capacity for chats too, through the port {@link io.guichet.inbox.HeldWork}.
 */
package io.guichet.inbox;
