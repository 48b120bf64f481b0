package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.attnsim.kernels.attention.SparqScoresKernel;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OnceScores;
import org.junit.jupiter.api.Test;

class OnceScoresTest {

    /**
     * 20,000 rows of d 64 cut into 8 groups a compute unit (on 2 units, 16 of 1,250 rows): the scores stage alone at
     * 1, 2, 4 and 8 query heads a row over the same rows, each run once on the device (the stage itself is checked
     * against the reference in SparqKernelsTest, 8 heads a row with K stored once among its shapes).
     */
    @Test
    void itIsTheScoresStageAtOneToEightHeadsARowOverTheSameRows() {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 20_000;
        int d = 64;
        float[] keys = Microbenchmarks.randomRows(rows * d, 7);
        int groups = OnceScores.GROUPS_PER_UNIT * device.getMaxComputeUnits();
        try (OnceScores once = OnceScores.over(device, keys, rows, d)) {
            assertEquals(OnceScores.HEADS.length, once.cases().size());
            List<Measurement> measured = new ArrayList<>();
            for (int i = 0; i < OnceScores.HEADS.length; i++) {
                OnceScores.Case c = once.cases().get(i);
                assertEquals(OnceScores.HEADS[i], c.shape().queryHeads());
                assertEquals(1, c.shape().kvHeads());
                assertEquals(groups, c.shape().batch());
                assertEquals(rows / groups, c.shape().keyLength());
                assertEquals((double) groups * (rows / groups) * d * Float.BYTES, c.bytes(), 1e-9);
                assertEquals(SparqScoresKernel.class, c.step().kernel().getClass());
                OpenClTestDevice.runOnce(c.step().kernel(), c.step().range(), device);
                measured.add(new Measurement(c.step().what(), 1e-3 * (i + 1), 1e-3, 1e-3, 9, "cpu", false));
            }
            OnceScores.Times t = once.times(measured, 40e9);
            assertEquals(List.of(1, 2, 4, 8), t.cases().stream().map(OnceScores.Times.Timed::heads).toList());
            assertEquals(4e-3, t.cases().get(3).measurement().medianSeconds(), 1e-15);
            assertTrue(t.cases().stream().allMatch(c -> c.groups() == groups && c.headDim() == d));
            assertThrows(IllegalArgumentException.class, () -> once.times(measured.subList(0, 2), 40e9));
        }
    }

    @Test
    void rowsTooFewForItsGroupsAreRefused() {
        OpenCLDevice device = OpenClTestDevice.get();
        assertThrows(IllegalArgumentException.class, () -> OnceScores.over(device, new float[64 * 4], 4, 64));
    }
}
