package io.guichet.services;

import java.util.List;

/** A service of the institution (Admissions, Aide financière…) and the queue of its conversations. */
public record ServiceQueue(long id, String slug, String nameFr, String nameEn, List<String> languages,
                           boolean active, List<OpeningHours> hours) {
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameFr;
    }
}
