package io.guichet.staffing.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Authenticated;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.OpeningHours;
import io.guichet.services.OpeningPeriod;
import io.guichet.services.ServiceCatalogue;
import io.guichet.staffing.StaffingPeriods;
import io.guichet.staffing.StaffingPeriods.Draft;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/v1/staffing/periods}: the periods that override a service's weekly hours, as an integration plans them. */
public final class PeriodApi {
    private static final Set<String> FIELDS = Set.of("service", "labelFr", "labelEn", "startsAt", "endsAt", "closed", "hours");

    private final StaffingPeriods periods;
    private final ServiceCatalogue services;
    private final WebKernel web;

    public PeriodApi(StaffingPeriods periods, ServiceCatalogue services, WebKernel web) {
        this.periods = periods;
        this.services = services;
        this.web = web;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/staffing/periods", ctx -> ctx.json(Map.of("periods",
                periods.accessCurrentPeriods(Authenticated.staff(ctx)).stream().map(this::json).toList())));
        r.post("/api/v1/staffing/periods", ctx -> ctx.status(201).json(json(periods.doCreatePeriod(Authenticated.staff(ctx), draft(ctx)))));
        r.get("/api/v1/staffing/periods/{id}", ctx -> ctx.json(json(periods.accessPeriod(Authenticated.staff(ctx), id(ctx)))));
        r.put("/api/v1/staffing/periods/{id}", ctx -> ctx.json(json(periods.doUpdatePeriod(Authenticated.staff(ctx), id(ctx), draft(ctx)))));
        r.delete("/api/v1/staffing/periods/{id}", ctx -> {
            periods.doDeletePeriod(Authenticated.staff(ctx), id(ctx));
            ctx.status(204);
        });
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Period");
    }

    /** Reads the body, gathering what cannot be read (a date, a time) with what the service then refuses. */
    private Draft draft(Context ctx) {
        Authenticated.staff(ctx); // 401 before the body is read
        JsonBody body = JsonBody.of(ctx, web.json()).only(FIELDS);
        Checks checks = new Checks();
        var service = checks.check(() -> services.findBySlug(body.text("service")));
        String fr = checks.check(() -> body.optText("labelFr"));
        String en = checks.check(() -> body.optText("labelEn"));
        LocalDate first = checks.check(() -> date(body, "startsAt"));
        LocalDate last = checks.check(() -> date(body, "endsAt"));
        Boolean closed = checks.check(() -> body.bool("closed", false));
        List<OpeningHours> hours = checks.check(() -> hours(body.node("hours")));
        checks.done();
        return new Draft(service, fr, en, first, last, closed, hours);
    }

    private static LocalDate date(JsonBody body, String field) {
        String text = body.optText(field);
        if (text == null) return null;
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date such as 2027-05-03").because("date");
        }
    }

    private static List<OpeningHours> hours(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray() || node.size() > 7 * 4) throw ApiError.invalid("hours", "hours must be a list of at most 28 {weekday, opens, closes}");
        List<OpeningHours> hours = new ArrayList<>();
        for (JsonNode o : node) {
            if (!o.isObject() || !o.path("weekday").canConvertToInt() || !o.path("weekday").isIntegralNumber()
                    || !o.path("opens").isTextual() || !o.path("closes").isTextual()) {
                throw ApiError.invalid("hours", "each of hours is {weekday: 1–7, opens: \"07:30\", closes: \"19:30\"}");
            }
            try {
                hours.add(new OpeningHours(o.get("weekday").asInt(), LocalTime.parse(o.get("opens").asText()), LocalTime.parse(o.get("closes").asText())));
            } catch (DateTimeParseException e) {
                throw ApiError.invalid("hours", "opens and closes are times such as 07:30").because("time");
            }
        }
        return hours;
    }

    private Map<String, Object> json(OpeningPeriod p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(p.id()));
        m.put("service", services.findById(p.serviceId()).slug());
        m.put("labelFr", p.labelFr());
        m.put("labelEn", p.labelEn());
        m.put("startsAt", p.firstDay().toString());
        m.put("endsAt", p.lastDay().toString());
        m.put("closed", p.closed());
        m.put("hours", p.hours().stream().map(o -> Map.of("weekday", o.weekday(), "opens", o.opens().toString(), "closes", o.closes().toString())).toList());
        return m;
    }
}
