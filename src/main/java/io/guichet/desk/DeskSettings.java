package io.guichet.desk;

import io.guichet.platform.Config;

/**
 * The helpdesk's settings: minutes without an acknowledgement before an incident escalates, how long mailed links
 * work, the secret the PBX signs its call events with ({@code GUICHET_DESK_CALLS_SECRET}; none: the webhook is off),
 * the service whose agents take callbacks ({@code GUICHET_DESK_SERVICE}, the hotline's queue) and the estimated wait
 * in minutes from which the chat widget offers a callback ({@code GUICHET_DESK_CALLBACK_WAIT_MINUTES}).
 */
public record DeskSettings(int ackMinutes, int linkDays, String callsSecret, String serviceSlug, int callbackWaitMinutes) {
    public static final String DEFAULT_SERVICE = "soutien-informatique";

    public DeskSettings {
        if (callsSecret != null && callsSecret.isBlank()) callsSecret = null;
        if (serviceSlug == null || serviceSlug.isBlank()) serviceSlug = DEFAULT_SERVICE;
    }

    public DeskSettings(int ackMinutes, int linkDays, String callsSecret) {
        this(ackMinutes, linkDays, callsSecret, DEFAULT_SERVICE, 10);
    }

    public static DeskSettings from(Config config) {
        Config.Settings s = config.settings();
        return new DeskSettings(s.integer("GUICHET_DESK_ACK_MINUTES", 10, 1, 24 * 60), s.integer("GUICHET_DESK_LINK_DAYS", 30, 1, 365),
                s.text("GUICHET_DESK_CALLS_SECRET", null), s.text("GUICHET_DESK_SERVICE", DEFAULT_SERVICE),
                s.integer("GUICHET_DESK_CALLBACK_WAIT_MINUTES", 10, 1, 240));
    }

    @Override
    public String toString() { // never the secret in a log
        return "DeskSettings[ackMinutes=" + ackMinutes + ", linkDays=" + linkDays + ", callsSecret=" + (callsSecret == null ? "none" : "set")
                + ", serviceSlug=" + serviceSlug + ", callbackWaitMinutes=" + callbackWaitMinutes + "]";
    }
}
