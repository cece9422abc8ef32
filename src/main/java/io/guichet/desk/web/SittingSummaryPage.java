package io.guichet.desk.web;

import io.guichet.desk.Category;
import io.guichet.desk.DeskService;
import io.guichet.desk.DeskService.SittingSummary;
import io.guichet.desk.DeskWords;
import io.guichet.desk.Incident;
import io.guichet.desk.Outcome;
import io.guichet.desk.Sitting;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sitting's summary for its faculty and an exam board: how many incidents, of which categories, with which outcomes,
 * and each one's times (reported, acknowledged, decided), as a page and as CSV (formula cells neutralised by the writer).
 */
public final class SittingSummaryPage {
    static final List<String> CSV_HEADER = List.of("incident", "student", "category", "started_at", "reported_at", "acknowledged_at",
            "acknowledged_by", "minutes_to_acknowledge", "escalated_at", "outcome", "outcome_at", "decided_by", "outcome_message", "description");

    private final DeskService desk;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public SittingSummaryPage(DeskService desk, WebKernel web, StaffShells shells, Times times) {
        this.desk = desk;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/desk/sittings/{id}", this::page);
        config.routes.get("/desk/sittings/{id}/incidents.csv", this::csv);
    }

    public record Count(String label, int count) {
    }

    public record Line(String href, String student, String category, String reported, String acknowledged, String outcome) {
    }

    public record Page(StaffShell s, String course, String when, String faculty, int total, int undecided, List<Count> categories,
                       List<Count> outcomes, List<Line> incidents, String csvUrl, String listUrl) {
    }

    private void page(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        SittingSummary sum = desk.accessSittingSummary(me, Ids.path(ctx, "id", "Sitting"));
        Sitting s = sum.sitting();
        List<Count> categories = new ArrayList<>();
        for (Category c : Category.values()) if (sum.categories().containsKey(c)) categories.add(new Count(t.t("desk.category." + c.key()), sum.categories().get(c)));
        List<Count> outcomes = new ArrayList<>();
        for (Outcome.Kind k : Outcome.Kind.values()) if (sum.outcomes().containsKey(k)) outcomes.add(new Count(t.t("desk.kind." + k.key()), sum.outcomes().get(k)));
        List<Line> lines = sum.incidents().stream().map(i -> new Line("/desk/incidents/" + i.id(), DeskScreens.student(i, t), t.t("desk.category." + i.category().key()),
                times.clock(i.createdAt(), t), i.acknowledgedAt() == null ? "—" : times.clock(i.acknowledgedAt(), t),
                i.outcome() == null ? t.t("desk.state." + i.state().key()) : t.t("desk.kind." + i.outcome().kind().key()))).toList();
        web.renderTo(ctx, "desk/staff/sitting.jte", Map.of("v", new Page(shells.of(ctx, "desk.incidents", DeskScreens.ASSETS), DeskScreens.course(s),
                times.dateTime(s.startsAt(), t) + " – " + times.clock(s.endsAt(), t), s.faculty().name(), sum.incidents().size(), sum.undecided(),
                categories, outcomes, lines, "/desk/sittings/" + s.id() + "/incidents.csv", "/desk/incidents?sitting=" + s.id())));
    }

    private void csv(Context ctx) {
        Staff me = Authenticated.staff(ctx);
        Localizer t = web.localizer(ctx);
        SittingSummary sum = desk.accessSittingSummary(me, Ids.path(ctx, "id", "Sitting"));
        byte[] bytes = CsvWriter.write(CSV_HEADER, rows -> {
            for (Incident i : sum.incidents()) {
                Outcome o = i.outcome();
                rows.add(i.id(), DeskScreens.student(i, t), i.category().key(), times.spreadsheet(i.startedAt()), times.spreadsheet(i.createdAt()),
                        i.acknowledgedAt() == null ? null : times.spreadsheet(i.acknowledgedAt()), i.acknowledgedBy(),
                        i.acknowledgedAt() == null ? null : Duration.between(i.createdAt(), i.acknowledgedAt()).toMinutes(),
                        i.escalatedAt() == null ? null : times.spreadsheet(i.escalatedAt()), o == null ? null : o.kind().key(),
                        o == null ? null : times.spreadsheet(o.at()), o == null ? null : o.by(), o == null ? null : DeskWords.outcome(o, t, times) + " " + o.message(),
                        i.description());
            }
        });
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"incidents-" + sum.sitting().ref().replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"");
        ctx.header("Cache-Control", "no-store");
        ctx.result(bytes);
    }
}
