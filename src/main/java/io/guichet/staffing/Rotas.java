package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.IdentityService;
import io.guichet.identity.ServiceMemberships;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.internal.RotaDao;
import org.jdbi.v3.core.Jdbi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rota of each service in half-hour slots (who works when), and each staff member's skills. A slot is an instant,
 * so a week that changes to summer time keeps its wall-clock hours when copied.
 */
public final class Rotas {
    public static final Duration SLOT = Duration.ofMinutes(30);
    public static final int MAX_SLOTS_PER_WRITE = 7 * 48 * 2;
    public static final Set<String> SKILLS = Set.of("fr", "en", "phone", "exam-platform", "trained");
    /** What a service's conversations may need of their agent (languages are each conversation's own). */
    public static final Set<String> SERVICE_SKILLS = Set.of("phone", "exam-platform");

    private final Jdbi jdbi;
    private final IdentityService identity;
    private final ServiceMemberships memberships;
    private final ZoneId zone;

    public Rotas(Jdbi jdbi, IdentityService identity, ServiceMemberships memberships, ZoneId zone) {
        this.jdbi = jdbi;
        this.identity = identity;
        this.memberships = memberships;
        this.zone = zone;
    }

    /** Who works in the slot starting at {@code start}: an empty list clears it. */
    public record Slot(Instant start, List<Long> staffIds) {
    }

    /** A week of a service's rota: its team (with their skills) and who works in each slot. */
    public record Week(ServiceQueue service, LocalDate monday, List<Member> team, Map<Instant, List<Long>> slots) {
        public List<Long> at(Instant start) {
            return slots.getOrDefault(start, List.of());
        }
    }

    public record Member(Staff staff, Set<String> skills) {
    }

    /** One of a staff member's shifts: consecutive slots of one service, merged. */
    public record Shift(long serviceId, Instant start, Instant end) {
    }

    /** The Monday of the week holding {@code day}. */
    public static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The institution's zone, in which slots are drawn and weeks begin. */
    public ZoneId zone() {
        return zone;
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Replaces who works in each given slot, every refusal at once: a slot not on the half hour, a staff member not of the service. */
    public void doPutSlots(Staff actor, ServiceQueue service, List<Slot> slots) {
        Access.requireStaffingPlanner(actor);
        if (slots.size() > MAX_SLOTS_PER_WRITE) throw ApiError.invalid("slots", "at most " + MAX_SLOTS_PER_WRITE + " slots at once").because("too_many", MAX_SLOTS_PER_WRITE);
        Set<Long> team = teamIds(actor, service);
        Checks checks = new Checks();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            String field = "slots[" + i + "]";
            if (s.start() == null || s.start().getEpochSecond() % SLOT.toSeconds() != 0 || s.start().getNano() != 0) {
                checks.refuse(ApiError.invalid(field + ".start", "a slot starts on the hour or the half hour").because("half_hour"));
            }
            for (long id : s.staffIds()) {
                if (!team.contains(id)) checks.refuse(ApiError.invalid(field + ".staffIds",
                        "staff member " + id + " does not work for " + service.slug()).because("not_member", id));
            }
        }
        checks.done();
        jdbi.useTransaction(h -> {
            RotaDao dao = new RotaDao(h);
            for (Slot s : slots) dao.replaceSlot(service.id(), s.start(), new LinkedHashSet<>(s.staffIds()));
        });
    }

    /**
     * Copies the week of {@code fromMonday} onto the week of {@code toMonday}, replacing it; each slot keeps its wall
     * clock time (8:00 stays 8:00 across a change to summer time).
     */
    public Week doCopyWeek(Staff actor, ServiceQueue service, LocalDate fromMonday, LocalDate toMonday) {
        Access.requireStaffingPlanner(actor);
        if (!fromMonday.equals(mondayOf(fromMonday)) || !toMonday.equals(mondayOf(toMonday))) {
            throw ApiError.invalid("week", "weeks are named by their Monday").because("monday");
        }
        if (fromMonday.equals(toMonday)) throw ApiError.invalid("week", "copy a week onto another one").because("same_week");
        long days = ChronoUnit.DAYS.between(fromMonday, toMonday);
        Set<Long> team = teamIds(actor, service);
        jdbi.useTransaction(h -> {
            RotaDao dao = new RotaDao(h);
            Map<Instant, List<Long>> source = dao.slots(service.id(), startOf(fromMonday), startOf(fromMonday.plusDays(7)));
            dao.clear(service.id(), startOf(toMonday), startOf(toMonday.plusDays(7)));
            source.forEach((start, staff) -> {
                // a slot in the hour that a change to summer time skips moves to the next hour; the other way, it is kept once
                Instant moved = start.atZone(zone).toLocalDateTime().plusDays(days).atZone(zone).toInstant();
                dao.insert(service.id(), moved, staff.stream().filter(team::contains).toList());
            });
        });
        return accessWeek(actor, service, toMonday);
    }

