package io.guichet.services;

import java.time.LocalDate;
import java.util.List;

/**
 * Days from {@code firstDay} to {@code lastDay} (inclusive, in the institution's time zone) when a service keeps other
 * hours than its weekly ones: an exam period, a holiday closure ({@code closed}), an evening before a deadline. On a
 * weekday its {@code hours} do not name, the service is closed.
 */
public record OpeningPeriod(long id, long serviceId, String labelFr, String labelEn, LocalDate firstDay, LocalDate lastDay,
                            boolean closed, List<OpeningHours> hours) {
    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    public String label(String lang) {
        return "en".equals(lang) ? labelEn : labelFr;
    }
}
