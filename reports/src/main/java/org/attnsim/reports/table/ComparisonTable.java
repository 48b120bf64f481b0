package org.attnsim.reports.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.sim.scenario.Comparison;

/** Published times next to predictions, with the error of every cell and every speed-up. */
public final class ComparisonTable {

    public static final List<String> HEADERS = List.of("variant", "attention", "seq", "batch", "published",
            "predicted", "error", "published speed-up", "predicted speed-up", "speed-up error");
    public static final boolean[] RIGHT = {false, false, true, true, true, true, true, true, true, true};

    private ComparisonTable() {
    }

    public static TextTable of(List<Comparison> comparisons) {
        TextTable t = new TextTable(HEADERS, RIGHT);
        for (Comparison c : comparisons) {
            t.add(cells(c));
        }
        return t;
    }

    public static List<String> cells(Comparison c) {
        return List.of(c.published().variant(), c.published().attention(), Integer.toString(c.published().seqLen()),
                Integer.toString(c.published().batch()), Quantity.formatSeconds(c.published().seconds()),
                Quantity.formatSeconds(c.predictedSeconds()), percent(c.error()), times(c.publishedSpeedup()),
                times(c.predictedSpeedup()), percent(c.speedupError()));
    }

    /** One line: median and worst absolute error of the times and of the speed-ups. */
    public static String summary(List<Comparison> comparisons) {
        double[] time = comparisons.stream().mapToDouble(c -> Math.abs(c.error())).toArray();
        double[] speed = comparisons.stream().mapToDouble(c -> Math.abs(c.speedupError()))
                .filter(Double::isFinite).toArray();
        return String.format(Locale.ROOT, "times: median |error| %s, worst %s; speed-ups: median |error| %s, worst %s "
                + "(%d published times)", percent(median(time)), percent(max(time)), percent(median(speed)),
                percent(max(speed)), comparisons.size());
    }

    public static List<Map<String, Object>> fields(List<Comparison> comparisons) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Comparison c : comparisons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", c.published().variant());
            m.put("attention", c.published().attention());
            m.put("seqLen", c.published().seqLen());
            m.put("batch", c.published().batch());
            m.put("publishedSeconds", c.published().seconds());
            m.put("predictedSeconds", c.predictedSeconds());
            m.put("error", c.error());
            m.put("publishedSpeedup", Double.isFinite(c.publishedSpeedup()) ? c.publishedSpeedup() : null);
            m.put("predictedSpeedup", c.predictedSpeedup());
            m.put("speedupError", Double.isFinite(c.speedupError()) ? c.speedupError() : null);
            out.add(m);
        }
        return out;
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f%%", 100 * v) : "-";
    }

    static String times(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2fx", v) : "-";
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        return MedianInterval.of(v).median();
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
