package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.inbox.AgentSettings;
import io.guichet.identity.Access;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.StaffFaculties;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceQueue;
import io.guichet.inbox.web.ConsoleViews.ClosureRow;
import io.guichet.inbox.web.ConsoleViews.DayHours;
import io.guichet.inbox.web.ConsoleViews.Option;
import io.guichet.inbox.web.ConsoleViews.ServiceForm;
import io.guichet.inbox.web.ConsoleViews.ServicesPage;
import io.guichet.inbox.web.ConsoleViews.StaffForm;
import io.guichet.inbox.web.ConsoleViews.StaffPage;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Administration screens: services with their opening hours, and staff accounts. Admins only. */
final class AdminRoutes {
    private static final FormErrors SERVICE_ERRORS = new FormErrors("admin-service",
            Set.of("slug", "nameFr", "nameEn", "languages", "hours"), Map.of("slug_taken", "slug"));
    /** The snippet's Copy button and the live preview, loaded when opened. */
    private static final StaffShell.Assets SERVICES_ASSETS = new StaffShell.Assets(List.of(), List.of("/static/inbox/admin-services.js"));
    private static final FormErrors CLOSURE_ERRORS = new FormErrors("admin-closure", Set.of("day", "label"), Map.of());
    private static final FormErrors STAFF_ERRORS = new FormErrors("admin-staff",
            Set.of("email", "name", "password", "role", "lang", "maxConcurrent", "services", "faculty"),
            Map.of("email_taken", "email", "self_demotion", "role", "unknown_service", "services"));

    private final ServiceCatalogue services;
    private final AgentService agents;
    private final IdentityService identity;
    private final StaffFaculties faculties;
    private final WebKernel web;
    private final ConsoleRoutes console;
    private final Times times;

