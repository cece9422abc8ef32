package io.guichet.staffing.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.Rotas;
import io.guichet.staffing.SlotAdvisor;
import io.guichet.staffing.SlotAdvisor.Advice;
import io.guichet.staffing.SlotAdvisor.SlotFigures;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The lead's screens of a week: the rota editor {@code /staffing/rota} and the advice per slot {@code /staffing/advice}. */
public final class StaffingScreens {
    public static final List<NavEntry<Staff>> NAV = List.of(
            NavEntry.of("staffing-advice", "nav.staffing.advice", "/staffing/advice", Access::canPlanStaffing),
            NavEntry.of("staffing-rota", "nav.staffing.rota", "/staffing/rota", Access::canPlanStaffing));
    private static final StaffShell.Assets ROTA_ASSETS = new StaffShell.Assets(List.of("/static/staffing/staffing.css"), List.of("/static/staffing/rota.js"));
    private static final StaffShell.Assets ADVICE_ASSETS = new StaffShell.Assets(List.of("/static/staffing/staffing.css"), List.of());

    private final Rotas rotas;
    private final SlotAdvisor advisor;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public StaffingScreens(Rotas rotas, SlotAdvisor advisor, ServiceCatalogue services, WebKernel web, StaffShells shells, Times times) {
        this.rotas = rotas;
        this.advisor = advisor;
        this.services = services;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/staffing/rota", this::rota);
        r.post("/staffing/rota/copy", this::copy);
        r.get("/staffing/advice", this::advice);
    }

    /** The choice of service and week every screen of a week shares. */
    /** The service and week shown; {@code channels}: the channel choice of the advice page (none on the rota). */
    public record Choice(List<Option> services, String service, String serviceName, String week, String weekLabel, String previous, String next,
                         List<Option> channels, String channel) {
        /** The query of the same page another week. */
        public String query(String week) {
            return "service=" + service + "&week=" + week + (channel == null ? "" : "&channel=" + channel);
        }
    }

    public record Option(String slug, String name, boolean selected) {
    }

    public record Member(long id, String name, String initials, String skills) {
    }

    /** A slot of the rota: who works (ids and initials), how many, how many the advice needs (-1: more than Erlang C proposes). */
    public record RotaCell(String start, String day, String time, String label, String staffIds, String initials, int planned, int needed, boolean under) {
    }

    public record RotaPage(StaffShell shell, Choice choice, List<Member> team, List<WeekGrid.Day> days, List<String> rows,
                           List<List<RotaCell>> cells, boolean copied) {
    }

    public record AdviceCell(String label, String planned, String needed, String serviceLevel, String arrivals, boolean under) {
        /** Nobody expected and nobody planned: nothing worth a figure. */
        public boolean quiet() {
            return "0".equals(planned) && "0".equals(needed);
        }
    }

    /** {@code exams}: the exam calendar's line, null in a week with no remote exam for this service. */
    public record AdvicePage(StaffShell shell, Choice choice, String target, String aht, String exams, String understaffed, boolean anyUnderstaffed,
                             List<WeekGrid.Day> days, List<String> rows, List<List<AdviceCell>> cells) {
    }

    private void rota(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireStaffingPlanner(me);
        Localizer t = web.localizer(ctx);
        ServiceQueue service = service(ctx.queryParam("service"));
        LocalDate monday = week(ctx.queryParam("week"));
        Rotas.Week week = rotas.accessWeek(me, service, monday);
        Map<Instant, SlotFigures> advice = advisor.accessAdvice(me, service, monday, monday.plusDays(6)).slots().stream()
                .collect(Collectors.toMap(SlotFigures::start, f -> f));
        Map<Long, Member> team = new HashMap<>();
        List<Member> members = new ArrayList<>();
        for (Rotas.Member m : week.team()) {
            Member member = new Member(m.staff().id(), m.staff().name(), initials(m.staff().name()),
                    m.skills().stream().map(s -> t.t("staffing.skill." + s)).collect(Collectors.joining(", ")));
            team.put(member.id(), member);
            members.add(member);
        }
        WeekGrid grid = WeekGrid.of(services, service, monday, times.zone(), t);
        List<List<RotaCell>> cells = new ArrayList<>();
        for (int r = 0; r < grid.rows().size(); r++) {
            List<RotaCell> line = new ArrayList<>();
            for (int d = 0; d < 7; d++) {
                Instant slot = grid.cells().get(r).get(d);
                if (slot == null) {
                    line.add(null);
                    continue;
                }
                List<Member> working = week.at(slot).stream().map(team::get).filter(java.util.Objects::nonNull).toList();
                SlotFigures f = advice.get(slot);
                int needed = f == null ? 0 : f.needed();
                String names = working.isEmpty() ? t.t("staffing.rota.nobody") : working.stream().map(Member::name).collect(Collectors.joining(", "));
                String day = grid.days().get(d).longLabel(), time = grid.time(grid.rows().get(r), t);
                line.add(new RotaCell(times.offset(slot).toString(), day, time,
                        t.t("staffing.rota.cell", day, time, names, working.size(), Math.max(needed, 0)),
                        working.stream().map(m -> Long.toString(m.id())).collect(Collectors.joining(",")),
                        working.stream().map(Member::initials).collect(Collectors.joining(" ")), working.size(), needed,
                        needed < 0 || working.size() < needed));
            }
            cells.add(line);
        }
        RotaPage page = new RotaPage(shells.of(ctx, "staffing-rota", ROTA_ASSETS), choice(service, monday, t), members, grid.days(),
                rows(grid, t), cells, ctx.queryParam("copied") != null);
        web.renderTo(ctx, "staffing/rota.jte", Map.of("v", page));
    }

