package io.guichet.staffing;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;

/** What a lead asks before planning: how many agents a flow of contacts needs, and how a planned team would do. */
public final class StaffingAdvice {
    public static final double MAX_ARRIVALS_PER_HOUR = 100_000, MAX_AHT_SECONDS = 86_400, MAX_TARGET_SECONDS = 3_600;

    /** A what-if as typed: each value as text, so that every field's error is told at once. */
    public record WhatIf(String arrivalsPerHour, String ahtSeconds, String agents, String targetSeconds, String targetPercent) {
    }

    /** The answer: the fewest agents that meet the target (-1: none up to {@link ErlangC#MAX_AGENTS}), and the planned team's figures. */
    public record Answer(double arrivalsPerHour, double ahtSeconds, double targetSeconds, double targetPercent, int needed,
                         ErlangC.Result planned) {
    }

    public Answer accessWhatIf(Staff viewer, WhatIf w) {
        Access.requireStaffingPlanner(viewer);
        Checks checks = new Checks();
        Double arrivals = checks.check(() -> number("arrivalsPerHour", w.arrivalsPerHour(), 0, MAX_ARRIVALS_PER_HOUR, false));
        Double aht = checks.check(() -> number("ahtSeconds", w.ahtSeconds(), 1, MAX_AHT_SECONDS, false));
        Double agents = checks.check(() -> w.agents() == null || w.agents().isBlank() ? null
                : number("agents", w.agents(), 0, ErlangC.MAX_AGENTS, true));
        Double target = checks.check(() -> number("targetSeconds", w.targetSeconds(), 0, MAX_TARGET_SECONDS, false));
        Double percent = checks.check(() -> {
            double p = number("targetPercent", w.targetPercent(), 0, 100, false);
            if (p <= 0 || p >= 100) throw ApiError.invalid("targetPercent", "targetPercent must be above 0 and below 100").because("percent");
            return p;
        });
        checks.done();
        int needed = ErlangC.needed(arrivals, aht, target, percent);
        ErlangC.Result planned = agents == null ? null : ErlangC.of(arrivals, aht, agents.intValue(), target);
        return new Answer(arrivals, aht, target, percent, needed, planned);
    }

    private static double number(String field, String text, double min, double max, boolean whole) {
        if (text == null || text.isBlank()) throw ApiError.invalid(field, field + " is required").because("required");
        double v;
        try {
            v = Double.parseDouble(text.trim().replace(',', '.')); // "7,5" as a French reader types it
        } catch (NumberFormatException e) {
            throw ApiError.invalid(field, field + " must be a number").because("number");
        }
        if (!Double.isFinite(v) || v < min || v > max || (whole && v != Math.rint(v))) {
            throw ApiError.invalid(field, field + " must be " + (whole ? "a whole number " : "") + "from " + fmt(min) + " to " + fmt(max))
                    .because(whole ? "range_whole" : "range", fmt(min), fmt(max));
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
