package io.guichet.community;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a person types to join, checked at the boundary: each refusal names its field (422), so the form shows it next
 * to the field and keeps everything typed. HTML is kept as text (the pages escape it). {@code website} is the honeypot:
 * a field people never see, which robots fill.
 */
public record MemberForm(String name, String email, String lang, String graduationYear, String programme, String city,
                         String employer, String jobTitle, String linkedin, String skills, List<String> willing,
                         boolean consentAlumni, String shownToMembers, String shownToStaff, String website) {
    public static final int MAX_NAME = 120, MAX_LINE = 120, MAX_SKILL = 40, MAX_SKILLS = 12, MAX_LINKEDIN = 200;
    public static final int FIRST_YEAR = 1950;

    /** The form as checked: year a number in range, skills a list of tags, visibility one of three. */
    public record Checked(String name, String email, String lang, int graduationYear, String programme, String city, String employer,
                          String jobTitle, String linkedin, List<String> skills, List<String> willing, boolean consentAlumni,
                          String shownToMembers, String shownToStaff) {
    }

    public boolean isRobot() {
        return website != null && !website.isBlank();
    }

    public Checked checked(int currentYear) {
        String n = Fields.required("name", name, MAX_NAME);
        String e = Fields.optionalEmail("email", email);
        if (e == null) throw ApiError.invalid("email", "email is required").because("required");
        String l = "en".equals(lang) ? "en" : "fr";
        int year = year(graduationYear, currentYear);
        String programmeName = Fields.required("programme", programme, MAX_LINE);
        return new Checked(n, e, l, year, programmeName, Fields.optional("city", city, MAX_LINE),
                Fields.optional("employer", employer, MAX_LINE), Fields.optional("jobTitle", jobTitle, MAX_LINE), linkedin(linkedin),
                skills(skills), willing(willing), consentAlumni, visibility("shownToMembers", shownToMembers, "profile"),
                visibility("shownToStaff", shownToStaff, "contact"));
    }

    static int year(String typed, int currentYear) {
        String y = Fields.required("graduationYear", typed, 4);
        int year;
        try {
            year = Integer.parseInt(y);
        } catch (NumberFormatException ex) {
            throw ApiError.invalid("graduationYear", "graduationYear is a year such as 2015").because("year_range", FIRST_YEAR, currentYear + 1);
        }
        if (year < FIRST_YEAR || year > currentYear + 1) {
            throw ApiError.invalid("graduationYear", "graduationYear is between " + FIRST_YEAR + " and " + (currentYear + 1))
                    .because("year_range", FIRST_YEAR, currentYear + 1);
        }
        return year;
    }

    /** A LinkedIn profile address, https only, on linkedin.com: no other site, no javascript: address. */
    static String linkedin(String typed) {
        String url = Fields.optional("linkedin", typed, MAX_LINKEDIN);
        if (url == null) return null;
        try {
            URI u = new URI(url);
            String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
            boolean ok = "https".equals(u.getScheme()) && (host.equals("www.linkedin.com") || host.equals("linkedin.com") || host.endsWith(".linkedin.com"))
                    && u.getUserInfo() == null && u.getPort() == -1 && u.getRawPath() != null && u.getRawPath().length() > 1;
            if (ok) return url;
        } catch (URISyntaxException ignored) {
            // refused below
        }
        throw ApiError.invalid("linkedin", "linkedin is a profile address such as https://www.linkedin.com/in/your-name").because("linkedin");
    }

    /** Comma-separated tags, trimmed, the same tag once whatever its case. */
    static List<String> skills(String typed) {
        String all = Fields.optional("skills", typed, MAX_SKILLS * (MAX_SKILL + 2));
        if (all == null) return List.of();
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : all.split("[,;]")) {
            String tag = Fields.optional("skills", part, MAX_SKILL);
            if (tag != null) tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
        }
        if (tags.size() > MAX_SKILLS) throw ApiError.invalid("skills", "at most " + MAX_SKILLS + " skills").because("too_many", MAX_SKILLS);
        return List.copyOf(tags.values());
    }

    static List<String> willing(List<String> typed) {
        List<String> out = new ArrayList<>();
        for (String w : typed == null ? List.<String>of() : typed) {
            if (!Member.WILLING.contains(w)) throw ApiError.invalid("willing", "willing is among " + String.join(", ", Member.WILLING));
            if (!out.contains(w)) out.add(w);
        }
        return out;
    }

    static String visibility(String field, String typed, String otherwise) {
        if (typed == null || typed.isBlank()) return otherwise;
        if (!Member.VISIBILITY.contains(typed)) throw ApiError.invalid(field, field + " is name, profile or contact");
        return typed;
    }
}
