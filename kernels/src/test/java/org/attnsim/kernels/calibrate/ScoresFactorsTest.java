package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.ScoresAlone;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Overlap;
import org.attnsim.sim.roofline.Roofline;
import org.attnsim.sim.roofline.Terms;
import org.junit.jupiter.api.Test;

class ScoresFactorsTest {

    /** The bundled 64-core CPU with a measured general exponent of 2: what a calibration's profile gives the solve. */
    private static final HardwareProfile CPU = HardwareCatalog.resolve("cpu-server-64c", "test", null)
            .withOverlapExponent(Optional.of(new Figure(2, "test")));
    private static final double LAUNCH = 30e-6;
    private static final double TRIAD = 46e9;

    static ScoresAlone.Times.Timed timed(int heads, double seconds) {
        return new ScoresAlone.Times.Timed(heads, 16, 65536, 64, new Measurement("case", seconds, seconds, seconds, 9,
                "cpu", false));
    }

    /** What the roofline says the scores op of {@code heads} a row takes at factor f, with the triad's bandwidth. */
    private static double modelled(int heads, double f) {
        return modelled(CPU, heads, f, TRIAD);
    }

    /** As {@link #modelled(int, double)}, on {@code profile} beside a triad of {@code triad} B/s. */
    static double modelled(HardwareProfile profile, int heads, double f, double triad) {
        return modelled(profile, false, heads, f, triad);
    }

    /** As {@link #modelled(HardwareProfile, int, double, double)}, K stored twice or once. */
    static double modelled(HardwareProfile profile, boolean keyTwice, int heads, double f, double triad) {
        HardwareProfile beside = profile.withDeviceBandwidth(new Figure(triad, "triad"));
        OpTiming op = ScoresFactors.scores(beside, keyTwice, timed(heads, 1));
        Optional<ScoresArithmetic> factor = Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(heads, new Figure(f, "f")))));
        OpTiming t = Roofline.time(op.op(), keyTwice ? beside.withTwiceScoresArithmetic(factor)
                : beside.withOnceScoresArithmetic(factor), Dtype.FP32, Terms.defaults());
        return t.seconds() - t.launchSeconds() - t.startSeconds();
    }

    @Test
    void storedTwiceTheSolvedFactorGivesBackTheMeasuredTimeAndBecomesTheTwiceFigure() {
        // Beside a 4 TB/s triad, 8 heads' FMAs on each column piece outlast its reads at these factors.
        double fast = 4e12;
        for (double f : new double[] {1.2, 2.0}) {
            double measured = modelled(CPU, true, 8, f, fast);
            ScoresAlone.Times t = new ScoresAlone.Times(true, List.of(timed(8, measured + LAUNCH)), fast);
            ScoresArithmetic o = ScoresFactors.of(CPU, t, LAUNCH, " on test").orElseThrow();
            assertEquals(f, o.factor(8), 1e-6 * f);
            assertTrue(o.cases().get(0).factor().source().contains("K stored twice"), o.cases().get(0).factor()
                    .source());
        }
        OpTiming op = ScoresFactors.scores(CPU, true, timed(8, 1));
        assertEquals(8, op.op().twiceScoreHeads());
        assertTrue(op.op().pageRunBytes() > 0, "the columns' pieces are read as page runs");
    }

    @Test
    void theScoresOpIsTheCasesShapeOfRowsAndArithmetic() {
        OpTiming op = ScoresFactors.scores(CPU.withDeviceBandwidth(new Figure(TRIAD, "triad")), false, timed(4, 1));
        // 16 groups x 65,536 rows of 64 floats (268 MB; the 64-byte sectors that r = 16 of 64 columns touch, all but
        // 0.5%) and the groups' rows of scores (4 MB), at 46 GB/s times the profile's memory fraction; each row dotted
        // with the 4 heads' masked queries.
        double bytes = 16 * 65536 * (64 + 1) * 4.0;
        assertEquals(bytes, op.op().deviceBytes(), 0.01 * bytes);
        assertEquals(op.op().deviceBytes() / (TRIAD * CPU.efficiency().memoryFraction().value()), op.memorySeconds(),
                0.01 * op.memorySeconds(), "and the profile's n-half of a stream");
        assertEquals(2.0 * 64 * 4 * 16 * 65536, op.op().matrixFlops(), 1e-3);
        assertEquals(4, op.op().onceScoreHeads());
    }

    @Test
    void whereTheArithmeticSetsTheTimeTheSolvedFactorGivesItBack() {
        // Beside a 4 TB/s triad the 64 cores' rows take 0.07 ms, their arithmetic 0.08 ms at four heads a row and
        // 0.17 ms at eight (counted): at these factors the arithmetic is the longer.
        double fast = 4e12;
        for (int heads : new int[] {4, 8}) {
            for (double f : new double[] {1.0, 1.6, 2.5}) {
                double measured = modelled(CPU, heads, f, fast);
                ScoresAlone.Times t = new ScoresAlone.Times(false, List.of(timed(heads, measured + LAUNCH)), fast);
                double solved = ScoresFactors.of(CPU, t, LAUNCH, " on test").orElseThrow().factor(heads);
                assertEquals(measured, modelled(CPU, heads, solved, fast), 1e-9 * measured, heads + " heads, " + f);
                assertEquals(f, solved, 1e-6 * f, heads + " heads");
            }
        }
    }

    @Test
    void whereTheRowsSetTheTimeTheCountedArithmeticStands() {
        // Beside 46 GB/s the rows take 5.9 ms and the arithmetic at one head a row 0.02 ms: a time 10% over the
        // model's would need 30 times the arithmetic, and says nothing of it.
        double measured = modelled(1, 1) * 1.1;
        ScoresArithmetic o = ScoresFactors.of(CPU, new ScoresAlone.Times(false, List.of(timed(1, measured + LAUNCH)),
                TRIAD), LAUNCH, " on test").orElseThrow();
        assertEquals(1, o.factor(1), 0);
        assertTrue(o.cases().get(0).factor().source().contains("the counted arithmetic stands"),
                o.cases().get(0).factor().source());
    }

    @Test
    void aTimeBeyondWhatAnyFactorGivesTakesTheFarEnd() {
        double slow = modelled(8, ArithmeticFactor.MAX_FACTOR) * 2;
        ScoresAlone.Times t = new ScoresAlone.Times(false, List.of(timed(8, slow + LAUNCH)), TRIAD);
        ScoresArithmetic o = ScoresFactors.of(CPU, t, LAUNCH, " on test").orElseThrow();
        assertEquals(ArithmeticFactor.MAX_FACTOR, o.factor(8), 1e-9);
        String source = o.cases().get(0).factor().source();
        assertTrue(source.startsWith("measured on test: SparqScoresKernel")
                && source.contains("8 query heads a KV head")
                && source.contains("46.0 GB/s"), source);
    }

    @Test
    void theFactorScalesTheArithmeticThatOverlapsTheRowsAtTheGeneralExponent() {
        HardwareProfile beside = CPU.withDeviceBandwidth(new Figure(TRIAD, "triad"));
        OpTiming op = ScoresFactors.scores(beside, false, timed(8, 1));
        double apart = op.vectorSeconds() + op.exponentialSeconds();
        assertEquals(Overlap.seconds(1.5 * op.matrixSeconds(), op.memorySeconds(), 2) + apart, modelled(8, 1.5),
                1e-9 * modelled(8, 1.5));
    }
}
