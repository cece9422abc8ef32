package io.guichet.alerts.web;

import io.guichet.alerts.AfterAction;
import io.guichet.alerts.Alert;
import io.guichet.alerts.AlertCounts;
import io.guichet.alerts.AlertList;
import io.guichet.alerts.AlertRecipient;
import io.guichet.alerts.AlertService;
import io.guichet.alerts.AlertService.Draft;
import io.guichet.alerts.AlertTemplate;
import io.guichet.alerts.AlertText;
import io.guichet.alerts.AuditStep;
import io.guichet.alerts.Audience;
import io.guichet.alerts.Texts;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.people.ContactDraft;
import io.guichet.people.Segment;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvWriter;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The communications team's screens, made to be used under stress: {@code /alerts} (the alerts under way, drafts waiting
 * for a second person, the composer from a template with its live preview in both languages, the count reached and the
 * warnings) and {@code /alerts/{id}} (the approval of a draft on the same screen, then the live dashboard: counts,
 * who needs help, who has not answered, CSV exports, follow-ups and the all-clear, the audit log).
 */
public final class AlertScreens {
    public static final NavEntry<Staff> NAV = NavEntry.of("alerts", "nav.alerts", "/alerts", Access::canDraftAlerts);
    static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/alerts/staff.css"), List.of("/static/alerts/staff.js"));

    private final AlertService alerts;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public AlertScreens(AlertService alerts, ServiceCatalogue services, WebKernel web, StaffShells shells, Times times) {
        this.alerts = alerts;
        this.services = services;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    // ---------------------------------------------------------------- view models

    /** What the composer's fields hold (as typed, for a re-render after a refusal). */
    public record Form(String templateId, String building, String time, String instructions, String audience, List<String> kinds, String segmentId,
                       String listId, String frShort, String frLong, String enShort, String enLong, String severity, String helpService) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record Preview(Texts texts, List<String> warnings, AlertService.Reach reach, String error) {
    }

    public record Row(long id, String status, String shortText, String when, String by) {
    }

    public record ListPage(StaffShell s, List<Row> open, List<Row> drafts, List<Row> closed, List<AlertTemplate> templates, Form form,
                           List<Option> kinds, List<Option> segments, List<Option> lists, List<Option> severities, List<Option> helpServices,
                           Preview preview, String error, String notice, boolean mayConfigure) {
    }

    public record Step(String when, String iso, String who, String action) {
    }

    public record Person(String name, String email, String message, String location, String when, Long conversationId) {
    }

    public record Live(long id, String status, AlertCounts counts, List<Person> help, List<Person> silent) {
    }

    /** One point of the answers' curve, and its bar in the chart (SVG units: 600 wide, 200 high, stacked from the bottom). */
    public record CurveRow(String when, String iso, String since, int safe, int help, int none, int x, int w, int hSafe, int hHelp, int hNone) {
    }

    public record ReportPage(StaffShell s, Alert alert, String audience, List<Step> timeline, AfterAction report, List<CurveRow> curve,
                             String firstAnswer, String medianAnswer) {
    }

    public record DetailPage(StaffShell s, Alert alert, String audience, List<String> warnings, AlertService.Reach reach, boolean mayApprove,
                             boolean isAuthor, Live live, List<Step> audit, List<AlertRow> updates, String error) {
    }

    public record AlertRow(String when, String iso, boolean allClear, boolean onlyUnanswered, AlertText fr, AlertText en) {
    }

    /** The administrator's settings of the channels that need one: the SMS gateway (its credential never shown), web push's key. */
    public record SettingsPage(StaffShell s, io.guichet.alerts.AlertSms.View sms, String url, String headerName, String body, String pushKey,
                               int pushSubscriptions, String error, String notice) {
    }

    // ---------------------------------------------------------------- routes

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/alerts/settings", ctx -> settings(ctx, null, null, null));
        r.post("/alerts/settings", this::saveSettings);
        r.get("/alerts", ctx -> list(ctx, null, null));
        r.post("/alerts", this::create);
        r.post("/alerts/preview", this::preview);
        r.post("/alerts/lists", this::upload);
        r.get("/alerts/{id}", ctx -> detail(ctx, null));
        r.get("/alerts/{id}/live", this::live);
        r.post("/alerts/{id}/approve", ctx -> act(ctx, id -> alerts.doApprove(Authenticated.forPage(ctx), id)));
        r.post("/alerts/{id}/updates", ctx -> act(ctx, id -> alerts.doFollowUp(Authenticated.forPage(ctx), id,
                new Draft(null, Map.of(), null, text(ctx, "fr"), text(ctx, "en"), null, null, null), "on".equals(ctx.formParam("onlyUnanswered")))));
        r.post("/alerts/{id}/close", ctx -> act(ctx, id -> {
            AlertText fr = text(ctx, "fr"), en = text(ctx, "en");
            alerts.doClose(Authenticated.forPage(ctx), id, fr == null && en == null ? null : new Draft(null, Map.of(), null, fr, en, null, null, null));
        }));
        r.get("/alerts/{id}/export.csv", this::export);
        r.get("/alerts/{id}/report", this::report);
        r.get("/alerts/{id}/report.csv", this::reportCsv);
    }