    public Week accessWeek(Staff viewer, ServiceQueue service, LocalDate monday) {
        Access.requireStaffingPlanner(viewer);
        LocalDate m = mondayOf(monday);
        List<Staff> team = team(viewer, service);
        return jdbi.withHandle(h -> {
            RotaDao dao = new RotaDao(h);
            Map<Long, Set<String>> skills = dao.skills(team.stream().map(Staff::id).toList());
            return new Week(service, m, team.stream().map(s -> new Member(s, skills.getOrDefault(s.id(), Set.of()))).toList(),
                    dao.slots(service.id(), startOf(m), startOf(m.plusDays(7))));
        });
    }

    /** How many people work in each slot of [from, to): the planned side of the advice. */
    public Map<Instant, Integer> plannedPerSlot(Staff viewer, ServiceQueue service, Instant from, Instant to) {
        Access.requireStaffingPlanner(viewer);
        Map<Instant, Integer> planned = new java.util.TreeMap<>();
        jdbi.withHandle(h -> new RotaDao(h).slots(service.id(), from, to)).forEach((t, staff) -> planned.put(t, staff.size()));
        return planned;
    }

    /** The viewer's own shifts in [from, to), consecutive slots of a service merged; any staff member reads their own. */
    public List<Shift> accessMyShifts(Staff viewer, Instant from, Instant to) {
        Access.requireStaff(viewer);
        return findShiftsOf(viewer.id(), from, to);
    }

    /** For the calendar feed, whose signed link stands for its owner. */
    public List<Shift> findShiftsOf(long staffId, Instant from, Instant to) {
        List<Shift> shifts = new ArrayList<>();
        for (Map.Entry<Instant, Long> slot : jdbi.withHandle(h -> new RotaDao(h).slotsOf(staffId, from, to))) {
            Shift last = shifts.isEmpty() ? null : shifts.getLast();
            Instant end = slot.getKey().plus(SLOT);
            if (last != null && last.serviceId() == slot.getValue() && last.end().equals(slot.getKey())) {
                shifts.set(shifts.size() - 1, new Shift(last.serviceId(), last.start(), end));
            } else {
                shifts.add(new Shift(slot.getValue(), slot.getKey(), end));
            }
        }
        shifts.sort(java.util.Comparator.comparing(Shift::start));
        return shifts;
    }

    public Set<String> doSetSkills(Staff actor, long staffId, Set<String> skills) {
        Access.requireStaffingPlanner(actor);
        identity.accessStaff(actor, staffId);
        for (String s : skills) {
            if (!SKILLS.contains(s)) throw ApiError.invalid("skills", "skills are among " + new java.util.TreeSet<>(SKILLS)).because("skill", s);
        }
        jdbi.useTransaction(h -> new RotaDao(h).replaceSkills(staffId, skills));
        return accessSkills(actor, staffId);
    }

    public Set<String> accessSkills(Staff viewer, long staffId) {
        if (viewer.id() != staffId) Access.requireStaffingPlanner(viewer);
        return jdbi.withHandle(h -> new RotaDao(h).skills(staffId));
    }

    /** The skills a service's conversations need (among {@link #SERVICE_SKILLS}); routing gives them to trained agents who have them. */
    public Set<String> doSetServiceSkills(Staff actor, ServiceQueue service, Set<String> skills) {
        Access.requireStaffingPlanner(actor);
        for (String s : skills) {
            if (!SERVICE_SKILLS.contains(s)) throw ApiError.invalid("skills", "a service needs skills among " + new java.util.TreeSet<>(SERVICE_SKILLS)).because("skill", s);
        }
        jdbi.useTransaction(h -> new RotaDao(h).replaceServiceSkills(service.id(), skills));
        return accessServiceSkills(actor, service);
    }

    public Set<String> accessServiceSkills(Staff viewer, ServiceQueue service) {
        Access.requireStaffingPlanner(viewer);
        return jdbi.withHandle(h -> new RotaDao(h).serviceSkills(service.id()));
    }

    /** The service's active staff, by name as a French reader sorts them. */
    private List<Staff> team(Staff viewer, ServiceQueue service) {
        return identity.accessAllStaff(viewer).stream()
                .filter(s -> s.active() && memberships.serviceIdsOf(s.id()).contains(service.id())).toList();
    }

    private Set<Long> teamIds(Staff viewer, ServiceQueue service) {
        Set<Long> ids = new java.util.HashSet<>();
        team(viewer, service).forEach(s -> ids.add(s.id()));
        return ids;
    }
}
