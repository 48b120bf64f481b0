package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.micro.SparqStepCases;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.roofline.OpTiming;
import org.junit.jupiter.api.Test;

class PassesBandwidthTest {

    /** The bundled 64-core CPU with a general exponent of 2 and page runs at 20 GB/s. */
    private static final HardwareProfile CPU = HardwareCatalog.resolve("cpu-server-64c", "test", null)
            .withOverlapExponent(Optional.of(new Figure(2, "test")))
            .withPageRunBandwidth(new Figure(20e9, "test"));
    private static final double LAUNCH = 30e-6;
    private static final double TRIAD = 46e9;
    private static final double ROWS = RunRates.rowUpdates(CPU);

    /**
     * The scores op at r 32 of {@code heads} a row (as the cases time it: less its launch and start) on {@code profile}
     * beside a triad of {@code triad}, its further passes' loop at {@code rate} bytes/s and its arithmetic at factor
     * {@code f}.
     */
    static double modelled(HardwareProfile profile, int heads, double rate, double f, double triad) {
        HardwareProfile beside = profile.withDeviceBandwidth(new Figure(triad, "triad"))
                .withTwicePassesBandwidth(Optional.of(new Figure(rate, "rate")))
                .withTwicePassesScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                        new ScoresArithmetic.Case(heads, new Figure(f, "f"))))));
        OpTiming op = scoresOp(beside, heads);
        return op.seconds() - op.launchSeconds() - op.startSeconds();
    }

    /** The scores op at r 16 of one head a row on {@code profile} beside a triad of {@code triad}, as timed. */
    static double modelledOnePass(HardwareProfile profile, double triad) {
        OpTiming op = ScoresFactors.scores(Simulator.predict(ScoresFactors.step(profile.withDeviceBandwidth(
                new Figure(triad, "triad")), true, SparqStepCases.R, ScoresFactorsTest.timed(1, 1))));
        return op.seconds() - op.launchSeconds() - op.startSeconds();
    }

    private static OpTiming scoresOp(HardwareProfile profile, int heads) {
        return ScoresFactors.scores(Simulator.predict(ScoresFactors.step(profile, true, SparqStepCases.PASSES_R,
                ScoresFactorsTest.timed(heads, 1))));
    }

    private static SparqStepCases.Times atR32(List<SparqStepCases.Times.Timed> cases) {
        return new SparqStepCases.Times(true, SparqStepCases.PASSES_R, cases, TRIAD, ROWS);
    }

    private static SparqStepCases.Times atR16(double seconds) {
        return new SparqStepCases.Times(true, SparqStepCases.R, List.of(ScoresFactorsTest.timed(4, 1e-3),
                ScoresFactorsTest.timed(1, seconds)), TRIAD, ROWS);
    }

    @Test
    void theSolvedRateGivesBackWhatTheR32CaseTookBeyondTheR16One() {
        // Both cases 0.3 ms off their prices, as a calibration's cases may both run fast: the rate carries only
        // what the passes add.
        double r16 = modelledOnePass(CPU, TRIAD);
        for (double off : new double[] {0, -0.3e-3, 0.3e-3}) {
            for (double rate : new double[] {8e9, 16e9}) {
                double r32 = modelled(CPU, 1, rate, 1, TRIAD);
                Figure solved = PassesBandwidth.of(CPU, atR32(List.of(ScoresFactorsTest.timed(4, 1e-3),
                        ScoresFactorsTest.timed(1, r32 + LAUNCH + off))), atR16(r16 + LAUNCH + off), " on test")
                        .orElseThrow();
                assertEquals(rate, solved.value(), 1e-6 * rate, "off by " + off);
                assertTrue(solved.source().contains("ManyColumnSparqScoresKernel") && solved.source().contains(
                        "SparqScoresKernel (r 16, one pass)") && solved.source().contains("one query head a KV head"),
                        solved.source());
            }
        }
        // 16 groups of 65,536 positions, 16 of r 32's columns in the passes after the first (24 in the first half, 8
        // of them in its first pass), fp32.
        assertEquals(16 * 65536 * 16 * 4.0, scoresOp(CPU, 1).op().furtherPassBytes());
        // A slower loop makes a slower case; one no slower than the page runs (20 GB/s) leaves it as it was.
        assertTrue(modelled(CPU, 1, 8e9, 1, TRIAD) > modelled(CPU, 1, 16e9, 1, TRIAD));
        assertEquals(modelled(CPU, 1, 20e9, 1, TRIAD), modelled(CPU, 1, 40e9, 1, TRIAD), 1e-15);
    }

    @Test
    void noRateWithoutBothKernelsOneHeadCasesOfOneShapeOrATimeTheLoopCanCarry() {
        double r16 = modelledOnePass(CPU, TRIAD) + LAUNCH;
        double r32 = modelled(CPU, 1, 10e9, 1, TRIAD) + LAUNCH;
        SparqStepCases.Times passes = atR32(List.of(ScoresFactorsTest.timed(1, r32)));
        assertTrue(PassesBandwidth.of(CPU, passes, atR16(r16), " on test").isPresent());
        assertTrue(PassesBandwidth.of(CPU, atR16(r16), atR16(r16), " on test").isEmpty(), "r 16 has no passes");
        assertTrue(PassesBandwidth.of(CPU, passes, passes, " on test").isEmpty(), "no one-pass cases");
        assertTrue(PassesBandwidth.of(CPU, atR32(List.of(ScoresFactorsTest.timed(4, r32))), atR16(r16), " on test")
                .isEmpty(), "no one-head case");
        SparqStepCases.Times otherShape = new SparqStepCases.Times(true, SparqStepCases.R, List.of(
                new SparqStepCases.Times.Timed(1, 8, 65536, 64, ScoresFactorsTest.timed(1, r16).measurement())),
                TRIAD, ROWS);
        assertTrue(PassesBandwidth.of(CPU, passes, otherShape, " on test").isEmpty(), "other groups");
        // No slower than with the passes at the page-run rate, or a profile with no page-run rate to compare with.
        double atRuns = modelled(CPU, 1, 20e9, 1, TRIAD) + LAUNCH;
        assertTrue(PassesBandwidth.of(CPU, atR32(List.of(ScoresFactorsTest.timed(1, atRuns))), atR16(r16),
                " on test").isEmpty(), "as fast as the page runs");
        HardwareProfile noRuns = HardwareCatalog.resolve("cpu-server-64c", "test", null)
                .withOverlapExponent(Optional.of(new Figure(2, "test")));
        assertTrue(PassesBandwidth.of(noRuns, passes, atR16(r16), " on test").isEmpty(), "no page-run rate");
    }
}
