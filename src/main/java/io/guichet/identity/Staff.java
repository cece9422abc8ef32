package io.guichet.identity;

/** A staff account as the rest of Guichet sees it (never with its password hash). */
public record Staff(long id, String email, String name, Role role, String lang, boolean active) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isSupervisor() {
        return role.atLeast(Role.SUPERVISOR);
    }
}
