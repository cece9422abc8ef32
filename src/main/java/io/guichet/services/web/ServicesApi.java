package io.guichet.services.web;

import io.guichet.identity.Authenticated;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServicePresence;
import io.guichet.services.ServiceQueue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The services' JSON API: the list the widget and integrators read (public), and creation (administrators). */
public final class ServicesApi {
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final ServicePresence presence;

    public ServicesApi(ServiceCatalogue services, WebKernel web, ServicePresence presence) {
        this.services = services;
        this.web = web;
        this.presence = presence;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/services", this::list);
        config.routes.post("/api/v1/services", this::create);
    }

    private void list(Context ctx) {
        Set<Long> answering = presence.servicesAnsweringNow();
        ctx.json(Map.of("services", services.findActive().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(s.id()));
            m.put("slug", s.slug());
            m.put("nameFr", s.nameFr());
            m.put("nameEn", s.nameEn());
            m.put("languages", s.languages());
            boolean open = services.isOpenNow(s);
            m.put("open", open);
            // "Online" is a promise: open, and one of its agents is there now.
            m.put("available", open && answering.contains(s.id()));
            m.put("opensAt", open ? null : services.nextOpening(s).map(t -> t.toOffsetDateTime().toString()).orElse(null));
            // today's hours as the period in force or the week has them, so the public reads the right ones
            ServiceCatalogue.Day today = services.hoursOn(s, services.today());
            m.put("hoursToday", today.alwaysOpen() ? null
                    : today.hours().stream().map(o -> Map.of("opens", o.opens().toString(), "closes", o.closes().toString())).toList());
            m.put("period", today.period().map(p -> Map.of("labelFr", p.labelFr(), "labelEn", p.labelEn(),
                    "startsAt", p.firstDay().toString(), "endsAt", p.lastDay().toString())).orElse(null));
            return m;
        }).toList()));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx, web.json());
        ServiceQueue s = services.doCreateService(Authenticated.staff(ctx), body.text("slug"), body.text("nameFr"), body.text("nameEn"),
                body.textList("languages"));
        ctx.status(201).json(Map.of("id", Long.toString(s.id()), "slug", s.slug()));
    }
}
