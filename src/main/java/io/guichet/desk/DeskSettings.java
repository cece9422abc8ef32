package io.guichet.desk;

import io.guichet.platform.Config;

/** The helpdesk's settings: minutes without an acknowledgement before an incident escalates, and how long mailed links work. */
public record DeskSettings(int ackMinutes, int linkDays) {
    public static DeskSettings from(Config config) {
        Config.Settings s = config.settings();
        return new DeskSettings(s.integer("GUICHET_DESK_ACK_MINUTES", 10, 1, 24 * 60), s.integer("GUICHET_DESK_LINK_DAYS", 30, 1, 365));
    }
}
