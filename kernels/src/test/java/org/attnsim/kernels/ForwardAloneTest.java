package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.attention.FlashAttentionKernel;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.micro.ForwardAlone;
import org.attnsim.kernels.micro.RowUpdateStep;
import org.junit.jupiter.api.Test;

class ForwardAloneTest {

    /**
     * The forward kernel itself at d 32, 64 and 128 over d_model 512, S 1024, no mask (its output is checked in
     * FlashAttentionKernelTest), timed in rounds with the row updates on the device.
     */
    @Test
    void theCasesAreTheRowPerItemKernelAtEachHeadDimensionTimedBesideTheRowUpdates() {
        OpenCLDevice device = OpenClTestDevice.get();
        try (ForwardAlone forward = ForwardAlone.on(device);
                RowUpdateStep rows = RowUpdateStep.besideShape(device)) {
            assertEquals(3, forward.cases().size());
            for (int i = 0; i < 3; i++) {
                ForwardAlone.Case c = forward.cases().get(i);
                int d = ForwardAlone.HEAD_DIMS[i];
                assertEquals(FlashAttentionKernel.class, c.step().kernel().getClass());
                assertEquals(List.of(d, 512 / d, 512 / d, 1024, 1024, false), List.of(c.shape().headDim(),
                        c.shape().queryHeads(), c.shape().kvHeads(), c.shape().queryLength(), c.shape().keyLength(),
                        c.shape().causal()));
            }
            ForwardAlone.Times t = forward.timeBeside(rows, device, new Harness.Budget(1, 3, 3, 0.01), 0);
            assertEquals(List.of(32, 64, 128), t.cases().stream().map(ForwardAlone.Times.Timed::headDim).toList());
            assertEquals(List.of(16, 8, 4), t.cases().stream().map(ForwardAlone.Times.Timed::heads).toList());
            assertTrue(t.cases().stream().allMatch(c -> c.seqLen() == 1024 && c.measurement().repeats() == 3
                    && c.measurement().medianSeconds() > 0), t.toString());
            assertEquals(3, t.rowUpdates().repeats());
            assertEquals(rows.flopsPerSecond(t.rowUpdates(), 0), t.rowUpdatesFlopsPerSecond(), 0);
        }
    }
}
