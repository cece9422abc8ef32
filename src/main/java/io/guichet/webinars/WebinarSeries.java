package io.guichet.webinars;

/** A recurring programme ("every Friday at 14:00"); its sessions are the occurrences of its rule. */
public record WebinarSeries(long id, String slug, String titleFr, String titleEn, Recurrence rule, String zone) {
    public String title(String reader) {
        return "en".equals(reader) ? titleEn : titleFr;
    }
}
