package io.guichet.people;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What someone sent to create or change a contact, checked and normalised field by field as it is given: each
 * setter refuses bad input with an {@link ApiError} naming the field, so the API, the staff form and one row of a
 * CSV import build the same draft and get the same refusals. Only the fields given are written (a PATCH); a
 * blank value or an empty list given clears the field. Custom field values are checked against their definitions
 * when the draft is written ({@link ContactDirectory}), since only the directory knows them.
 *
 * <p>Normal forms: emails trimmed (matched lower-case, shown as typed); phones in E.164 — "+" and the country
 * code, or a North American number of 10 digits (or 11 starting with 1) taken as +1, spaces, dots, dashes and
 * brackets ignored, "00" read as "+"; student numbers upper-case without spaces; a Canadian postal code as
 * {@code A1A 1A1} when the country is CA or not given, other countries' codes as typed; countries as ISO 3166
 * alpha-2; tags trimmed, without repeats (case-blind).
 */
public final class ContactDraft {
    public static final List<String> KINDS = List.of("prospect", "parent", "student", "alumnus", "partner", "professor", "employer");
    public static final int NAME_MAX = 200, TEXT_MAX = 160, TAG_MAX = 40, MAX_TAGS = 30, MAX_IDENTITIES = 10;
    public static final int FIRST_YEAR = 1900, LAST_YEAR = 2100;

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern NANP = Pattern.compile("[2-9]\\d{2}[2-9]\\d{6}");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[\\d\\s.()\\-]+");
    private static final Pattern CANADIAN_POSTAL = Pattern.compile("([ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z]) ?(\\d[ABCEGHJ-NPRSTV-Z]\\d)");
    private static final Pattern OTHER_POSTAL = Pattern.compile("[A-Z0-9][A-Z0-9 \\-]{1,11}");
    private static final Pattern STUDENT_NUMBER = Pattern.compile("[A-Z0-9\\-]{1,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\".]{2,}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** A field given, with its clean value (null: cleared). */
    private final Map<String, Object> given = new LinkedHashMap<>();

    /** An email or phone as the person typed it, and the value it is matched on. */
    public record Typed(String value, String shown) {
    }

    public boolean has(String field) {
        return given.containsKey(field);
    }

    public Set<String> fieldsGiven() {
        return Collections.unmodifiableSet(given.keySet());
    }

    public boolean isEmpty() {
        return given.isEmpty();
    }

    // ---------------------------------------------------------------- setters (each checks its field)

    public ContactDraft name(String raw) {
        return put("name", Fields.optional("name", raw, NAME_MAX));
    }

    public ContactDraft lang(String raw) {
        String v = Fields.optional("lang", raw, 2);
        if (v != null && !Messages.isSupported(v)) throw ApiError.invalid("lang", "lang must be fr or en").because("lang", v);
        return put("lang", v);
    }

    public ContactDraft kinds(List<String> raw) {
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : raw) {
            String v = Fields.optional("kinds", k, 20);
            if (v == null) continue;
            if (!KINDS.contains(v)) throw ApiError.invalid("kinds", "kinds must be among " + String.join(", ", KINDS) + ", not " + v).because("kind", v);
            kinds.add(v);
        }
        return put("kinds", List.copyOf(kinds));
    }

    /** The contact's emails, the first one primary. */
    public ContactDraft emails(List<String> raw) {
        List<Typed> emails = new ArrayList<>();
        for (String e : raw) {
            String shown = email("emails", e);
            if (shown != null && emails.stream().noneMatch(t -> t.value().equals(shown.toLowerCase(Locale.ROOT)))) {
                emails.add(new Typed(shown.toLowerCase(Locale.ROOT), shown));
            }
        }
        return put("emails", limited("emails", emails));
    }

    /** The contact's phone numbers, the first one primary. */
    public ContactDraft phones(List<String> raw) {
        List<Typed> phones = new ArrayList<>();
        for (String p : raw) {
            String shown = Fields.optional("phones", p, 40);
            if (shown == null) continue;
            String e164 = phone("phones", shown);
            if (phones.stream().noneMatch(t -> t.value().equals(e164))) phones.add(new Typed(e164, shown));
        }
        return put("phones", limited("phones", phones));
    }

    public ContactDraft studentNumber(String raw) {
        String v = Fields.optional("studentNumber", raw, 40);
        if (v != null) {
            v = v.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            if (!STUDENT_NUMBER.matcher(v).matches()) throw ApiError.invalid("studentNumber", "studentNumber must be up to 20 letters, digits or dashes").because("student_number", v);
        }
        return put("studentNumber", v);
    }

    public ContactDraft programme(String raw) {
        return put("programme", Fields.optional("programme", raw, TEXT_MAX));
    }

