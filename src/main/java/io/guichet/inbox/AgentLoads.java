package io.guichet.inbox;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;

/**
 * Who of a service may take more work now, and who takes which item: the one rule of chat routing
 * ({@code internal.Router}) and of another module routing its own work to the same people (the desk's callbacks).
 * An agent's load is their open conversations plus the work they hold elsewhere ({@link HeldWork}); they have room
 * while it is under their capacity. Fewest first, then the one who waited longest since their last assignment.
 */
public final class AgentLoads {
    /** An agent with room: their open conversations, the other work they hold, and how many they take at once. */
    public record Load(long staffId, int openConversations, int held, int maxConcurrent) {
        public int load() {
            return openConversations + held;
        }
    }

    private AgentLoads() {
    }

    /**
     * The service's online, available agents with room, in routing's order, their presence rows locked until the
     * caller's transaction ends: chat routing and the other module's routing wait for each other, so nobody is given
     * more than their room by the two at once.
     */
    public static List<Load> findAvailable(Handle h, long serviceId, HeldWork elsewhere) {
        record Row(long staffId, int open, int max) {
        }
        List<Row> rows = h.createQuery("""
                        SELECT p.staff_id, p.open_count, p.max_concurrent FROM agent_presence p
                        JOIN service_members m ON m.staff_id = p.staff_id AND m.service_id = :s
                        WHERE p.wants_available AND p.online_until > now() AND p.open_count < p.max_concurrent
                        ORDER BY p.open_count, p.last_assigned_at, p.staff_id
                        FOR UPDATE OF p""")
                .bind("s", serviceId).map((rs, ctx) -> new Row(rs.getLong(1), rs.getInt(2), rs.getInt(3))).list();
        if (rows.isEmpty()) return List.of();
        Map<Long, Integer> held = elsewhere.heldBy(h, rows.stream().map(Row::staffId).toList());
        return rows.stream().map(r -> new Load(r.staffId(), r.open(), held.getOrDefault(r.staffId(), 0), r.max()))
                .filter(l -> l.load() < l.maxConcurrent()).toList();
    }

    /**
     * Which item goes to whom, in the items' order (oldest first): each to the agent with the least load, among equals
     * the agents' order (an agent just given one goes after everyone with the same load); nobody goes over their room,
     * and the items left over are absent. Pure.
     */
    public static <T> Map<T, Long> share(List<T> items, List<Load> agents) {
        return share(items, agents, (staffId, item) -> true);
    }

    /**
     * The same, each item only to an agent {@code mayTake} lets take it (staffing's skills): an item none of them may take
     * is passed over, and the items after it still go out.
     */
    public static <T> Map<T, Long> share(List<T> items, List<Load> agents, BiPredicate<Long, T> mayTake) {
        record Agent(long staffId, int load, int max, int rank) {
        }
        PriorityQueue<Agent> byLoad = new PriorityQueue<>(Comparator.comparingInt(Agent::load).thenComparingInt(Agent::rank));
        int rank = 0;
        for (Load a : agents) {
            if (a.load() < a.maxConcurrent()) byLoad.add(new Agent(a.staffId(), a.load(), a.maxConcurrent(), rank++));
        }
        Map<T, Long> to = new LinkedHashMap<>();
        for (T item : items) {
            if (byLoad.isEmpty()) break;
            List<Agent> passedOver = new ArrayList<>();
            Agent a = byLoad.poll();
            while (a != null && !mayTake.test(a.staffId(), item)) {
                passedOver.add(a);
                a = byLoad.poll();
            }
            byLoad.addAll(passedOver);
            if (a == null) continue; // nobody here may take it: it keeps its place and waits
            to.put(item, a.staffId());
            if (a.load() + 1 < a.max()) byLoad.add(new Agent(a.staffId(), a.load() + 1, a.max(), rank++));
        }
        return to;
    }
}
