package io.guichet.desk;

import io.guichet.platform.Config;

/**
 * The helpdesk's settings: minutes without an acknowledgement before an incident escalates, how long mailed links
 * work, and the secret the PBX signs its call events with ({@code GUICHET_DESK_CALLS_SECRET}; none: the webhook is off).
 */
public record DeskSettings(int ackMinutes, int linkDays, String callsSecret) {
    public DeskSettings {
        if (callsSecret != null && callsSecret.isBlank()) callsSecret = null;
    }

    public static DeskSettings from(Config config) {
        Config.Settings s = config.settings();
        return new DeskSettings(s.integer("GUICHET_DESK_ACK_MINUTES", 10, 1, 24 * 60), s.integer("GUICHET_DESK_LINK_DAYS", 30, 1, 365),
                s.text("GUICHET_DESK_CALLS_SECRET", null));
    }

    @Override
    public String toString() { // never the secret in a log
        return "DeskSettings[ackMinutes=" + ackMinutes + ", linkDays=" + linkDays + ", callsSecret=" + (callsSecret == null ? "none" : "set") + "]";
    }
}
