package io.guichet.identity;

import java.util.List;

/**
 * What an API token may do. Each integration endpoint names the one scope it accepts (through
 * {@link Authenticated#viewer(io.javalin.http.Context, Scope)} or {@link Authenticated#client}); a token
 * opens nothing else. A later module adds its scope here.
 */
public enum Scope {
    CONTACTS_READ("contacts:read"),
    CONTACTS_WRITE("contacts:write"),
    JOURNEYS_WRITE("journeys:write"),
    DESK_CALLS("desk:calls"),
    DESK_SITTINGS("desk:sittings"),
    WEBINARS_READ("webinars:read");

    private final String code;

    Scope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static java.util.Optional<Scope> of(String code) {
        for (Scope s : values()) if (s.code.equals(code)) return java.util.Optional.of(s);
        return java.util.Optional.empty();
    }

    public static List<String> codes() {
        return java.util.Arrays.stream(values()).map(Scope::code).toList();
    }
}
