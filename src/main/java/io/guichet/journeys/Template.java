package io.guichet.journeys;

import java.time.LocalDate;
import java.util.List;

/**
 * One version of a checklist template: its names in both languages, the term it prepares for, its ordered steps.
 * {@code familyId} groups the versions of one template; {@code latest} says whether this is the newest of them.
 */
public record Template(long id, long familyId, int version, boolean latest, String nameFr, String nameEn, LocalDate termStart, List<Step> steps) {
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameFr;
    }

    public Step step(long stepId) {
        return steps.stream().filter(s -> s.id() == stepId).findFirst().orElse(null);
    }

    /** A step: {@code key} is stable across versions, so an applicant moved to a new version keeps what they did. */
    public record Step(long id, String key, int position, String titleFr, String titleEn, String helpFr, String helpEn, Long serviceId,
                       boolean documentRequired, List<String> acceptedTypes, int maxBytes, boolean approvalRequired, DueRule due) {
        public String title(String lang) {
            return "en".equals(lang) ? titleEn : titleFr;
        }

        public String help(String lang) {
            return "en".equals(lang) ? helpEn : helpFr;
        }
    }
}
