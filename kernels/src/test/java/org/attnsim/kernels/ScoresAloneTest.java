package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.SparqPipeline;
import org.attnsim.kernels.attention.SparqScoresKernel;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.ScoresAlone;
import org.junit.jupiter.api.Test;

class ScoresAloneTest {

    /**
     * Each case run once on the device, and its times set out by heads (the scores stage itself is checked against
     * the reference in SparqKernelsTest, 8 heads a KV head with K stored once among its shapes).
     */
    private static ScoresAlone.Times runEach(ScoresAlone scores, OpenCLDevice device) {
        List<Measurement> measured = new ArrayList<>();
        for (int i = 0; i < ScoresAlone.HEADS.length; i++) {
            ScoresAlone.Case c = scores.cases().get(i);
            assertEquals(ScoresAlone.HEADS[i], c.shape().queryHeads());
            assertEquals(1, c.shape().kvHeads());
            assertEquals(SparqScoresKernel.class, c.step().kernel().getClass());
            OpenClTestDevice.runOnce(c.step(), device);
            measured.add(new Measurement(c.step().what(), 1e-3 * (i + 1), 1e-3, 1e-3, 9, "cpu", false));
        }
        ScoresAlone.Times t = scores.times(measured, 40e9);
        assertEquals(List.of(1, 2, 4, 8), t.cases().stream().map(ScoresAlone.Times.Timed::heads).toList());
        assertEquals(4e-3, t.cases().get(3).measurement().medianSeconds(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> scores.times(measured.subList(0, 2), 40e9));
        return t;
    }

    /**
     * K stored once: 20,000 rows of d 64 cut into 8 groups a compute unit (on 2 units, 16 of 1,250 rows; 1,249 where
     * the pad that puts the rows on cache lines, as SparQ's steps lay them out, leaves room for 19,999).
     */
    @Test
    void storedOnceTheCasesCutTheRowsOnLinesIntoEightGroupsAUnit() {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 20_000;
        int d = 64;
        float[] keys = Microbenchmarks.randomRows(rows * d, 7);
        int groups = ScoresAlone.GROUPS_PER_UNIT * device.getMaxComputeUnits();
        int pad = LineStart.padFloats(device);
        int length = (pad == 0 ? rows : rows - 1) / groups;
        try (ScoresAlone once = ScoresAlone.once(device, keys, rows, d)) {
            assertFalse(once.keyTwice());
            assertTrue(once.cases().stream().allMatch(c -> c.rowStart() == pad), "rows on lines");
            ScoresAlone.Times t = runEach(once, device);
            assertFalse(t.keyTwice());
            assertTrue(t.cases().stream().allMatch(c -> c.groups() == groups && c.keyLength() == length
                    && c.headDim() == d), t.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> ScoresAlone.once(device, new float[64 * 4], 4, 64));
    }

    /** K stored twice: the keys as the d-major copies of as many groups of S 16,368 as they hold, one a unit here. */
    @Test
    void storedTwiceTheKeysAreTheGroupsColumnCopies() {
        OpenCLDevice device = OpenClTestDevice.get();
        int units = device.getMaxComputeUnits();
        int d = 64;
        long copy = SparqPipeline.columnFloats(AttentionShapeArgs.of(1, 1, 1, 1, ScoresAlone.TWICE_LENGTH, d, false));
        assertEquals(64L * ScoresAlone.TWICE_LENGTH, copy, "16,368 positions are 1,023 lines: an odd stride already");
        float[] keys = Microbenchmarks.randomRows((int) (units * copy + 5), 8);
        try (ScoresAlone twice = ScoresAlone.twice(device, keys, d).orElseThrow()) {
            assertTrue(twice.keyTwice());
            assertTrue(twice.cases().stream().allMatch(c -> c.rowStart() == 0), "the copies read whole");
            ScoresAlone.Times t = runEach(twice, device);
            assertTrue(t.keyTwice());
            assertTrue(t.cases().stream().allMatch(c -> c.groups() == units
                    && c.keyLength() == ScoresAlone.TWICE_LENGTH), t.toString());
        }
        assertTrue(ScoresAlone.twice(device, new float[(int) ((units - 1) * copy + 5)], d).isEmpty(),
                "fewer copies than units");
    }
}
