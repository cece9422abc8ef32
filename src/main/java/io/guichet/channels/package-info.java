/**
 * Adapters that bring messages in and out of the inbox: the web chat widget (its loader script and the panel page,
 * {@code web.WidgetRoutes}) and the email channel. {@link io.guichet.channels.EmailReplies} mails the staff replies a
 * visitor did not see in the widget (threaded, with a signed link to {@code web.ReplyPageRoutes}, the visitor's page
 * of the conversation, and a signed Reply-To); {@link io.guichet.channels.EmailInbound} reads the answers from the
 * reply mailbox (IMAP), stores each raw, and posts its new text in its conversation ({@code internal.ReplyTrimmer}).
 * {@link io.guichet.channels.Channels} keeps the configured channels (Messenger pages, email addresses) with
 * write-only secrets and their health; {@link io.guichet.channels.MessengerInbound} takes Meta's signed webhook (stored raw,
 * processed after, once per {@code mid}) into the inbox, and {@link io.guichet.channels.MessengerReplies} sends the staff's
 * replies with the Send API through a durable queue within the 24-hour window.
 *
 * <p>Owns {@code email_threads}, {@code email_thread_messages}, {@code email_inbound}, {@code channels},
 * {@code messenger_events}, {@code messenger_messages}, {@code messenger_threads}, {@code messenger_outbox}. Sends no notice of its own
 * (the inbox's {@code ConversationChanged(MAILED)} and {@code MessageSent} say what it did); consumes none.
 */
package io.guichet.channels;
