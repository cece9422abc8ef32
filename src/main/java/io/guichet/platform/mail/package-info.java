/**
 * Mail that leaves. Public face: {@code Outbox} ({@code queue}, {@code queueAll}: in the caller's transaction,
 * consent enforced, {@code 409 no_consent}), {@code OutgoingMail} / {@code MailBody} (a template kind and its
 * model; {@code MailBody.written} for staff-written Markdown), {@code MailService} (this node's outbox and sender,
 * wired to the people module's ports {@code MailConsent}, {@code UnsubscribeLinks}, {@code MailOutcomes}),
 * {@code MailSettings} ({@code GUICHET_SMTP_URL}, {@code GUICHET_MAIL_FROM}, {@code GUICHET_MAIL_RATE}…),
 * {@code MailViewer} (the outbox for its readers), {@code Mail}, {@code MailStatus}. {@code internal}: the SQL,
 * the SMTP connection, the templates' renderer; {@code web}: the mail viewer and {@code GET /api/v1/mail}.
 *
 * <p>Tables {@code mail_outbox} and {@code mail_rate} (V020). Sends no notice: a queued mail wakes this node's
 * sender after its transaction commits, other nodes' senders look every half second.
 */
package io.guichet.platform.mail;
