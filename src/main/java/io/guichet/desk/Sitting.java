package io.guichet.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An exam sitting: a course's exam at a time, its faculty, its professors and (optionally) its registered students. */
public record Sitting(long id, String ref, String courseCode, String courseTitle, Instant startsAt, int durationMinutes, Mode mode,
                      Faculty faculty, Long resitOf, List<Professor> professors, List<String> studentNumbers) {
    public enum Mode {
        REMOTE, ON_CAMPUS;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Mode of(String key) {
            for (Mode m : values()) if (m.key().equals(key)) return m;
            return null;
        }
    }

    /** A professor of the sitting: a contact of kind professor, mailed at the address given with the sitting. */
    public record Professor(long contactId, String email, String name, String lang) {
    }

    public Instant endsAt() {
        return startsAt.plus(Duration.ofMinutes(durationMinutes));
    }

    public boolean runningAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt());
    }
}
