package io.guichet.webinars;

import io.guichet.platform.web.Messages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a visitor narrows the public programme to: a theme (a fair's track), a language, an audience. A null or blank
 * choice keeps every session; a choice no session has keeps none (the page says so), never an error.
 */
public record ProgrammeFilter(String theme, String lang, String audience) {
    public static final ProgrammeFilter ALL = new ProgrammeFilter(null, null, null);

    public ProgrammeFilter {
        theme = blankToNull(theme);
        lang = blankToNull(lang);
        audience = blankToNull(audience);
    }

    public boolean matches(WebinarSession s) {
        return (theme == null || theme.equals(s.track())) && (lang == null || lang.equals(s.lang()))
                && (audience == null || s.audiences().contains(audience));
    }

    public List<WebinarSession> of(Collection<WebinarSession> sessions) {
        return sessions.stream().filter(this::matches).toList();
    }

    public boolean isEmpty() {
        return theme == null && lang == null && audience == null;
    }

    /** The themes the sessions have, in the reader's alphabetical order (accents sorted as a reader expects). */
    public static List<String> themes(Collection<WebinarSession> sessions, String reader) {
        return sorted(sessions.stream().map(WebinarSession::track).filter(Objects::nonNull), reader);
    }

    public static List<String> audiences(Collection<WebinarSession> sessions, String reader) {
        return sorted(sessions.stream().flatMap(s -> s.audiences().stream()), reader);
    }

    private static List<String> sorted(Stream<String> values, String reader) {
        return new ArrayList<>(values.collect(Collectors.toCollection(() -> new TreeSet<>(Messages.collator(reader)))));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