    AdminRoutes(ServiceCatalogue services, AgentService agents, IdentityService identity, StaffFaculties faculties, WebKernel web, Times times,
                ConsoleRoutes console) {
        this.faculties = faculties;
        this.services = services;
        this.times = times;
        this.agents = agents;
        this.identity = identity;
        this.web = web;
        this.console = console;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/admin", ctx -> {
            admin(ctx);
            ctx.redirect("/admin/services");
        });
        r.get("/admin/services", ctx -> servicesPage(ctx, admin(ctx), null, null, null));
        r.post("/admin/services", this::createService);
        r.post("/admin/services/{id}", this::updateService);
        r.post("/admin/services/{id}/closures", this::addClosure);
        r.post("/admin/services/{id}/closures/{day}/delete", this::removeClosure);
        r.get("/admin/staff", ctx -> staffPage(ctx, admin(ctx), null, null, null));
        r.post("/admin/staff", this::createStaff);
        r.post("/admin/staff/{id}", this::updateStaff);
    }

    private static Staff admin(Context ctx) {
        return Access.requireAdmin(Authenticated.forPage(ctx));
    }

    // ---------------------------------------------------------------- services

    private void servicesPage(Context ctx, Staff me, ServiceForm create, ServiceForm failed, String notice) {
        Localizer t = web.localizer(ctx);
        String origin = WebKernel.origin(ctx);
        List<ServiceForm> rows = new ArrayList<>();
        for (ServiceQueue s : byName(services.findAll(), t)) {
            // After a closure is added or removed, its card stays open where the administrator was working.
            boolean open = Long.toString(s.id()).equals(ctx.queryParam("open"));
            rows.add(failed != null && failed.id() == s.id() ? failed : serviceForm(s, t, origin, Map.of(), open));
        }
        if (create == null) create = new ServiceForm(0, "", "", "", true, true, true, List.of(), Map.of(), false, "", false, List.of(), "", "");
        if (notice == null && ctx.queryParam("saved") != null) notice = t.t("admin.saved");
        // An active service no one works in leaves its visitors waiting: the administrator is told which.
        Map<Long, Integer> members = agents.findMembersPerService();
        List<String> unstaffed = byName(services.findActive(), t).stream().filter(s -> members.getOrDefault(s.id(), 0) == 0)
                .map(s -> s.name(t.lang())).toList();
        web.renderTo(ctx, "inbox/admin-services.jte", Map.of("v", new ServicesPage(console.adminShell(ctx, "services", SERVICES_ASSETS),
                console.presence(ctx, me), rows, create, notice, unstaffed, services.today().toString())));
    }

    /** Services by their name in the reader's language, as a French reader sorts (Élodie before François, Ève among the E's). */
    private static List<ServiceQueue> byName(List<ServiceQueue> list, Localizer t) {
        return list.stream().sorted(java.util.Comparator.comparing((ServiceQueue s) -> s.name(t.lang()), t.collator())).toList();
    }

    /** A service's card as stored, with the days' hours of {@code days} when given (a refused form keeps what was typed). */
    private ServiceForm serviceForm(ServiceQueue s, Localizer t, String origin, Map<String, String> errors, boolean expanded) {
        List<DayHours> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            int day = d;
            OpeningHours o = s.hours().stream().filter(h -> h.weekday() == day).findFirst().orElse(null);
            days.add(new DayHours(d, dayName(d, t), o != null, o == null ? "08:30" : o.opens().toString(),
                    o == null ? "16:30" : o.closes().toString()));
        }
        return new ServiceForm(s.id(), s.slug(), s.nameFr(), s.nameEn(), s.languages().contains("fr"),
                s.languages().contains("en"), s.active(), days, errors, expanded, hoursSummary(s.hours(), t), services.isOpenNow(s),
                s.closures().stream().filter(c -> !c.day().isBefore(services.today()))
                        .map(c -> new ClosureRow(c.day().toString(), times.date(c.day(), t), c.label())).toList(),
                snippet(origin, s.slug()), s.name(t.lang()));
    }

    /** What a host page pastes to show this service's chat bubble. */
    static String snippet(String origin, String slug) {
        return "<script src=\"" + origin + "/widget.js\" data-service=\"" + slug + "\" async></script>";
    }

    /**
     * The week at a glance: days in a row with the same hours together ("lun.–ven. 8 h 30–16 h 30 · sam. 10 h–14 h"),
     * "always open" with no hours at all.
     */
    static String hoursSummary(List<OpeningHours> hours, Localizer t) {
        if (hours.isEmpty()) return t.t("admin.services.alwaysOpen");
        List<String> parts = new ArrayList<>();
        int d = 1;
        while (d <= 7) {
            String span = daySpan(hours, d, t);
            if (span.isEmpty()) {
                d++;
                continue;
            }
            int last = d;
            while (last < 7 && daySpan(hours, last + 1, t).equals(span)) last++;
            String days = shortDay(d, t) + (last > d ? "–" + shortDay(last, t) : "");
            parts.add(days + " " + span);
            d = last + 1;
        }
        return String.join(" · ", parts);
    }

    /** A day's opening periods, "8 h 30–12 h, 13 h–16 h 30", or "" when it is closed. */
    private static String daySpan(List<OpeningHours> hours, int weekday, Localizer t) {
        return String.join(", ", hours.stream().filter(o -> o.weekday() == weekday)
                .map(o -> Times.clock(o.opens(), t) + "–" + Times.clock(o.closes(), t)).toList());
    }

    private static String shortDay(int d, Localizer t) {
        return DayOfWeek.of(d).getDisplayName(TextStyle.SHORT, t.locale());
    }

    private static String dayName(int d, Localizer t) {
        String n = DayOfWeek.of(d).getDisplayName(TextStyle.FULL, t.locale());
        return n.substring(0, 1).toUpperCase(t.locale()) + n.substring(1);
    }

    private void createService(Context ctx) {
        Staff me = admin(ctx);
        Localizer t = web.localizer(ctx);
        List<String> langs = ctx.formParams("languages");
        try {
            if (langs.isEmpty()) throw ApiError.invalid("languages", "Choose at least one language");
            services.doCreateService(me, ctx.formParam("slug"), ctx.formParam("nameFr"), ctx.formParam("nameEn"), langs);
            ctx.redirect("/admin/services?saved=1");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            ctx.status(422);
            servicesPage(ctx, me, new ServiceForm(0, nz(ctx.formParam("slug")), nz(ctx.formParam("nameFr")),
                    nz(ctx.formParam("nameEn")), langs.contains("fr"), langs.contains("en"), true, List.of(),
                    SERVICE_ERRORS.all(e, t), true, "", false, List.of(), "", ""), null, null);
        }
    }

    private void updateService(Context ctx) {
        Staff me = admin(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Service");
        ServiceQueue existing = services.findById(id);
        List<String> langs = ctx.formParams("languages");
        boolean active = ConsoleRoutes.isTrue(ctx.formParam("active"));
        List<DayHours> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            days.add(new DayHours(d, dayName(d, t), ConsoleRoutes.isTrue(ctx.formParam("open_" + d)),
                    nz(ctx.formParam("opens_" + d)), nz(ctx.formParam("closes_" + d))));
        }
        try {
            // A time that does not read is its row's error, told with the others the catalogue finds.
            Checks unreadable = new Checks();
            if (langs.isEmpty()) unreadable.refuse(ApiError.invalid("languages", "Choose at least one language"));
            List<OpeningHours> hours = new ArrayList<>();
            for (DayHours d : days) {
                if (!d.open()) continue;
                try {
                    hours.add(new OpeningHours(d.weekday(), LocalTime.parse(d.opens()), LocalTime.parse(d.closes())));
                } catch (DateTimeParseException e) {
                    unreadable.refuse(ApiError.invalid("hours." + d.weekday(), "Invalid time"));
                }
            }
            try {
                services.doUpdateService(me, id, ctx.formParam("nameFr"), ctx.formParam("nameEn"), langs, active, hours);
            } catch (ApiError e) {
                if (e.status() == 403) throw e;
                e.all().forEach(unreadable::refuse);
            }
            unreadable.done();
            ctx.redirect("/admin/services?saved=1#service-" + id);
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            ctx.status(422);
            ServiceForm stored = serviceForm(existing, t, WebKernel.origin(ctx), SERVICE_ERRORS.all(e, t), true);
            servicesPage(ctx, me, null, new ServiceForm(id, existing.slug(), nz(ctx.formParam("nameFr")),
                    nz(ctx.formParam("nameEn")), langs.contains("fr"), langs.contains("en"), active, days,
                    stored.errors(), true, stored.hoursSummary(), stored.openNow(), stored.closures(), stored.snippet(), stored.title()), null);
        }
    }

    private void addClosure(Context ctx) {
        Staff me = admin(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Service");
        try {
            services.doAddClosure(me, id, date(ctx.formParam("day")), ctx.formParam("label"));
            ctx.redirect("/admin/services?saved=1&open=" + id + "#service-" + id);
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 404) throw e;
            ctx.status(422);
            servicesPage(ctx, me, null, serviceForm(services.findById(id), t, WebKernel.origin(ctx), CLOSURE_ERRORS.all(e, t), true), null);
        }
    }

    private void removeClosure(Context ctx) {
        Staff me = admin(ctx);
        long id = Ids.path(ctx, "id", "Service");
        LocalDate day = date(ctx.pathParam("day"));
        services.doRemoveClosure(me, id, day);
        ctx.redirect("/admin/services?saved=1&open=" + id + "#service-" + id);
    }

    /** A date field's value (yyyy-mm-dd, what date inputs send); blank is null, anything else 422 naming {@code day}. */
    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("day", "day must be a date as yyyy-mm-dd");
        }
    }

    // ---------------------------------------------------------------- staff

    private void staffPage(Context ctx, Staff me, StaffForm create, StaffForm failed, String notice) {
        Localizer t = web.localizer(ctx);
        List<StaffForm> rows = new ArrayList<>();
        for (Staff s : identity.accessAllStaff(me)) { // sorted by name as a French reader sorts them
            if (failed != null && failed.id() == s.id()) {
                rows.add(failed);
                continue;
            }
            AgentSettings a = agents.findAgent(s.id());
            List<String> slugs = a.serviceIds().stream().map(id -> services.findById(id).slug()).toList();
            rows.add(new StaffForm(s.id(), s.email(), s.name(), s.role().code(), s.lang(), s.active(), slugs, a.maxConcurrent(),
                    presence(a, t), a.openCount() + " / " + a.maxConcurrent(), Map.of(), false, s.privacyOfficer(),
                    faculties.findFacultyOf(s.id()).orElse("")));
        }
        if (create == null) create = new StaffForm(0, "", "", "agent", t.lang(), true, List.of(), 5, "", "", Map.of(), false, false, "");
        if (notice == null && ctx.queryParam("saved") != null) notice = t.t("admin.saved");
        if (notice == null && ctx.queryParam("resetSent") != null) notice = t.t("reset.sent"); // identity's mailed reset link
        List<Option> serviceOptions = byName(services.findActive(), t).stream()
                .map(s -> new Option(s.slug(), s.name(t.lang()))).toList();
        List<Option> facultyOptions = faculties.findChoices().stream().map(f -> new Option(f.code(), f.name())).toList();
        web.renderTo(ctx, "inbox/admin-staff.jte", Map.of("v",
                new StaffPage(console.adminShell(ctx, "staff"), console.presence(ctx, me), rows, create, serviceOptions, facultyOptions, notice)));
    }

    private static String presence(AgentSettings a, Localizer t) {
        if (a.available()) return t.t("console.presence.available");
        if (a.wantsAvailable()) return t.t("admin.staff.offline");
        return t.t("console.presence.away");
    }

    /** The chosen role, or null for the account's checks to refuse with the other fields. */
    private static Role role(String code) {
        try {
            return Role.fromCode(code == null ? "" : code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A faculty account's faculty, checked before the account is written: one of the offered codes; null for other roles. */
    private String faculty(Role role, String code) {
        if (role != Role.FACULTY) return null;
        if (code == null || code.isBlank()) throw ApiError.invalid("faculty", "a faculty account needs its faculty");
        if (faculties.findChoices().stream().noneMatch(f -> f.code().equals(code))) throw ApiError.invalid("faculty", "faculty names no faculty");
        return code;
    }

    /** The capacity typed, or 0 (out of range) for the checks to refuse. */
    private static int max(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void createStaff(Context ctx) {
        Staff me = admin(ctx);
        Localizer t = web.localizer(ctx);
        List<String> chosen = ctx.formParams("services");
        try {
            // The account's language: what its mail and its console speak, whatever the browser says.
            String lang = ctx.formParam("lang") == null ? t.lang() : ctx.formParam("lang");
            Role role = role(ctx.formParam("role"));
            String faculty = faculty(role, ctx.formParam("faculty"));
            long id = agents.doCreateStaffMember(me, new IdentityService.NewStaff(ctx.formParam("email"), ctx.formParam("name"),
                    ctx.formParam("password"), role, lang), new AgentService.Assignment(chosen, max(ctx.formParam("max"))));
            if (faculty != null) faculties.doSetFaculty(me, id, faculty);
            ctx.redirect("/admin/staff?saved=1");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            Map<String, String> errors = STAFF_ERRORS.all(e, t);
            ctx.status(422);
            staffPage(ctx, me, new StaffForm(0, nz(ctx.formParam("email")), nz(ctx.formParam("name")),
                    nz(ctx.formParam("role")), nz(ctx.formParam("lang")), true, chosen, (int) Ids.orZero(ctx.formParam("max")),
                    "", "", errors, true, false, nz(ctx.formParam("faculty"))), null, null);
        }
    }

    private void updateStaff(Context ctx) {
        Staff me = admin(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Staff member");
        Staff existing = identity.accessStaff(me, id);
        List<String> chosen = ctx.formParams("services");
        boolean active = ConsoleRoutes.isTrue(ctx.formParam("active"));
        try {
            Role role = role(ctx.formParam("role"));
            String faculty = faculty(role, ctx.formParam("faculty"));
            agents.doUpdateStaffMember(me, id, ctx.formParam("name"), role, ctx.formParam("lang"), active,
                    new AgentService.Assignment(chosen, max(ctx.formParam("max"))));
            if (faculty != null) faculties.doSetFaculty(me, id, faculty);
            ctx.redirect("/admin/staff?saved=1#staff-" + id);
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 404) throw e;
            Map<String, String> errors = STAFF_ERRORS.all(e, t);
            AgentSettings a = agents.findAgent(id);
            ctx.status(422);
            staffPage(ctx, me, null, new StaffForm(id, existing.email(), nz(ctx.formParam("name")),
                    nz(ctx.formParam("role")), nz(ctx.formParam("lang")), active, chosen, (int) Ids.orZero(ctx.formParam("max")),
                    presence(a, t), a.openCount() + " / " + a.maxConcurrent(), errors, true, existing.privacyOfficer(), nz(ctx.formParam("faculty"))), null);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
