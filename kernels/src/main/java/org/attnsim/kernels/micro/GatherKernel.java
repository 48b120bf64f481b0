package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import org.attnsim.kernels.device.LineStart;

/**
 * Scattered rows read the way SparQ's exact stage starts on a CPU (SparqExactStage): in each work-group
 * one work item reads a float of every cache line of {@code rows} rows of two arrays (K and V) and adds
 * them, all loads independent of each other; the group's other items have nothing to do, as for an MHA
 * head. How fast such reads go, in lines per second per compute unit, times the memory latency, is how many
 * lines a unit keeps under way.
 */
public final class GatherKernel extends Kernel {

    final float[] keys;
    final float[] values;
    /** The index of each group's rows' first float, {@code rows} a group. */
    final int[] rowStarts;
    /** Each group's sum. */
    final float[] sums;
    final int rows;
    final int rowFloats;

    public GatherKernel(float[] keys, float[] values, int[] rowStarts, float[] sums, int rows, int rowFloats) {
        this.keys = keys;
        this.values = values;
        this.rowStarts = rowStarts;
        this.sums = sums;
        this.rows = rows;
        this.rowFloats = rowFloats;
    }

    @Override
    public void run() {
        if (getLocalId() == 0) {
            int g = getGroupId();
            float sum = 0f;
            for (int u = 0; u < rows; u++) {
                int row = rowStarts[g * rows + u];
                for (int c = 0; c < rowFloats; c += LineStart.LINE_FLOATS) {
                    sum += keys[row + c] + values[row + c];
                }
            }
            sums[g] = sum;
        }
    }
}