    private interface Action {
        void run(long id);
    }

    private void act(Context ctx, Action action) {
        long id = Ids.path(ctx, "id", "Alert");
        try {
            action.run(id);
            ctx.redirect("/alerts/" + id, HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() >= 500 || e.status() == 401 || e.status() == 404) throw e;
            ctx.status(e.status() == 403 ? 403 : e.status() == 409 ? 409 : 422);
            detail(ctx, error(web.localizer(ctx), e));
        }
    }

    private static AlertText text(Context ctx, String lang) {
        String s = blank(ctx.formParam(lang + "Short")), l = blank(ctx.formParam(lang + "Long"));
        return s == null && l == null ? null : new AlertText(s, l);
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    // ---------------------------------------------------------------- the channels' settings (administrators)

    /** The example a gateway's template starts from: most JSON gateways take a number and a text. */
    static final String BODY_EXAMPLE = "{\"to\": \"{to}\", \"text\": \"{text}\"}";

    private void settings(Context ctx, String[] typed, String error, String notice) {
        Staff staff = Authenticated.forPage(ctx);
        io.guichet.alerts.AlertSms.View sms = alerts.sms().accessSettings(staff);
        String url = typed != null ? typed[0] : sms.url() == null ? "" : sms.url();
        String header = typed != null ? typed[1] : sms.headerName() == null ? "Authorization" : sms.headerName();
        String body = typed != null ? typed[2] : sms.bodyTemplate() == null ? BODY_EXAMPLE : sms.bodyTemplate();
        web.renderTo(ctx, "alerts/staff/settings.jte", Map.of("v", new SettingsPage(shells.of(ctx, "alerts", ASSETS), sms, url, header, body,
                alerts.push().publicKey(), alerts.push().countSubscriptions(), error, notice)));
    }

    private void saveSettings(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        String[] typed = {nz(ctx.formParam("url")), nz(ctx.formParam("headerName")), nz(ctx.formParam("bodyTemplate"))};
        try {
            boolean off = "off".equals(ctx.formParam("action"));
            alerts.sms().doSaveSettings(staff, off ? null : typed[0], typed[1], ctx.formParam("headerValue"), typed[2]);
            settings(ctx, null, null, t.t(off ? "alerts.settings.off" : "alerts.settings.saved"));
        } catch (ApiError e) {
            if (e.status() >= 500 || e.status() == 401 || e.status() == 403) throw e;
            ctx.status(422);
            settings(ctx, typed, t.has("alerts.settings.error." + e.field()) ? t.t("alerts.settings.error." + e.field()) : t.t("alerts.error.invalid", e.field()), null);
        }
    }

    // ---------------------------------------------------------------- the list and the composer

    private Form form(Context ctx, AlertTemplate template) {
        if (template != null) {
            return new Form(Long.toString(template.id()), "", "", "", "everyone", List.of(), "", "", template.texts().fr().shortText(),
                    template.texts().fr().longText(), template.texts().en().shortText(), template.texts().en().longText(), template.severity(), "");
        }
        return new Form(nz(ctx.formParam("templateId")), nz(ctx.formParam("building")), nz(ctx.formParam("time")), nz(ctx.formParam("instructions")),
                ctx.formParam("audience") == null ? "everyone" : ctx.formParam("audience"), ctx.formParams("kinds"), nz(ctx.formParam("segmentId")),
                nz(ctx.formParam("listId")),
                nz(ctx.formParam("frShort")), nz(ctx.formParam("frLong")), nz(ctx.formParam("enShort")), nz(ctx.formParam("enLong")),
                nz(ctx.formParam("severity")), nz(ctx.formParam("helpService")));
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    private Draft draft(Form f) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!f.building().isBlank()) params.put("building", f.building());
        if (!f.time().isBlank()) params.put("time", f.time());
        if (!f.instructions().isBlank()) params.put("instructions", f.instructions());
        Long segment = f.segmentId().isBlank() ? null : Ids.field("segmentId", f.segmentId());
        Long list = f.listId().isBlank() ? null : Ids.field("listId", f.listId());
        Audience audience = Audience.of(f.audience(), f.kinds(), segment, list);
        Long template = f.templateId().isBlank() ? null : Ids.field("templateId", f.templateId());
        AlertText fr = f.frShort().isBlank() && f.frLong().isBlank() ? null : new AlertText(blank(f.frShort()), blank(f.frLong()));
        AlertText en = f.enShort().isBlank() && f.enLong().isBlank() ? null : new AlertText(blank(f.enShort()), blank(f.enLong()));
        return new Draft(template, params, audience, fr, en, null, blank(f.severity()), blank(f.helpService()));
    }

