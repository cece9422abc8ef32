package io.guichet.identity;

import java.util.List;

/** Who a provider says signed in: its stable subject, the email and name it gives, the groups it lists. */
public record ExternalIdentity(String provider, String subject, String email, String name, List<String> groups) {
    public ExternalIdentity {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
