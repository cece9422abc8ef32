/**
 * Emergency broadcasts (issue 18): one controlled message to everyone concerned, on every channel at once, and who is
 * safe.
 *
 * <p>Public API: {@link io.guichet.alerts.AlertService} (templates, drafts, the two-person approval, follow-ups, the
 * all-clear, acknowledgements, the dashboard's counts, the audit log), {@link io.guichet.alerts.AlertTemplate},
 * {@link io.guichet.alerts.Alert}, {@link io.guichet.alerts.Audience}, {@link io.guichet.alerts.Texts},
 * {@link io.guichet.alerts.CapDocument} (CAP 1.2 and the Atom feed, written with StAX), {@link io.guichet.alerts.AlertsDemo}
 * (the five standard templates).
 *
 * <p>Tables: {@code alert_templates}, {@code alerts}, {@code alert_updates}, {@code alert_recipients}, {@code alert_audit}
 * (append-only), {@code alert_lists}, {@code alert_list_members}, {@code alert_push_subscriptions}, {@code alert_deliveries}
 * (what push and SMS reported per sending), {@code alert_settings} (the SMS gateway). Web push: {@link io.guichet.alerts.AlertPush};
 * SMS: {@link io.guichet.alerts.AlertSms} through the channels module's {@code SmsProvider} (alerts depends on channels
 * for that port only; channels never on alerts). The audience is read through people's {@code ContactDirectory.findAlertAudience} (transactional: no
 * consent asked, never an erased or merged contact); mails leave through {@code Outbox.queueUrgent}, ahead of every
 * queued mail; "I need help" becomes an urgent conversation through the inbox's {@code doStartUrgentConversation}, at
 * the top of the designated service's queue, with the origin {@code alert}.
 *
 * <p>Notices: {@link io.guichet.alerts.AlertChanged} (drafted, sent, updated, closed, answered) after each commit;
 * {@code web.AlertFrames} turns it into {@code alert.*} frames on {@code /ws/agent} (the approvers are told of a new
 * draft at once), and {@code web.AlertPublic} into the banner frames of {@code /ws/alerts}, which every public page and
 * the chat widget's panel open.
 */
package io.guichet.alerts;
