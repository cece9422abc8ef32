package io.guichet.identity.internal;

import io.guichet.identity.Role;
import io.guichet.identity.SsoSettings;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Whether a person the provider vouches for may have an account, with which role and services: the rules, and nothing else. */
public final class Provisioning {
    /** What the rules grant. */
    public record Grant(Role role, List<String> serviceSlugs) {
    }

    public static Optional<Grant> decide(SsoSettings.Rules rules, String email, Collection<String> groups) {
        if (email == null || !email.contains("@")) return Optional.empty();
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!rules.domains().isEmpty() && !rules.domains().contains(domain)) return Optional.empty();
        Role role = rules.roles().entrySet().stream().filter(e -> groups.contains(e.getKey())).map(java.util.Map.Entry::getValue)
                .min(java.util.Comparator.naturalOrder()) // ADMIN first: the highest role of the person's groups
                .orElse(rules.defaultRole());
        if (role == null) return Optional.empty();
        List<String> services = rules.services().entrySet().stream().filter(e -> groups.contains(e.getKey()))
                .map(java.util.Map.Entry::getValue).distinct().sorted().toList();
        return Optional.of(new Grant(role, services));
    }

    private Provisioning() {
    }
}
