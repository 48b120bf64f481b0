package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * The row-update benchmark with its data on the device, as a step to time alone or in alternation with
 * other kernels: timed beside them, it measures the FMA rate of the attention kernels' inner loops under
 * the load they ran under. The loops of the device's own kernels: {@link RowUpdateKernel} (a work item's
 * rows) on CPUs, {@link MicroTileKernel} (the GPU forward kernel's register micro-tiles over local tiles)
 * on GPUs.
 */
public final class RowUpdateStep implements AutoCloseable {

    private final Kernel kernel;
    private final Harness.Step step;
    private final double flops;

    /**
     * {@code items} work items of {@code iterations} passes each; on a CPU in groups of {@code group}, on a
     * GPU in {@link MicroTileKernel}'s groups.
     */
    public RowUpdateStep(OpenCLDevice device, int items, int iterations, int group) {
        if (device.getType() == Device.TYPE.GPU) {
            int groups = Math.max(1, items / MicroTileKernel.LOCAL);
            float[] tiles = Microbenchmarks.randomRows(groups * MicroTileKernel.TILE_FLOATS, 3);
            float[] out = new float[groups * MicroTileKernel.LOCAL];
            kernel = new MicroTileKernel(tiles, out, iterations);
            kernel.setExplicit(true);
            kernel.put(tiles).put(out);
            step = new Harness.Step("row updates", kernel, Range.create(device, out.length, MicroTileKernel.LOCAL));
            flops = (double) out.length * iterations * MicroTileKernel.FLOPS_PER_PASS;
        } else {
            float[] rows = Microbenchmarks.randomRows(items * RowUpdateKernel.ROWS * RowUpdateKernel.LENGTH, 3);
            float[] out = new float[items];
            kernel = new RowUpdateKernel(rows, out, iterations);
            kernel.setExplicit(true);
            kernel.put(rows).put(out);
            step = new Harness.Step("row updates", kernel, Range.create(device, items, group));
            flops = (double) items * iterations * RowUpdateKernel.LENGTH * 8;
        }
    }

    /** What the benchmark runs on a GPU or elsewhere, for the sources of the figures it gives. */
    public static String kernelDescription(boolean gpu) {
        return gpu ? "MicroTileKernel, the GPU forward kernel's 4 x 2 score and 4 x 4 output register tiles over "
                + "tiles in local memory, 256 items a group"
                : "RowUpdateKernel, four rows of 64 floats added into a fifth";
    }

    /** The calibration's shape: 4,096 items per unit in groups of 16 (of 256 on a GPU), 256 passes each. */
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
