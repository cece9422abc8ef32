package io.guichet.people;

import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contact list's filter, as its query parameters say it ({@code q}, {@code kind}, {@code tag}, {@code programme},
 * {@code city}, {@code country}, {@code field.<key>}, {@code activeSince}, {@code activeBefore}, {@code consent}, {@code sort}); a segment
 * saves one. Activity dates are days in the institution's zone: since the start of {@code activeSince}, before the start of
 * {@code activeBefore}. Custom field values are checked against their definitions when the list is read.
 */
public record ContactFilter(String q, String kind, String tag, String programme, String city, String country, Map<String, String> fields,
                            LocalDate activeSince, LocalDate activeBefore, Consent consent, Sort sort) {
    /**
     * {@code consent=<purpose>:<state>}: contacts whose consent for the purpose stands so when the list is read, as
     * {@link ConsentLedger#stateOf} derives it (a merged contact's ledger counting for its survivor).
     */
    public record Consent(Purpose purpose, String state) {
        public static final List<String> STATES = List.of("granted", "withdrawn", "expired", "none");

        static Consent parse(String raw) {
            String v = Fields.optional("consent", raw, 40);
            if (v == null) return null;
            String[] parts = v.split(":", 2);
            Purpose purpose = ConsentLedger.purposes().stream().filter(p -> p.key().equals(parts[0])).findFirst().orElse(null);
            if (parts.length != 2 || purpose == null || !STATES.contains(parts[1])) {
                throw ApiError.invalid("consent", "consent must be purpose:state, the purpose one of "
                        + String.join(", ", ConsentLedger.purposes().stream().map(Purpose::key).toList()) + " and the state one of " + String.join(", ", STATES));
            }
            return new Consent(purpose, parts[1]);
        }

        public String code() {
            return purpose.key() + ":" + state;
        }
    }

    public enum Sort {
        ACTIVITY, NAME;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final ContactFilter EVERYONE = new ContactFilter(null, null, null, null, null, null, Map.of(), null, null, null, Sort.ACTIVITY);

    public ContactFilter {
        fields = Map.copyOf(fields);
        if (sort == null) sort = Sort.ACTIVITY;
    }

    /** Reads the list's parameters (other parameters, such as {@code cursor} or {@code segment}, are left to the caller). */
    public static ContactFilter parse(Map<String, String> params) {
        String kind = Fields.optional("kind", params.get("kind"), 20);
        if (kind != null && !ContactDraft.KINDS.contains(kind)) {
            throw ApiError.invalid("kind", "kind must be one of " + String.join(", ", ContactDraft.KINDS));
        }
        Map<String, String> fields = new TreeMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("field.")) {
                String clean = Fields.optional(name, value, ContactField.TEXT_MAX);
                if (clean != null) fields.put(name.substring("field.".length()), clean);
            }
        });
        String sort = Fields.optional("sort", params.get("sort"), 10);
        Sort order = sort == null ? Sort.ACTIVITY : switch (sort) {
            case "activity" -> Sort.ACTIVITY;
            case "name" -> Sort.NAME;
            default -> throw ApiError.invalid("sort", "sort must be activity or name");
        };
        return new ContactFilter(Fields.optional("q", params.get("q"), 200), kind, Fields.optional("tag", params.get("tag"), ContactDraft.TAG_MAX),
                Fields.optional("programme", params.get("programme"), ContactDraft.TEXT_MAX),
                Fields.optional("city", params.get("city"), ContactDraft.TEXT_MAX), country(params.get("country")), fields,
                day("activeSince", params.get("activeSince")), day("activeBefore", params.get("activeBefore")),
                Consent.parse(params.get("consent")), order);
    }

    /** The parameters that give this filter back through {@link #parse}: what a segment stores and a page's links carry. */
    public Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        if (q != null) p.put("q", q);
        if (kind != null) p.put("kind", kind);
        if (tag != null) p.put("tag", tag);
        if (programme != null) p.put("programme", programme);
        if (city != null) p.put("city", city);
        if (country != null) p.put("country", country);
        new TreeMap<>(fields).forEach((k, v) -> p.put("field." + k, v));
        if (activeSince != null) p.put("activeSince", activeSince.toString());
        if (activeBefore != null) p.put("activeBefore", activeBefore.toString());
        if (consent != null) p.put("consent", consent.code());
        if (sort != Sort.ACTIVITY) p.put("sort", sort.code());
        return p;
    }

    /** This filter applied within a saved one: what this one says wins, the rest comes from the segment. */
    public ContactFilter within(ContactFilter segment) {
        Map<String, String> p = new LinkedHashMap<>(segment.toParams());
        p.putAll(toParams());
        return parse(p);
    }

    public boolean isEmpty() {
        return toParams().isEmpty();
    }

    private static String country(String raw) {
        return raw == null ? null : new ContactDraft().country(raw).country();
    }

    private static LocalDate day(String field, String raw) {
        String v = Fields.optional(field, raw, 10);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date as YYYY-MM-DD");
        }
    }
}
