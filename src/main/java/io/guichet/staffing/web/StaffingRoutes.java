package io.guichet.staffing.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.WebKernel;
import io.guichet.staffing.ErlangC;
import io.guichet.staffing.StaffingAdvice;
import io.guichet.staffing.StaffingAdvice.Answer;
import io.guichet.staffing.StaffingAdvice.WhatIf;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The staffing what-if: {@code GET /api/v1/staffing/erlang} and the lead's screen {@code /staffing/erlang}. */
public final class StaffingRoutes {
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("staffing", "nav.staffing", "/staffing/erlang", Access::canPlanStaffing));
    private static final FormErrors ERRORS = new FormErrors("staffing",
            Set.of("arrivalsPerHour", "ahtSeconds", "agents", "targetSeconds", "targetPercent"), Map.of());

    private final StaffingAdvice advice;
    private final WebKernel web;
    private final StaffShells shells;

    public StaffingRoutes(StaffingAdvice advice, WebKernel web, StaffShells shells) {
        this.advice = advice;
        this.web = web;
        this.shells = shells;
    }

    /** The form as typed, every error by field, and the answer once the form holds. */
    public record Page(StaffShell shell, WhatIf form, Map<String, String> errors, Figures figures) {
        public String err(String field) {
            return errors.get(field);
        }
    }

    /** The answer in the reader's words; {@code planned*} are null when no team was typed. */
    public record Figures(String erlangs, String needed, String plannedAgents, String pWait, String serviceLevel, String asa,
                          String occupancy, boolean stable, boolean meetsTarget) {
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/staffing/erlang", ctx -> ctx.json(json(advice.accessWhatIf(Authenticated.staff(ctx), whatIf(ctx)))));
        r.get("/staffing/erlang", this::page);
    }

    private static WhatIf whatIf(Context ctx) {
        return new WhatIf(ctx.queryParam("arrivalsPerHour"), ctx.queryParam("ahtSeconds"), ctx.queryParam("agents"),
                ctx.queryParam("targetSeconds"), ctx.queryParam("targetPercent"));
    }

    private void page(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        WhatIf typed = whatIf(ctx);
        boolean asked = typed.arrivalsPerHour() != null;
        WhatIf form = asked ? typed : new WhatIf("200", "180", "14", "20", "80"); // an example to start from
        Figures figures = null;
        Map<String, String> errors = Map.of();
        try {
            Answer a = advice.accessWhatIf(me, form);
            figures = figures(a, t);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            errors = ERRORS.all(e, t);
        }
        web.renderTo(ctx, "staffing/erlang.jte", Map.of("v", new Page(shells.of(ctx, "staffing", StaffShell.Assets.NONE), form, errors, figures)));
    }

    private static Figures figures(Answer a, Localizer t) {
        NumberFormat one = NumberFormat.getNumberInstance(t.locale());
        one.setMaximumFractionDigits(1);
        NumberFormat percent = NumberFormat.getPercentInstance(t.locale());
        percent.setMaximumFractionDigits(1);
        String needed = a.needed() < 0 ? t.t("staffing.needed.none", ErlangC.MAX_AGENTS) : t.t("staffing.needed.agents", a.needed());
        ErlangC.Result p = a.planned();
        if (p == null) return new Figures(one.format(ErlangC.erlangs(a.arrivalsPerHour(), a.ahtSeconds())), needed,
                null, null, null, null, null, true, false);
        return new Figures(one.format(p.erlangs()), needed, t.t("staffing.needed.agents", p.agents()), percent.format(p.pWait()),
                percent.format(p.serviceLevel()), p.stable() ? t.t("staffing.seconds", one.format(p.asaSeconds())) : t.t("staffing.never"),
                percent.format(p.occupancy()), p.stable(), p.serviceLevel() * 100 >= a.targetPercent());
    }

    private static Map<String, Object> json(Answer a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("erlangs", ErlangC.erlangs(a.arrivalsPerHour(), a.ahtSeconds()));
        json.put("needed", a.needed() < 0 ? null : a.needed());
        ErlangC.Result p = a.planned();
        if (p != null) {
            json.put("agents", p.agents());
            json.put("stable", p.stable());
            json.put("pWait", p.pWait());
            json.put("serviceLevel", p.serviceLevel());
            json.put("asa", p.stable() ? p.asaSeconds() : null); // never answered on average: no number
            json.put("occupancy", p.occupancy());
        }
        return json;
    }
}
