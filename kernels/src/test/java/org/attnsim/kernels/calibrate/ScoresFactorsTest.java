package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.SparqStepCases;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Overlap;
import org.junit.jupiter.api.Test;

class ScoresFactorsTest {

    /** The bundled 64-core CPU with a measured general exponent of 2: what a calibration's profile gives the solve. */
    private static final HardwareProfile CPU = HardwareCatalog.resolve("cpu-server-64c", "test", null)
            .withOverlapExponent(Optional.of(new Figure(2, "test")));
    private static final double LAUNCH = 30e-6;
    private static final double TRIAD = 46e9;
    /** The profile's own row-update rate: the cases' rounds gave the same, unless a test says otherwise. */
    private static final double ROWS = RunRates.rowUpdates(CPU);

    static SparqStepCases.Times.Timed timed(int heads, double seconds) {
        return timed(heads, 64, seconds);
    }

    /** A case of 16 groups at {@code headDim}, their rows as many floats as 65,536 rows of 64. */
    static SparqStepCases.Times.Timed timed(int heads, int headDim, double seconds) {
        return new SparqStepCases.Times.Timed(heads, 16, 65536 * 64 / headDim, headDim, new Measurement("case",
                seconds, seconds, seconds, 9, "cpu", false));
    }

    /** What the model says the K-once step of case {@code c}'s shape takes at factor f, beside a triad of that B/s. */
    static double modelledOnce(HardwareProfile profile, SparqStepCases.Times.Timed c, double f, double triad) {
        HardwareProfile beside = profile.withDeviceBandwidth(new Figure(triad, "triad")).withOnceScoresArithmetic(
                Optional.of(new ScoresArithmetic(List.of(new ScoresArithmetic.Case(c.headDim(), c.heads(),
                        new Figure(f, "f"))))));
        return Simulator.predict(ScoresFactors.step(beside, false, SparqStepCases.R, c)).seconds();
    }

    /** The cases' times at r 16, as {@link SparqStepCases#times} gives them. */
    static SparqStepCases.Times atR16(boolean keyTwice, List<SparqStepCases.Times.Timed> cases, double triad,
            double rows) {
        return new SparqStepCases.Times(keyTwice, SparqStepCases.R, cases, triad, rows);
    }

    /** What the model says SparQ's step of {@code heads} a row takes at factor f, with the triad's bandwidth. */
    private static double modelled(int heads, double f) {
        return modelled(CPU, heads, f, TRIAD);
    }

    /** As {@link #modelled(int, double)}, on {@code profile} beside a triad of {@code triad} B/s. */
    static double modelled(HardwareProfile profile, int heads, double f, double triad) {
        return modelled(profile, false, heads, f, triad);
    }

    /**
     * As {@link #modelled(HardwareProfile, int, double, double)}, K stored twice or once: as the cases time them,
     * with K stored once the step's seconds (after other work, where the profile says what that costs), stored twice
     * the scores op's less its launch and start.
     */
    static double modelled(HardwareProfile profile, boolean keyTwice, int heads, double f, double triad) {
        HardwareProfile beside = withFactor(profile.withDeviceBandwidth(new Figure(triad, "triad")), keyTwice, heads,
                f);
        Prediction step = Simulator.predict(ScoresFactors.step(beside, keyTwice, SparqStepCases.R, timed(heads, 1)));
        OpTiming scores = ScoresFactors.scores(step);
        return keyTwice ? scores.seconds() - scores.launchSeconds() - scores.startSeconds() : step.seconds();
    }

