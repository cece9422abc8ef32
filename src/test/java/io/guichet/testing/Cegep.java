package io.guichet.testing;

import java.util.List;

/**
 * "The cégep": the services and people most tests need, created on a node through the public API as
 * its administrator (so through the same {@code do*} methods as the screens), with accents so that
 * encoding bugs show. Pick what a test needs:
 * <pre>{@code Cegep cegep = Cegep.on(node).capacity(3).withServices().withAgents().withSupervisor();}</pre>
 * Each {@code with*} creates at once; {@link #capacity} applies to the staff created after it.
 */
public final class Cegep {
    public static final String PASSWORD = "un-mot-de-passe-long";
    public static final String ADMISSIONS = "admissions";
    public static final String AIDE_FINANCIERE = "aide-financiere";
    public static final String SOUTIEN_INFORMATIQUE = "soutien-informatique";

    /** The staff of the cégep, with their email, name and the one service they work in (null: none). */
    public enum Persona {
        ELODIE("elodie@cegep-test.qc.ca", "Élodie Tremblay", "agent", ADMISSIONS),
        NOEMIE("noemie@cegep-test.qc.ca", "Noémie Côté", "agent", SOUTIEN_INFORMATIQUE),
        FRANCOIS("francois@cegep-test.qc.ca", "François Gagnon", "agent", AIDE_FINANCIERE),
        JEROME("jerome@cegep-test.qc.ca", "Jérôme Bélanger", "supervisor", null);

        public final String email;
        public final String fullName;
        public final String role;
        public final String service;

        Persona(String email, String fullName, String role, String service) {
            this.email = email;
            this.fullName = fullName;
            this.role = role;
            this.service = service;
        }
    }

    public static final String ZOE_NAME = "Zoé Lévesque";

    public final TestNode node;   // null when built over a bare Api
    public final Api api;
    public final String admin;
    /** API tokens (null until created). */
    public String élodie, noémie, françois, jérôme;
    /** Zoé's visitor session token (null until {@link #withVisitor}). */
    public String zoé;
    private int capacity = 10;

    private Cegep(TestNode node, Api api) {
        this.node = node;
        this.api = api;
        this.admin = api.adminToken();
    }

    public static Cegep on(TestNode node) {
        return new Cegep(node, node.api());
    }

    /** Over a server not started by {@link TestNode}. */
    public static Cegep over(Api api) {
        return new Cegep(null, api);
    }

    /** A fresh node over a fresh database, with everything. */
    public static Cegep start() {
        return on(TestNode.start(TestDatabases.fresh())).withServices().withAgents().withSupervisor().withVisitor();
    }

    /** How many conversations at once the staff created after this take (10 unless told). */
    public Cegep capacity(int maxConcurrent) {
        this.capacity = maxConcurrent;
        return this;
    }

    /** Admissions, Aide financière, Soutien informatique. */
    public Cegep withServices() {
        return withServices(ADMISSIONS, AIDE_FINANCIERE, SOUTIEN_INFORMATIQUE);
    }

    public Cegep withServices(String... slugs) {
        for (String slug : slugs) {
            api.createService(admin, slug, switch (slug) {
                case ADMISSIONS -> "Admissions";
                case AIDE_FINANCIERE -> "Aide financière";
                case SOUTIEN_INFORMATIQUE -> "Soutien informatique";
                default -> throw new IllegalArgumentException("not a service of the cégep: " + slug);
            });
        }
        return this;
    }

    /** Élodie (admissions), Noémie (soutien informatique) and François (aide financière), or only those named. */
    public Cegep withAgents(Persona... only) {
        for (Persona p : only.length == 0 ? List.of(Persona.ELODIE, Persona.NOEMIE, Persona.FRANCOIS) : List.of(only)) create(p);
        return this;
    }

    /** Jérôme, supervisor of every service. */
    public Cegep withSupervisor() {
        create(Persona.JEROME);
        return this;
    }

    /** Zoé, a visitor with a session. */
    public Cegep withVisitor() {
        zoé = api.visitor(ZOE_NAME);
        return this;
    }

    public String token(Persona p) {
        return switch (p) {
            case ELODIE -> élodie;
            case NOEMIE -> noémie;
            case FRANCOIS -> françois;
            case JEROME -> jérôme;
        };
    }

    private void create(Persona p) {
        String token = p.service == null ? api.createStaff(admin, p.email, p.fullName, p.role, capacity)
                : api.createStaff(admin, p.email, p.fullName, p.role, capacity, p.service);
        switch (p) {
            case ELODIE -> élodie = token;
            case NOEMIE -> noémie = token;
            case FRANCOIS -> françois = token;
            case JEROME -> jérôme = token;
        }
    }
}
