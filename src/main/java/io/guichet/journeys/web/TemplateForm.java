package io.guichet.journeys.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.journeys.DueRule;
import io.guichet.journeys.JourneyService;
import io.guichet.journeys.Template;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff's form for a checklist template ({@code /journeys/new}, {@code /journeys/{id}/edit}: saving an edit makes
 * a new version). A refusal re-renders the form as typed, every error next to its field; an empty row is no step, and
 * "add a step" comes back with one more empty row.
 */
final class TemplateForm {
    private final JourneyService journeys;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final StaffShells shells;
    private final StaffShell.Assets assets;

    TemplateForm(JourneyService journeys, ServiceCatalogue services, WebKernel web, StaffShells shells, StaffShell.Assets assets) {
        this.journeys = journeys;
        this.services = services;
        this.web = web;
        this.shells = shells;
        this.assets = assets;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/journeys/new", ctx -> {
            Access.requireJourneyTemplates(Authenticated.forPage(ctx));
            render(ctx, null, "", "", "", List.of(), Map.of(), 200);
        });
        r.post("/journeys/new", ctx -> save(ctx, null));
        r.get("/journeys/{id}/edit", ctx -> {
            Staff staff = Access.requireJourneyTemplates(Authenticated.forPage(ctx));
            Template t = journeys.accessTemplate(staff, Ids.path(ctx, "id", "Template"));
            render(ctx, t.id(), t.nameFr(), t.nameEn(), t.termStart().toString(), t.steps().stream().map(TemplateForm::row).toList(), Map.of(), 200);
        });
        r.post("/journeys/{id}/edit", ctx -> save(ctx, Ids.path(ctx, "id", "Template")));
    }

    private static JourneyViews.StepRow row(Template.Step s) {
        DueRule d = s.due();
        return new JourneyViews.StepRow(s.key(), s.titleFr(), s.titleEn(), s.helpFr(), s.helpEn(), s.serviceId() == null ? "" : s.serviceId().toString(),
                s.documentRequired(), s.acceptedTypes(), s.documentRequired() ? Integer.toString(s.maxBytes() / 1024) : "", s.approvalRequired(), d.kind().key(), d.date() == null ? "" : d.date().toString(),
                d.days() == null ? "" : d.days().toString(), d.afterStep() == null ? "" : d.afterStep());
    }

    private void save(Context ctx, Long templateId) {
        Staff staff = Access.requireJourneyTemplates(Authenticated.forPage(ctx));
        List<JourneyViews.StepRow> rows = rows(ctx);
        String nameFr = value(ctx, "nameFr"), nameEn = value(ctx, "nameEn"), term = value(ctx, "termStart");
        if (ctx.formParam("addStep") != null) {
            List<JourneyViews.StepRow> more = new ArrayList<>(rows);
            if (more.size() < JourneyService.MAX_STEPS) more.add(JourneyViews.StepRow.EMPTY);
            render(ctx, templateId, nameFr, nameEn, term, more, Map.of(), 200);
            return;
        }
        Checks read = new Checks();
        List<Template.Step> steps = new ArrayList<>();
        for (JourneyViews.StepRow row : rows) steps.add(step(row, "steps[" + steps.size() + "].", read));
        var draft = new JourneyService.TemplateDraft(nameFr, nameEn, read.check(() -> date("termStart", term)), steps);
        try {
            Template saved = templateId == null ? journeys.doCreateTemplate(staff, draft, read) : journeys.doEditTemplate(staff, templateId, draft, read);
            ctx.redirect("/journeys/" + saved.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            render(ctx, templateId, nameFr, nameEn, term, rows, errors(e, web.localizer(ctx)), 422);
        }
    }

    /** The rows as typed, the empty ones left out (a row with nothing in it is no step). */
    private static List<JourneyViews.StepRow> rows(Context ctx) {
        List<JourneyViews.StepRow> rows = new ArrayList<>();
        int count = (int) Math.min(Ids.orZero(ctx.formParam("rows")), JourneyService.MAX_STEPS + 1);
        for (int i = 0; i < count; i++) {
            String p = "s" + i + ".";
            JourneyViews.StepRow row = new JourneyViews.StepRow(value(ctx, p + "key"), value(ctx, p + "titleFr"), value(ctx, p + "titleEn"),
                    value(ctx, p + "helpFr"), value(ctx, p + "helpEn"), value(ctx, p + "service"), ctx.formParam(p + "document") != null,
                    ctx.formParams(p + "types"), value(ctx, p + "maxKb"), ctx.formParam(p + "approval") != null, value(ctx, p + "dueKind"), value(ctx, p + "dueDate"),
                    value(ctx, p + "dueDays"), value(ctx, p + "dueAfter"));
            if (!row.blank()) rows.add(row);
        }
        return rows;
    }

    private static String value(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v;
    }

    private Template.Step step(JourneyViews.StepRow row, String f, Checks read) {
        Long service = row.service().isBlank() ? null : read.check(() -> Ids.field(f + "service", row.service()));
        DueRule due = read.check(() -> {
            try {
                Integer days = row.dueDays().isBlank() ? null : Integer.valueOf(row.dueDays().strip());
                return new DueRule(DueRule.Kind.of(row.dueKind().isBlank() ? "none" : row.dueKind()), date(f + "due.date", row.dueDate()), days,
                        row.dueAfter().isBlank() ? null : row.dueAfter());
            } catch (NumberFormatException e) {
                throw ApiError.invalid(f + "due.days", f + "due.days must be a whole number").because("days");
            } catch (ApiError e) {
                throw new ApiError(e.status(), e.code(), f + e.getMessage(), f + e.field()).because(e.field().replace('.', '_'));
            }
        });
        Integer maxBytes = read.check(() -> maxBytes(f + "maxBytes", row.maxKb()));
        return new Template.Step(0, row.key(), 0, row.titleFr(), row.titleEn(), row.helpFr(), row.helpEn(), service, row.document(),
                row.types(), maxBytes == null ? 0 : maxBytes, row.approval(), due == null ? DueRule.none() : due);
    }

    /** The size typed in KB, in bytes; empty is the server's largest (0); the range is the service's to check. */
    private int maxBytes(String field, String kb) {
        if (kb.isBlank()) return 0;
        try {
            long value = Long.parseLong(kb.strip().replace(" ", "").replace("\u00a0", ""));
            // a typed 0 is a size (refused), not "the server's largest" that an empty field and the API's 0 are
            return value <= 0 ? -1 : value > Integer.MAX_VALUE / 1024 ? Integer.MAX_VALUE : (int) value * 1024;
        } catch (NumberFormatException e) {
            throw ApiError.invalid(field, field + " must be a whole number of KB").because("max_bytes", journeys.settings().maxBytes() / 1024);
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date (YYYY-MM-DD)").because("date");
        }
    }

    /** Each refusal in the reader's words, by field (the first of a field wins); one naming no field goes to the top. */
    private static Map<String, String> errors(ApiError e, Localizer t) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ApiError one : e.all()) {
            String key = "journeys.form.error." + (one.reason() == null ? one.code() : one.reason());
            shown.putIfAbsent(one.field() == null ? "form" : one.field(),
                    t.t(t.has(key) ? key : "journeys.form.error.invalid", one.args().toArray()));
        }
        return shown;
    }

    private void render(Context ctx, Long templateId, String nameFr, String nameEn, String term, List<JourneyViews.StepRow> rows,
                        Map<String, String> errors, int status) {
        StaffShell s = shells.of(ctx, "journeys", assets);
        Localizer t = s.t();
        List<JourneyViews.StepRow> shown = rows.isEmpty() ? List.of(JourneyViews.StepRow.EMPTY) : rows;
        List<JourneyViews.Option> choices = services.findAll().stream().filter(x -> x.active())
                .map(x -> new JourneyViews.Option(Long.toString(x.id()), x.name(t.lang()), false)).toList();
        ctx.status(status);
        web.renderTo(ctx, "journeys/template-form.jte", Map.of("v", new JourneyViews.TemplateFormPage(s, templateId, nameFr, nameEn, term, shown,
                choices, journeys.settings().maxBytes() / 1024, errors)));
    }
}
