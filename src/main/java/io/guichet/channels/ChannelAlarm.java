package io.guichet.channels;

import io.guichet.identity.Staff;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.function.Supplier;

/**
 * Tells the administrators by mail, once per spell of errors, that a channel stopped working and why (a page token
 * expired above all: replies wait until someone gives a new one, while inbound still arrives).
 */
public final class ChannelAlarm {
    private final Outbox outbox;
    private final Messages messages;
    private final Supplier<List<Staff>> administrators;
    private final String screenUrl;

    /** {@code administrators}: the active accounts that may fix a channel; {@code screenUrl}: the channels' admin screen. */
    public ChannelAlarm(Outbox outbox, Messages messages, Supplier<List<Staff>> administrators, String screenUrl) {
        this.outbox = outbox;
        this.messages = messages;
        this.administrators = administrators;
        this.screenUrl = screenUrl;
    }

    /** Queues the mails in the caller's transaction, the one that marked the channel in error. */
    void doTell(Handle h, String channelName, String error) {
        for (Staff admin : administrators.get()) {
            Messages.Localizer t = messages.in(admin.lang());
            String key = "channels.error." + (error.startsWith("graph_error_") ? "graph" : error);
            String why = t.has(key) ? t.t(key) : error;
            outbox.queue(h, OutgoingMail.of(admin.email(), admin.name(), admin.lang(), Purpose.TRANSACTIONAL, null,
                    t.t("channels.alarm.subject", channelName), MailBody.written(t.t("channels.alarm.body", channelName, why, screenUrl))));
        }
    }
}
