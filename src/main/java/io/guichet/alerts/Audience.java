package io.guichet.alerts;

import io.guichet.people.ContactDraft;
import io.guichet.platform.web.ApiError;

import java.util.List;
import java.util.Map;

/**
 * Who an alert goes to: everyone, contacts of some kinds, a segment of people (its filter as it stands at sending), or
 * an uploaded list (the contacts its emails and phones matched: {@link AlertService#doUploadList}).
 */
public record Audience(Kind kind, List<String> kinds, Long segmentId, Long listId) {
    public enum Kind {
        EVERYONE, KINDS, SEGMENT, LIST;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Audience EVERYONE = new Audience(Kind.EVERYONE, List.of(), null, null);

    public Audience {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    /** Checks a kind and its parts at the boundary: 422 naming {@code audience} when it is empty or unknown. */
    public static Audience of(String kind, List<String> kinds, Long segmentId) {
        return of(kind, kinds, segmentId, null);
    }

    public static Audience of(String kind, List<String> kinds, Long segmentId, Long listId) {
        if (kind == null) throw ApiError.invalid("audience", "audience.kind is required: everyone, kinds, segment or list");
        return switch (kind) {
            case "everyone" -> EVERYONE;
            case "kinds" -> {
                if (kinds == null || kinds.isEmpty()) throw new ApiError(422, "empty_audience", "Choose at least one kind of contact", "audience");
                for (String k : kinds) {
                    if (!ContactDraft.KINDS.contains(k)) throw ApiError.invalid("audience", "audience.kinds must be among " + String.join(", ", ContactDraft.KINDS));
                }
                yield new Audience(Kind.KINDS, kinds.stream().distinct().toList(), null, null);
            }
            case "segment" -> {
                if (segmentId == null || segmentId < 1) throw new ApiError(422, "empty_audience", "Choose a segment", "audience");
                yield new Audience(Kind.SEGMENT, List.of(), segmentId, null);
            }
            case "list" -> {
                if (listId == null || listId < 1) throw new ApiError(422, "empty_audience", "Choose an uploaded list", "audience");
                yield new Audience(Kind.LIST, List.of(), null, listId);
            }
            default -> throw ApiError.invalid("audience", "audience.kind must be everyone, kinds, segment or list");
        };
    }

    public Map<String, Object> json() {
        return switch (kind) {
            case EVERYONE -> Map.of("kind", "everyone");
            case KINDS -> Map.of("kind", "kinds", "kinds", kinds);
            case SEGMENT -> Map.of("kind", "segment", "segmentId", segmentId);
            case LIST -> Map.of("kind", "list", "listId", listId);
        };
    }
}
