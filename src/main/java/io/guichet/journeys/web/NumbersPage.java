package io.guichet.journeys.web;

import io.guichet.identity.Authenticated;
import io.guichet.journeys.JourneyNumbers;
import io.guichet.journeys.JourneyNumbers.Standing;
import io.guichet.journeys.JourneyService;
import io.guichet.platform.web.CsvWriter;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** A template's numbers for the international office: the page {@code /journeys/{id}/numbers} and the same as a CSV. */
final class NumbersPage {
    private static final List<String> CSV_HEADER = List.of("template", "term", "position", "step_key", "step", "todo", "submitted", "approved",
            "refused", "late", "median_days_document_to_approval", "median_days_enrolment_to_done", "applicants", "complete");

    private final JourneyService journeys;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final StaffShell.Assets assets;

    NumbersPage(JourneyService journeys, WebKernel web, StaffShells shells, Times times, StaffShell.Assets assets) {
        this.journeys = journeys;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.assets = assets;
    }

    void register(JavalinConfig config) {
        config.routes.get("/journeys/{id}/numbers", this::page);
        config.routes.get("/journeys/{id}/numbers.csv", this::csv);
    }

    private JourneyNumbers numbers(Context ctx) {
        return journeys.accessNumbers(Authenticated.viewerForPage(ctx), Ids.path(ctx, "id", "Template"), term(ctx.queryParam("session")));
    }

    /** The chosen term; anything but a date means every term (a filter, not a form: nothing to refuse). */
    private static LocalDate term(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void page(Context ctx) {
        JourneyNumbers n = numbers(ctx);
        StaffShell s = shells.of(ctx, "journeys", assets);
        Localizer t = s.t();
        List<JourneyViews.Option> terms = n.terms().stream()
                .map(d -> new JourneyViews.Option(d.toString(), times.date(d, t), d.equals(n.term()))).toList();
        List<JourneyViews.StepNumbersRow> steps = n.steps().stream().map(x -> new JourneyViews.StepNumbersRow(x.step().title(t.lang()),
                x.count(Standing.TODO), x.count(Standing.SUBMITTED), x.count(Standing.APPROVED), x.count(Standing.REFUSED), x.count(Standing.LATE),
                days(x.review(), t), days(x.toDone(), t))).toList();
        List<String> stuck = n.stuck().stream().map(x -> t.t("journeys.numbers.stuck_line", x.step().title(t.lang()), x.count(Standing.LATE),
                x.count(Standing.REFUSED))).toList();
        String query = n.term() == null ? "" : "?session=" + n.term();
        web.renderTo(ctx, "journeys/numbers.jte", Map.of("v", new JourneyViews.NumbersPage(s, n.template().id(), n.template().name(t.lang()), terms,
                t.t("journeys.numbers.conversion", n.complete(), n.enrolled(), n.conversion()), steps, stuck,
                "/journeys/" + n.template().id() + "/numbers.csv" + query)));
    }

    private static String days(Duration d, Localizer t) {
        return d == null ? "—" : t.t("journeys.numbers.days", d.toMinutes() / (24.0 * 60));
    }

    private void csv(Context ctx) {
        JourneyNumbers n = numbers(ctx);
        Localizer t = web.localizer(ctx);
        String name = n.template().name(t.lang());
        String term = n.term() == null ? "" : n.term().toString();
        byte[] bytes = CsvWriter.write(CSV_HEADER, rows -> {
            for (JourneyNumbers.StepNumbers x : n.steps()) {
                rows.add(name, term, x.step().position(), x.step().key(), x.step().title(t.lang()), x.count(Standing.TODO), x.count(Standing.SUBMITTED),
                        x.count(Standing.APPROVED), x.count(Standing.REFUSED), x.count(Standing.LATE), csvDays(x.review()), csvDays(x.toDone()),
                        n.enrolled(), n.complete());
            }
        });
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"parcours-" + n.template().id() + "-chiffres.csv\"");
        ctx.header("Cache-Control", "private, no-store");
        ctx.result(bytes);
    }

    /** Days with two decimals, as a number a spreadsheet adds up (null: no such step done yet). */
    private static Double csvDays(Duration d) {
        return d == null ? null : Math.round(d.toMinutes() / (24.0 * 60) * 100) / 100.0;
    }
}
