package io.guichet.identity;

/** A staff account as the rest of Guichet sees it (never with its password hash). */
public record Staff(long id, String email, String name, Role role, String lang, boolean active, boolean privacyOfficer) {
    /** Most accounts: not the privacy officer (Loi 25's person in charge, a flag an administrator sets beside the role). */
    public Staff(long id, String email, String name, Role role, String lang, boolean active) {
        this(id, email, name, role, lang, active, false);
    }

    /**
     * The actor of seeding and background jobs: they act through the same {@code do*} methods as a
     * person, with administrator rights and id 0 (no account; its writes show as "Guichet").
     */
    public static final Staff SYSTEM = new Staff(0, "system@guichet.invalid", "Guichet", Role.ADMIN, "fr", true);

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isSupervisor() {
        return role.atLeast(Role.SUPERVISOR);
    }
}
