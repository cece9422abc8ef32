package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.QueueFigures;
import io.guichet.platform.web.ApiError;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Staffing advice per half-hour slot of the days the service opens (its week, or the period in force): arrivals
 * forecast from the last weeks, the handling time measured, the agents Erlang C says the target needs, the agents the
 * rota plans, and how the planned team would do; for chats (the inbox's history) or calls (the desk's). For the exam hotline, the students sitting remote exams in each slot
 * (the desk's {@link ExamCalendar}) add their expected contacts, at the rate the last weeks' incidents measured.
 */
public final class SlotAdvisor {
    public static final int HISTORY_WEEKS = 4, MAX_DAYS = 31;
    /** The handling time assumed until the service has resolved conversations to measure. */
    public static final double DEFAULT_AHT_SECONDS = 300;
    /** Contacts per student sitting per half hour assumed until the hotline's incidents give a rate to measure. */
    public static final double DEFAULT_CONTACTS_PER_STUDENT_SLOT = 0.01;

    private final ServiceCatalogue services;
    private final QueueFigures history;
    private final Rotas rotas;
    private final Targets targets;
    private final Clock clock;
    private final ZoneId zone;
    private final ExamCalendar exams;
    private final CallFigures calls;

    /** The channels advice is given for: chats (the inbox's history) and calls (the desk's phone line). */
    public static final java.util.Set<String> CHANNELS = java.util.Set.of("chat", "call");

    public SlotAdvisor(ServiceCatalogue services, QueueFigures history, Rotas rotas, Targets targets, Clock clock, ZoneId zone, ExamCalendar exams,
                       CallFigures calls) {
        this.services = services;
        this.exams = exams;
        this.calls = calls;
        this.history = history;
        this.rotas = rotas;
        this.targets = targets;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * One slot: {@code arrivals} forecast in the half hour; {@code needed} agents for the target (0 with no arrivals,
     * -1 past {@link ErlangC#MAX_AGENTS}); the planned team's service level and expected wait (null: the queue never empties).
     */
    public record SlotFigures(Instant start, double arrivals, double ahtSeconds, int needed, int planned, double serviceLevel,
                              Double expectedWaitSeconds, int studentsSitting) {
        public boolean understaffed() {
            return needed != 0 && planned < needed || needed < 0;
        }
    }

    /** {@code examRate}: contacts per student sitting per half hour, {@code examRateMeasured} false while it is the default. */
    public record Advice(ServiceQueue service, String channel, Target target, double ahtSeconds, boolean ahtMeasured, LocalDate from, LocalDate to,
                         List<SlotFigures> slots, double examRate, boolean examRateMeasured) {
        public boolean hasExams() {
            return slots.stream().anyMatch(s -> s.studentsSitting() > 0);
        }

        public long understaffedSlots() {
            return slots.stream().filter(SlotFigures::understaffed).count();
        }
    }

    /** The days from {@code from} to {@code to} inclusive, at most {@link #MAX_DAYS}, for chats. */
    public Advice accessAdvice(Staff viewer, ServiceQueue service, LocalDate from, LocalDate to) {
        return accessAdvice(viewer, service, "chat", from, to);
    }

    /** The same for one of the {@link #CHANNELS}: its own history, handling time and target. */
    public Advice accessAdvice(Staff viewer, ServiceQueue service, String channel, LocalDate from, LocalDate to) {
        Access.requireStaffingPlanner(viewer);
        if (channel == null || !CHANNELS.contains(channel)) throw ApiError.invalid("channel", "channel must be chat or call").because("channel");
        if (to.isBefore(from)) throw ApiError.invalid("to", "to must be on or after from").because("before_start");
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) throw ApiError.invalid("to", "at most " + MAX_DAYS + " days").because("too_long_period", MAX_DAYS);
        Instant now = clock.instant();
        List<Instant> slots = openSlots(service, from, to);
        Instant start = from.atStartOfDay(zone).toInstant(), end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant historyFrom = Forecast.historyFrom(start, now, HISTORY_WEEKS);
        Map<Instant, Integer> sitting = exams.findStudentsSitting(service.id(), start, end);
        var measuredRate = exams.findContactsPerStudentSlot(service.id(), channel, historyFrom, now);
        double rate = measuredRate.orElse(DEFAULT_CONTACTS_PER_STUDENT_SLOT);
        boolean phone = channel.equals("call");
        Map<Instant, Integer> past = phone ? calls.findCallsPerSlot(service.id(), historyFrom, now) : history.findArrivalsPerSlot(service.id(), historyFrom, now);
        Map<Instant, Double> arrivals = Forecast.withExams(past,
                exams.findStudentsSitting(service.id(), historyFrom, now), sitting, rate, slots, HISTORY_WEEKS, zone, now);
        Instant ahtFrom = now.minus(HISTORY_WEEKS * 7L, ChronoUnit.DAYS);
        var measured = phone ? calls.findAverageCallSeconds(service.id(), ahtFrom, now) : history.findAverageHandlingSeconds(service.id(), ahtFrom, now);
        double aht = measured.orElse(DEFAULT_AHT_SECONDS);
        Target target = targets.findTarget(service, channel);
        Map<Instant, Integer> planned = rotas.plannedPerSlot(viewer, service, start, end);
        List<SlotFigures> figures = new ArrayList<>();
        for (Instant slot : slots) {
            double perHour = arrivals.get(slot) * 2;
            int team = planned.getOrDefault(slot, 0);
            int needed = ErlangC.needed(perHour, aht, target.answerSeconds(), target.answerPercent());
            ErlangC.Result r = ErlangC.of(perHour, aht, team, target.answerSeconds());
            figures.add(new SlotFigures(slot, arrivals.get(slot), aht, needed, team, r.serviceLevel(),
                    r.stable() || perHour == 0 ? r.asaSeconds() : null, sitting.getOrDefault(slot, 0)));
        }
        return new Advice(service, channel, target, aht, measured.isPresent(), from, to, figures, rate, measuredRate.isPresent());
    }

    /** The half-hour slots when the service is open, day by day (a service always open has all 48). */
    private List<Instant> openSlots(ServiceQueue service, LocalDate from, LocalDate to) {
        java.util.SortedSet<Instant> slots = new java.util.TreeSet<>(); // a day that skips an hour for summer time names 3:00 twice
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ServiceCatalogue.Day day = services.hoursOn(service, d);
            List<OpeningHours> hours = day.alwaysOpen() ? List.of(new OpeningHours(d.getDayOfWeek().getValue(), LocalTime.MIN, LocalTime.MAX)) : day.hours();
            for (OpeningHours o : hours) {
                LocalTime first = LocalTime.of(o.opens().getHour(), o.opens().getMinute() / 30 * 30); // the slot the opening falls in
                for (LocalTime t = first; t.isBefore(o.closes()); t = t.plusMinutes(30)) {
                    slots.add(d.atTime(t).atZone(zone).toInstant());
                    if (t.plusMinutes(30).isBefore(t)) break; // past midnight
                }
            }
        }
        return List.copyOf(slots);
    }
}
