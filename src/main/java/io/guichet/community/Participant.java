package io.guichet.community;

import java.util.List;

/**
 * Someone in a reverse-mentoring round and their questionnaire: a mentor (an alumnus, who teaches the web) or a mentee
 * (a teacher); topics they can teach and want to learn, languages, availability slots ("mon-am", "wed-pm"…) and
 * formats ("online", "in_person").
 */
public record Participant(long id, long roundId, String side, long contactId, String name, String email, List<String> teach,
                          List<String> learn, List<String> languages, List<String> availability, List<String> formats) {
    public static final List<String> SIDES = List.of("mentor", "mentee");
    public static final List<String> FORMATS = List.of("online", "in_person");
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    public static final List<String> PARTS = List.of("am", "pm", "eve");
}