    private static HardwareProfile withFactor(HardwareProfile profile, boolean keyTwice, int heads, double f) {
        Optional<ScoresArithmetic> factor = Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(heads, new Figure(f, "f")))));
        return keyTwice ? profile.withTwiceScoresArithmetic(factor) : profile.withOnceScoresArithmetic(factor);
    }

    /** The scores op of the step of {@code heads} a row on {@code profile}. */
    private static OpTiming scoresOp(HardwareProfile profile, boolean keyTwice, int heads) {
        return ScoresFactors.scores(Simulator.predict(ScoresFactors.step(profile, keyTwice, SparqStepCases.R,
                timed(heads, 1))));
    }

    @Test
    void storedTwiceTheSolvedFactorGivesBackTheMeasuredTimeAndBecomesTheTwiceFigure() {
        // Beside a 4 TB/s triad, 8 heads' FMAs on each column piece outlast its reads at these factors.
        double fast = 4e12;
        for (double f : new double[] {1.2, 2.0}) {
            double measured = modelled(CPU, true, 8, f, fast);
            SparqStepCases.Times t = atR16(true, List.of(timed(8, measured + LAUNCH)), fast, ROWS);
            ScoresArithmetic o = ScoresFactors.of(CPU, t, LAUNCH, " on test").orElseThrow();
            assertEquals(f, o.factor(8), 1e-6 * f);
            assertTrue(o.cases().get(0).factor().source().contains("K stored twice"), o.cases().get(0).factor()
                    .source());
        }
        OpTiming op = scoresOp(CPU, true, 8);
        assertEquals(8, op.op().twiceScoreHeads());
        assertTrue(op.op().pageRunBytes() > 0, "the columns' pieces are read as page runs");
    }

    @Test
    void storedTwiceAndReadInPassesTheSolvedFactorBecomesThatLoopsFigure() {
        // At r 32 the kernel reads its columns in passes: the factor is solved on the profile's factors for that loop,
        // whatever the profile's r 16 factors say, and gives the measured time back.
        double fast = 4e12;
        HardwareProfile withR16 = CPU.withTwiceScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(8, new Figure(3, "r 16"))))));
        for (double f : new double[] {1.2, 2.0}) {
            HardwareProfile beside = CPU.withDeviceBandwidth(new Figure(fast, "triad"))
                    .withTwicePassesScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                            new ScoresArithmetic.Case(8, new Figure(f, "f"))))));
            OpTiming op = ScoresFactors.scores(Simulator.predict(ScoresFactors.step(beside, true,
                    SparqStepCases.PASSES_R, timed(8, 1))));
            assertTrue(op.op().twiceScoresInPasses(), "r 32 reads in passes");
            double measured = op.seconds() - op.launchSeconds() - op.startSeconds();
            SparqStepCases.Times t = new SparqStepCases.Times(true, SparqStepCases.PASSES_R,
                    List.of(timed(8, measured + LAUNCH)), fast, ROWS);
            assertTrue(t.inPasses());
            ScoresArithmetic o = ScoresFactors.of(withR16, t, LAUNCH, " on test").orElseThrow();
            assertEquals(f, o.factor(8), 1e-6 * f);
            String source = o.cases().get(0).factor().source();
            assertTrue(source.contains("ManyColumnSparqScoresKernel") && source.contains("r 32, its columns read in "
                    + "passes"), source);
        }
        assertTrue(!atR16(true, List.of(), fast, ROWS).inPasses(), "r 16");
        assertTrue(!new SparqStepCases.Times(false, SparqStepCases.PASSES_R, List.of(), fast, ROWS).inPasses(),
                "K stored once");
    }

    @Test
    void theScoresOpIsTheCasesShapeOfRowsAndArithmetic() {
        OpTiming op = scoresOp(CPU.withDeviceBandwidth(new Figure(TRIAD, "triad")), false, 4);
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
                SparqStepCases.Times t = atR16(false, List.of(timed(heads, measured)), fast, ROWS);
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
        ScoresArithmetic o = ScoresFactors.of(CPU, atR16(false, List.of(timed(1, measured)),
                TRIAD, ROWS), LAUNCH, " on test").orElseThrow();
        assertEquals(1, o.factor(1), 0);
        assertTrue(o.cases().get(0).factor().source().contains("the counted arithmetic stands"),
                o.cases().get(0).factor().source());
    }

    @Test
    void aCaseFasterThanItsReadsAloneKeepsTheCountedArithmetic() {
        // Faster than the model's price with no arithmetic to speak of: the reads' price misses, not the arithmetic.
        double measured = modelled(1, 1 / ArithmeticFactor.MAX_FACTOR) * 0.9;
        ScoresArithmetic o = ScoresFactors.of(CPU, atR16(false, List.of(timed(1, measured)),
                TRIAD, ROWS), LAUNCH, " on test").orElseThrow();
        assertEquals(1, o.factor(1), 0);
        assertTrue(o.cases().get(0).factor().source().contains("the counted arithmetic stands"),
                o.cases().get(0).factor().source());
    }

    @Test
    void aTimeBeyondWhatAnyFactorGivesTakesTheFarEnd() {
        double slow = modelled(8, ArithmeticFactor.MAX_FACTOR) * 2;
        SparqStepCases.Times t = atR16(false, List.of(timed(8, slow)), TRIAD, ROWS);
        ScoresArithmetic o = ScoresFactors.of(CPU, t, LAUNCH, " on test").orElseThrow();
        assertEquals(ArithmeticFactor.MAX_FACTOR, o.factor(8), 1e-9);
        String source = o.cases().get(0).factor().source();
        assertTrue(source.startsWith("measured on test: SparQ's fused step (SparqDecodeKernel")
                && source.contains("8 query heads a KV head")
                && source.contains("46.0 GB/s"), source);
    }

    @Test
    void theFactorScalesTheArithmeticThatOverlapsTheRowsAtTheGeneralExponent() {
        HardwareProfile beside = CPU.withDeviceBandwidth(new Figure(TRIAD, "triad"));
        OpTiming op = scoresOp(beside, false, 8);
        double apart = op.vectorSeconds() + op.exponentialSeconds();
        OpTiming scaled = scoresOp(withFactor(beside, false, 8, 1.5), false, 8);
        assertEquals(Overlap.seconds(1.5 * op.matrixSeconds(), op.memorySeconds(), 2) + apart,
                scaled.seconds() - scaled.launchSeconds() - scaled.startSeconds(), 1e-9 * scaled.seconds());
    }

    /**
     * With K stored once the factor prices the whole step, as the cases time it: at least the scores alone (a core's
     * stages add up, the cores' overlap at most hides the others' stages), at most the three stages' sum
     * (SharedLaunch); the step with K stored twice has the same three stages.
     */
    @Test
    void theStepsPriceIsTheScoresAndTheOtherStagesTogether() {
        for (boolean keyTwice : new boolean[] {false, true}) {
            for (int heads : new int[] {1, 8}) {
                Prediction step = Simulator.predict(ScoresFactors.step(withFactor(
                        CPU.withDeviceBandwidth(new Figure(TRIAD, "triad")), keyTwice, heads, 1.3), keyTwice,
                        SparqStepCases.R, timed(heads, 1)));
                assertEquals(List.of("sparq approx scores", "sparq top-k", "sparq exact attention"),
                        step.ops().stream().map(t -> t.op().name()).toList());
                double sum = step.ops().stream().mapToDouble(OpTiming::seconds).sum();
                String what = (keyTwice ? "twice" : "once") + ", " + heads + " heads";
                assertTrue(step.seconds() >= ScoresFactors.scores(step).seconds(), what);
                assertTrue(step.seconds() <= sum * (1 + 1e-12), what);
            }
        }
    }

    /**
     * The K-once cases run after other work, as a cross-check's points do: the step's price they are solved against
     * takes the launch and the stages' starts after other work where the profile has them (here 1 ms, 0.2 ms and 0.1
     * ms, against a 30 us launch), and a case that took that much longer gives the same factor.
     */
    @Test
    void theKOnceCasesArePricedAfterOtherWork() {
        double fast = 4e12;
        HardwareProfile after = CPU.withLaunchAfterWork(Optional.of(new Figure(1e-3, "test")),
                Optional.of(new Figure(2e-4, "test")), Optional.of(new Figure(1e-4, "test")));
        double plain = modelled(CPU, 8, 1.6, fast);
        double measured = modelled(after, 8, 1.6, fast);
        assertTrue(measured - plain > 1e-3 - CPU.launchLatencySeconds().value(),
                "the launch after other work at least: " + (measured - plain));
        assertTrue(measured - plain <= 1e-3 - CPU.launchLatencySeconds().value() + 2e-4 + 2 * 1e-4 + 1e-12,
                "at most the launch and the three stages' starts: " + (measured - plain));
        SparqStepCases.Times t = atR16(false, List.of(timed(8, measured)), fast, ROWS);
        assertEquals(1.6, ScoresFactors.of(after, t, LAUNCH, " on test").orElseThrow().factor(8), 1e-6);
        assertTrue(ScoresFactors.of(after, t, LAUNCH, " on test").orElseThrow().cases().get(0).factor().source()
                .contains("after other work"));
    }

    /**
     * The cases' rounds time the row-update benchmark too, and the factor is solved at its rate there, as a
     * cross-check's profile takes that rate from its own rounds: a case timed where the benchmark ran at 0.9 of the
     * profile's rate gives back the factor of the model at 0.9, not 1/0.9 times it.
     */
    @Test
    void theFactorIsSolvedAtTheRowUpdatesBesideTheCases() {
        double fast = 4e12;
        HardwareProfile slower = RunRates.withRowUpdates(CPU, new Figure(0.9 * ROWS, "rows"));
        double measured = modelled(slower, 8, 1.6, fast);
        ScoresArithmetic beside = ScoresFactors.of(CPU, atR16(false, List.of(timed(8, measured)),
                fast, 0.9 * ROWS), LAUNCH, " on test").orElseThrow();
        assertEquals(1.6, beside.factor(8), 1e-6);
        assertTrue(beside.cases().get(0).factor().source().contains("row updates of "
                + Quantity.format(0.9 * ROWS, "FLOP/s")), beside.cases().get(0).factor().source());
        double atTheProfiles = ScoresFactors.of(CPU, atR16(false, List.of(timed(8, measured)),
                fast, ROWS), LAUNCH, " on test").orElseThrow().factor(8);
        assertTrue(atTheProfiles > 1.7, "at the profile's own rate the factor carries the slower rounds: "
                + atTheProfiles);
    }

    @Test
    void theCasesAreSolvedAtThePageRunsBesideThemWhereThoseWereTimed() {
        HardwareProfile apart = CPU.withPageRunBandwidth(new Figure(66e9, "timed apart, the memory fast"));
        SparqStepCases.Times with = new SparqStepCases.Times(true, SparqStepCases.R, List.of(timed(1, 1e-3)), TRIAD,
                ROWS, Optional.of(31e9));
        HardwareProfile beside = ScoresFactors.beside(apart, with);
        assertEquals(31e9, beside.pageRunBytesPerSecond().orElseThrow().value());
        assertEquals(TRIAD, beside.deviceMemory().bandwidthBytesPerSecond().value());
        assertTrue(ScoresFactors.besideWords(with).startsWith("a triad of 46.0 GB/s, row updates of "));
        assertTrue(ScoresFactors.besideWords(with).endsWith(" and page runs of 31.0 GB/s"));
        SparqStepCases.Times without = atR16(true, List.of(timed(1, 1e-3)), TRIAD, ROWS);
        assertEquals(66e9, ScoresFactors.beside(apart, without).pageRunBytesPerSecond().orElseThrow().value());
        assertTrue(ScoresFactors.besideWords(without).startsWith("a triad of 46.0 GB/s and row updates of "));
        // A case whose columns ran at the page runs beside it solves to the factor it was priced at there; solved at
        // the faster runs timed apart, the factor takes up their difference.
        SparqStepCases.Times.Timed c = timed(1, 1e-3);
        double there = Simulator.predict(ScoresFactors.step(beside, true, SparqStepCases.R, c)).seconds() - LAUNCH;
        SparqStepCases.Times measured = new SparqStepCases.Times(true, SparqStepCases.R, List.of(timed(1,
                there + LAUNCH)), TRIAD, ROWS, Optional.of(31e9));
        double atBeside = ScoresFactors.of(apart, measured, LAUNCH, " on test").orElseThrow().cases().get(0).factor()
                .value();
        SparqStepCases.Times apartOnly = atR16(true, List.of(timed(1, there + LAUNCH)), TRIAD, ROWS);
        double atApart = ScoresFactors.of(apart, apartOnly, LAUNCH, " on test").orElseThrow().cases().get(0).factor()
                .value();
        assertEquals(1, atBeside, 1e-6);
        assertTrue(atApart > 1.05, "the faster runs leave the case's time to the arithmetic: " + atApart);
    }
}
