package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.ManyColumnSparqScoresKernel;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.attention.SparqDecodeKernel;
import org.attnsim.kernels.attention.SparqScoresKernel;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.SparqStepCases;
import org.junit.jupiter.api.Test;

class SparqStepCasesTest {

    /**
     * Each case run once on the device, its kernel {@code kernel}, and its times set out by heads (the kernels
     * themselves are checked against the reference in SparqKernelsTest, 8 heads a KV head with K stored once among its
     * shapes).
     */
    private static SparqStepCases.Times runEach(SparqStepCases scores, Class<?> kernel, OpenCLDevice device) {
        List<Measurement> measured = new ArrayList<>();
        for (int i = 0; i < SparqStepCases.HEADS.length; i++) {
            SparqStepCases.Case c = scores.cases().get(i);
            assertEquals(SparqStepCases.HEADS[i], c.shape().queryHeads());
            assertEquals(1, c.shape().kvHeads());
            assertEquals(kernel, c.step().kernel().getClass());
            OpenClTestDevice.runOnce(c.step(), device);
            measured.add(new Measurement(c.step().what(), 1e-3 * (i + 1), 1e-3, 1e-3, 9, "cpu", false));
        }
        SparqStepCases.Times t = scores.times(measured, 40e9, 120e9);
        assertEquals(List.of(1, 2, 4, 8), t.cases().stream().map(SparqStepCases.Times.Timed::heads).toList());
        assertEquals(4e-3, t.cases().get(3).measurement().medianSeconds(), 1e-15);
        assertEquals(120e9, t.rowUpdatesFlopsPerSecond());
        assertThrows(IllegalArgumentException.class, () -> scores.times(measured.subList(0, 2), 40e9, 120e9));
        return t;
    }

    /**
     * K stored once: 20,000 rows of d 64 cut into 32 groups a compute unit (on 2 units, 64 of 312 rows, also where the
     * pad that puts the rows on cache lines, as SparQ's steps lay them out, leaves room for 19,999).
     */
    @Test
    void storedOnceTheCasesCutTheRowsOnLinesIntoThirtyTwoGroupsAUnit() {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 20_000;
        int d = 64;
        float[] keys = Microbenchmarks.randomRows(rows * d, 7);
        float[] values = Microbenchmarks.randomRows(rows * d, 9);
        int groups = SparqStepCases.GROUPS_PER_UNIT * device.getMaxComputeUnits();
        int pad = LineStart.padFloats(device);
        int length = (pad == 0 ? rows : rows - 1) / groups;
        try (SparqStepCases once = SparqStepCases.once(device, keys, values, rows, d)) {
            assertFalse(once.keyTwice());
            assertTrue(once.cases().stream().allMatch(c -> c.rowStart() == pad), "rows on lines");
            SparqStepCases.Times t = runEach(once, SparqDecodeKernel.class, device);
            assertFalse(t.keyTwice());
            assertTrue(t.cases().stream().allMatch(c -> c.groups() == groups && c.keyLength() == length
                    && c.headDim() == d), t.toString());
        }
        float[] few = new float[64 * 4];
        assertThrows(IllegalArgumentException.class, () -> SparqStepCases.once(device, few, few, 4, 64));
        assertThrows(IllegalArgumentException.class, () -> SparqStepCases.once(device, keys, few, rows, d),
                "values too few for the keys' groups");
    }

    /**
     * K stored once at another head size: 20,000 rows of d 64 are 10,000 of d 128 (9,999 after a pad), caches of 300
     * rows in 32 groups on 2 units (33 whole caches, a whole number a unit), of 1,000 rows in 10 (8 after a pad).
     */
    @Test
    void storedOnceAtAnotherHeadSizeTheCachesKeepTheirLengthAndComeFewer() {
        OpenCLDevice device = OpenClTestDevice.get();
        int units = device.getMaxComputeUnits();
        float[] keys = Microbenchmarks.randomRows(20_000 * 64, 7);
        float[] values = Microbenchmarks.randomRows(20_000 * 64, 9);
        int pad = LineStart.padFloats(device);
        long rows = (keys.length - pad) / 128;
        for (int length : new int[] {300, 1000}) {
            int groups = (int) (rows / length / units * units);
            try (SparqStepCases once = SparqStepCases.onceAtLength(device, keys, values, 128, length)) {
                SparqStepCases.Times t = runEach(once, SparqDecodeKernel.class, device);
                assertTrue(t.cases().stream().allMatch(c -> c.groups() == groups && c.keyLength() == length
                        && c.headDim() == 128), t.toString());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SparqStepCases.onceAtLength(device, keys, values, 128,
                10_000));
    }

    /**
     * K stored twice: the scores stage alone, the keys as the d-major copies of as many groups of S 16,368 as they
     * hold, one a unit here.
     */
    @Test
    void storedTwiceTheKeysAreTheGroupsColumnCopies() {
        OpenCLDevice device = OpenClTestDevice.get();
        int units = device.getMaxComputeUnits();
        int d = 64;
        long copy = SparqPipeline.columnFloats(AttentionShapeArgs.of(1, 1, 1, 1, SparqStepCases.TWICE_LENGTH, d,
                false));
        assertEquals(64L * SparqStepCases.TWICE_LENGTH, copy,
                "16,368 positions are 1,023 lines: an odd stride already");
        float[] keys = Microbenchmarks.randomRows((int) (units * copy + 5), 8);
        try (SparqStepCases twice = SparqStepCases.twice(device, keys, d, SparqStepCases.R).orElseThrow()) {
            assertTrue(twice.keyTwice());
            assertTrue(twice.cases().stream().allMatch(c -> c.rowStart() == 0), "the copies read whole");
            SparqStepCases.Times t = runEach(twice, SparqScoresKernel.class, device);
            assertTrue(t.keyTwice());
            assertFalse(t.inPasses(), "r 16 reads its columns in one pass");
            assertTrue(t.cases().stream().allMatch(c -> c.groups() == units
                    && c.keyLength() == SparqStepCases.TWICE_LENGTH), t.toString());
        }
        try (SparqStepCases passes = SparqStepCases.twice(device, keys, d, SparqStepCases.PASSES_R).orElseThrow()) {
            SparqStepCases.Times t = runEach(passes, ManyColumnSparqScoresKernel.class, device);
            assertEquals(SparqStepCases.PASSES_R, t.r());
            assertTrue(t.inPasses(), "r 32 reads its columns in passes");
        }
        assertTrue(SparqStepCases.twice(device, new float[(int) ((units - 1) * copy + 5)], d, SparqStepCases.R)
                .isEmpty(), "fewer copies than units");
    }
}
