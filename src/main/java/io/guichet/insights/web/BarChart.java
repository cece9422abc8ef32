package io.guichet.insights.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A bar chart drawn on the server as SVG (no script, no library): the geometry is computed here, the template only
 * writes it. {@code label} names the chart for screen readers; the table beside it holds the same numbers.
 */
public record BarChart(String id, String label, int width, int height, List<Bar> bars, String maxText) {
    static final int WIDTH = 720, HEIGHT = 220, LEFT = 8, BOTTOM = 34, TOP = 30;

    /** One bar: its box, what its axis says under it (empty to skip it on a crowded axis) and its value in words. */
    public record Bar(double x, double y, double w, double h, String tick, String title) {
    }

    /** Bars of {@code values} scaled to the largest; every {@code tickEvery}-th tick is written. */
    static <T> BarChart of(String id, String label, List<T> items, Function<T, Double> value, Function<T, String> tick,
                           Function<T, String> title, int tickEvery, Function<Double, String> format) {
        double max = 0;
        for (T i : items) max = Math.max(max, value.apply(i) == null ? 0 : value.apply(i));
        double plotW = WIDTH - 2 * LEFT, plotH = HEIGHT - BOTTOM - TOP;
        double slot = items.isEmpty() ? plotW : plotW / items.size();
        List<Bar> bars = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            T i = items.get(n);
            double v = value.apply(i) == null ? 0 : value.apply(i);
            double h = max == 0 ? 0 : v / max * plotH;
            bars.add(new Bar(round(LEFT + n * slot + slot * 0.1), round(TOP + plotH - h), round(Math.max(1, slot * 0.8)), round(h),
                    n % Math.max(1, tickEvery) == 0 ? tick.apply(i) : "", title.apply(i)));
        }
        return new BarChart(id, label, WIDTH, HEIGHT, bars, format.apply(max));
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int tickY() {
        return HEIGHT - BOTTOM + 26;
    }
}
