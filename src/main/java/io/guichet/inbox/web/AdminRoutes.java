package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.inbox.AgentSettings;
import io.guichet.identity.Access;
import io.guichet.inbox.AgentService;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceQueue;
import io.guichet.inbox.web.ConsoleViews.DayHours;
import io.guichet.inbox.web.ConsoleViews.Option;
import io.guichet.inbox.web.ConsoleViews.ServiceForm;
import io.guichet.inbox.web.ConsoleViews.ServicesPage;
import io.guichet.inbox.web.ConsoleViews.StaffForm;
import io.guichet.inbox.web.ConsoleViews.StaffPage;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.DayOfWeek;
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
    private static final FormErrors STAFF_ERRORS = new FormErrors("admin-staff",
            Set.of("email", "name", "password", "role", "maxConcurrent", "services"),
            Map.of("email_taken", "email", "self_demotion", "role", "unknown_service", "services"));

    private final ServiceCatalogue services;
    private final AgentService agents;
    private final IdentityService identity;
    private final WebKernel web;
    private final ConsoleRoutes console;

    AdminRoutes(ServiceCatalogue services, AgentService agents, IdentityService identity, WebKernel web, ConsoleRoutes console) {
        this.services = services;
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
        List<ServiceForm> rows = new ArrayList<>();
        for (ServiceQueue s : services.findAll()) {
            rows.add(failed != null && failed.id() == s.id() ? failed : serviceForm(s, t));
        }
        if (create == null) create = new ServiceForm(0, "", "", "", true, true, true, List.of(), null, null, false);
        if (notice == null && ctx.queryParam("saved") != null) notice = t.t("admin.saved");
        web.renderTo(ctx, "inbox/admin-services.jte", Map.of("v",
                new ServicesPage(console.adminShell(ctx, "services"), console.presence(ctx, me), rows, create, notice)));
    }

    private ServiceForm serviceForm(ServiceQueue s, Localizer t) {
        List<DayHours> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            int day = d;
            OpeningHours o = s.hours().stream().filter(h -> h.weekday() == day).findFirst().orElse(null);
            days.add(new DayHours(d, dayName(d, t), o != null, o == null ? "08:30" : o.opens().toString(),
                    o == null ? "16:30" : o.closes().toString()));
        }
        return new ServiceForm(s.id(), s.slug(), s.nameFr(), s.nameEn(), s.languages().contains("fr"),
                s.languages().contains("en"), s.active(), days, null, null, false);
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
            FormErrors.Shown error = SERVICE_ERRORS.of(e, t);
            ctx.status(422);
            servicesPage(ctx, me, new ServiceForm(0, nz(ctx.formParam("slug")), nz(ctx.formParam("nameFr")),
                    nz(ctx.formParam("nameEn")), langs.contains("fr"), langs.contains("en"), true, List.of(),
                    error.field(), error.message(), true), null, null);
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
            if (langs.isEmpty()) throw ApiError.invalid("languages", "Choose at least one language");
            List<OpeningHours> hours = new ArrayList<>();
            for (DayHours d : days) {
                if (!d.open()) continue;
                try {
                    hours.add(new OpeningHours(d.weekday(), LocalTime.parse(d.opens()), LocalTime.parse(d.closes())));
                } catch (DateTimeParseException e) {
                    throw ApiError.invalid("hours", "Invalid time");
                }
            }
            services.doUpdateService(me, id, ctx.formParam("nameFr"), ctx.formParam("nameEn"), langs, active, hours);
            ctx.redirect("/admin/services?saved=1#service-" + id);
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            FormErrors.Shown error = SERVICE_ERRORS.of(e, t);
            ctx.status(422);
            servicesPage(ctx, me, null, new ServiceForm(id, existing.slug(), nz(ctx.formParam("nameFr")),
                    nz(ctx.formParam("nameEn")), langs.contains("fr"), langs.contains("en"), active, days,
                    error.field(), error.message(), true), null);
        }
    }

    // ---------------------------------------------------------------- staff

    private void staffPage(Context ctx, Staff me, StaffForm create, StaffForm failed, String notice) {
        Localizer t = web.localizer(ctx);
        List<StaffForm> rows = new ArrayList<>();
        for (Staff s : identity.accessAllStaff(me)) {
            if (failed != null && failed.id() == s.id()) {
                rows.add(failed);
                continue;
            }
            AgentSettings a = agents.findAgent(s.id());
            List<String> slugs = a.serviceIds().stream().map(id -> services.findById(id).slug()).toList();
            rows.add(new StaffForm(s.id(), s.email(), s.name(), s.role().code(), s.active(), slugs, a.maxConcurrent(),
                    presence(a, t), a.openCount() + " / " + a.maxConcurrent(), null, null, false));
        }
        if (create == null) create = new StaffForm(0, "", "", "agent", true, List.of(), 5, "", "", null, null, false);
        if (notice == null && ctx.queryParam("saved") != null) notice = t.t("admin.saved");
        List<Option> serviceOptions = services.findActive().stream()
                .map(s -> new Option(s.slug(), s.name(t.lang()))).toList();
        web.renderTo(ctx, "inbox/admin-staff.jte", Map.of("v",
                new StaffPage(console.adminShell(ctx, "staff"), console.presence(ctx, me), rows, create, serviceOptions, notice)));
    }

    private static String presence(AgentSettings a, Localizer t) {
        if (a.available()) return t.t("console.presence.available");
        if (a.wantsAvailable()) return t.t("admin.staff.offline");
        return t.t("console.presence.away");
    }

    private static Role role(String code) {
        try {
            return Role.fromCode(code == null ? "" : code);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("role", "role must be admin, supervisor or agent");
        }
    }

    private static int max(String value) {
        int max;
        try {
            max = Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("maxConcurrent", "maxConcurrent must be from 1 to 100");
        }
        return max;
    }

    private void createStaff(Context ctx) {
        Staff me = admin(ctx);
        Localizer t = web.localizer(ctx);
        List<String> chosen = ctx.formParams("services");
        try {
            Role role = role(ctx.formParam("role"));
            int max = max(ctx.formParam("max"));
            agents.doCreateStaffMember(me, new IdentityService.NewStaff(ctx.formParam("email"), ctx.formParam("name"),
                    ctx.formParam("password"), role, t.lang()), new AgentService.Assignment(chosen, max));
            ctx.redirect("/admin/staff?saved=1");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            FormErrors.Shown error = STAFF_ERRORS.of(e, t);
            ctx.status(422);
            staffPage(ctx, me, new StaffForm(0, nz(ctx.formParam("email")), nz(ctx.formParam("name")),
                    nz(ctx.formParam("role")), true, chosen, (int) Math.max(1, Ids.orZero(ctx.formParam("max"))),
                    "", "", error.field(), error.message(), true), null, null);
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
            int max = max(ctx.formParam("max"));
            agents.doUpdateStaffMember(me, id, ctx.formParam("name"), role, existing.lang(), active,
                    new AgentService.Assignment(chosen, max));
            ctx.redirect("/admin/staff?saved=1#staff-" + id);
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 404) throw e;
            FormErrors.Shown error = STAFF_ERRORS.of(e, t);
            AgentSettings a = agents.findAgent(id);
            ctx.status(422);
            staffPage(ctx, me, null, new StaffForm(id, existing.email(), nz(ctx.formParam("name")),
                    nz(ctx.formParam("role")), active, chosen, (int) Math.max(1, Ids.orZero(ctx.formParam("max"))),
                    presence(a, t), a.openCount() + " / " + a.maxConcurrent(), error.field(), error.message(), true), null);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
