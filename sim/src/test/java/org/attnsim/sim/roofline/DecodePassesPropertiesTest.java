package org.attnsim.sim.roofline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.cost.OpCost;
import org.attnsim.sim.cost.OpGroup;
import org.attnsim.sim.cost.Pass;

/**
 * A decoding loop that scores a tile's heads a few a pass: only the first pass overlaps the reads and each pass
 * walks the rows again, so more heads a pass is never slower, and the time stays between full overlap and none.
 */
class DecodePassesPropertiesTest {

    private static final Terms TERMS = Terms.none().with(Term.DECODE_TILES, true).with(Term.MEASURED_OVERLAP, true);

    @Property
    void moreHeadsAPassIsNeverSlowerAndTheTimeStaysBetweenFullOverlapAndNone(
            @ForAll @DoubleRange(min = 0.1, max = 10) double oneHeadMicros,
            @ForAll @DoubleRange(min = 0, max = 10) double furtherHeadMicros,
            @ForAll @DoubleRange(min = 0, max = 1e9) double bytes,
            @ForAll @DoubleRange(min = 1, max = 8) double exponent,
            @ForAll @IntRange(min = 1, max = 8) int heads,
            @ForAll @IntRange(min = 1, max = 8) int headsAPass) {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null)
                .withOverlapExponent(Optional.of(new Figure(exponent, "test")))
                .withDecodeTile(Optional.of(new DecodeTile(new Figure(oneHeadMicros * 1e-6, "test"),
                        new Figure(furtherHeadMicros * 1e-6, "test"))));
        OpCost loop = new OpCost("t", OpGroup.ATTENTION, Pass.FORWARD, 0, 0,
                0, bytes, bytes, 1, 1, 1).withTileLoops(64_000, heads, headsAPass);
        double seconds = Roofline.time(loop, cpu, Dtype.FP32, TERMS).seconds();
        double more = Roofline.time(loop.withTileLoops(64_000, heads, headsAPass + 1), cpu, Dtype.FP32, TERMS)
                .seconds();
        // Each pass after the first walks the rows again, at what a head costs beyond a further one.
        int passes = (heads + headsAPass - 1) / headsAPass;
        double arithmetic = 1_000 * (oneHeadMicros + (heads - 1) * furtherHeadMicros
                + (passes - 1) * Math.max(0, oneHeadMicros - furtherHeadMicros)) * 1e-6;
        double memory = bytes / cpu.deviceMemory().bandwidthBytesPerSecond().value();
        double slack = 1e-12 * (arithmetic + memory);
        assertTrue(more <= seconds + slack, () -> more + " s with more heads a pass, " + seconds + " s with fewer");
        assertTrue(seconds >= Math.max(arithmetic, memory) - slack, () -> seconds + " s below the longer time");
        assertTrue(seconds <= arithmetic + memory + slack, () -> seconds + " s above the sum");
    }
}
