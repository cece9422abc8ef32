package io.guichet.staffing;

/**
 * Erlang C: how a queue served by {@code agents} behaves when {@code arrivalsPerHour} contacts arrive at random
 * (Poisson) and each takes {@code ahtSeconds} on average (exponential), nobody leaving the queue. The traffic is
 * A = arrivals × handling time, in Erlangs; the queue is stable only with more agents than Erlangs.
 *
 * <p>P(wait) comes from Erlang B's recursion, B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), then
 * C = N·B / (N − A·(1 − B)): no factorial and no power of A, so 100 or 1,000 agents do not overflow. The service
 * level is 1 − C·e^(−(N−A)·t/AHT), the average speed of answer C·AHT / (N − A).
 *
 * <p>What it ignores: people who give up waiting (abandonment), who make the real wait shorter than predicted and
 * the real service level look better than it is; and arrivals that are not random (a wave at an exam's start).
 */
public final class ErlangC {
    /** The most agents {@link #needed} will propose: past that the inputs are not a helpdesk's. */
    public static final int MAX_AGENTS = 2_000;

    private ErlangC() {
    }

    /** A queue's expected behaviour; with no more agents than Erlangs it never empties ({@link #stable} false). */
    public record Result(double erlangs, int agents, double pWait, double serviceLevel, double asaSeconds, double occupancy) {
        public boolean stable() {
            return agents > erlangs;
        }
    }

    /** The traffic in Erlangs: how many agents would be busy all the time. */
    public static double erlangs(double arrivalsPerHour, double ahtSeconds) {
        return arrivalsPerHour * ahtSeconds / 3600.0;
    }

    public static Result of(double arrivalsPerHour, double ahtSeconds, int agents, double targetSeconds) {
        if (arrivalsPerHour < 0 || ahtSeconds <= 0 || agents < 0 || targetSeconds < 0) {
            throw new IllegalArgumentException("arrivals, agents and target must be ≥ 0 and the handling time > 0");
        }
        double a = erlangs(arrivalsPerHour, ahtSeconds);
        if (a == 0) return new Result(0, agents, 0, 1, 0, 0);
        if (agents <= a) return new Result(a, agents, 1, 0, Double.POSITIVE_INFINITY, 1);
        double b = 1;
        for (int k = 1; k <= agents; k++) b = a * b / (k + a * b);
        double c = agents * b / (agents - a * (1 - b));
        double serviceLevel = 1 - c * Math.exp(-(agents - a) * targetSeconds / ahtSeconds);
        return new Result(a, agents, c, serviceLevel, c * ahtSeconds / (agents - a), a / agents);
    }

    /**
     * The fewest agents that answer {@code targetPercent} % of contacts within {@code targetSeconds}; -1 when even
     * {@link #MAX_AGENTS} do not.
     */
    public static int needed(double arrivalsPerHour, double ahtSeconds, double targetSeconds, double targetPercent) {
        if (targetPercent <= 0 || targetPercent >= 100) throw new IllegalArgumentException("the target is a percentage between 0 and 100, exclusive");
        double a = erlangs(arrivalsPerHour, ahtSeconds);
        if (a == 0) return 0;
        for (int n = (int) Math.floor(a) + 1; n <= MAX_AGENTS; n++) {
            if (of(arrivalsPerHour, ahtSeconds, n, targetSeconds).serviceLevel() * 100 >= targetPercent) return n;
        }
        return -1;
    }
}