    public ContactDraft graduationYear(Integer year) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            throw ApiError.invalid("graduationYear", "graduationYear must be between " + FIRST_YEAR + " and " + LAST_YEAR).because("graduation_year", FIRST_YEAR, LAST_YEAR);
        }
        return put("graduationYear", year);
    }

    /** The year as a form or a CSV cell holds it. */
    public ContactDraft graduationYear(String raw) {
        String v = Fields.optional("graduationYear", raw, 4);
        if (v != null && !v.matches("\\d{4}")) throw ApiError.invalid("graduationYear", "graduationYear must be a year such as 2027").because("graduation_year", FIRST_YEAR, LAST_YEAR);
        return graduationYear(v == null ? null : Integer.valueOf(v));
    }

    public ContactDraft organisation(String raw) {
        return put("organisation", Fields.optional("organisation", raw, TEXT_MAX));
    }

    public ContactDraft city(String raw) {
        return put("city", Fields.optional("city", raw, TEXT_MAX));
    }

    /** Checked against the country when the draft is written ({@link #postalCode(String, String)}). */
    public ContactDraft postalCode(String raw) {
        return put("postalCode", Fields.optional("postalCode", raw, 12));
    }

    public ContactDraft country(String raw) {
        String v = Fields.optional("country", raw, 2);
        if (v != null) {
            v = v.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(v)) throw ApiError.invalid("country", "country must be an ISO 3166 code of two letters, such as CA or FR").because("country", v);
        }
        return put("country", v);
    }

    public ContactDraft tags(List<String> raw) {
        List<String> tags = new ArrayList<>();
        for (String t : raw) {
            String v = Fields.optional("tags", t, TAG_MAX);
            if (v != null && tags.stream().noneMatch(v::equalsIgnoreCase)) tags.add(v);
        }
        if (tags.size() > MAX_TAGS) throw ApiError.invalid("tags", "at most " + MAX_TAGS + " tags").because("tags", MAX_TAGS);
        return put("tags", List.copyOf(tags));
    }

    /** Custom field values by key, as sent (text, or a number from JSON); null or blank clears one. Checked on write. */
    public ContactDraft fields(Map<String, ?> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (k == null || k.length() > 40) throw ApiError.invalid("fields", "fields has an unknown field");
            values.put(k, v);
        });
        given.put("fields", Collections.unmodifiableMap(values));
        return this;
    }

    // ---------------------------------------------------------------- what was given

    public String name() {
        return (String) given.get("name");
    }

    public String lang() {
        return (String) given.get("lang");
    }

    @SuppressWarnings("unchecked")
    public List<String> kinds() {
        return (List<String>) given.getOrDefault("kinds", List.of());
    }

    @SuppressWarnings("unchecked")
    public List<Typed> emails() {
        return (List<Typed>) given.getOrDefault("emails", List.of());
    }

    @SuppressWarnings("unchecked")
    public List<Typed> phones() {
        return (List<Typed>) given.getOrDefault("phones", List.of());
    }

    public String studentNumber() {
        return (String) given.get("studentNumber");
    }

    public String programme() {
        return (String) given.get("programme");
    }

    public Integer graduationYear() {
        return (Integer) given.get("graduationYear");
    }

    public String organisation() {
        return (String) given.get("organisation");
    }

    public String city() {
        return (String) given.get("city");
    }

    public String postalCode() {
        return (String) given.get("postalCode");
    }

    public String country() {
        return (String) given.get("country");
    }

    @SuppressWarnings("unchecked")
    public List<String> tags() {
        return (List<String>) given.getOrDefault("tags", List.of());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> fields() {
        return (Map<String, Object>) given.getOrDefault("fields", Map.of());
    }

    // ---------------------------------------------------------------- normal forms, also for channels

    /** A plausible email address as typed (trimmed), or null when blank. */
    public static String email(String field, String raw) {
        String v = Fields.optional(field, raw, 254);
        if (v != null && !EMAIL.matcher(v).matches()) throw ApiError.invalid(field, field + " has an email address that is not valid: " + v).because("email", v);
        return v;
    }

    /** A phone number in E.164 (see the class comment), or a refusal naming the field. */
    public static String phone(String field, String raw) {
        String v = raw.strip();
        if (!PHONE_CHARACTERS.matcher(v).matches()) throw ApiError.invalid(field, field + " has a phone number that is not valid: " + v).because("phone", v);
        String digits = v.replaceAll("[^\\d]", "");
        if (v.startsWith("+")) digits = "+" + digits;
        else if (digits.startsWith("00")) digits = "+" + digits.substring(2);
        else if (digits.length() == 11 && digits.startsWith("1")) digits = "+" + digits;
        else if (digits.length() == 10) digits = "+1" + digits;
        else throw ApiError.invalid(field, field + " needs the country code (+33…) unless it is a North American number of 10 digits: " + v).because("phone_country", v);
        boolean northAmerican = digits.startsWith("+1");
        if (!E164.matcher(digits).matches() || (northAmerican && !NANP.matcher(digits.substring(2)).matches())) {
            throw ApiError.invalid(field, field + " has a phone number that is not valid: " + v).because("phone", v);
        }
        return digits;
    }

    /** A number kept in E.164 as people read it: North American ones grouped ("+1 514 555-0177"), others as kept. */
    public static String readablePhone(String phone) {
        if (phone == null || !phone.matches("\\+1\\d{10}")) return phone;
        return "+1 " + phone.substring(2, 5) + " " + phone.substring(5, 8) + "-" + phone.substring(8);
    }

    /** The postal code in its normal form for the country (null: Canada assumed), or a refusal naming postalCode. */
    public static String postalCode(String raw, String country) {
        if (raw == null) return null;
        String v = raw.strip().toUpperCase(Locale.ROOT);
        var canadian = CANADIAN_POSTAL.matcher(v.replace("-", " ").replaceAll("\\s+", " "));
        if (country == null || country.equals("CA")) {
            if (canadian.matches()) return canadian.group(1) + " " + canadian.group(2);
            throw ApiError.invalid("postalCode", "postalCode must be a Canadian postal code such as H2X 1Y4 (or give the country)").because("postal_code_ca", v);
        }
        if (!OTHER_POSTAL.matcher(v).matches()) throw ApiError.invalid("postalCode", "postalCode must be letters, digits, spaces or dashes").because("postal_code", v);
        return v;
    }

    private ContactDraft put(String field, Object value) {
        given.put(field, value);
        return this;
    }

    private static <T> List<T> limited(String field, List<T> values) {
        if (values.size() > MAX_IDENTITIES) throw ApiError.invalid(field, "at most " + MAX_IDENTITIES + " " + field).because("too_many", MAX_IDENTITIES);
        return List.copyOf(values);
    }
}
