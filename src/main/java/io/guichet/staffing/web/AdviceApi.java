package io.guichet.staffing.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.Rotas;
import io.guichet.staffing.SlotAdvisor;
import io.guichet.staffing.SlotAdvisor.Advice;
import io.guichet.staffing.Target;
import io.guichet.staffing.Targets;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/v1/staffing/advice} (per slot: arrivals, handling time, needed, planned, service level, wait) and the targets. */
public final class AdviceApi {
    private final SlotAdvisor advisor;
    private final Targets targets;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final Times times;

    public AdviceApi(SlotAdvisor advisor, Targets targets, ServiceCatalogue services, WebKernel web, Times times) {
        this.advisor = advisor;
        this.targets = targets;
        this.services = services;
        this.web = web;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/staffing/advice", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ServiceQueue service = services.findBySlug(ctx.queryParam("service"));
            LocalDate from = date(ctx.queryParam("from"), "from", Rotas.mondayOf(services.today()));
            String channel = ctx.queryParam("channel") == null ? "chat" : ctx.queryParam("channel");
            ctx.json(json(advisor.accessAdvice(me, service, channel, from, date(ctx.queryParam("to"), "to", from.plusDays(6)))));
        });
        r.get("/api/v1/staffing/targets/{service}", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ctx.json(Map.of("targets", targets.accessTargets(me, service(ctx)).stream().map(AdviceApi::json).toList()));
        });
        r.put("/api/v1/staffing/targets/{service}", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ServiceQueue service = service(ctx);
            JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("channel", "answerSeconds", "answerPercent", "resolutionMinutes"));
            BigDecimal percent = body.node("answerPercent") != null && body.node("answerPercent").isNumber() ? body.node("answerPercent").decimalValue() : null;
            ctx.json(json(targets.doSetTarget(me, service, body.text("channel"), body.optInt("answerSeconds"),
                    percent == null ? null : percent.doubleValue(), body.optInt("resolutionMinutes"))));
        });
    }

    private ServiceQueue service(Context ctx) {
        return services.findAll().stream().filter(s -> s.slug().equals(ctx.pathParam("service"))).findFirst()
                .orElseThrow(() -> ApiError.notFound("Service"));
    }

    static LocalDate date(String text, String field, LocalDate fallback) {
        if (text == null || text.isBlank()) return fallback;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date such as 2027-05-03").because("date");
        }
    }

    static Map<String, Object> json(Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", t.channel());
        m.put("answerSeconds", t.answerSeconds());
        m.put("answerPercent", t.answerPercent());
        m.put("resolutionMinutes", t.resolutionMinutes());
        return m;
    }

    private Map<String, Object> json(Advice a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", a.service().slug());
        m.put("channel", a.channel());
        m.put("from", a.from().toString());
        m.put("to", a.to().toString());
        m.put("target", json(a.target()));
        m.put("aht", a.ahtSeconds());
        m.put("ahtMeasured", a.ahtMeasured());
        m.put("examRate", a.examRate());
        m.put("examRateMeasured", a.examRateMeasured());
        m.put("slots", a.slots().stream().map(s -> {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("start", times.offset(s.start()).toString());
            slot.put("arrivals", s.arrivals());
            slot.put("aht", s.ahtSeconds());
            slot.put("needed", s.needed() < 0 ? null : s.needed());
            slot.put("planned", s.planned());
            slot.put("serviceLevel", s.serviceLevel());
            slot.put("expectedWait", s.expectedWaitSeconds());
            slot.put("understaffed", s.understaffed());
            slot.put("studentsSitting", s.studentsSitting());
            return slot;
        }).toList());
        return m;
    }
}
