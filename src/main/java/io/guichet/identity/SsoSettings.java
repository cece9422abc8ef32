package io.guichet.identity;

import io.guichet.platform.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How staff sign in, read once from the settings (see docs/deploy.md): the OpenID Connect providers
 * ({@code GUICHET_OIDC_PROVIDERS=entra,google} and {@code GUICHET_OIDC_<ID>_ISSUER}, {@code _CLIENT_ID},
 * {@code _CLIENT_SECRET}, {@code _LABEL}, {@code _GROUPS_CLAIM}), a CAS server ({@code GUICHET_CAS_URL},
 * {@code GUICHET_CAS_LABEL}), the provisioning rules, whether local passwords still work
 * ({@code GUICHET_LOCAL_LOGIN=off} leaves only the break-glass administrator), how long an account not seen at
 * its provider keeps access, and who a refused person should ask.
 */
public record SsoSettings(List<Oidc> oidc, Cas cas, Rules rules, boolean localLogin, String breakGlassEmail,
                          int deprovisionDays, String publicUrl, String contact) {
    /** One OpenID Connect provider, found by discovery from its issuer. */
    public record Oidc(String id, String label, String issuer, String clientId, String clientSecret, String groupsClaim) {
    }

    /** A CAS 3.0 server: its base address, such as {@code https://cas.univ.ca/cas}. */
    public record Cas(String url, String label) {
    }

    /**
     * Who may have an account: an email in one of {@code domains} (any when empty) and, when {@code roles} maps
     * groups, a member of one of them (the highest role wins), else everyone allowed gets {@code defaultRole}.
     * {@code services} maps groups to service slugs.
     */
    public record Rules(List<String> domains, Map<String, Role> roles, Map<String, String> services, Role defaultRole) {
    }

    public static final String CAS_ID = "cas";

    public boolean any() {
        return !oidc.isEmpty() || cas != null;
    }

    public Oidc provider(String id) {
        return oidc.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    public static SsoSettings from(Config config) {
        Config.Settings s = config.settings();
        List<Oidc> providers = new ArrayList<>();
        for (String id : list(s.text("GUICHET_OIDC_PROVIDERS", ""))) {
            String p = "GUICHET_OIDC_" + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            if (!id.matches("[a-z0-9-]{1,30}") || id.equals(CAS_ID)) {
                throw new Config.InvalidSetting("GUICHET_OIDC_PROVIDERS", id, "short lower-case names such as entra,google (not cas)");
            }
            providers.add(new Oidc(id, s.text(p + "LABEL", id), required(s, p + "ISSUER"), required(s, p + "CLIENT_ID"),
                    required(s, p + "CLIENT_SECRET"), s.text(p + "GROUPS_CLAIM", "groups")));
        }
        String casUrl = s.text("GUICHET_CAS_URL", "");
        Cas cas = casUrl.isBlank() ? null : new Cas(casUrl.replaceAll("/+$", ""), s.text("GUICHET_CAS_LABEL", "CAS"));
        Map<String, Role> roles = new LinkedHashMap<>();
        pairs(s, "GUICHET_SSO_ROLES").forEach((group, role) -> roles.put(group, role(role, "GUICHET_SSO_ROLES")));
        String defaultRole = s.text("GUICHET_SSO_DEFAULT_ROLE", roles.isEmpty() ? "agent" : "");
        Rules rules = new Rules(list(s.text("GUICHET_SSO_EMAIL_DOMAINS", "").toLowerCase(Locale.ROOT)), roles,
                pairs(s, "GUICHET_SSO_SERVICES"), defaultRole.isBlank() ? null : role(defaultRole, "GUICHET_SSO_DEFAULT_ROLE"));
        String local = s.text("GUICHET_LOCAL_LOGIN", "on");
        if (!local.equals("on") && !local.equals("off")) throw new Config.InvalidSetting("GUICHET_LOCAL_LOGIN", local, "on or off");
        String publicUrl = s.text("GUICHET_PUBLIC_URL", "").replaceAll("/+$", "");
        return new SsoSettings(List.copyOf(providers), cas, rules, local.equals("on"),
                s.text("GUICHET_BREAK_GLASS_EMAIL", config.adminEmail() == null ? "" : config.adminEmail()).toLowerCase(Locale.ROOT),
                s.integer("GUICHET_SSO_DEPROVISION_DAYS", 30, 0, 3650), publicUrl, s.text("GUICHET_SSO_CONTACT", ""));
    }

    private static String required(Config.Settings s, String key) {
        String v = s.text(key, "");
        if (v.isBlank()) throw new Config.InvalidSetting(key, "", "a value (the provider is listed in GUICHET_OIDC_PROVIDERS)");
        return v;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** {@code group=value;group=value} (a group's name may hold commas, as LDAP names do, so pairs part on ';'). */
    private static Map<String, String> pairs(Config.Settings s, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : s.text(key, "").split(";")) {
            if (pair.isBlank()) continue;
            int eq = pair.lastIndexOf('=');
            if (eq <= 0) throw new Config.InvalidSetting(key, pair, "group=value pairs separated by ;");
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    private static Role role(String code, String key) {
        try {
            return Role.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new Config.InvalidSetting(key, code, "admin, supervisor or agent");
        }
    }
}