    private void copy(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        ServiceQueue service = service(ctx.formParam("service"));
        LocalDate monday = week(ctx.formParam("week"));
        rotas.doCopyWeek(me, service, monday.minusWeeks(1), monday);
        ctx.redirect("/staffing/rota?service=" + service.slug() + "&week=" + monday + "&copied=1", HttpStatus.SEE_OTHER);
    }

    private void advice(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireStaffingPlanner(me);
        Localizer t = web.localizer(ctx);
        ServiceQueue service = service(ctx.queryParam("service"));
        LocalDate monday = week(ctx.queryParam("week"));
        String channel = "call".equals(ctx.queryParam("channel")) ? "call" : "chat"; // anything else: the chats' advice
        Advice advice = advisor.accessAdvice(me, service, channel, monday, monday.plusDays(6));
        Map<Instant, SlotFigures> bySlot = advice.slots().stream().collect(Collectors.toMap(SlotFigures::start, f -> f));
        NumberFormat one = NumberFormat.getNumberInstance(t.locale());
        one.setMaximumFractionDigits(1);
        NumberFormat percent = NumberFormat.getPercentInstance(t.locale());
        WeekGrid grid = WeekGrid.of(services, service, monday, times.zone(), t);
        List<List<AdviceCell>> cells = new ArrayList<>();
        for (int r = 0; r < grid.rows().size(); r++) {
            List<AdviceCell> line = new ArrayList<>();
            for (int d = 0; d < 7; d++) {
                Instant slot = grid.cells().get(r).get(d);
                SlotFigures f = slot == null ? null : bySlot.get(slot);
                if (f == null) {
                    line.add(null);
                    continue;
                }
                String needed = f.needed() < 0 ? t.t("staffing.needed.none", io.guichet.staffing.ErlangC.MAX_AGENTS) : Integer.toString(f.needed());
                String level = f.arrivals() == 0 ? "—" : percent.format(f.serviceLevel());
                String label = t.t("staffing.advice.cell", grid.days().get(d).longLabel(), grid.time(grid.rows().get(r), t), one.format(f.arrivals()), needed, f.planned());
                if (f.studentsSitting() > 0) label = t.t("staffing.advice.cell.sitting", label, t.t("staffing.advice.students", f.studentsSitting()));
                line.add(new AdviceCell(label, Integer.toString(f.planned()), needed, level, one.format(f.arrivals()), f.understaffed()));
            }
            cells.add(line);
        }
        var target = advice.target();
        AdvicePage page = new AdvicePage(shells.of(ctx, "staffing-advice", ADVICE_ASSETS), choice(service, monday, channel, t),
                t.t(channel.equals("call") ? "staffing.advice.target.call" : "staffing.advice.target", one.format(target.answerPercent()), target.answerSeconds()),
                t.t(advice.ahtMeasured() ? "staffing.advice.ahtMeasured" : "staffing.advice.ahtAssumed", one.format(advice.ahtSeconds() / 60)),
                advice.hasExams() ? t.t("staffing.advice.exams", t.t("staffing.advice.students", advice.slots().stream().mapToInt(SlotFigures::studentsSitting).max().orElse(0)),
                        Math.round(1 / advice.examRate()), t.t(advice.examRateMeasured() ? "staffing.advice.exams.measured" : "staffing.advice.exams.assumed")) : null,
                t.t("staffing.advice.understaffed", advice.understaffedSlots()), advice.understaffedSlots() > 0, grid.days(), rows(grid, t), cells);
        web.renderTo(ctx, "staffing/advice.jte", Map.of("v", page));
    }

    private static List<String> rows(WeekGrid grid, Localizer t) {
        return grid.rows().stream().map((LocalTime row) -> grid.time(row, t)).toList();
    }

    private Choice choice(ServiceQueue service, LocalDate monday, Localizer t) {
        return choice(service, monday, null, t);
    }

    private Choice choice(ServiceQueue service, LocalDate monday, String channel, Localizer t) {
        List<Option> options = services.findActive().stream().map(s -> new Option(s.slug(), s.name(t.lang()), s.id() == service.id())).toList();
        List<Option> channels = channel == null ? List.of() : List.of("chat", "call").stream()
                .map(c -> new Option(c, t.t("staffing.channel." + c), c.equals(channel))).toList();
        return new Choice(options, service.slug(), service.name(t.lang()), monday.toString(),
                t.t("staffing.week.of", times.date(monday, t)), monday.minusWeeks(1).toString(), monday.plusWeeks(1).toString(), channels, channel);
    }

    /** The service asked for, else the first active one; an unknown slug is 404 on a page. */
    private ServiceQueue service(String slug) {
        if (slug == null || slug.isBlank()) {
            return services.findActive().stream().findFirst().orElseThrow(() -> ApiError.notFound("Service"));
        }
        return services.findActive().stream().filter(s -> s.slug().equals(slug)).findFirst().orElseThrow(() -> ApiError.notFound("Service"));
    }

    private LocalDate week(String text) {
        if (text == null || text.isBlank()) return Rotas.mondayOf(services.today());
        try {
            return Rotas.mondayOf(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw ApiError.notFound("Week");
        }
    }

    /** "Élodie Tremblay" → "ÉT": what fits in a half-hour cell. */
    static String initials(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.trim().split("[\\s-]+")) if (!part.isEmpty()) b.appendCodePoint(part.codePointAt(0));
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
