package io.guichet.alerts;

import io.guichet.people.ContactDraft;
import io.guichet.platform.web.ApiError;

import java.util.List;
import java.util.Map;

/** Who an alert goes to: everyone, contacts of some kinds, or a segment of people (its filter as it stands at sending). */
public record Audience(Kind kind, List<String> kinds, Long segmentId) {
    public enum Kind {
        EVERYONE, KINDS, SEGMENT;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Audience EVERYONE = new Audience(Kind.EVERYONE, List.of(), null);

    public Audience {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    /** Checks a kind and its parts at the boundary: 422 naming {@code audience} when it is empty or unknown. */
    public static Audience of(String kind, List<String> kinds, Long segmentId) {
        if (kind == null) throw ApiError.invalid("audience", "audience.kind is required: everyone, kinds or segment");
        return switch (kind) {
            case "everyone" -> EVERYONE;
            case "kinds" -> {
                if (kinds == null || kinds.isEmpty()) throw new ApiError(422, "empty_audience", "Choose at least one kind of contact", "audience");
                for (String k : kinds) {
                    if (!ContactDraft.KINDS.contains(k)) throw ApiError.invalid("audience", "audience.kinds must be among " + String.join(", ", ContactDraft.KINDS));
                }
                yield new Audience(Kind.KINDS, kinds.stream().distinct().toList(), null);
            }
            case "segment" -> {
                if (segmentId == null || segmentId < 1) throw new ApiError(422, "empty_audience", "Choose a segment", "audience");
                yield new Audience(Kind.SEGMENT, List.of(), segmentId);
            }
            default -> throw ApiError.invalid("audience", "audience.kind must be everyone, kinds or segment");
        };
    }

    public Map<String, Object> json() {
        return switch (kind) {
            case EVERYONE -> Map.of("kind", "everyone");
            case KINDS -> Map.of("kind", "kinds", "kinds", kinds);
            case SEGMENT -> Map.of("kind", "segment", "segmentId", segmentId);
        };
    }
}
