package io.guichet.staffing.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.Rotas;
import io.guichet.staffing.ShiftFeed;
import io.guichet.staffing.Rotas.Slot;
import io.guichet.staffing.Rotas.Week;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rota's API: a week of a service, who works in which slots, copying a week, skills, one's own shifts. */
public final class RotaApi {
    private final Rotas rotas;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final Times times;
    private final ShiftFeed feed;
    private final String publicUrl;

    public RotaApi(Rotas rotas, ShiftFeed feed, ServiceCatalogue services, WebKernel web, Times times, String publicUrl) {
        this.rotas = rotas;
        this.feed = feed;
        this.publicUrl = publicUrl;
        this.services = services;
        this.web = web;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/staffing/rota/{service}", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ctx.json(json(rotas.accessWeek(me, service(ctx), week(ctx.queryParam("week"), "week"))));
        });
        r.put("/api/v1/staffing/rota/{service}", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ServiceQueue service = service(ctx);
            List<Slot> slots = slots(JsonBody.of(ctx, web.json()).only(Set.of("slots")).node("slots"));
            rotas.doPutSlots(me, service, slots);
            ctx.json(Map.of("slots", slots.size()));
        });
        r.post("/api/v1/staffing/rota/{service}/copy", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ServiceQueue service = service(ctx);
            JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("from", "to"));
            ctx.json(json(rotas.doCopyWeek(me, service, week(body.text("from"), "from"), week(body.text("to"), "to"))));
        });
        r.put("/api/v1/staffing/skills/{staff}", ctx -> {
            Staff me = Authenticated.staff(ctx);
            long staffId = Ids.path(ctx, "staff", "Staff member");
            Set<String> skills = new LinkedHashSet<>(JsonBody.of(ctx, web.json()).only(Set.of("skills")).textList("skills"));
            ctx.json(Map.of("skills", rotas.doSetSkills(me, staffId, skills)));
        });
        r.get("/api/v1/staffing/services/{service}/skills", ctx ->
                ctx.json(Map.of("skills", rotas.accessServiceSkills(Authenticated.staff(ctx), service(ctx)))));
        r.put("/api/v1/staffing/services/{service}/skills", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ServiceQueue service = service(ctx);
            Set<String> skills = new LinkedHashSet<>(JsonBody.of(ctx, web.json()).only(Set.of("skills")).textList("skills"));
            ctx.json(Map.of("skills", rotas.doSetServiceSkills(me, service, skills)));
        });
        r.get("/api/v1/staffing/me/shifts", ctx -> {
            Staff me = Authenticated.staff(ctx);
            LocalDate from = week(ctx.queryParam("week"), "week");
            ctx.json(Map.of("shifts", rotas.accessMyShifts(me, rotas.startOf(from), rotas.startOf(from.plusDays(7))).stream()
                    .map(s -> Map.of("service", services.findById(s.serviceId()).slug(), "start", times.offset(s.start()).toString(),
                            "end", times.offset(s.end()).toString())).toList(),
                    "feed", publicUrl + "/link/quarts/" + feed.doMakeFeedToken(me) + ".ics?lang=" + me.lang()));
        });
        // a calendar app's subscription: the signed link is the credential (/link/ is outside the CSRF filter)
        r.get("/link/quarts/{file}", ctx -> {
            String file = ctx.pathParam("file");
            String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
            byte[] ics = feed.findFeed(token, io.guichet.platform.web.Messages.supported(ctx.queryParam("lang")))
                    .orElseThrow(() -> ApiError.notFound("Calendar"));
            ctx.header("Cache-Control", "no-store").contentType("text/calendar; charset=utf-8").result(ics);
        });
    }

    private ServiceQueue service(Context ctx) {
        return services.findAll().stream().filter(s -> s.slug().equals(ctx.pathParam("service"))).findFirst()
                .orElseThrow(() -> ApiError.notFound("Service"));
    }

    /** A week named by any of its days (its Monday is taken), this week when absent. */
    private LocalDate week(String text, String field) {
        if (text == null || text.isBlank()) return Rotas.mondayOf(services.today());
        try {
            return Rotas.mondayOf(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date such as 2027-05-03").because("date");
        }
    }

    static List<Slot> slots(JsonNode node) {
        if (node == null || !node.isArray()) throw ApiError.invalid("slots", "slots must be a list of {start, staffIds}");
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            String field = "slots[" + i + "]";
            if (!s.isObject() || !s.path("start").isTextual() || !s.path("staffIds").isArray()) {
                throw ApiError.invalid(field, field + " must be {start: \"2027-05-03T07:30-04:00\", staffIds: [\"12\"]}");
            }
            Instant start;
            try {
                start = OffsetDateTime.parse(s.get("start").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiError.invalid(field + ".start", field + ".start must be a date and time with its offset").because("date_time");
            }
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : s.get("staffIds")) ids.add(Ids.field(field + ".staffIds", id.isNumber() || id.isTextual() ? id.asText() : null));
            slots.add(new Slot(start, ids));
        }
        return slots;
    }

    private Map<String, Object> json(Week w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", w.service().slug());
        m.put("week", w.monday().toString());
        m.put("team", w.team().stream().map(t -> Map.of("id", Long.toString(t.staff().id()), "name", t.staff().name(), "skills", t.skills())).toList());
        m.put("slots", w.slots().entrySet().stream().map(e -> Map.of("start", times.offset(e.getKey()).toString(),
                "staffIds", e.getValue().stream().map(String::valueOf).toList())).toList());
        return m;
    }
}
