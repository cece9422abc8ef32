package io.guichet.alerts.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.alerts.Alert;
import io.guichet.alerts.AlertCounts;
import io.guichet.alerts.AlertList;
import io.guichet.alerts.AlertRecipient;
import io.guichet.alerts.AlertService;
import io.guichet.alerts.AlertService.Draft;
import io.guichet.alerts.AlertText;
import io.guichet.alerts.AlertUpdate;
import io.guichet.alerts.Audience;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvReader;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The alerts' JSON API (docs/api.md, "Emergency alerts"): drafts, approval, follow-ups, the all-clear, counts, acknowledgements. */
public final class AlertApi {
    private static final Set<String> DRAFT_FIELDS = Set.of("templateId", "params", "audience", "fr", "en", "channels", "severity", "helpService");
    private static final Set<String> UPDATE_FIELDS = Set.of("fr", "en", "params", "onlyUnanswered");
    private static final Set<String> ACK_FIELDS = Set.of("state", "message", "location");

    private final AlertService alerts;
    private final WebKernel web;
    private final Times times;
    private final RateLimiter acksPerAddress;
    private final RateLimiter subscriptionsPerAddress;
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("endpoint", "expirationTime", "keys", "lang", "ackToken");

    public AlertApi(AlertService alerts, WebKernel web, Times times, boolean rateLimits) {
        this.alerts = alerts;
        this.web = web;
        this.times = times;
        this.acksPerAddress = ackLimiter(alerts, rateLimits);
        this.subscriptionsPerAddress = new RateLimiter(rateLimits, 10);
    }

