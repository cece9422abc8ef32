package io.guichet.insights.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.inbox.Ratings;
import io.guichet.inbox.ReportFigures;
import io.guichet.inbox.ReportFigures.Figures;
import io.guichet.insights.Reports;
import io.guichet.insights.Reports.Period;
import io.guichet.insights.Reports.Report;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvWriter;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reports (issue 17): {@code GET /api/v1/insights/report}, the lead's pages {@code /insights/report} (figures,
 * server-drawn SVG charts, CSV) and {@code /insights/satisfaction} (ratings per service, agent, day and channel, the
 * comments newest first, CSV), under the "Pilotage" menu.
 */
public final class InsightsRoutes {
    public static final List<NavEntry<Staff>> NAV = List.of(
            NavEntry.of("insights", "nav.insights", "/insights/report", Access::canReadReports),
            NavEntry.of("satisfaction", "nav.insights.satisfaction", "/insights/satisfaction", Access::canReadReports));
    static final int COMMENTS_PER_PAGE = 20;
    private static final FormErrors ERRORS = new FormErrors("insights", Set.of("from", "to", "service", "unit"),
            Map.of("unknown_service", "service"));

    private final Reports reports;
    private final Ratings ratings;
    private final ServiceCatalogue services;
    private final IdentityService identity;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public InsightsRoutes(Reports reports, Ratings ratings, ServiceCatalogue services, IdentityService identity, WebKernel web,
                          StaffShells shells, Times times) {
        this.reports = reports;
        this.ratings = ratings;
        this.services = services;
        this.identity = identity;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/insights/report", ctx -> {
            Staff me = Authenticated.staff(ctx);
            Access.requireReportReader(me);
            ctx.json(json(reports.accessReport(me, reports.period(ctx.queryParam("from"), ctx.queryParam("to")),
                    reports.service(ctx.queryParam("service")), unit(ctx.queryParam("unit")))));
        });
        r.get("/insights/report", this::reportPage);
        r.get("/insights/report.csv", this::reportCsv);
        r.get("/insights/satisfaction", this::satisfactionPage);
        r.get("/insights/satisfaction.csv", this::satisfactionCsv);
    }

    private static ReportFigures.Unit unit(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("day")) return ReportFigures.Unit.DAY;
        if (raw.equals("week")) return ReportFigures.Unit.WEEK;
        throw ApiError.invalid("unit", "unit is day or week");
    }

    // ---------------------------------------------------------------- the report

    /** The filter as typed. */
    public record Filter(String from, String to, String service, String unit, List<Option> services) {
        public String query() {
            return "from=" + enc(from) + "&to=" + enc(to) + "&service=" + enc(service) + "&unit=" + enc(unit);
        }
    }

    public record Option(String slug, String name, boolean selected) {
    }

    /** One line of figures in the reader's words. */
    public record Row(String label, String arrivals, String answered, String withinTarget, String averageWait, String p90Wait,
                      String abandoned, String handling, String satisfaction) {
    }

    public record Incident(String category, String count) {
    }

    public record ReportPage(StaffShell shell, Filter filter, Map<String, String> errors, String heading, Row total, List<Row> channels,
                             List<Row> buckets, List<BarChart> charts, List<Incident> incidents, String targetNote) {
        public String err(String field) {
            return errors.get(field);
        }
    }

    private Filter filter(Context ctx, Localizer t) {
        String service = value(ctx.queryParam("service"));
        List<Option> options = new ArrayList<>();
        options.add(new Option("", t.t("insights.allServices"), service.isEmpty()));
        services.findActive().stream().sorted(Comparator.comparing(s -> s.name(t.lang()), Messages.collator(t.lang())))
                .forEach(s -> options.add(new Option(s.slug(), s.name(t.lang()), s.slug().equals(service))));
        return new Filter(value(ctx.queryParam("from")), value(ctx.queryParam("to")), service,
                value(ctx.queryParam("unit")).isEmpty() ? "day" : value(ctx.queryParam("unit")), options);
    }

    private void reportPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireReportReader(me);
        Localizer t = web.localizer(ctx);
        Filter f = filter(ctx, t);
        StaffShell shell = shells.of(ctx, "insights", new StaffShell.Assets(List.of("/static/insights/insights.css"), List.of()));
        try {
            Report report = reports.accessReport(me, reports.period(f.from(), f.to()), reports.service(f.service()), unit(f.unit()));
            Period p = report.period();
            f = new Filter(p.from().toString(), p.to().toString(), f.service(), f.unit(), f.services());
            Words w = new Words(t);
            List<Row> channels = report.perChannel().stream().map(x -> w.row(t.t("insights.channel." + x.channel()), x)).toList();
            List<Row> buckets = report.perBucket().stream().map(x -> w.row(bucketLabel(x.bucket(), report.unit(), t), x)).toList();
            String heading = t.t("insights.report.heading", times.longDate(p.start(reports.zone()), t),
                    times.longDate(p.to().atStartOfDay(reports.zone()).toInstant(), t),
                    report.service() == null ? t.t("insights.allServices") : report.service().name(t.lang()));
            List<Incident> incidents = report.incidents().entrySet().stream()
                    .map(e -> new Incident(t.t("desk.category." + e.getKey()), w.count(e.getValue()))).toList();
            String targetNote = report.service() == null ? t.t("insights.target.each")
                    : t.t("insights.target.one", report.targetSeconds().get(report.service().id()));
            web.renderTo(ctx, "insights/report.jte", Map.of("v", new ReportPage(shell, f, Map.of(), heading, w.row(t.t("insights.total"), report.total()),
                    channels, buckets, charts(report, w, t), incidents, targetNote)));
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            web.renderTo(ctx, "insights/report.jte", Map.of("v", new ReportPage(shell, f, ERRORS.all(e, t), null, null, List.of(), List.of(),
                    List.of(), List.of(), null)));
        }
    }

    private List<BarChart> charts(Report report, Words w, Localizer t) {
        List<BarChart> charts = new ArrayList<>();
        List<Figures> buckets = report.perBucket();
        int every = Math.max(1, buckets.size() / 5);
        charts.add(BarChart.of("chart-arrivals", t.t("insights.chart.arrivals"), buckets, x -> (double) x.arrivals(),
                x -> shortBucket(x.bucket(), t), x -> shortBucket(x.bucket(), t) + " : " + w.count(x.arrivals()), every, d -> w.count(Math.round(d))));
        charts.add(BarChart.of("chart-within", t.t("insights.chart.within"), buckets, x -> x.withinTargetShare() == null ? 0 : x.withinTargetShare(),
                x -> shortBucket(x.bucket(), t), x -> shortBucket(x.bucket(), t) + " : " + w.percent(x.withinTargetShare()), every, w::percent));
        Map<LocalTime, Long> perSlot = new TreeMap<>();
        report.slots().forEach(s -> perSlot.merge(s.slot(), s.arrivals(), Long::sum));
        List<Map.Entry<LocalTime, Long>> slots = new ArrayList<>();
        if (!perSlot.isEmpty()) {
            // every half hour from the first slot with an arrival to the last, so the gaps show
            for (LocalTime s = perSlot.keySet().iterator().next(); !s.isAfter(((TreeMap<LocalTime, Long>) perSlot).lastKey()); s = s.plusMinutes(30)) {
                slots.add(Map.entry(s, perSlot.getOrDefault(s, 0L)));
                if (s.equals(LocalTime.of(23, 30))) break;
            }
        }
        charts.add(BarChart.of("chart-slots", t.t("insights.chart.slots"), slots, e -> (double) e.getValue(),
                e -> times.clock(LocalDate.now().atTime(e.getKey()).atZone(reports.zone()).toInstant(), t),
                e -> times.clock(LocalDate.now().atTime(e.getKey()).atZone(reports.zone()).toInstant(), t) + " : " + w.count(e.getValue()),
                slots.size() > 24 ? 8 : 4, d -> w.count(Math.round(d)))); // a tick every 2 h, or 4 h over a whole day: none overlap
        return charts;
    }

    private String bucketLabel(LocalDate day, ReportFigures.Unit unit, Localizer t) {
        String date = times.fullDate(day.atStartOfDay(reports.zone()).toInstant(), t);
        return unit == ReportFigures.Unit.WEEK ? t.t("insights.weekOf", date) : date;
    }

    private String shortBucket(LocalDate day, Localizer t) {
        return day.format(java.time.format.DateTimeFormatter.ofPattern("fr".equals(t.lang()) ? "d MMM" : "MMM d", t.locale()));
    }

    private void reportCsv(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Report report = reports.accessReport(me, reports.period(ctx.queryParam("from"), ctx.queryParam("to")),
                reports.service(ctx.queryParam("service")), unit(ctx.queryParam("unit")));
        List<String> header = List.of("period_start", "channel", "arrivals", "answered", "answered_within_target", "within_target_share",
                "average_wait_seconds", "p90_wait_seconds", "abandoned", "abandoned_share", "average_handling_seconds", "rated", "average_score");
        byte[] bytes = CsvWriter.write(header, rows -> {
            List<Figures> all = new ArrayList<>(report.perBucketAndChannel());
            all.addAll(report.perBucket());
            all.addAll(report.perChannel());
            all.add(report.total());
            for (Figures x : all) {
                rows.add(x.bucket() == null ? "" : x.bucket().toString(), x.channel() == null ? "" : x.channel(), x.arrivals(), x.answered(),
                        x.withinTarget(), two(x.withinTargetShare()), two(x.averageWaitSeconds()), two(x.p90WaitSeconds()), x.abandoned(),
                        two(x.abandonedShare()), two(x.averageHandlingSeconds()), x.rated(), two(x.averageScore()));
            }
        });
        download(ctx, "rapport-" + report.period().from() + "-" + report.period().to() + ".csv", bytes);
    }

    private static String two(Double d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    private static void download(Context ctx, String name, byte[] bytes) {
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "private, no-store");
        ctx.result(bytes);
    }

    private static Map<String, Object> json(Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", r.period().from().toString());
        out.put("to", r.period().to().toString());
        out.put("service", r.service() == null ? null : r.service().slug());
        out.put("unit", r.unit().name().toLowerCase(java.util.Locale.ROOT));
        out.put("total", figures(r.total()));
        Map<String, Object> channels = new LinkedHashMap<>();
        r.perChannel().forEach(x -> channels.put(x.channel(), figures(x)));
        out.put("channels", channels);
        List<Map<String, Object>> periods = new ArrayList<>();
        for (Figures b : r.perBucket()) {
            Map<String, Object> one = figures(b);
            one.put("start", b.bucket().toString());
            Map<String, Object> perChannel = new LinkedHashMap<>();
            r.perBucketAndChannel().stream().filter(x -> x.bucket().equals(b.bucket())).forEach(x -> perChannel.put(x.channel(), figures(x)));
            one.put("channels", perChannel);
            periods.add(one);
        }
        out.put("periods", periods);
        List<Map<String, Object>> slots = new ArrayList<>();
        r.slots().forEach(s -> slots.add(new LinkedHashMap<>(Map.of("slot", s.slot().toString(), "channel", s.channel(), "arrivals", s.arrivals()))));
        out.put("slots", slots);
        out.put("incidents", r.incidents());
        return out;
    }

    private static Map<String, Object> figures(Figures x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arrivals", x.arrivals());
        m.put("answered", x.answered());
        m.put("answeredWithinTarget", x.withinTarget());
        m.put("withinTargetShare", x.withinTargetShare());
        m.put("averageWaitSeconds", x.averageWaitSeconds());
        m.put("p90WaitSeconds", x.p90WaitSeconds());
        m.put("abandoned", x.abandoned());
        m.put("abandonedShare", x.abandonedShare());
        m.put("averageHandlingSeconds", x.averageHandlingSeconds());
        m.put("rated", x.rated());
        m.put("averageScore", x.averageScore());
        return m;
    }

    // ---------------------------------------------------------------- satisfaction

    public record Scores(String label, String rated, String average, List<String> shares) {
    }

    public record CommentRow(String when, String service, String agent, String channel, int score, String scoreText, String comment) {
    }

    public record SatisfactionPage(StaffShell shell, Filter filter, Map<String, String> errors, String heading, Scores total,
                                   List<Scores> perService, List<Scores> perAgent, boolean agents, List<Scores> perChannel, List<Scores> perDay,
                                   List<CommentRow> comments, int page, boolean more) {
        public String err(String field) {
            return errors.get(field);
        }
    }

    private void satisfactionPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireReportReader(me);
        Localizer t = web.localizer(ctx);
        Filter f = filter(ctx, t);
        StaffShell shell = shells.of(ctx, "satisfaction", new StaffShell.Assets(List.of("/static/insights/insights.css"), List.of()));
        int page = page(ctx.queryParam("page"));
        try {
            Period p = reports.period(f.from(), f.to());
            ServiceQueue service = reports.service(f.service());
            f = new Filter(p.from().toString(), p.to().toString(), f.service(), f.unit(), f.services());
            Long serviceId = service == null ? null : service.id();
            List<Ratings.Group> groups = ratings.accessSatisfaction(me, p.start(reports.zone()), p.end(reports.zone()), serviceId, reports.zone());
            List<Ratings.Comment> found = ratings.accessComments(me, p.start(reports.zone()), p.end(reports.zone()), serviceId,
                    (page - 1) * COMMENTS_PER_PAGE, COMMENTS_PER_PAGE + 1);
            Words w = new Words(t);
            Set<Long> staffIds = new HashSet<>();
            groups.stream().filter(g -> g.kind().equals("agent") && g.key() != null).forEach(g -> staffIds.add(Long.parseLong(g.key())));
            found.stream().filter(c -> c.assigneeId() != null).forEach(c -> staffIds.add(c.assigneeId()));
            Map<Long, String> names = identity.staffNames(staffIds);
            var collator = Messages.collator(t.lang());
            Scores total = groups.stream().filter(g -> g.kind().equals("total")).findFirst().map(g -> w.scores(t.t("insights.total"), g))
                    .orElse(w.scores(t.t("insights.total"), new Ratings.Group("total", "", new long[5])));
            List<Scores> perService = groups.stream().filter(g -> g.kind().equals("service"))
                    .map(g -> w.scores(services.findById(Long.parseLong(g.key())).name(t.lang()), g)).sorted(Comparator.comparing(Scores::label, collator)).toList();
            List<Scores> perAgent = groups.stream().filter(g -> g.kind().equals("agent"))
                    .map(g -> w.scores(g.key() == null ? t.t("insights.noAgent") : names.getOrDefault(Long.parseLong(g.key()), "?"), g))
                    .sorted(Comparator.comparing(Scores::label, collator)).toList();
            List<Scores> perChannel = groups.stream().filter(g -> g.kind().equals("channel"))
                    .map(g -> w.scores(t.t("insights.channel." + g.key()), g)).toList();
            List<Scores> perDay = groups.stream().filter(g -> g.kind().equals("day")).sorted(Comparator.comparing(Ratings.Group::key).reversed())
                    .map(g -> w.scores(times.fullDate(LocalDate.parse(g.key()).atStartOfDay(reports.zone()).toInstant(), t), g)).toList();
            List<CommentRow> comments = found.stream().limit(COMMENTS_PER_PAGE).map(c -> commentRow(c, names, t)).toList();
            String heading = t.t("insights.report.heading", times.longDate(p.start(reports.zone()), t),
                    times.longDate(p.to().atStartOfDay(reports.zone()).toInstant(), t),
                    service == null ? t.t("insights.allServices") : service.name(t.lang()));
            web.renderTo(ctx, "insights/satisfaction.jte", Map.of("v", new SatisfactionPage(shell, f, Map.of(), heading, total, perService, perAgent,
                    Access.canReadAgentFigures(me), perChannel, perDay, comments, page, found.size() > COMMENTS_PER_PAGE)));
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            web.renderTo(ctx, "insights/satisfaction.jte", Map.of("v", new SatisfactionPage(shell, f, ERRORS.all(e, t), null, null, List.of(),
                    List.of(), false, List.of(), List.of(), List.of(), 1, false)));
        }
    }

    private CommentRow commentRow(Ratings.Comment c, Map<Long, String> names, Localizer t) {
        return new CommentRow(times.dateTime(c.ratedAt(), t), services.findById(c.serviceId()).name(t.lang()),
                c.assigneeId() == null ? "" : names.getOrDefault(c.assigneeId(), "?"), t.t("insights.channel." + c.channel()), c.score(),
                t.t("widget.chat.rate" + c.score()), c.comment());
    }

    private static int page(String raw) {
        try {
            int n = raw == null ? 1 : Integer.parseInt(raw);
            return n < 1 || n > 10_000 ? 1 : n;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Every comment of the period (as many pages as there are), newest first, with its score, service, agent and channel. */
    private void satisfactionCsv(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Period p = reports.period(ctx.queryParam("from"), ctx.queryParam("to"));
        ServiceQueue service = reports.service(ctx.queryParam("service"));
        Long serviceId = service == null ? null : service.id();
        List<Ratings.Comment> all = new ArrayList<>();
        for (int offset = 0; ; offset += 1_000) {
            List<Ratings.Comment> page = ratings.accessComments(me, p.start(reports.zone()), p.end(reports.zone()), serviceId, offset, 1_000);
            all.addAll(page);
            if (page.size() < 1_000) break;
        }
        Set<Long> ids = new HashSet<>();
        all.stream().filter(c -> c.assigneeId() != null).forEach(c -> ids.add(c.assigneeId()));
        Map<Long, String> names = identity.staffNames(ids);
        byte[] bytes = CsvWriter.write(List.of("rated_at", "conversation", "service", "agent", "channel", "score", "comment"), rows -> {
            for (Ratings.Comment c : all) {
                rows.add(times.spreadsheet(c.ratedAt()), c.conversationId(), services.findById(c.serviceId()).slug(),
                        c.assigneeId() == null ? "" : names.getOrDefault(c.assigneeId(), ""), c.channel(), c.score(), c.comment());
            }
        });
        download(ctx, "satisfaction-" + p.from() + "-" + p.to() + ".csv", bytes);
    }

    // ---------------------------------------------------------------- words

    /** Numbers, durations and shares in the reader's language ("—" when there is nothing to measure). */
    static final class Words {
        private final Localizer t;
        private final NumberFormat whole, one, percent;

        Words(Localizer t) {
            this.t = t;
            this.whole = NumberFormat.getIntegerInstance(t.locale());
            this.one = NumberFormat.getNumberInstance(t.locale());
            one.setMaximumFractionDigits(1);
            one.setMinimumFractionDigits(1);
            this.percent = NumberFormat.getPercentInstance(t.locale());
            percent.setMaximumFractionDigits(1);
        }

        String count(long n) {
            return whole.format(n);
        }

        String percent(Double share) {
            return share == null ? "—" : percent.format(share);
        }

        String duration(Double seconds) {
            if (seconds == null) return "—";
            long s = Math.round(seconds);
            if (s < 60) return t.t("insights.seconds", s);
            if (s < 3600) return t.t("insights.minutes", s / 60, String.format("%02d", s % 60));
            return t.t("insights.hours", s / 3600, String.format("%02d", (s % 3600) / 60));
        }

        Row row(String label, Figures x) {
            return new Row(label, count(x.arrivals()), count(x.answered()), count(x.withinTarget()) + " (" + percent(x.withinTargetShare()) + ")",
                    duration(x.averageWaitSeconds()), duration(x.p90WaitSeconds()), count(x.abandoned()) + " (" + percent(x.abandonedShare()) + ")",
                    duration(x.averageHandlingSeconds()),
                    x.rated() == 0 ? "—" : t.t("insights.score", one.format(x.averageScore()), count(x.rated())));
        }

        Scores scores(String label, Ratings.Group g) {
            List<String> shares = new ArrayList<>();
            for (long n : g.byScore()) shares.add(g.rated() == 0 ? "—" : percent.format((double) n / g.rated()));
            return new Scores(label, count(g.rated()), g.rated() == 0 ? "—" : one.format(g.average()), shares);
        }
    }

    private static String value(String s) {
        return s == null ? "" : s.strip();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
