package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.inbox.Ratings;
import io.guichet.inbox.Transcripts;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end of a conversation in the JSON API (docs/api.md): the visitor's rating and transcript, the ratings report. */
final class RatingRoutes {
    private final Ratings ratings;
    private final Transcripts transcripts;
    private final PeopleService people;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final InboxJson json;
    private final Times times;
    private final RateLimiter transcriptsPerVisitor;

    RatingRoutes(Ratings ratings, Transcripts transcripts, PeopleService people, ServiceCatalogue services, WebKernel web, InboxJson json,
                 Times times, int transcriptsPerMinute, boolean rateLimits) {
        this.ratings = ratings;
        this.transcripts = transcripts;
        this.people = people;
        this.services = services;
        this.web = web;
        this.json = json;
        this.times = times;
        this.transcriptsPerVisitor = new RateLimiter(rateLimits, transcriptsPerMinute);
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/visitor/conversations/{id}/rating", ctx -> {
            Map<String, Object> out = new HashMap<>();
            out.put("rating", ratings.accessVisitorRating(visitor(ctx), id(ctx)).map(json::rating).orElse(null));
            ctx.json(out);
        });
        r.post("/api/v1/visitor/conversations/{id}/rating", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json());
            ctx.status(201).json(Map.of("rating", json.rating(ratings.doRate(visitor(ctx), id(ctx), body.optInt("score"), body.optText("comment")))));
        });
        r.post("/api/v1/visitor/conversations/{id}/transcript", ctx -> {
            Contact visitor = visitor(ctx);
            transcriptsPerVisitor.acquire(Long.toString(visitor.id()));
            JsonBody body = JsonBody.of(ctx, web.json());
            ctx.status(202).json(Map.of("to", transcripts.doSendTranscript(visitor, id(ctx), body.optText("email"))));
        });
        r.get("/api/v1/reports/ratings", this::report);
    }

    private void report(Context ctx) {
        InboxTools.Period p = InboxTools.Period.of(ctx, times.zone());
        List<Ratings.ServiceRatings> rows = ratings.accessReport(Authenticated.staff(ctx), p.start(), p.end());
        long[] all = new long[5];
        List<Map<String, Object>> perService = rows.stream().map(row -> {
            for (int i = 0; i < 5; i++) all[i] += row.byScore()[i];
            Map<String, Object> one = counts(row);
            one.put("service", services.findById(row.serviceId()).slug());
            return one;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", p.from().toString());
        out.put("to", p.to().toString());
        out.putAll(counts(new Ratings.ServiceRatings(0, all)));
        out.put("services", perService);
        ctx.json(out);
    }

    private static Map<String, Object> counts(Ratings.ServiceRatings row) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("rated", row.rated());
        one.put("average", Math.round(row.average() * 100) / 100.0);
        Map<String, Long> scores = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) scores.put(Integer.toString(i + 1), row.byScore()[i]);
        one.put("scores", scores);
        return one;
    }

    private Contact visitor(Context ctx) {
        return people.accessVisitor(WebKernel.bearerToken(ctx));
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Conversation");
    }
}
