package io.guichet.desk;

import java.util.Locale;

/** What broke: the connection, the exam platform, the proctoring (webcam), an outage (power or network), lost time, or else. */
public enum Category {
    CONNECTION, PLATFORM, PROCTORING, OUTAGE, LOST_TIME, OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category of(String key) {
        for (Category c : values()) if (c.key().equals(key)) return c;
        return null;
    }
}