    private void list(Context ctx, Form typed, String error) {
        list(ctx, typed, error, null);
    }

    private void list(Context ctx, Form typed, String error, String notice) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<AlertTemplate> templates = alerts.accessTemplates(staff);
        AlertTemplate chosen = null;
        String asked = ctx.queryParam("template");
        if (typed == null && asked != null) {
            long id = Ids.orZero(asked);
            chosen = templates.stream().filter(x -> x.id() == id).findFirst().orElse(null);
        }
        Form f = typed != null ? typed : form(ctx, chosen);
        Preview preview = f.frShort().isBlank() && f.frLong().isBlank() && f.enShort().isBlank() && f.enLong().isBlank() ? null : preview(staff, f, t);
        web.renderTo(ctx, "alerts/staff/list.jte", Map.of("v", new ListPage(shells.of(ctx, "alerts", ASSETS), rows(staff, Alert.Status.SENDING, t),
                rows(staff, Alert.Status.DRAFT, t), rows(staff, Alert.Status.CLOSED, t), templates, f, kinds(f, t), segments(staff, f),
                lists(staff, f, t), severities(f, t), helpServices(f, t), preview, error, notice, Access.canAdminister(staff))));
    }

    private List<Row> rows(Staff staff, Alert.Status status, Localizer t) {
        List<Row> out = new ArrayList<>();
        for (Alert a : alerts.accessAlerts(staff, status, status == Alert.Status.CLOSED ? 10 : 50)) {
            out.add(new Row(a.id(), status.code(), a.texts().in(t.lang()).shortText(),
                    times.dateTime(a.approvedAt() != null ? a.approvedAt() : a.createdAt(), t), a.createdByName()));
        }
        return out;
    }

    private List<Option> kinds(Form f, Localizer t) {
        return ContactDraft.KINDS.stream().map(k -> new Option(k, t.t("alerts.kind." + k), f.kinds().contains(k))).toList();
    }

    private List<Option> segments(Staff staff, Form f) {
        List<Option> out = new ArrayList<>();
        for (Segment s : alerts.accessSegments(staff)) out.add(new Option(Long.toString(s.id()), s.name(), f.segmentId().equals(Long.toString(s.id()))));
        return out;
    }

    private List<Option> lists(Staff staff, Form f, Localizer t) {
        List<Option> out = new ArrayList<>();
        for (AlertList l : alerts.accessLists(staff)) {
            out.add(new Option(Long.toString(l.id()), t.t("alerts.lists.option", l.name(), t.plural("alerts.reach.people", l.members()), times.dateTime(l.createdAt(), t)),
                    f.listId().equals(Long.toString(l.id()))));
        }
        return out;
    }

    /** An uploaded list (the composer's own form, multipart): kept, then the composer with it chosen, or the refusal with its lines. */
    private void upload(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Form empty = new Form("", "", "", "", "list", List.of(), "", "", "", "", "", "", "", "");
        try {
            io.javalin.http.UploadedFile file = ctx.uploadedFile("file");
            if (file == null || file.size() == 0) throw new ApiError(422, "csv_empty", "Choose a CSV file", "file");
            if (file.size() > io.guichet.platform.web.CsvReader.MAX_BYTES) throw io.guichet.platform.web.CsvReader.tooLarge();
            byte[] bytes;
            try (var in = file.content()) {
                bytes = in.readAllBytes();
            }
            AlertService.Uploaded u = alerts.doUploadList(staff, ctx.formParam("name"), bytes);
            String notice = t.t("alerts.lists.kept", u.list().name(), t.plural("alerts.reach.people", u.list().members()))
                    + (u.list().unmatched() == 0 ? "" : " " + t.plural("alerts.lists.unmatched", u.list().unmatched())
                    + " " + t.t(u.unmatchedLines().size() == 1 ? "alerts.lists.line" : "alerts.lists.lines", u.unmatchedLines().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
            list(ctx, new Form("", "", "", "", "list", List.of(), "", Long.toString(u.list().id()), "", "", "", "", "", ""), null, notice);
        } catch (ApiError e) {
            if (e.status() >= 500 || e.status() == 401 || e.status() == 403) throw e;
            ctx.status(422);
            list(ctx, empty, error(t, e));
        } catch (java.io.IOException e) {
            throw ApiError.malformed("Could not read the uploaded file");
        }
    }

    private List<Option> severities(Form f, Localizer t) {
        String current = f.severity().isBlank() ? "Severe" : f.severity();
        return List.of("Extreme", "Severe", "Moderate", "Minor").stream().map(s -> new Option(s, t.t("alerts.severity." + s), s.equals(current))).toList();
    }

    private List<Option> helpServices(Form f, Localizer t) {
        String current = f.helpService().isBlank() ? alerts.settings().helpService() : f.helpService();
        return services.findActive().stream().map(s -> new Option(s.slug(), s.name(t.lang()), s.slug().equals(current)))
                .sorted(java.util.Comparator.comparing(Option::label, t.collator())).toList();
    }

    private Preview preview(Staff staff, Form f, Localizer t) {
        try {
            Draft d = draft(f);
            AlertService.Composed c = alerts.compose(staff, d);
            return new Preview(c.texts(), c.warnings(), alerts.reach(staff, d.audience()), null);
        } catch (ApiError e) {
            if (e.status() >= 500 || e.status() == 401 || e.status() == 403) throw e;
            return new Preview(null, List.of(), null, error(t, e));
        }
    }

    private static String error(Localizer t, ApiError e) {
        String key = "alerts.error." + e.code() + (e.field() == null ? "" : "." + e.field());
        if (t.has(key)) return t.t(key, String.join(", ", e.args()));
        if (t.has("alerts.error." + e.code())) return t.t("alerts.error." + e.code(), String.join(", ", e.args()));
        return t.t("alerts.error.invalid", e.field() == null ? "" : e.field());
    }

    private void preview(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        web.renderTo(ctx, "alerts/staff/preview.jte", Map.of("t", t, "p", preview(staff, form(ctx, null), t)));
    }

    private void create(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Form f = form(ctx, null);
        try {
            AlertService.Drafted d = alerts.doDraft(staff, draft(f));
            ctx.redirect("/alerts/" + d.alert().id(), HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() >= 500 || e.status() == 401 || e.status() == 403) throw e;
            ctx.status(422);
            list(ctx, f, error(web.localizer(ctx), e));
        }
    }

    // ---------------------------------------------------------------- one alert: approval, then the dashboard

    private void detail(Context ctx, String error) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Alert");
        Alert a = alerts.accessAlert(staff, id);
        List<AuditStep> audit = alerts.accessAudit(staff, id);
        List<String> warnings = audit.isEmpty() || audit.getFirst().detail() == null || audit.getFirst().detail().isBlank() ? List.of()
                : List.of(audit.getFirst().detail().split(","));
        AlertService.Reach reach = a.status() == Alert.Status.DRAFT ? alerts.reach(staff, a.audience()) : null;
        List<Step> steps = steps(audit, t);
        List<AlertRow> updates = alerts.accessUpdates(staff, id).stream().map(u -> new AlertRow(times.dateTime(u.at(), t), times.iso(u.at()),
                u.allClear(), u.onlyUnanswered(), u.texts().fr(), u.texts().en())).toList();
        web.renderTo(ctx, "alerts/staff/alert.jte", Map.of("v", new DetailPage(shells.of(ctx, "alerts", ASSETS), a, audience(a.audience(), t, staff),
                warnings, reach, a.status() == Alert.Status.DRAFT && Access.canApproveAlert(staff, a.createdBy(), a.singlePersonTemplate()),
                a.createdBy() == staff.id(), live(staff, a, t), steps, updates, error)));
    }

    private String audience(Audience a, Localizer t, Staff staff) {
        return switch (a.kind()) {
            case EVERYONE -> t.t("alerts.audience.everyone");
            case KINDS -> String.join(", ", a.kinds().stream().map(k -> t.t("alerts.kind." + k)).toList());
            case SEGMENT -> alerts.accessSegments(staff).stream().filter(s -> s.id() == a.segmentId()).map(Segment::name).findFirst()
                    .orElse(t.t("alerts.audience.segment"));
            case LIST -> alerts.accessLists(staff).stream().filter(l -> l.id() == a.listId()).map(AlertList::name).findFirst()
                    .map(n -> t.t("alerts.audience.list") + " — " + n).orElse(t.t("alerts.audience.list"));
        };
    }

    private Live live(Staff staff, Alert a, Localizer t) {
        if (a.status() == Alert.Status.DRAFT) return new Live(a.id(), a.status().code(), null, List.of(), List.of());
        List<Person> help = people(alerts.accessRecipients(staff, a.id(), "help"), t);
        List<Person> silent = people(alerts.accessRecipients(staff, a.id(), "none"), t);
        return new Live(a.id(), a.status().code(), alerts.accessCounts(staff, a.id()), help, silent.size() > 200 ? silent.subList(0, 200) : silent);
    }

    private List<Person> people(List<AlertRecipient> list, Localizer t) {
        return list.stream().map(r -> new Person(r.name() == null ? t.t("alerts.person.unnamed") : r.name(), r.email(), r.message(), r.location(),
                times.clock(r.answeredAt(), t), r.conversationId())).toList();
    }

    /**
     * The dashboard's live part, asked again by {@code static/alerts/staff.js} on each {@code alert.*} frame about the
     * alert (and every 20 s, for the mail counts, which the outbox moves without a frame); a draft approved meanwhile
     * reloads the page.
     */
    private void live(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Alert a = alerts.accessAlert(staff, Ids.path(ctx, "id", "Alert"));
        if (!a.status().code().equals(ctx.queryParam("was"))) {
            ctx.header("HX-Refresh", "true");
            ctx.result("");
            return;
        }
        web.renderTo(ctx, "alerts/staff/live.jte", Map.of("t", t, "l", live(staff, a, t)));
    }

    // ---------------------------------------------------------------- the after-action report

    private void report(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        AfterAction r = alerts.accessReport(staff, Ids.path(ctx, "id", "Alert"));
        int n = r.curve().size(), total = Math.max(1, r.counts().recipients()), w = 600 / n;
        List<CurveRow> curve = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AfterAction.Point p = r.curve().get(i);
            curve.add(new CurveRow(times.clock(p.at(), t), times.iso(p.at()), duration(p.sinceSent()), p.safe(), p.help(), p.none(),
                    i * w, Math.max(1, w - 2), 200 * p.safe() / total, 200 * p.help() / total, 200 * p.none() / total));
        }
        web.renderTo(ctx, "alerts/staff/report.jte", Map.of("v", new ReportPage(shells.of(ctx, "alerts", ASSETS), r.alert(),
                audience(r.alert().audience(), t, staff), steps(r.timeline(), t), r, curve, duration(r.firstAnswer()), duration(r.medianAnswer()))));
    }

    private void reportCsv(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Alert");
        AfterAction r = alerts.accessReport(staff, id);
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"alerte-" + id + "-bilan.csv\"");
        ctx.result(CsvWriter.write(List.of(t.t("alerts.report.csv.at"), t.t("alerts.report.csv.since"), t.t("alerts.report.csv.event"),
                t.t("alerts.report.csv.who"), t.t("alerts.dash.safe"), t.t("alerts.dash.help"), t.t("alerts.dash.noAnswer")), rows -> {
            for (AuditStep s : r.timeline()) {
                rows.add(times.spreadsheet(s.at()), since(r, s.at()), step(s, t), s.staffName(), "", "", "");
            }
            for (AfterAction.Point p : r.curve()) {
                rows.add(times.spreadsheet(p.at()), duration(p.sinceSent()), t.t("alerts.report.csv.answers"), "",
                        Integer.toString(p.safe()), Integer.toString(p.help()), Integer.toString(p.none()));
            }
        }));
    }

    private static String since(AfterAction r, java.time.Instant at) {
        return r.alert().approvedAt() == null || at.isBefore(r.alert().approvedAt()) ? "" : duration(Duration.between(r.alert().approvedAt(), at));
    }

    /** "1 h 04 min", "3 min 05 s", "12 s" (no-break spaces before the units): SI symbols, the same in French and English. */
    static String duration(Duration d) {
        if (d == null) return null;
        long s = d.toSeconds();
        if (s >= 3600) return (s / 3600) + "\u00a0h " + String.format("%02d", s % 3600 / 60) + "\u00a0min";
        if (s >= 60) return (s / 60) + "\u00a0min " + String.format("%02d", s % 60) + "\u00a0s";
        return s + "\u00a0s";
    }

    private List<Step> steps(List<AuditStep> audit, Localizer t) {
        return audit.stream().map(s -> new Step(times.dateTime(s.at(), t), times.iso(s.at()), s.staffName(), step(s, t))).toList();
    }

    /** Steps whose detail holds figures ("|"-separated) the sentence shows: the channels that tell, the uploaded list. */
    private static final java.util.Set<String> DETAILED = java.util.Set.of("pushed", "sms_sent", "list_uploaded");

    static String step(AuditStep s, Localizer t) {
        String key = "alerts.audit." + s.action();
        if (s.detail() == null || !DETAILED.contains(s.action())) return t.t(key);
        String[] parts = s.detail().split("\\|", 5); // a list's name, last, may hold a |
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) args[i] = parts[i].matches("[0-9]{1,9}") ? (Object) Long.valueOf(parts[i]) : parts[i];
        return t.t(key + ".detail", args);
    }

    private void export(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        long id = Ids.path(ctx, "id", "Alert");
        String list = ctx.queryParam("list");
        if (!"help".equals(list) && !"none".equals(list)) throw ApiError.invalid("list", "list is help or none");
        Localizer t = web.localizer(ctx);
        List<AlertRecipient> people = alerts.accessRecipients(staff, id, list);
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"alerte-" + id + "-" + ("help".equals(list) ? "besoin-d-aide" : "sans-reponse") + ".csv\"");
        ctx.result(CsvWriter.write(List.of(t.t("alerts.csv.name"), t.t("alerts.csv.email"), t.t("alerts.csv.state"), t.t("alerts.csv.message"),
                t.t("alerts.csv.location"), t.t("alerts.csv.answeredAt")), rows -> {
            for (AlertRecipient r : people) {
                rows.add(r.name(), r.email(), t.t("alerts.state." + r.state()), r.message(), r.location(), times.spreadsheet(r.answeredAt()));
            }
        }));
    }
}
