package org.attnsim.kernels.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Steps timed in rounds, every step once a round in the same order: the seconds of each step in each
 * round, the device that ran them and the clock that timed them. A step's own times summarise as a
 * {@link Measurement}; two steps' times in the same round give a ratio or a difference for that round,
 * which cancels whatever load the round ran under.
 */
public record Rounds(List<String> whats, double[][] samples, String device, Clock clock) {

    public Rounds {
        whats = List.copyOf(whats);
        if (samples.length != whats.size()) {
            throw new IllegalArgumentException(samples.length + " sample rows for " + whats.size() + " steps");
        }
    }

    /** Rounds timed by the host's clock. */
    public Rounds(List<String> whats, double[][] samples, String device) {
        this(whats, samples, device, Clock.HOST);
    }

    public List<Measurement> measurements() {
        List<Measurement> out = new ArrayList<>(whats.size());
        for (int i = 0; i < whats.size(); i++) {
            out.add(Harness.summary(whats.get(i), samples[i], device, clock));
        }
        return out;
    }

    /**
     * The median over rounds of step {@code numerator}'s seconds over step {@code denominator}'s in the same
     * round, with its 95% interval: a speed-up of the denominator over the numerator.
     */
    public MedianInterval ratio(int numerator, int denominator) {
        double[] top = samples[numerator];
        double[] bottom = samples[denominator];
        double[] ratios = new double[top.length];
        for (int n = 0; n < top.length; n++) {
            ratios[n] = top[n] / bottom[n];
        }
        return MedianInterval.of(ratios);
    }

    /**
     * The median over rounds of step {@code minuend}'s seconds less step {@code subtrahend}'s in the same round,
     * with its 95% interval: what the one takes longer than the other under the same load.
     */
    public MedianInterval difference(int minuend, int subtrahend) {
        double[] more = new double[samples[minuend].length];
        for (int n = 0; n < more.length; n++) {
            more[n] = samples[minuend][n] - samples[subtrahend][n];
        }
        return MedianInterval.of(more);
    }

    /**
     * What each step adds to the one before it, where each runs the one before it and then more: the
     * median over rounds of its seconds less the step before it's in the same round (the first step's
     * increment is its own time), each with its 95% interval.
     */
    public List<Measurement> increments() {
        List<Measurement> out = new ArrayList<>(whats.size());
        for (int i = 0; i < whats.size(); i++) {
            double[] added = samples[i].clone();
            for (int n = 0; i > 0 && n < added.length; n++) {
                added[n] -= samples[i - 1][n];
            }
            out.add(Harness.summary(whats.get(i), added, device, clock));
        }
        return out;
    }
}
