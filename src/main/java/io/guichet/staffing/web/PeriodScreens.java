package io.guichet.staffing.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.OpeningHours;
import io.guichet.services.OpeningPeriod;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.StaffingPeriods;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The lead's screen of opening periods ({@code /staffing/periods}): those in force or to come, and a form for a new one. */
public final class PeriodScreens {
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("staffing-periods", "nav.staffing.periods", "/staffing/periods", Access::canPlanStaffing));
    private static final FormErrors ERRORS = new FormErrors("periods", Set.of("service", "labelFr", "labelEn", "startsAt", "endsAt", "hours"),
            Map.of("period_overlap", "startsAt"));

    private final StaffingPeriods periods;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public PeriodScreens(StaffingPeriods periods, ServiceCatalogue services, WebKernel web, StaffShells shells, Times times) {
        this.periods = periods;
        this.services = services;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    /** The form as typed: weekdays checked share one opening and closing time. */
    public record Form(String service, String labelFr, String labelEn, String startsAt, String endsAt, boolean closed, Set<Integer> weekdays,
                       String opens, String closes) {
        static final Form EMPTY = new Form("", "", "", "", "", false, Set.of(1, 2, 3, 4, 5, 6), "07:30", "19:30");
    }

    public record Row(long id, String service, String label, String days, String hours) {
    }

    public record Weekday(int number, String name) {
    }

    public record Page(StaffShell shell, List<StaffingScreens.Option> services, List<Row> periods, List<Weekday> weekdays, Form form,
                       Map<String, String> errors, boolean created) {
        public String err(String field) {
            return errors.get(field);
        }
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/staffing/periods", ctx -> page(ctx, Form.EMPTY, Map.of()));
        r.post("/staffing/periods", this::create);
        r.post("/staffing/periods/{id}/delete", ctx -> {
            periods.doDeletePeriod(Authenticated.forPage(ctx), Ids.path(ctx, "id", "Period"));
            ctx.redirect("/staffing/periods", HttpStatus.SEE_OTHER);
        });
    }

    private void create(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Form f = new Form(ctx.formParam("service"), ctx.formParam("labelFr"), ctx.formParam("labelEn"), ctx.formParam("startsAt"),
                ctx.formParam("endsAt"), ctx.formParam("closed") != null,
                ctx.formParams("weekday").stream().map(Ids::orZero).filter(d -> d >= 1 && d <= 7).map(Long::intValue).collect(Collectors.toSet()),
                ctx.formParam("opens"), ctx.formParam("closes"));
        // what cannot be read is passed as absent: the service then refuses it with the rest, each next to its field
        ServiceQueue service = services.findActive().stream().filter(s -> s.slug().equals(f.service())).findFirst().orElse(null);
        LocalTime opens = time(f.opens()), closes = time(f.closes());
        List<OpeningHours> hours = new ArrayList<>();
        if (!f.closed() && opens != null && closes != null) for (int d : f.weekdays()) hours.add(new OpeningHours(d, opens, closes));
        try {
            periods.doCreatePeriod(me, new StaffingPeriods.Draft(service, f.labelFr(), f.labelEn(), date(f.startsAt()), date(f.endsAt()),
                    f.closed(), hours));
            ctx.redirect("/staffing/periods?created=1", HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() != 422 && e.status() != 409) throw e;
            ctx.status(e.status());
            page(ctx, f, ERRORS.all(e, web.localizer(ctx)));
        }
    }

    private void page(Context ctx, Form form, Map<String, String> errors) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<Row> rows = periods.accessCurrentPeriods(me).stream().map(p -> row(p, t)).toList();
        List<Weekday> weekdays = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) weekdays.add(new Weekday(d.getValue(), d.getDisplayName(TextStyle.FULL, t.locale())));
        List<StaffingScreens.Option> options = services.findActive().stream()
                .map(s -> new StaffingScreens.Option(s.slug(), s.name(t.lang()), s.slug().equals(form.service()))).toList();
        web.renderTo(ctx, "staffing/periods.jte", Map.of("v", new Page(shells.of(ctx, "staffing-periods", StaffShell.Assets.NONE), options, rows,
                weekdays, form, errors, ctx.queryParam("created") != null)));
    }

    private Row row(OpeningPeriod p, Localizer t) {
        String hours = p.closed() ? t.t("staffing.periods.closed") : p.hours().stream()
                .map(o -> DayOfWeek.of(o.weekday()).getDisplayName(TextStyle.SHORT, t.locale()) + " " + Times.clock(o.opens(), t) + "–" + Times.clock(o.closes(), t))
                .collect(Collectors.joining(", "));
        return new Row(p.id(), services.findById(p.serviceId()).name(t.lang()), p.label(t.lang()),
                t.t("staffing.periods.days", times.date(p.firstDay(), t), times.date(p.lastDay(), t)), hours);
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
