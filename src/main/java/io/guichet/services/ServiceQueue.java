package io.guichet.services;

import java.util.List;

/**
 * A service of the institution (Admissions, Aide financière…) and the queue of its conversations: its weekly hours
 * and its closures from yesterday on (days closed whatever the hours say), by date.
 */
public record ServiceQueue(long id, String slug, String nameFr, String nameEn, List<String> languages,
                           boolean active, List<OpeningHours> hours, List<Closure> closures) {
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameFr;
    }

    public boolean closedOn(java.time.LocalDate day) {
        return closures.stream().anyMatch(c -> c.day().equals(day));
    }
}
