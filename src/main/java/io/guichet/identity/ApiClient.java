package io.guichet.identity;

import java.util.Set;

/** The integration behind a request made with an API token: which token, its name and what it may do. */
public record ApiClient(long tokenId, String name, Set<Scope> scopes) {
    public ApiClient {
        scopes = Set.copyOf(scopes);
    }

    /**
     * Who the token acts as inside the modules' own rules, once {@link Access#requireScope} has let it through:
     * an actor with no account (id 0, like {@link Staff#SYSTEM}) and a supervisor's reach, named after the token
     * so what it writes shows who did it. Its scope, checked first, is what limits it.
     */
    public Staff actor() {
        return new Staff(0, "api-token-" + tokenId + "@guichet.invalid", name, Role.SUPERVISOR, "fr", true);
    }
}