    /** One limiter per node for the acknowledgements of one address, the API's and the page's alike. */
    static RateLimiter ackLimiter(AlertService alerts, boolean rateLimits) {
        return new RateLimiter(rateLimits, alerts.settings().acksPerMinute());
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        // web push, public (before /api/v1/alerts/{id}): the key browsers subscribe with, and their subscriptions
        r.get("/api/v1/alerts/push/key", ctx -> ctx.json(Map.of("publicKey", alerts.push().publicKey())));
        r.post("/api/v1/alerts/push/subscriptions", ctx -> {
            subscriptionsPerAddress.acquire(WebKernel.clientIp(ctx));
            var body = JsonBody.of(ctx, web.json(), 4 * 1024).only(SUBSCRIPTION_FIELDS);
            JsonNode keys = body.node("keys");
            if (keys == null || !keys.isObject()) throw ApiError.invalid("keys", "keys must be an object {p256dh, auth}");
            // the personal alert link names its holder: the subscription is then theirs, else the browser's alone
            String ack = body.optText("ackToken");
            Long contact = ack == null ? null : alerts.findHolder(ack).map(AlertService.Holder::contactId)
                    .orElseThrow(() -> new ApiError(404, "bad_link", "This link is not valid"));
            var s = alerts.push().doSubscribe(body.optText("endpoint"), keyText(keys, "p256dh"), keyText(keys, "auth"), contact, body.optText("lang"));
            ctx.status(201).json(Map.of("id", s.id(), "lang", s.lang(), "contact", s.contactId() != null));
        });
        r.post("/api/v1/alerts", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            AlertService.Drafted d = alerts.doDraft(staff, draft(JsonBody.of(ctx, web.json()).only(DRAFT_FIELDS)));
            Map<String, Object> json = alertJson(d.alert());
            json.put("warnings", d.warnings());
            json.put("reach", reachJson(d.reach()));
            ctx.status(201).json(json);
        });
        r.post("/api/v1/alerts/lists", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            AlertService.Uploaded u = alerts.doUploadList(staff, ctx.queryParam("name"), uploaded(ctx));
            Map<String, Object> json = listJson(u.list());
            json.put("unmatchedLines", u.unmatchedLines());
            ctx.status(201).json(json);
        });
        r.get("/api/v1/alerts/lists", ctx -> ctx.json(Map.of("lists", alerts.accessLists(Authenticated.staff(ctx)).stream().map(AlertApi::listJson).toList())));
        r.get("/api/v1/alerts/templates", ctx -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (var t : alerts.accessTemplates(Authenticated.staff(ctx))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", t.id());
                m.put("key", t.key());
                m.put("name", Map.of("fr", t.nameFr(), "en", t.nameEn()));
                m.put("severity", t.severity());
                m.put("singlePerson", t.singlePerson());
                m.put("fr", Map.of("short", t.texts().fr().shortText(), "long", t.texts().fr().longText()));
                m.put("en", Map.of("short", t.texts().en().shortText(), "long", t.texts().en().longText()));
                list.add(m);
            }
            ctx.json(Map.of("templates", list));
        });
        r.post("/api/v1/alerts/templates/{id}/single-person", ctx -> {
            var body = JsonBody.of(ctx, web.json()).only(Set.of("allowed"));
            if (!body.has("allowed")) throw ApiError.invalid("allowed", "allowed is required");
            var t = alerts.doSetSinglePerson(Authenticated.staff(ctx), Ids.path(ctx, "id", "Template"), body.bool("allowed", false));
            ctx.json(Map.of("id", t.id(), "singlePerson", t.singlePerson()));
        });
        r.get("/api/v1/alerts/{id}", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            long id = Ids.path(ctx, "id", "Alert");
            Map<String, Object> json = alertJson(alerts.accessAlert(staff, id));
            List<Map<String, Object>> audit = new ArrayList<>();
            for (var s : alerts.accessAudit(staff, id)) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("at", times.offset(s.at()));
                step.put("staffId", s.staffId());
                step.put("staff", s.staffName());
                step.put("action", s.action());
                step.put("detail", s.detail());
                audit.add(step);
            }
            json.put("audit", audit);
            ctx.json(json);
        });
        r.post("/api/v1/alerts/{id}/approve", ctx -> ctx.json(alertJson(alerts.doApprove(Authenticated.staff(ctx), Ids.path(ctx, "id", "Alert")))));
        r.post("/api/v1/alerts/{id}/updates", ctx -> {
            var body = JsonBody.of(ctx, web.json()).only(UPDATE_FIELDS);
            AlertUpdate u = alerts.doFollowUp(Authenticated.staff(ctx), Ids.path(ctx, "id", "Alert"), words(body), body.bool("onlyUnanswered", false));
            ctx.status(201).json(updateJson(u));
        });
        r.post("/api/v1/alerts/{id}/close", ctx -> {
            // no body, or {}: the usual all-clear words
            Draft words = ctx.contentLength() <= 0 ? null : words(JsonBody.of(ctx, web.json()).only(Set.of("fr", "en", "params")));
            ctx.json(updateJson(alerts.doClose(Authenticated.staff(ctx), Ids.path(ctx, "id", "Alert"), words)));
        });
        r.get("/api/v1/alerts/{id}/status", ctx -> {
            long id = Ids.path(ctx, "id", "Alert");
            Staff staff = Authenticated.staff(ctx);
            Alert a = alerts.accessAlert(staff, id);
            ctx.json(Map.of("id", id, "status", a.status().code(), "counts", countsJson(alerts.accessCounts(staff, id))));
        });
        r.post("/api/v1/alerts/ack/{token}", ctx -> {
            acksPerAddress.acquire(WebKernel.clientIp(ctx));
            var body = JsonBody.of(ctx, web.json(), 8 * 1024).only(ACK_FIELDS);
            AlertRecipient rec = alerts.doAcknowledge(ctx.pathParam("token"), body.optText("state"), body.optText("message"), body.optText("location"));
            ctx.json(Map.of("state", rec.state(), "answeredAt", times.offset(rec.answeredAt())));
        });
    }

    // ---------------------------------------------------------------- reading the body

    private static String keyText(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalid("keys." + field, "keys." + field + " must be a string");
        return v.asText();
    }

    /** An uploaded list's CSV: the request body itself (text/csv), at most {@link CsvReader#MAX_BYTES}. */
    static byte[] uploaded(Context ctx) {
        return RequestBodies.read(ctx, CsvReader.MAX_BYTES, 2L * CsvReader.MAX_BYTES, CsvReader::tooLarge);
    }

    static Map<String, Object> listJson(AlertList l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("name", l.name());
        m.put("rows", l.rowsRead());
        m.put("members", l.members());
        m.put("unmatched", l.unmatched());
        return m;
    }

    static Draft draft(JsonBody body) {
        JsonNode a = body.node("audience");
        if (a == null || !a.isObject()) throw ApiError.invalid("audience", "audience must be an object: {kind: everyone|kinds|segment|list}");
        List<String> kinds = new ArrayList<>();
        JsonNode k = a.get("kinds");
        if (k != null && !k.isNull()) {
            if (!k.isArray()) throw ApiError.invalid("audience", "audience.kinds must be a list");
            for (JsonNode item : k) {
                if (!item.isTextual()) throw ApiError.invalid("audience", "audience.kinds must be a list of kinds");
                kinds.add(item.asText());
            }
        }
        JsonNode seg = a.get("segmentId");
        if (seg != null && !seg.isNull() && !seg.canConvertToLong()) throw ApiError.invalid("audience", "audience.segmentId must be a number");
        JsonNode list = a.get("listId");
        if (list != null && !list.isNull() && !list.canConvertToLong()) throw ApiError.invalid("audience", "audience.listId must be a number");
        JsonNode kind = a.get("kind");
        Audience audience = Audience.of(kind == null || !kind.isTextual() ? null : kind.asText(), kinds, seg == null || seg.isNull() ? null : seg.asLong(),
                list == null || list.isNull() ? null : list.asLong());
        Integer templateId = body.optInt("templateId");
        Draft w = words(body);
        return new Draft(templateId == null ? null : (long) templateId, w.params(), audience, w.fr(), w.en(), body.textList("channels"),
                body.optText("severity"), body.optText("helpService"));
    }

    static Draft words(JsonBody body) {
        Map<String, String> params = new LinkedHashMap<>();
        body.optValues("params").forEach((key, v) -> {
            if (v != null && !(v instanceof String)) throw ApiError.invalid("params." + key, "params." + key + " must be text");
            if (v != null) params.put(key, (String) v);
        });
        return new Draft(null, params, null, text(body.node("fr"), "fr"), text(body.node("en"), "en"), null, null, null);
    }

    private static AlertText text(JsonNode n, String lang) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw ApiError.invalid(lang, lang + " must be an object {short, long}");
        String s = string(n, lang, "short"), l = string(n, lang, "long");
        if (s == null && l == null) return null;
        return new AlertText(s == null ? null : Fields.refuseControlCharacters(lang + ".short", s, false),
                l == null ? null : Fields.refuseControlCharacters(lang + ".long", l, true));
    }

    private static String string(JsonNode n, String lang, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalid(lang + "." + field, lang + "." + field + " must be a string");
        return v.asText().isBlank() ? null : v.asText();
    }

    // ---------------------------------------------------------------- shapes

    Map<String, Object> alertJson(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("status", a.status().code());
        m.put("templateId", a.templateId());
        m.put("severity", a.severity());
        m.put("audience", a.audience().json());
        m.put("channels", a.channels());
        m.put("helpService", a.helpService());
        m.put("fr", Map.of("short", a.texts().fr().shortText(), "long", a.texts().fr().longText()));
        m.put("en", Map.of("short", a.texts().en().shortText(), "long", a.texts().en().longText()));
        m.put("createdBy", a.createdBy());
        m.put("createdAt", times.offset(a.createdAt()));
        m.put("approvedBy", a.approvedBy());
        m.put("approvedAt", a.approvedAt() == null ? null : times.offset(a.approvedAt()));
        m.put("approvedAlone", a.approvedAlone());
        m.put("closedAt", a.closedAt() == null ? null : times.offset(a.closedAt()));
        return m;
    }

    static Map<String, Object> reachJson(AlertService.Reach r) {
        return Map.of("total", r.total(), "email", r.email(), "sms", r.sms(), "withoutChannel", r.withoutChannel(), "unreachable", r.unreachable());
    }

    Map<String, Object> updateJson(AlertUpdate u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("seq", u.seq());
        m.put("kind", u.allClear() ? "allclear" : "update");
        m.put("onlyUnanswered", u.onlyUnanswered());
        m.put("fr", Map.of("short", u.texts().fr().shortText(), "long", u.texts().fr().longText()));
        m.put("en", Map.of("short", u.texts().en().shortText(), "long", u.texts().en().longText()));
        m.put("at", times.offset(u.at()));
        return m;
    }

    static Map<String, Object> countsJson(AlertCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipients", c.recipients());
        m.put("withoutChannel", c.withoutChannel());
        m.put("mail", Map.of("sent", c.mailsSent(), "failed", c.mailsFailed(), "waiting", c.mailsWaiting()));
        m.put("push", Map.of("sent", c.pushSent(), "failed", c.pushFailed(), "expired", c.pushExpired()));
        m.put("sms", Map.of("sent", c.smsSent(), "failed", c.smsFailed()));
        m.put("opened", c.opened());
        m.put("safe", c.safe());
        m.put("help", c.help());
        m.put("noAnswer", c.noAnswer());
        return m;
    }
}
