package io.guichet.kb;

import java.time.Instant;
import java.util.List;

/** A help-centre article as staff see it; the public sees only published ones. */
public record Article(long id, String lang, String slug, String title, String body, String service, List<String> tags,
                      Status status, Long translationGroup, String sourceKind, String sourceRef, int revision,
                      long views, int helpfulYes, int helpfulNo, Long updatedBy, Instant createdAt, Instant updatedAt,
                      Instant publishedAt) {

    public enum Status {
        DRAFT, PUBLISHED, RETIRED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The status named by an API or form value, or null when it is not one. */
        public static Status fromCode(String code) {
            for (Status s : values()) if (s.code().equals(code)) return s;
            return null;
        }
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    public String path() {
        return path(id, lang, slug);
    }

    static String path(long id, String lang, String slug) {
        return ("en".equals(lang) ? "/help/" : "/aide/") + id + "-" + slug;
    }
}
