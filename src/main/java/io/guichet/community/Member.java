package io.guichet.community;

import java.time.Instant;
import java.util.List;

/**
 * A member of the alumni network as stored: what they told when joining, what they let others see
 * ({@code shownToMembers}, {@code shownToStaff}: name, profile or contact), hidden (out of every search) and their
 * status (pending until the address is confirmed, active, left).
 */
public record Member(long id, Long contactId, String name, String email, String lang, int graduationYear, String programme,
                     String city, String employer, String jobTitle, String linkedin, List<String> skills, List<String> willing,
                     String shownToMembers, String shownToStaff, boolean hidden, String status, Instant createdAt) {
    public static final List<String> WILLING = List.of("mentor_teacher", "talk_students", "host_talk", "contact_students");
    public static final List<String> VISIBILITY = List.of("name", "profile", "contact");

    public boolean active() {
        return "active".equals(status);
    }

    public boolean isWilling(String what) {
        return willing.contains(what);
    }
}
