package org.attnsim.kernels.micro;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.Random;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * The gather benchmark ({@link GatherKernel}) with its arrays on the device, shaped as SparQ's exact stage
 * at S 16k, d 64, k 128, batch 8 and 8 KV heads: K and V of {@value #SLICES} (batch, KV head) slices of
 * {@value #SLICE_ROWS} rows of {@value #ROW_FLOATS} floats (4 MiB a slice, 256 MiB an array), one
 * work-group a slice reading {@value #ROWS} of its rows at random, nearly all in pages of their own. Timed after a
 * read that evicts the cache, as the stage runs after the scores' stream, each row waits on a page walk
 * whose page-table lines are no longer cached, and then on its lines: the figure is what the stage's loads
 * reach, walks included. The rows start on cache lines, as attnsim lays SparQ's K and V out ({@link
 * LineStart}).
 */
public final class GatherStep extends BytesStep {

    static final int SLICES = 64;
    static final int SLICE_ROWS = 16384;
    static final int ROW_FLOATS = 64;
    static final int ROWS = 128;

    private GatherStep(OpenCLDevice device, GatherKernel kernel, int groups, long bytes) {
        super(kernel, new Harness.Step("gather", kernel, Range.create(device,
                groups * Microbenchmarks.ATTENTION_GROUP, Microbenchmarks.ATTENTION_GROUP)), bytes);
    }

    /** The calibration's shape, its rows after the device's pad ({@link LineStart#padFloats}). */
    public static GatherStep calibrationShape(OpenCLDevice device) {
        int pad = LineStart.padFloats(device);
        int[] starts = rowStarts(SLICES, SLICE_ROWS, ROWS, ROW_FLOATS, pad, new Random(29));
        float[] keys = new float[pad + SLICES * SLICE_ROWS * ROW_FLOATS];
        float[] values = new float[keys.length];
        float[] sums = new float[SLICES];
        GatherKernel kernel = new GatherKernel(keys, values, starts, sums, ROWS, ROW_FLOATS);
        kernel.setExplicit(true);
        kernel.put(keys).put(values).put(starts).put(sums);
        long lines = 2L * starts.length * (ROW_FLOATS / LineStart.LINE_FLOATS);
        return new GatherStep(device, kernel, SLICES, lines * LineStart.LINE_BYTES);
    }

    /**
     * For each slice, {@code rows} distinct rows of its {@code sliceRows} at random, as the indices of their
     * first floats in arrays of {@code pad} floats and then the slices.
     */
    static int[] rowStarts(int slices, int sliceRows, int rows, int rowFloats, int pad, Random random) {
        int[] starts = new int[slices * rows];
        for (int s = 0; s < slices; s++) {
            int[] order = Microbenchmarks.shuffled(sliceRows, random);
            for (int j = 0; j < rows; j++) {
                starts[s * rows + j] = pad + (s * sliceRows + order[j]) * rowFloats;
            }
        }
        return starts;
    }

    /**
     * Lines a compute unit keeps under way: its share of the lines read a second, times the memory latency
     * (Little's law).
     */
    public double linesInFlight(Measurement m, double launchSeconds, int units, double latencySeconds) {
        return linesInFlight(bytesPerSecond(m, launchSeconds), units, latencySeconds);
    }

    /** Lines a compute unit keeps under way when {@code units} of them gather {@code bytesPerSecond} in all. */
    public static double linesInFlight(double bytesPerSecond, int units, double latencySeconds) {
        return bytesPerSecond / LineStart.LINE_BYTES / units * latencySeconds;
    }
}
