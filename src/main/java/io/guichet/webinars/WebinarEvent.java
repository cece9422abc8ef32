package io.guichet.webinars;

import java.time.LocalDate;
import java.util.List;

/** A fair: several days of slots, each in one of its tracks. */
public record WebinarEvent(long id, String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn,
                           LocalDate firstDay, LocalDate lastDay, List<String> tracks) {
    public String title(String reader) {
        return "en".equals(reader) ? titleEn : titleFr;
    }

    public String description(String reader) {
        return "en".equals(reader) ? descriptionEn : descriptionFr;
    }
}
