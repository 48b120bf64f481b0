package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.Arrays;
import org.attnsim.kernels.attention.AttentionReference;
import org.attnsim.kernels.attention.DecodeAttentionKernel;
import org.attnsim.kernels.micro.FurtherPassDecode;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.junit.jupiter.api.Test;

class FurtherPassDecodeTest {

    /**
     * 10,000 rows of d 64, fewer than a cache of 16,384 rows a compute unit: one cache a unit (on 2 units, 2 of 5,000
     * rows, more than a paired tile's 512): the plain kernel at two queries a row and the paired one at four and at
     * eight, over the same rows, each attending as the double-precision reference does.
     */
    @Test
    void itIsTheDecodingKernelAtTwoFourAndEightQueriesOverTheSameRows() {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 10_000;
        int d = 64;
        float[] keys = Microbenchmarks.randomRows(rows * d, 5);
        float[] values = Microbenchmarks.randomRows(rows * d, 6);
        try (FurtherPassDecode passes = FurtherPassDecode.over(device, keys, values, rows, d)) {
            int units = device.getMaxComputeUnits();
            int length = Math.min(FurtherPassDecode.LENGTH, rows / units);
            int batch = rows / length;
            assertEquals(DecodeAttentionKernel.class, passes.two().launch().kernel().getClass());
            assertEquals(DecodeAttentionKernel.class, passes.four().launch().kernel().getClass());
            assertEquals(DecodeAttentionKernel.class, passes.eight().launch().kernel().getClass());
            assertEquals((double) batch * length / units / 64, passes.tilesPerUnit(), 1e-12);
            for (FurtherPassDecode.Run run : new FurtherPassDecode.Run[] {passes.two(), passes.four(),
                    passes.eight()}) {
                assertEquals(batch, run.shape().batch());
                assertEquals(length, run.shape().keyLength());
                assertEquals(1, run.shape().kvHeads());
                OpenClTestDevice.runOnce(run.launch().kernel(), run.launch().range(), device);
                run.launch().kernel().get(run.outputs());
                double[] ref = AttentionReference.forward(run.shape(), run.queries(),
                        Arrays.copyOf(keys, batch * length * d), Arrays.copyOf(values, batch * length * d));
                double error = FlashAttentionKernelTest.relativeError(run.outputs(), ref);
                assertTrue(error < 1e-4, run.shape().queryHeads() + " queries: relative error " + error);
            }
            assertEquals(2, passes.two().shape().queryHeads());
            assertEquals(4, passes.four().shape().queryHeads());
            assertEquals(8, passes.eight().shape().queryHeads());
        }
    }

    /** The calibration's 2^20 rows: caches of 16,384 rows, as a decoding step at S 16k has them. */
    @Test
    void enoughRowsAreCutIntoCachesOfADecodingStepsLength() {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 4 * FurtherPassDecode.LENGTH * device.getMaxComputeUnits();
        float[] data = new float[rows * 64];
        try (FurtherPassDecode passes = FurtherPassDecode.over(device, data, data, rows, 64)) {
            assertEquals(FurtherPassDecode.LENGTH, passes.two().shape().keyLength());
            assertEquals(4 * device.getMaxComputeUnits(), passes.eight().shape().batch());
        }
    }

    @Test
    void rowsTooFewForItsSequencesAreRefused() {
        OpenCLDevice device = OpenClTestDevice.get();
        float[] rows = new float[64 * 4];
        assertThrows(IllegalArgumentException.class, () -> FurtherPassDecode.over(device, rows, rows, 4, 64));
    }
}
