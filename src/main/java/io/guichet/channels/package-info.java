/**
 * Adapters that bring messages in and out of the inbox: the web chat widget (its loader script and the panel page,
 * {@code web.WidgetRoutes}) and the email channel. {@link io.guichet.channels.EmailReplies} mails the staff replies a
 * visitor did not see in the widget (threaded, with a signed link to {@code web.ReplyPageRoutes}, the visitor's page
 * of the conversation, and a signed Reply-To); {@link io.guichet.channels.EmailInbound} reads the answers from the
 * reply mailbox (IMAP), stores each raw, and posts its new text in its conversation ({@code internal.ReplyTrimmer}).
 * Messenger and SMS come next (issue 19).
 *
 * <p>Owns {@code email_threads}, {@code email_thread_messages}, {@code email_inbound}. Sends no notice of its own
 * (the inbox's {@code ConversationChanged(MAILED)} and {@code MessageSent} say what it did); consumes none.
 */
package io.guichet.channels;
