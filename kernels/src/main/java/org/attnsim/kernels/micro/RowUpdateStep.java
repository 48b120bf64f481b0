package org.attnsim.kernels.micro;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * The row-update benchmark ({@link RowUpdateKernel}) with its rows on the device, as a step to time alone
 * or in alternation with other kernels: timed beside them, it measures the FMA rate of the attention
 * kernels' value updates under the load they ran under.
 */
public final class RowUpdateStep implements AutoCloseable {

    private final RowUpdateKernel kernel;
    private final Harness.Step step;
    private final double flops;

    public RowUpdateStep(OpenCLDevice device, int items, int iterations, int group) {
        float[] rows = Microbenchmarks.randomRows(items * RowUpdateKernel.ROWS * RowUpdateKernel.LENGTH, 3);
        float[] out = new float[items];
        kernel = new RowUpdateKernel(rows, out, iterations);
        kernel.setExplicit(true);
        kernel.put(rows).put(out);
        step = new Harness.Step("row updates", kernel, Range.create(device, items, group));
        flops = (double) items * iterations * RowUpdateKernel.LENGTH * 8;
    }

    /** The calibration's shape: 4,096 items per unit in groups of 16, 256 passes each. */
    public static RowUpdateStep calibrationShape(OpenCLDevice device) {
        return new RowUpdateStep(device, device.getMaxComputeUnits() * Microbenchmarks.COMPUTE_ITEMS_PER_UNIT,
                Microbenchmarks.ROW_ITERATIONS, Microbenchmarks.ATTENTION_GROUP);
    }

    /** The calibration's work items and passes, a quarter of the items: about 4 ms a run here, to run beside others. */
    public static RowUpdateStep besideShape(OpenCLDevice device) {
        return new RowUpdateStep(device, device.getMaxComputeUnits() * Microbenchmarks.COMPUTE_ITEMS_PER_UNIT / 4,
                Microbenchmarks.ROW_ITERATIONS, Microbenchmarks.ATTENTION_GROUP);
    }

    public Harness.Step step() {
        return step;
    }

    /** FLOPs one run computes. */
    public double flops() {
        return flops;
    }

    /** The FLOP rate of a timed run: its FLOPs over its median less the launch latency. */
    public double flopsPerSecond(Measurement m, double launchSeconds) {
        return flops / (m.medianSeconds() - launchSeconds);
    }

    @Override
    public void close() {
        kernel.dispose();
    }
}
